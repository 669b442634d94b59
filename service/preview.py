"""``/v1/preview``: the next runs of one expression in one zone.

``POST`` takes a JSON body; ``GET`` takes the same parameters in the query
string (``expr``, ``tz``, ``dialect``, ``from``, ``count``) so a preview
can be shared as a link.  With an explicit ``from`` the answer is
deterministic: it is cached per worker and sent with cache headers.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, request

from cronlab import TZDATA_VERSION, Run, RunList, Schedule, parse
from cronlab.clauses import never_warnings
from cronlab.dst import dst_warnings_for_runs

from . import inputs
from .caching import json_bytes, json_response
from .errors import field_error
from .state import state

bp = Blueprint("preview", __name__)

FIELDS = ("expression", "timeZone", "dialect", "from", "until", "count")
QUERY = {
    "expr": "expression",
    "tz": "timeZone",
    "dialect": "dialect",
    "from": "from",
    "until": "until",
    "count": "count",
}


@bp.post("/v1/preview")
def post_preview() -> Response:
    """Preview from a JSON body."""
    return _answer(inputs.json_fields(FIELDS, required=("expression",)))


@bp.get("/v1/preview")
def get_preview() -> Response:
    """Preview from the query string (a shareable link)."""
    fields = inputs.query_fields(QUERY)
    if "expr" not in request.args:
        fields.errors.append(field_error("expr", "expr is required"))
    return _answer(fields)


def _answer(fields: inputs.Fields) -> Response:
    # Read and check every parameter, then refuse with all problems at once.
    settings = state().settings
    expression = inputs.text(fields, "expression")
    time_zone = inputs.zone(fields)
    dialect = inputs.choice(fields, "dialect", state().dialects, "kubernetes")
    after = inputs.instant(fields, "from")
    until = inputs.instant(fields, "until")
    count = inputs.integer(
        fields, "count", settings.default_count, 1, settings.max_count
    )
    start = after or inputs.now()
    inputs.window(fields, start, until, settings.max_window_days)
    key = (expression, time_zone, dialect, start, until, count)

    # With an explicit "from" the answer is deterministic: a kept one is
    # sent without parsing the expression again.
    cache = state().previews
    found = None
    if after is not None and not fields.errors:
        found = cache.get(key)
    if found is None:
        inputs.schedule(fields, expression, time_zone, dialect)
        fields.raise_if_invalid()
        assert expression is not None  # required, checked above
        body = json_bytes(
            preview_body(expression, time_zone, dialect, start, until, count)
        )
        if after is None:
            return json_response(body, max_age=None)
        found = cache.put(key, body)
    body, etag = found
    return json_response(body, max_age=settings.cache_max_age, etag=etag)


def preview_body(
    expression: str,
    time_zone: str | None,
    dialect: str,
    after: datetime,
    until: datetime | None,
    count: int,
) -> dict[str, Any]:
    """The preview answer: the keys ``cronlab preview --format json``
    prints (so every face gives the same answer), plus ``until``.

    Runs are strictly after ``after`` and, when ``until`` is given,
    strictly before it; at most ``count`` of them.
    """
    schedule = parse(expression, tz=time_zone, dialect=dialect)
    if until is None:
        runs = schedule.next_runs(after, count)
    else:
        runs = runs_before(schedule, after, until, count)
    # The window was searched up to "until" unless "count" cut it short.
    searched_to = until if until is not None and len(runs) < count else None
    return {
        "expression": expression,
        "timeZone": schedule.tz,
        "dialect": dialect,
        "from": utc_text(after),
        "until": None if until is None else utc_text(until),
        "tzdata": TZDATA_VERSION,
        "warnings": [
            *schedule.warnings,
            *(never_warnings(schedule.expression) if runs.end else ()),
        ],
        "dst": dst_warnings_for_runs(schedule, after, runs, searched_to),
        "runs": [run.to_dict() for run in runs],
        "end": runs.end.value if runs.end else None,
        "end_reason": runs.end_reason,
    }


def utc_text(moment: datetime) -> str:
    """An instant in UTC, RFC 3339 with ``Z``.

    Equal instants give equal text whatever offset they came with, so the
    cache (which treats equal instants as one key) never echoes the wrong
    one.
    """
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def runs_before(
    schedule: Schedule, after: datetime, until: datetime, count: int
) -> RunList:
    """At most ``count`` runs strictly between ``after`` and ``until``,
    keeping why the search ended if it ended before ``until``.

    Lazy, so a sparse schedule costs only the runs inside the window.
    """
    expansion = schedule.expand_unix(math.floor(after.timestamp()))
    stop = until.timestamp()
    runs: list[Run] = []
    while len(runs) < count:
        try:
            run = next(expansion)
        except StopIteration as ended:
            if ended.value is not None:
                return RunList(runs, *ended.value)
            break
        if run.unix >= stop:
            break
        runs.append(run)
    return RunList(runs)
