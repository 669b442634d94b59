"""``/v1/dst``: every UTC-offset change in a window, and what each dialect
does to the schedule's runs around it.

The answer is what ``cronlab dst --format json`` prints; the window is
capped (``max_dst_years``) because each change is analysed per dialect.
"""

from __future__ import annotations

from flask import Blueprint, Response

from cronlab import CronlabError
from cronlab.dst import dst_report

from . import inputs
from .caching import json_bytes, json_response
from .errors import refusal
from .state import state

bp = Blueprint("dst", __name__)

FIELDS = ("expression", "timeZone", "dialect", "from", "years")


@bp.post("/v1/dst")
def post_dst() -> Response:
    """The DST report of the posted expression in its zone."""
    settings = state().settings
    fields = inputs.json_fields(FIELDS, required=("expression", "timeZone"))
    expression = inputs.text(fields, "expression")
    time_zone = inputs.zone(fields)
    # No dialect: every installed dialect, side by side.
    dialect = None
    if fields.has("dialect"):
        dialect = inputs.choice(fields, "dialect", state().dialects, "kubernetes")
    after = inputs.instant(fields, "from")
    years = inputs.integer(fields, "years", 1, 1, settings.max_dst_years)
    fields.raise_if_invalid()
    assert expression is not None and time_zone is not None  # required

    try:
        report = dst_report(
            expression,
            time_zone,
            dialects=[dialect] if dialect else None,
            start=after or inputs.now(),
            years=years,
        )
    except CronlabError as err:
        raise refusal(err) from err
    max_age = None if after is None else settings.cache_max_age
    return json_response(json_bytes(report.to_dict()), max_age=max_age)
