"""``/healthz``: liveness."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_health_says_ok_with_the_versions(client: FlaskClient) -> None:
    answer = client.get("/healthz")

    assert answer.status_code == 200
    assert answer.get_json()["status"] == "ok"
    assert answer.get_json()["tzdata"] == "2026f"
    assert answer.headers["Cache-Control"] == "no-store"
