"""``cronlab serve``: the development server answers over a real socket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    """Poll /healthz for up to 20 s; fail with the server's output if not."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.communicate()[1].decode()}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("server did not answer /healthz within 20 s")


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
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=10)


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
