"""``/v1/diff``: where the dialects disagree about one expression."""

from __future__ import annotations

from flask.testing import FlaskClient

# Europe/Berlin goes back on 25 October 2026 at 03:00 CEST (01:00Z): a
# 02:30 job runs twice under kubernetes and once under vixie.
BERLIN_FALL = {
    "expression": "30 2 * * *",
    "timeZone": "Europe/Berlin",
    "from": "2026-10-01T00:00:00Z",
}


def test_the_fall_back_night_is_a_disagreement(client: FlaskClient) -> None:
    answer = client.post("/v1/diff", json=BERLIN_FALL)

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["dialects"] == ["kubernetes", "vixie", "croniter"]
    first = body["disagreements"][0]
    assert first["utc"] == "2026-10-25T01:30:00Z"
    assert "vixie" in first["not_run_by"]
    assert first["run_by"]["kubernetes"]["note"] == "fold_second"
    assert body["total"] >= 1
    assert answer.headers["Cache-Control"].startswith("public")


def test_a_text_one_dialect_refuses_is_reported_not_refused(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/diff", json={"expression": "0 9 * * 7"})

    assert answer.status_code == 200
    body = answer.get_json()
    assert "kubernetes" in body["refused"]
    assert any("weekday 7" in warning for warning in body["warnings"])


def test_text_every_dialect_refuses_is_a_400_on_the_expression(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/diff", json={"expression": "61 * * * *"})

    assert answer.status_code == 400
    body = answer.get_json()
    assert {"code", "message", "description"} <= set(body)
    assert body["errors"][0]["parameter"] == "expression"


def test_the_window_and_the_list_are_capped_with_the_caps_in_the_message(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/diff", json={**BERLIN_FALL, "years": 9, "limit": 0})

    assert answer.status_code == 400
    messages = [error["message"] for error in answer.get_json()["errors"]]
    assert any("between 1 and 2: 9" in message for message in messages)
    assert any("between 1 and 500: 0" in message for message in messages)
