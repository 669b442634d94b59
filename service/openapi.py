"""The OpenAPI 3.1 document, built from the app's own caps and dialects,
served at ``/openapi.json``."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION
from cronlab.words import LANGUAGES

from .caching import json_bytes, json_response
from .config import Settings
from .inputs import EARLIEST, LATEST
from .state import state

bp = Blueprint("openapi", __name__)

JSON = "application/json"
Schema = dict[str, Any]

# RFC 3339 date-time whose year lies in the accepted range (1900-2999).
_FROM_PATTERN = r"^(19|2[0-9])[0-9]{2}-"
_NOTES = ["normal", "gap_shifted", "fold_first", "fold_second", "anomaly"]
_ENDS = ["exhausted", "stalled", "hang"]


@bp.get("/openapi.json")
def get_openapi() -> Response:
    """The document describing this very app."""
    doc = openapi_document(state().settings, state().dialects)
    return json_response(json_bytes(doc), max_age=state().settings.cache_max_age)


def openapi_document(settings: Settings, dialects: tuple[str, ...]) -> Schema:
    """The whole OpenAPI 3.1 document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "cronlab preview service",
            "version": version("cronlab"),
            "description": _info_text(settings),
        },
        "paths": {
            "/v1/preview": _preview_paths(settings, dialects),
            "/v1/check": _check_paths(settings),
            "/v1/dst": _post(
                "postDst",
                "Every UTC-offset change in a window and its effect on runs",
                "DstRequest",
                "Dst",
                settings,
            ),
            "/v1/simulate": _post(
                "postSimulate",
                "Simulate the CronJob controller per concurrencyPolicy",
                "SimulateRequest",
                "Simulation",
                settings,
            ),
            "/v1/describe": _post(
                "postDescribe",
                "A schedule in words, with its zone and DST days",
                "DescribeRequest",
                "Description",
                settings,
            ),
            "/v1/zones": {"get": _zones_operation()},
            "/healthz": {"get": _health_operation()},
        },
        "components": {"schemas": _schemas(settings, dialects)},
    }


def _info_text(settings: Settings) -> str:
    return (
        "When cron schedules really run: Kubernetes-exact runs, DST marks, "
        f"manifest checks. Zone data: IANA tzdata {TZDATA_VERSION}.\n\n"
        f"Caps: request body at most {settings.max_body_bytes} bytes; "
        f"preview count at most {settings.max_count}; check count at most "
        f"{settings.max_check_count} per CronJob and at most "
        f"{settings.max_check_objects} objects per manifest; DST report window "
        f"at most {settings.max_dst_years} years; simulation horizon at most "
        f"{settings.max_horizon_days} days and at most "
        f"{settings.max_simulation_starts} start times; `until` at most "
        f"{settings.max_window_days} days after `from`; `from` between "
        f"{_iso(EARLIEST)} and {_iso(LATEST)}.\n\n"
        "Every non-2xx answer has the Error shape."
    )


def _iso(moment: Any) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%SZ}"


# Responses -------------------------------------------------------------


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: Schema) -> Schema:
    return {JSON: {"schema": schema}}


def _ok(description: str, schema_name: str, cached: bool) -> Schema:
    headers: Schema = {
        "Cache-Control": {
            "description": "public, max-age=… when the answer is deterministic; "
            "no-store when it depends on the clock",
            "schema": {"type": "string"},
        }
    }
    if cached:
        headers["ETag"] = {
            "description": "set when the answer is deterministic",
            "schema": {"type": "string"},
        }
    return {
        "description": description,
        "headers": headers,
        "content": _json(_ref(schema_name)),
    }


def _error(description: str) -> Schema:
    return {"description": description, "content": _json(_ref("Error"))}


def _body_errors(settings: Settings) -> Schema:
    return {
        "400": _error("Invalid parameters; `errors` has one entry per problem."),
        "413": _error(f"The body is over {settings.max_body_bytes} bytes."),
        "415": _error("The body is not JSON."),
    }


_NOT_MODIFIED = {"description": "The answer matches `If-None-Match`."}


# Operations ------------------------------------------------------------


def _preview_paths(settings: Settings, dialects: tuple[str, ...]) -> Schema:
    query = [
        _query("expr", {"type": "string"}, "The cron expression.", required=True),
        _query("tz", {"type": "string"}, "IANA zone name (default UTC)."),
        _query("dialect", {"type": "string", "enum": list(dialects)}, "Whose rules."),
        _query("from", _from_schema(), "Runs strictly after this instant."),
        _query("until", _until_schema(settings), "Runs strictly before this."),
        _query("count", _count_schema(settings.max_count), "How many runs."),
    ]
    return {
        "post": {
            "operationId": "postPreview",
            "summary": "The next runs of an expression in a zone",
            "requestBody": {
                "required": True,
                "content": _json(_ref("PreviewRequest")),
            },
            "responses": {
                "200": _ok("The runs.", "Preview", cached=True),
                **_body_errors(settings),
            },
        },
        "get": {
            "operationId": "getPreview",
            "summary": "The next runs, from a shareable link",
            "parameters": query,
            "responses": {
                "200": _ok("The runs.", "Preview", cached=True),
                "304": _NOT_MODIFIED,
                "400": _error("Invalid parameters."),
            },
        },
    }


def _check_paths(settings: Settings) -> Schema:
    return {
        "post": {
            "operationId": "postCheck",
            "summary": "Validate the CronJobs of a manifest; list their runs",
            "requestBody": {"required": True, "content": _json(_ref("CheckRequest"))},
            "responses": {
                "200": _ok("One report per CronJob.", "Check", cached=True),
                **_body_errors(settings),
            },
        }
    }


def _post(
    operation: str, summary: str, request: str, answer: str, settings: Settings
) -> Schema:
    return {
        "post": {
            "operationId": operation,
            "summary": summary,
            "requestBody": {"required": True, "content": _json(_ref(request))},
            "responses": {
                "200": _ok(summary + ".", answer, cached=True),
                **_body_errors(settings),
            },
        }
    }


def _zones_operation() -> Schema:
    return {
        "operationId": "getZones",
        "summary": "Every accepted IANA zone name",
        "responses": {
            "200": _ok("The zone names.", "Zones", cached=True),
            "304": _NOT_MODIFIED,
        },
    }


def _health_operation() -> Schema:
    return {
        "operationId": "getHealth",
        "summary": "Liveness: the process can compute a schedule",
        "responses": {"200": _ok("Healthy.", "Health", cached=False)},
    }


def _query(name: str, schema: Schema, text: str, required: bool = False) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": text,
        "schema": schema,
    }


# Schemas ---------------------------------------------------------------


def _from_schema() -> Schema:
    return {
        "type": "string",
        "format": "date-time",
        "pattern": _FROM_PATTERN,
        "description": f"RFC 3339; between {_iso(EARLIEST)} and {_iso(LATEST)}; "
        "default now (then the answer is not cacheable).",
    }


def _until_schema(settings: Settings) -> Schema:
    return {
        "type": "string",
        "format": "date-time",
        "pattern": _FROM_PATTERN,
        "description": "RFC 3339; after `from` by at most "
        f"{settings.max_window_days} days.",
    }


def _count_schema(high: int) -> Schema:
    return {"type": "integer", "minimum": 1, "maximum": high}


def _schemas(settings: Settings, dialects: tuple[str, ...]) -> Schema:
    nullable_text = {"type": ["string", "null"]}
    return {
        "Error": _error_schema(),
        "Run": _run_schema(),
        "PreviewRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["expression"],
            "properties": {
                "expression": {"type": "string", "examples": ["30 2 * * *"]},
                "timeZone": {
                    **nullable_text,
                    "description": "IANA zone name; null or absent: UTC.",
                    "examples": ["America/New_York"],
                },
                "dialect": {
                    "type": ["string", "null"],
                    "enum": [*dialects, None],
                    "description": "Whose rules; null or absent: kubernetes.",
                },
                "from": {**_from_schema(), "type": ["string", "null"]},
                "until": {**_until_schema(settings), "type": ["string", "null"]},
                "count": {
                    **_count_schema(settings.max_count),
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
                "from": {**_from_schema(), "type": ["string", "null"]},
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
                "timeZone": {"type": "string", "examples": ["America/New_York"]},
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
            "description": "IANA zone name; null or absent: UTC.",
            "examples": ["America/New_York"],
        },
        "dialect": {
            "type": ["string", "null"],
            "enum": [*dialects, None],
            "description": "Whose rules; null or absent: kubernetes.",
        },
        "from": {**_from_schema(), "type": ["string", "null"]},
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
            "runs": _list(_ref("Run")),
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
            "next_runs": _list(_ref("Run")),
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

    return _request(
        {
            "expression": {"type": "string", "examples": ["30 1 * * *"]},
            "timeZone": {
                "type": ["string", "null"],
                "description": "IANA zone name; null or absent: UTC.",
                "examples": ["America/New_York"],
            },
            "from": {
                **_from_schema(),
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
