"""``/v1/describe``: a schedule in words, with its zone and DST days.

The answer is what ``cronlab explain --format json`` prints.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION, CronlabError, describe
from cronlab.words import LANGUAGES

from . import inputs
from .caching import json_bytes, json_response
from .errors import refusal
from .preview import utc_text
from .state import state

bp = Blueprint("describe", __name__)

FIELDS = ("expression", "timeZone", "dialect", "from", "language")


@bp.post("/v1/describe")
def post_describe() -> Response:
    """Describe the posted expression in its zone."""
    fields = inputs.json_fields(FIELDS, required=("expression",))
    expression = inputs.text(fields, "expression")
    time_zone = inputs.zone(fields)
    dialect = inputs.choice(fields, "dialect", state().dialects, "kubernetes")
    after = inputs.instant(fields, "from")
    language = inputs.choice(fields, "language", tuple(LANGUAGES), "en")
    schedule = inputs.schedule(fields, expression, time_zone, dialect)
    fields.raise_if_invalid()
    assert schedule is not None  # every parameter was checked above

    moment = after or inputs.now()
    try:
        description = describe(schedule, after=moment, language=language)
    except CronlabError as err:
        raise refusal(err) from err
    body: dict[str, Any] = {
        "expression": expression,
        "dialect": dialect,
        "from": utc_text(moment),
        "tzdata": TZDATA_VERSION,
        "warnings": list(schedule.warnings),
        **description.to_dict(),
    }
    max_age = None if after is None else state().settings.cache_max_age
    return json_response(json_bytes(body), max_age=max_age)
