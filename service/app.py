"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import (
    check,
    describe,
    diff,
    dst,
    health,
    openapi,
    page,
    preview,
    simulate,
    zones,
)
from .config import load_settings
from .cors import install_cors
from .errors import register_error_handlers
from .requestlog import install_request_log
from .state import init_state

BLUEPRINTS = (
    preview.bp,
    check.bp,
    describe.bp,
    dst.bp,
    diff.bp,
    simulate.bp,
    zones.bp,
    health.bp,
    openapi.bp,
    page.bp,
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the service.

    ``config`` maps setting names (``max_count``, … as in
    :class:`service.config.Settings`) to values, over the ``CRONLAB_*``
    environment variables; any other key goes to Flask's own config
    (upper-case keys: ``TESTING``, …).  Raises ValueError for an unusable setting.
    """
    given = dict(config or {})
    ours = {k: v for k, v in given.items() if not k.isupper()}
    flask_keys = {k: v for k, v in given.items() if k.isupper()}
    settings = load_settings(ours)

    app = Flask(__name__)
    app.config.update(settings.to_flask())
    app.config.update(flask_keys)
    init_state(app, settings)
    install_request_log(app, settings.log_level)
    install_cors(app, settings.cors_origin)
    register_error_handlers(app, settings.max_body_bytes)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
