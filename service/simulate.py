"""``/v1/simulate``: what the CronJob controller does with Jobs that take
time, per ``concurrencyPolicy``.

The answer is the per-policy figures, Jobs and start-time timeline of
``cronlab simulate --format json``.  A simulation costs work per start
time, so both the horizon and the number of start times in it are capped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION, CronlabError, Schedule
from cronlab.durations import format_duration, parse_duration, parse_duration_model
from cronlab.simulate import (
    POLICIES,
    Scenario,
    Window,
    compare,
    comparison_to_dict,
    parse_window,
)

from . import inputs
from .caching import json_bytes, json_response
from .errors import field_error, invalid, library_error
from .preview import runs_before, utc_text
from .state import state

bp = Blueprint("simulate", __name__)

FIELDS = (
    "expression",
    "timeZone",
    "from",
    "duration",
    "policy",
    "horizon",
    "startingDeadlineSeconds",
    "activeDeadlineSeconds",
    "backoffLimit",
    "podFailures",
    "seed",
    "downtime",
    "suspended",
)
DEFAULT_HORIZON = "7d"
MAX_INT = 2**31 - 1
# Windows per kind: more than a client writes by hand, few enough to scan.
MAX_WINDOWS = 100


@bp.post("/v1/simulate")
def post_simulate() -> Response:
    """Simulate the posted schedule under one policy or all three."""
    settings = state().settings
    fields = inputs.json_fields(FIELDS, required=("expression", "duration"))
    expression = inputs.text(fields, "expression")
    time_zone = inputs.zone(fields)
    after = inputs.instant(fields, "from")
    policy = None
    if fields.has("policy"):
        policy = inputs.choice(fields, "policy", POLICIES, "Allow")
    horizon = _horizon(fields, settings.max_horizon_days)
    model_text = inputs.text(fields, "duration")
    numbers = {
        "starting_deadline_seconds": _count(fields, "startingDeadlineSeconds", None),
        "active_deadline_seconds": _count(fields, "activeDeadlineSeconds", None, 1),
        "backoff_limit": _count(fields, "backoffLimit", 6),
        "pod_failures": _count(fields, "podFailures", 0, high=1000),
    }
    seed = inputs.integer(fields, "seed", 0, 0, MAX_INT)
    schedule = inputs.schedule(fields, expression, time_zone, "kubernetes")
    model = None
    if model_text is not None:
        try:
            model = parse_duration_model(model_text, seed=seed)
        except CronlabError as err:
            fields.errors.append(library_error("duration", err))
    fields.raise_if_invalid()
    assert schedule is not None and model is not None and horizon is not None

    # Refuse a simulation with too many start times before running it.
    start = after or inputs.now()
    downtime = _windows(fields, "downtime", start)
    suspended = _windows(fields, "suspended", start)
    fields.raise_if_invalid()
    _check_starts(schedule, start, horizon, settings.max_simulation_starts)
    scenario = Scenario(
        schedule,
        start,
        horizon,
        model,
        **numbers,
        downtime=downtime,
        suspended=suspended,
    )
    try:
        results = compare(scenario, [policy] if policy else POLICIES)
    except CronlabError as err:
        raise invalid([library_error("horizon", err)]) from err

    body: dict[str, Any] = {
        "expression": expression,
        "timeZone": schedule.tz,
        "from": utc_text(start),
        "horizon_seconds": horizon,
        "duration": model.describe(),
        "tzdata": TZDATA_VERSION,
        "warnings": list(schedule.warnings),
        **comparison_to_dict(results),
    }
    max_age = None if after is None else settings.cache_max_age
    return json_response(json_bytes(body), max_age=max_age)


def _windows(fields: inputs.Fields, name: str, origin: datetime) -> tuple[Window, ...]:
    value = fields.values.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        message = f"{name} must be a list of START/END strings: {inputs.shown(value)}"
        fields.errors.append(field_error(name, message))
        return ()
    if len(value) > MAX_WINDOWS:
        message = f"{name} must hold at most {MAX_WINDOWS} windows: {len(value)!r}"
        fields.errors.append(field_error(name, message))
        return ()
    found: list[Window] = []
    for text in value:
        try:
            window = parse_window(text, origin, name)
        except CronlabError as err:
            fields.errors.append(library_error(name, err))
            continue
        if window.end_ms <= window.start_ms:
            message = f"{name} windows must end after they start: {text!r}"
            fields.errors.append(field_error(name, message))
        found.append(window)
    return tuple(found)


def _horizon(fields: inputs.Fields, max_days: int) -> float | None:
    text = inputs.text(fields, "horizon", DEFAULT_HORIZON) or DEFAULT_HORIZON
    try:
        seconds = parse_duration(text)
    except CronlabError as err:
        fields.errors.append(library_error("horizon", err))
        return None
    if not 0 < seconds <= max_days * 86400:
        message = f"horizon must be more than 0 and at most {max_days}d: {text!r}"
        fields.errors.append(field_error("horizon", message))
        return None
    return seconds


def _count(
    fields: inputs.Fields,
    name: str,
    default: int | None,
    low: int = 0,
    high: int = MAX_INT,
) -> Any:
    if not fields.has(name):
        return default
    return inputs.integer(fields, name, low, low, high)


def _check_starts(
    schedule: Schedule, start: datetime, horizon: float, cap: int
) -> None:
    until = start + timedelta(seconds=horizon)
    starts = runs_before(schedule, start, until, cap + 1)
    if len(starts) > cap:
        message = (
            f"the schedule starts more than {cap} Jobs in the horizon; "
            f"shorten the horizon: {format_duration(horizon)}"
        )
        raise invalid([field_error("horizon", message)])
