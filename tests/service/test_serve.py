"""``cronlab serve``: the development server answers over a real socket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from .live import free_port, serving


def call(url: str, payload: Any = None) -> tuple[int, Any]:
    """Status and JSON body of a GET (or a POST when ``payload`` is given)."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


@pytest.fixture
def served() -> Iterator[str]:
    """``cronlab serve`` on a free port; its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "cronlab", "serve", "--port", str(port)]
    with serving(command, port) as base:
        yield base


def test_the_served_app_previews_documents_and_refuses(served: str) -> None:
    status, body = call(
        served + "/v1/preview",
        {
            "expression": "30 1 * * *",
            "timeZone": "America/New_York",
            "from": "2026-10-31T12:00:00Z",
            "count": 2,
        },
    )
    assert status == 200
    assert [r["utc"] for r in body["runs"]] == [
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:30:00Z",
    ]

    status, document = call(served + "/openapi.json")
    assert status == 200
    assert document["openapi"] == "3.1.0"

    status, error = call(served + "/v1/preview", {"expression": "61 * * * *"})
    assert status == 400
    assert {"code", "message", "description"} <= error.keys()


def test_a_port_in_use_is_one_line_and_exit_status_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "cronlab", "serve", "--port", str(port)]
        done = subprocess.run(command, capture_output=True, timeout=30, check=False)

    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr.decode()
