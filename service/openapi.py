"""The OpenAPI 3.1 document, built from the app's own caps and dialects,
served at ``/openapi.json``."""

from __future__ import annotations

from importlib.metadata import version

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION

from .caching import json_bytes, json_response
from .config import Settings
from .diff import MAX_LIMIT as DIFF_MAX_LIMIT
from .inputs import EARLIEST, LATEST
from .schemas import (
    Schema,
    component_schemas,
    count_schema,
    from_schema,
    iso,
    ref,
    until_schema,
)
from .state import state

bp = Blueprint("openapi", __name__)

JSON = "application/json"


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
            "/v1/diff": _post(
                "postDiff",
                "Where the dialects disagree: portability warnings and instants",
                "DiffRequest",
                "Diff",
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
        "components": {"schemas": component_schemas(settings, dialects)},
    }


def _info_text(settings: Settings) -> str:
    return (
        "When cron schedules really run: Kubernetes-exact runs, DST marks, "
        f"manifest checks. Zone data: IANA tzdata {TZDATA_VERSION}.\n\n"
        f"Caps: request body at most {settings.max_body_bytes} bytes; "
        f"preview count at most {settings.max_count}; check count at most "
        f"{settings.max_check_count} per CronJob and at most "
        f"{settings.max_check_objects} objects per manifest; DST report window "
        f"(and dialect diff window) at most {settings.max_dst_years} years; "
        f"diff lists at most {DIFF_MAX_LIMIT} disagreements; simulation "
        "horizon at most "
        f"{settings.max_horizon_days} days and at most "
        f"{settings.max_simulation_starts} start times; `until` at most "
        f"{settings.max_window_days} days after `from`; `from` between "
        f"{iso(EARLIEST)} and {iso(LATEST)}.\n\n"
        "Every non-2xx answer has the Error shape."
    )


# Responses -------------------------------------------------------------


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
        "content": _json(ref(schema_name)),
    }


def _error(description: str) -> Schema:
    return {"description": description, "content": _json(ref("Error"))}


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
        _query("from", from_schema(), "Runs strictly after this instant."),
        _query("until", until_schema(settings), "Runs strictly before this."),
        _query("count", count_schema(settings.max_count), "How many runs."),
    ]
    return {
        "post": {
            "operationId": "postPreview",
            "summary": "The next runs of an expression in a zone",
            "requestBody": {
                "required": True,
                "content": _json(ref("PreviewRequest")),
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
            "requestBody": {"required": True, "content": _json(ref("CheckRequest"))},
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
            "requestBody": {"required": True, "content": _json(ref(request))},
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
