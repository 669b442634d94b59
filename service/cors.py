"""Cross-origin reads of the JSON API, so a dashboard on another origin can
call it from the browser.

The API takes no cookies or credentials, so allowing any origin (the
default) exposes nothing a plain ``curl`` would not; set
``CRONLAB_CORS_ORIGIN`` to one origin to narrow it, or to empty to turn it
off.
"""

from __future__ import annotations

from flask import Flask, Response, request

API_PREFIX = "/v1/"
MAX_AGE = 86400


def install_cors(app: Flask, origin: str) -> None:
    """Answer cross-origin requests to ``/v1/`` from ``origin``."""
    if not origin:
        return

    @app.after_request
    def _allow_origin(response: Response) -> Response:
        if not request.path.startswith(API_PREFIX):
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
        if origin != "*":
            response.vary.add("Origin")
        if request.method == "OPTIONS":
            # The browser's preflight before a JSON POST.
            response.headers["Access-Control-Allow-Methods"] = "GET, POST"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = str(MAX_AGE)
        return response
