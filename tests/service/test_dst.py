"""``/v1/dst``: offset changes in a window and their effect on runs."""

from __future__ import annotations

from flask.testing import FlaskClient

# America/New_York in 2026: clocks go forward on 8 March at 02:00 EST
# (07:00Z) and back on 1 November at 02:00 EDT (06:00Z).
NEW_YORK_2026 = {
    "expression": "30 1 * * *",
    "timeZone": "America/New_York",
    "from": "2026-01-01T00:00:00Z",
}


def test_the_report_lists_the_changes_of_the_window(client: FlaskClient) -> None:
    answer = client.post("/v1/dst", json={**NEW_YORK_2026, "dialect": "kubernetes"})

    assert answer.status_code == 200
    body = answer.get_json()
    assert [(t["at"], t["kind"]) for t in body["transitions"]] == [
        ("2026-03-08T07:00:00Z", "gap"),
        ("2026-11-01T06:00:00Z", "fold"),
    ]
    assert body["dialects"] == ["kubernetes"]
    fold = body["transitions"][1]["dialects"]["kubernetes"]
    assert [d["wall"] for d in fold["doubled"]] == ["2026-11-01T01:30"]
    assert answer.headers["Cache-Control"].startswith("public")


def test_the_window_is_capped_with_the_cap_in_the_message(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/dst", json={**NEW_YORK_2026, "years": 3})

    assert answer.status_code == 400
    assert "between 1 and 2: 3" in answer.get_json()["message"]


def test_the_zone_is_required_and_checked(client: FlaskClient) -> None:
    missing = client.post("/v1/dst", json={"expression": "30 1 * * *"})
    unknown = client.post(
        "/v1/dst", json={"expression": "30 1 * * *", "timeZone": "Mars/Base"}
    )

    assert missing.get_json()["errors"][0]["parameter"] == "timeZone"
    assert unknown.status_code == 400
    assert unknown.get_json()["errors"][0]["parameter"] == "timeZone"


def test_a_bad_expression_is_blamed_on_the_expression(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/dst",
        json={**NEW_YORK_2026, "expression": "30 1 * * 9", "dialect": "kubernetes"},
    )

    assert answer.status_code == 400
    (error,) = answer.get_json()["errors"]
    assert error["parameter"] == "expression"
    assert error["field"] == "day-of-week"
