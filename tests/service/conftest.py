"""Fixtures: a fresh app per test, and a test client for it."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app


@pytest.fixture
def app() -> Flask:
    """The service with its default caps."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A client that talks to ``app`` without a socket."""
    return app.test_client()
