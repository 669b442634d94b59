"""The contract over a real socket: schemathesis's own command line drives
the service as the README runs it in production (gunicorn, two workers,
threads), so what the in-process contract test checks also holds through
the WSGI server: documented statuses, headers and shapes, invalid data
refused, and never a 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .live import free_port, serving

BIN = Path(sys.executable).parent


def test_the_production_server_keeps_to_the_document(tmp_path: Path) -> None:
    gunicorn, schemathesis = BIN / "gunicorn", BIN / "schemathesis"
    if not (gunicorn.exists() and schemathesis.exists()):
        pytest.skip(f"gunicorn or schemathesis is not installed in {BIN}")
    port = free_port()
    server = [
        str(gunicorn),
        *("-w", "2", "-k", "gthread", "--threads", "4"),
        *("-b", f"127.0.0.1:{port}", "service:create_app()"),
    ]

    with serving(server, port) as base:
        # Bounded and repeatable: ten examples an operation, derandomised.
        # A schema cannot say which strings are cron expressions or zones,
        # so a 400 for a schema-valid request is right (as in test_openapi).
        run = [
            str(schemathesis),
            *("run", base + "/openapi.json", "--max-examples", "10"),
            "--generation-deterministic",
            *("--exclude-checks", "positive_data_acceptance"),
        ]
        # Run where its cache of crashes cannot land in the checkout.
        done = subprocess.run(
            run,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=tmp_path,
        )

    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "passed" in done.stdout
