"""``GET /``: the preview page.

The form is rendered here, prefilled from the query string, so a shared
link opens in the state it was shared in; ``static/page.js`` then asks
``/v1/preview`` for the runs (and ``/v1/describe``, ``/v1/simulate``) as
the user types, and keeps the address bar in step.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from cronlab import TZDATA_VERSION, zone_names
from cronlab.simulate import POLICIES

from .state import state

bp = Blueprint("page", __name__)

DEFAULT_EXPRESSION = "30 2 * * *"
DEFAULT_ZONE = "America/New_York"
PAGE_COUNT = 20


@bp.get("/")
def get_page() -> str:
    """The page, with the form as the query string describes it."""
    settings = state().settings
    args = request.args
    form = {
        "expr": args.get("expr", DEFAULT_EXPRESSION),
        "tz": args.get("tz", DEFAULT_ZONE),
        "from": args.get("from", ""),
        "count": args.get("count", str(PAGE_COUNT)),
        "dialect": args.get("dialect", "kubernetes"),
        "duration": args.get("duration", ""),
        "policy": args.get("policy", ""),
    }
    return render_template(
        "index.html",
        form=form,
        zones=zone_names(),
        dialects=state().dialects,
        policies=POLICIES,
        max_count=settings.max_count,
        tzdata=TZDATA_VERSION,
    )
