"""``/v1/zones``: every zone name the service accepts."""

from __future__ import annotations

from flask import Blueprint, Response

from cronlab import TZDATA_VERSION, zone_names

from .caching import json_bytes, json_response
from .state import state

bp = Blueprint("zones", __name__)


@bp.get("/v1/zones")
def get_zones() -> Response:
    """The IANA zone names of the pinned tzdata release, sorted."""
    body = json_bytes({"tzdata": TZDATA_VERSION, "zones": list(zone_names())})
    return json_response(body, max_age=state().settings.cache_max_age)
