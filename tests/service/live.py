"""Starting the service on a real socket for a test."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import pytest


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    """Poll /healthz for up to 20 s; fail with the server's output if not."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"server exited: {log.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("server did not answer /healthz within 20 s")


@contextmanager
def serving(command: list[str], port: int) -> Iterator[str]:
    """Run ``command`` (a server listening on ``port``) until the block
    ends; yields its base URL once /healthz answers."""
    # The request log goes to a file: a pipe nobody reads would fill up
    # and stall the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
