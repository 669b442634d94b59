"""``/v1/simulate``: the controller's decisions per concurrencyPolicy."""

from __future__ import annotations

from flask.testing import FlaskClient

from service import create_app

# 01:30 in New York happens twice on 1 November 2026 (05:30Z and 06:30Z):
# a 70-minute Job started at the first is still running at the second.
FOLD = {
    "expression": "30 1 * * *",
    "timeZone": "America/New_York",
    "from": "2026-10-31T00:00:00Z",
    "duration": "70m",
    "horizon": "2d",
}


def test_each_policy_decides_the_overlap_its_own_way(client: FlaskClient) -> None:
    answer = client.post("/v1/simulate", json=FOLD)

    assert answer.status_code == 200
    policies = answer.get_json()["policies"]
    assert policies["Allow"]["max_concurrent"] == 2
    assert policies["Forbid"]["late"] == 1
    assert policies["Replace"]["killed_by_replace"] == 1


def test_one_policy_can_be_asked_for(client: FlaskClient) -> None:
    body = client.post("/v1/simulate", json={**FOLD, "policy": "Forbid"}).get_json()

    assert list(body["policies"]) == ["Forbid"]
    assert body["duration"] == "1h10m"


def test_the_horizon_is_capped_with_the_cap_in_the_message(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/simulate", json={**FOLD, "horizon": "32d"})

    assert answer.status_code == 400
    assert "at most 31d: '32d'" in answer.get_json()["message"]


def test_too_many_start_times_are_refused_before_simulating() -> None:
    client = create_app({"max_simulation_starts": 10}).test_client()

    answer = client.post(
        "/v1/simulate", json={**FOLD, "expression": "0 * * * *", "horizon": "1d"}
    )

    assert answer.status_code == 400
    assert "more than 10 Jobs" in answer.get_json()["message"]


def test_too_many_start_times_name_the_horizon_readably() -> None:
    client = create_app({"max_simulation_starts": 10}).test_client()

    answer = client.post(
        "/v1/simulate", json={**FOLD, "expression": "* * * * *", "horizon": "1h"}
    )

    assert answer.get_json()["message"] == (
        "the schedule starts more than 10 Jobs in the horizon; shorten the horizon: 1h"
    )


def test_a_bad_duration_is_blamed_on_the_duration(client: FlaskClient) -> None:
    answer = client.post("/v1/simulate", json={**FOLD, "duration": "soon"})

    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["parameter"] == "duration"


HOURLY = {
    "expression": "0 * * * *",
    "duration": "10m",
    "from": "2024-05-01T00:00:00Z",
    "horizon": "8h",
    "policy": "Allow",
}


def test_downtime_and_suspension_windows_hold_back_start_times(
    client: FlaskClient,
) -> None:
    body = {**HOURLY, "downtime": ["+1h/2h"], "suspended": ["+2h/2h"]}
    answer = client.post("/v1/simulate", json=body)

    assert answer.status_code == 200
    outcomes = [t["outcomes"]["Allow"] for t in answer.get_json()["timeline"][:4]]
    assert [o["why"] for o in outcomes[:3]] == [
        "controller_down",
        "controller_down",
        "suspended",
    ]
    assert outcomes[3]["status"] == "on_time"


def test_bad_windows_are_blamed_on_their_parameter(client: FlaskClient) -> None:
    cases = [
        ({"downtime": "+1h/2h"}, "downtime must be a list of START/END strings"),
        ({"downtime": ["soon"]}, "downtime takes START/END"),
        ({"suspended": ["+2h/+1h"]}, "suspended windows must end after they start"),
        ({"downtime": ["+1h/1h"] * 101}, "at most 100 windows: 101"),
    ]
    for extra, message in cases:
        answer = client.post("/v1/simulate", json={**HOURLY, **extra})

        assert answer.status_code == 400
        [error] = answer.get_json()["errors"]
        assert error["parameter"] == next(iter(extra))
        assert message in error["message"]
