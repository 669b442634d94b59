"""``/v1/diff``: where the dialects disagree about one expression.

The answer is what ``cronlab diff --format json`` prints: portability
warnings about the text, then the instants only some dialects run at. The
window shares the DST report's cap (``max_dst_years``): both expand every
dialect over it.
"""

from __future__ import annotations

from flask import Blueprint, Response

from cronlab import CronlabError
from cronlab.diff import DEFAULT_LIMIT, diff_dialects

from . import inputs
from .caching import json_bytes, json_response
from .errors import refusal
from .state import state

bp = Blueprint("diff", __name__)

FIELDS = ("expression", "timeZone", "from", "years", "limit")

#: The most disagreements listed in one answer (all are counted).
MAX_LIMIT = 500


@bp.post("/v1/diff")
def post_diff() -> Response:
    """The dialects' disagreements about the posted expression."""
    settings = state().settings
    fields = inputs.json_fields(FIELDS, required=("expression",))
    expression = inputs.text(fields, "expression")
    time_zone = inputs.zone(fields)
    after = inputs.instant(fields, "from")
    years = inputs.integer(fields, "years", 1, 1, settings.max_dst_years)
    limit = inputs.integer(fields, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    fields.raise_if_invalid()
    assert expression is not None  # required

    try:
        result = diff_dialects(
            expression,
            time_zone,
            dialects=state().dialects,
            start=after or inputs.now(),
            years=years,
            limit=limit,
        )
    except CronlabError as err:
        raise refusal(err) from err
    max_age = None if after is None else settings.cache_max_age
    return json_response(json_bytes(result.to_dict()), max_age=max_age)
