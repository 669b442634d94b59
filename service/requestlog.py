"""One log line per request: method, path, status, milliseconds."""

from __future__ import annotations

import logging
import sys
import time

from flask import Flask, Response, g, request

log = logging.getLogger("service.requests")


def install_request_log(app: Flask, level: str) -> None:
    """Log every request ``app`` answers, and set up a handler if the host
    (gunicorn, the dev server) left the service's logger without one."""
    parent = logging.getLogger("service")
    parent.setLevel(level.upper())
    if not parent.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        parent.addHandler(handler)

    @app.before_request
    def _start_clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        started = g.get("started", time.perf_counter())
        elapsed = (time.perf_counter() - started) * 1000
        log.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            elapsed,
        )
        return response
