"""``/v1/describe``: a schedule in words."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_description_names_the_skipped_run(client: FlaskClient) -> None:
    # New York skips 02:00-03:00 on 8 March 2026, so 02:30 never happens.
    answer = client.post(
        "/v1/describe",
        json={
            "expression": "30 2 * * *",
            "timeZone": "America/New_York",
            "from": "2026-01-01T00:00:00Z",
        },
    )

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["summary"] == "At 02:30 every day"
    assert [(e["date"], e["kind"]) for e in body["dst_exceptions"]] == [
        ("2026-03-08", "skipped")
    ]
    assert body["tzdata"] == "2026f"


def test_an_unknown_language_is_refused(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/describe", json={"expression": "* * * * *", "language": "tlh"}
    )

    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["parameter"] == "language"


def test_a_zone_prefix_names_the_zone_and_is_not_read_as_a_field(
    client: FlaskClient,
) -> None:
    answer = client.post(
        "/v1/describe",
        json={
            "expression": "TZ=Europe/Berlin 30 2 * * *",
            "from": "2026-06-01T00:00:00Z",
        },
    )

    body = answer.get_json()
    assert body["summary"] == "At 02:30 every day"
    assert body["timeZone"] == "Europe/Berlin"
    assert ("2027-03-28", "skipped") in [
        (e["date"], e["kind"]) for e in body["dst_exceptions"]
    ]
