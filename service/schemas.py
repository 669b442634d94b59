"""The component schemas of the OpenAPI document: request and answer
shapes, with the app's caps written into them."""

from __future__ import annotations

from typing import Any

from cronlab.diff import DEFAULT_LIMIT as DIFF_DEFAULT_LIMIT
from cronlab.words import LANGUAGES

from .config import Settings
from .diff import MAX_LIMIT as DIFF_MAX_LIMIT
from .inputs import EARLIEST, LATEST
from .simulate import MAX_WINDOWS

Schema = dict[str, Any]

# RFC 3339 date-time whose year lies in the accepted range (1900-2999).
_FROM_PATTERN = r"^(19|2[0-9])[0-9]{2}-"
_NOTES = ["normal", "gap_shifted", "fold_first", "fold_second", "anomaly"]
_ENDS = ["exhausted", "stalled", "hang"]


def ref(name: str) -> Schema:
    """A reference to the component schema ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def iso(moment: Any) -> str:
    """An instant as the document writes it."""
    return f"{moment:%Y-%m-%dT%H:%M:%SZ}"


def from_schema() -> Schema:
    """The schema of ``from``: a date-time in the accepted range."""
    return {
        "type": "string",
        "format": "date-time",
        "pattern": _FROM_PATTERN,
        "description": f"RFC 3339; between {iso(EARLIEST)} and {iso(LATEST)}; "
        "default now (then the answer is not cacheable).",
    }


def until_schema(settings: Settings) -> Schema:
    """The schema of ``until``, with the window cap."""
    return {
        "type": "string",
        "format": "date-time",
        "pattern": _FROM_PATTERN,
        "description": "RFC 3339; after `from` by at most "
        f"{settings.max_window_days} days.",
    }


def count_schema(high: int) -> Schema:
    """The schema of a run count, capped at ``high``."""
    return {"type": "integer", "minimum": 1, "maximum": high}


def component_schemas(settings: Settings, dialects: tuple[str, ...]) -> Schema:
    """Every named schema of the document."""
    return {
        "Error": _error_schema(),
        "Run": _run_schema(),
        "PreviewRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["expression"],
            "properties": {
                **_schedule_fields(dialects),
                "until": {**until_schema(settings), "type": ["string", "null"]},
                "count": {
                    **count_schema(settings.max_count),
                    "type": ["integer", "null"],
                    "description": f"Default {settings.default_count}, "
                    f"at most {settings.max_count}.",
                },
            },
        },
        "Preview": _preview_schema(),
        "CheckRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["manifest"],
            "properties": {
                "manifest": {
                    "type": "string",
                    "description": "YAML or JSON text, several documents "
                    f"allowed, at most {settings.max_check_objects} objects.",
                },
                "from": {**from_schema(), "type": ["string", "null"]},
                "count": {
                    "type": ["integer", "null"],
                    "minimum": 0,
                    "maximum": settings.max_check_count,
                    "description": "Runs per CronJob; default 3, at most "
                    f"{settings.max_check_count}.",
                },
            },
        },
        "Check": _check_schema(),
        "DstRequest": _request(
            {
                **_schedule_fields(dialects),
                "timeZone": {
                    "type": "string",
                    "minLength": 1,
                    "examples": ["America/New_York"],
                },
                "dialect": {
                    "type": ["string", "null"],
                    "enum": [*dialects, None],
                    "description": "Only this dialect; null or absent: every "
                    "dialect, side by side.",
                },
                "years": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": settings.max_dst_years,
                    "description": "Window length in years of 366 days; "
                    f"default 1, at most {settings.max_dst_years}.",
                },
            },
            required=("expression", "timeZone"),
        ),
        "Dst": _dst_schema(),
        "DiffRequest": _request(
            {
                "expression": {"type": "string", "examples": ["30 2 * * 7"]},
                "timeZone": {
                    "type": ["string", "null"],
                    "minLength": 1,
                    "description": "IANA zone name; null or absent: UTC.",
                    "examples": ["Europe/Berlin"],
                },
                "from": {**from_schema(), "type": ["string", "null"]},
                "years": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": settings.max_dst_years,
                    "description": "Window length in years of 366 days; "
                    f"default 1, at most {settings.max_dst_years}.",
                },
                "limit": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": DIFF_MAX_LIMIT,
                    "description": "Disagreements listed (all are counted); "
                    f"default {DIFF_DEFAULT_LIMIT}, at most {DIFF_MAX_LIMIT}.",
                },
            }
        ),
        "Diff": _diff_schema(),
        "SimulateRequest": _simulate_request(settings),
        "Simulation": _simulation_schema(),
        "DescribeRequest": _request(
            {
                **_schedule_fields(dialects),
                "language": {
                    "type": ["string", "null"],
                    "enum": [*LANGUAGES, None],
                },
            }
        ),
        "Description": _description_schema(),
        "Zones": _object(
            {"tzdata": {"type": "string"}, "zones": _list({"type": "string"})}
        ),
        "Health": _object(
            {
                "status": {"const": "ok"},
                "version": {"type": "string"},
                "tzdata": {"type": "string"},
            }
        ),
    }


def _schedule_fields(dialects: tuple[str, ...]) -> Schema:
    return {
        "expression": {"type": "string", "examples": ["30 2 * * *"]},
        "timeZone": {
            "type": ["string", "null"],
            "minLength": 1,
            "description": "IANA zone name; null or absent: UTC.",
            "examples": ["America/New_York"],
        },
        "dialect": {
            "type": ["string", "null"],
            "enum": [*dialects, None],
            "description": "Whose rules; null or absent: kubernetes.",
        },
        "from": {**from_schema(), "type": ["string", "null"]},
    }


def _request(properties: Schema, required: tuple[str, ...] = ("expression",)) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": properties,
    }


def _object(properties: Schema, optional: tuple[str, ...] = ()) -> Schema:
    required = [name for name in properties if name not in optional]
    return {"type": "object", "required": required, "properties": properties}


def _list(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _error_schema() -> Schema:
    nullable_text = {"type": ["string", "null"]}
    field_error = _object(
        {
            "parameter": {"type": "string"},
            "message": {"type": "string"},
            "field": {"type": "string", "description": "The cron field at fault."},
            "column": {"type": "integer", "minimum": 1},
            "text": {"type": "string"},
            "reason": {"type": "string"},
            "hint": nullable_text,
        },
        optional=("field", "column", "text", "reason", "hint"),
    )
    return _object(
        {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "description": {"type": "string"},
            "errors": _list(field_error),
        },
        optional=("errors",),
    )


def _run_schema() -> Schema:
    return _object(
        {
            "utc": {"type": "string", "format": "date-time"},
            "local": {"type": "string", "format": "date-time"},
            "offset": {"type": "string", "pattern": r"^[+-]\d\d:\d\d(:\d\d)?$"},
            "note": {"type": "string", "enum": _NOTES},
            "reason": {"type": "string"},
            "intended": {"type": "string"},
        },
        optional=("reason", "intended"),
    )


def _preview_schema() -> Schema:
    return _object(
        {
            "expression": {"type": "string"},
            "timeZone": {"type": "string"},
            "dialect": {"type": "string"},
            "from": {"type": "string", "format": "date-time"},
            "until": {"type": ["string", "null"], "format": "date-time"},
            "tzdata": {"type": "string"},
            "warnings": _list({"type": "string"}),
            "dst": _list({"type": "string"}),
            "runs": _list(ref("Run")),
            "end": {"enum": [*_ENDS, None]},
            "end_reason": {"type": ["string", "null"]},
        }
    )


def _check_schema() -> Schema:
    problem = _object(
        {
            "level": {"type": "string"},
            "field": {"type": "string"},
            "message": {"type": "string"},
        }
    )
    cronjob = _object(
        {
            "source": {"type": "string"},
            "namespace": {"type": ["string", "null"]},
            "name": {"type": ["string", "null"]},
            "schedule": {},
            "timeZone": {},
            "evaluatedIn": {"type": ["string", "null"]},
            "concurrencyPolicy": {},
            "suspend": {},
            "valid": {"type": "boolean"},
            "errors": _list(problem),
            "warnings": _list(problem),
            "next_runs": _list(ref("Run")),
        }
    )
    skipped = _object(
        {
            "source": {"type": "string"},
            "kind": {"type": "string"},
            "name": {"type": "string"},
            "reason": {"type": "string"},
        }
    )
    return _object(
        {
            "from": {"type": "string", "format": "date-time"},
            "tzdata": {"type": "string"},
            "cronjobs": _list(cronjob),
            "skipped": _list(skipped),
            "unreadable": _list({"type": "string"}),
            "valid": {"type": "boolean"},
        }
    )


def _dst_schema() -> Schema:
    fields: Schema = {
        "at": {"type": "string", "format": "date-time"},
        "kind": {"enum": ["gap", "fold"]},
        "cause": {"type": "string"},
        "offset_before": {"type": "string"},
        "offset_after": {"type": "string"},
    }
    change = _object(fields)
    # Each change of the window adds what every dialect did around it.
    transition = _object({**fields, "dialects": {"type": "object"}})
    return _object(
        {
            "expression": {"type": "string"},
            "timeZone": {"type": "string"},
            "tzdata": {"type": "string"},
            "from": {"type": "string", "format": "date-time"},
            "to": {"type": "string", "format": "date-time"},
            "dialects": _list({"type": "string"}),
            "refused": {"type": "object", "additionalProperties": {"type": "string"}},
            "notes": _list({"type": "string"}),
            "transitions": _list(transition),
            "calendar": _list(change),
            "calendar_to": {"type": "string", "format": "date-time"},
        }
    )


def _diff_schema() -> Schema:
    disagreement = _object(
        {
            "utc": {"type": "string", "format": "date-time"},
            "kind": {"type": "string"},
            "run_by": {
                "type": "object",
                "additionalProperties": {"$ref": "#/components/schemas/Run"},
            },
            "not_run_by": _list({"type": "string"}),
        }
    )
    return _object(
        {
            "expression": {"type": "string"},
            "timeZone": {"type": "string"},
            "tzdata": {"type": "string"},
            "from": {"type": "string", "format": "date-time"},
            "to": {"type": "string", "format": "date-time"},
            "dialects": _list({"type": "string"}),
            "refused": {"type": "object", "additionalProperties": {"type": "string"}},
            "warnings": _list({"type": "string"}),
            "notes": _list({"type": "string"}),
            "scope": {"type": "string"},
            "compared_until": {"type": "string", "format": "date-time"},
            "total": {"type": "integer", "minimum": 0},
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "disagreements": _list(disagreement),
        }
    )


def _description_schema() -> Schema:
    exception = _object(
        {
            "date": {"type": "string", "format": "date"},
            "kind": {"type": "string"},
            "local_times": _list({"type": "string"}),
            "text": {"type": "string"},
        }
    )
    nullable_text = {"type": ["string", "null"]}
    return _object(
        {
            "expression": {"type": "string"},
            "dialect": {"type": "string"},
            "from": {"type": "string", "format": "date-time"},
            "tzdata": {"type": "string"},
            "warnings": _list({"type": "string"}),
            "text": {"type": "string"},
            "summary": {"type": "string"},
            "timeZone": {"type": "string"},
            "zone_note": nullable_text,
            "dst_exceptions": _list(exception),
            "notes": _list({"type": "string"}),
            "never": nullable_text,
            "times": {"type": ["array", "null"], "items": {"type": "string"}},
            "weekdays": {"type": ["array", "null"], "items": {"type": "integer"}},
            "language": {"type": "string"},
            "window": {"type": ["array", "null"], "items": {"type": "string"}},
        }
    )


def _simulate_request(settings: Settings) -> Schema:
    def number(low: int, text: str, high: int = 2**31 - 1) -> Schema:
        return {
            "type": ["integer", "null"],
            "minimum": low,
            "maximum": high,
            "description": text,
        }

    def windows(what: str) -> Schema:
        return {
            "type": ["array", "null"],
            "maxItems": MAX_WINDOWS,
            "items": {"type": "string", "examples": ["+1h/2h"]},
            "description": f"{what} in each START/END window: ISO instants, "
            "or +offsets from `from`; END may be a length (+1h/2h).",
        }

    return _request(
        {
            "expression": {"type": "string", "examples": ["30 1 * * *"]},
            "timeZone": {
                "type": ["string", "null"],
                "minLength": 1,
                "description": "IANA zone name; null or absent: UTC.",
                "examples": ["America/New_York"],
            },
            "from": {
                **from_schema(),
                "type": ["string", "null"],
                "description": "When the CronJob is created; default now.",
            },
            "duration": {
                "type": "string",
                "description": "Job run time: 40m; 30m,45m (cycled); "
                "p50=30m,p90=45m; mean=40m,spread=10m.",
                "examples": ["70m"],
            },
            "policy": {
                "type": ["string", "null"],
                "enum": ["Allow", "Forbid", "Replace", None],
                "description": "concurrencyPolicy; null or absent: all three.",
            },
            "horizon": {
                "type": ["string", "null"],
                "description": "How long to simulate, e.g. 7d (default); at "
                f"most {settings.max_horizon_days}d and "
                f"{settings.max_simulation_starts} start times.",
                "examples": ["2d"],
            },
            "startingDeadlineSeconds": number(0, "spec.startingDeadlineSeconds."),
            "activeDeadlineSeconds": number(1, "The Job's activeDeadlineSeconds."),
            "backoffLimit": number(0, "The Job's backoffLimit (default 6)."),
            "podFailures": number(0, "Pods per Job that fail first.", 1000),
            "seed": number(0, "Seed of a duration distribution."),
            "downtime": windows("The controller is down"),
            "suspended": windows("The CronJob is suspended"),
        },
        required=("expression", "duration"),
    )


def _simulation_schema() -> Schema:
    return _object(
        {
            "expression": {"type": "string"},
            "timeZone": {"type": "string"},
            "from": {"type": "string", "format": "date-time"},
            "horizon_seconds": {"type": "number"},
            "duration": {"type": "string"},
            "tzdata": {"type": "string"},
            "warnings": _list({"type": "string"}),
            "policies": {"type": "object", "additionalProperties": {"type": "object"}},
            "timeline": _list({"type": "object"}),
        }
    )
