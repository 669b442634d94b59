"""``/healthz``: the process is up and can compute a schedule."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import version

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION, parse

from .caching import json_bytes, json_response

bp = Blueprint("health", __name__)

_PROBE_FROM = datetime(2026, 1, 1, tzinfo=UTC)


@bp.get("/healthz")
def get_health() -> Response:
    """Healthy when one real schedule still expands (zone data readable)."""
    parse("0 0 * * *", tz="Europe/Berlin").next_runs(_PROBE_FROM, 1)
    body = json_bytes(
        {"status": "ok", "version": version("cronlab"), "tzdata": TZDATA_VERSION}
    )
    return json_response(body, max_age=None)
