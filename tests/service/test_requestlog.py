"""One log line per request: method, path, status, milliseconds."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient


def test_each_request_logs_one_line(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="service.requests"):
        client.post("/v1/preview", json={"expression": "* * * * *"})
        client.get("/v1/nothing")

    lines = [r.getMessage() for r in caplog.records if r.name == "service.requests"]
    assert len(lines) == 2
    assert re.fullmatch(r"POST /v1/preview 200 \d+\.\dms", lines[0])
    assert re.fullmatch(r"GET /v1/nothing 404 \d+\.\dms", lines[1])
