"""``/v1/preview``: runs, DST notes, errors, caps and cache headers."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service import create_app

# America/New_York falls back on 2026-11-01 at 02:00 EDT → 01:00 EST, so
# 01:30 happens twice (05:30Z and 06:30Z); Kubernetes runs both.
FALL_BACK = {
    "expression": "30 1 * * *",
    "timeZone": "America/New_York",
    "from": "2026-10-31T12:00:00Z",
    "count": 3,
}


def test_a_preview_lists_runs_in_utc_and_local_time(client: FlaskClient) -> None:
    answer = client.post("/v1/preview", json=FALL_BACK)

    assert answer.status_code == 200
    body = answer.get_json()
    assert [r["utc"] for r in body["runs"]] == [
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:30:00Z",
        "2026-11-02T06:30:00Z",
    ]
    assert [r["local"] for r in body["runs"]] == [
        "2026-11-01T01:30:00-04:00",
        "2026-11-01T01:30:00-05:00",
        "2026-11-02T01:30:00-05:00",
    ]
    assert [r["note"] for r in body["runs"]] == ["fold_first", "fold_second", "normal"]
    assert body["timeZone"] == "America/New_York"
    assert body["tzdata"] == "2026f"
    assert body["from"] == "2026-10-31T12:00:00Z"


def test_the_shareable_get_form_gives_the_same_answer(client: FlaskClient) -> None:
    query = {
        "expr": FALL_BACK["expression"],
        "tz": FALL_BACK["timeZone"],
        "from": FALL_BACK["from"],
        "count": "3",
    }
    posted = client.post("/v1/preview", json=FALL_BACK).get_json()

    assert client.get("/v1/preview", query_string=query).get_json() == posted


def test_the_default_zone_is_utc_and_the_default_count_ten(
    client: FlaskClient,
) -> None:
    body = client.post(
        "/v1/preview", json={"expression": "0 * * * *", "from": "2026-01-01T00:00Z"}
    ).get_json()

    assert body["timeZone"] == "UTC"
    assert len(body["runs"]) == 10
    assert body["runs"][0]["utc"] == "2026-01-01T01:00:00Z"


def test_until_bounds_the_runs_to_a_window(client: FlaskClient) -> None:
    body = client.post(
        "/v1/preview",
        json={
            "expression": "0 12 * * *",
            "from": "2026-01-01T00:00:00Z",
            "until": "2026-01-04T00:00:00Z",
            "count": 100,
        },
    ).get_json()

    assert [r["utc"][:10] for r in body["runs"]] == [
        "2026-01-01",
        "2026-01-02",
        "2026-01-03",
    ]
    assert body["until"] == "2026-01-04T00:00:00Z"


def test_a_schedule_that_never_runs_says_why(client: FlaskClient) -> None:
    body = client.post(
        "/v1/preview", json={"expression": "0 0 30 2 *", "from": "2026-01-01T00:00Z"}
    ).get_json()

    assert body["runs"] == []
    assert body["end"] == "exhausted"
    assert body["end_reason"]


def test_a_zone_inside_the_expression_wins_with_a_warning(
    client: FlaskClient,
) -> None:
    body = client.post(
        "/v1/preview",
        json={
            "expression": "CRON_TZ=Asia/Tokyo 0 9 * * *",
            "timeZone": "Europe/Berlin",
            "from": "2026-01-01T00:00:00Z",
            "count": 1,
        },
    ).get_json()

    assert body["timeZone"] == "Asia/Tokyo"
    # 09:00 in Tokyo is 00:00Z; the one on 1 January is not after "from".
    assert body["runs"][0]["utc"] == "2026-01-02T00:00:00Z"
    assert any("Europe/Berlin" in w for w in body["warnings"])


def test_a_zone_prefix_is_honoured_with_a_warning_the_api_server_refuses_it(
    client: FlaskClient,
) -> None:
    body = client.post(
        "/v1/preview",
        json={"expression": "TZ=Europe/Berlin 30 2 * * *", "count": 1},
    ).get_json()

    assert body["timeZone"] == "Europe/Berlin"
    assert len(body["runs"]) == 1
    (warning,) = body["warnings"]
    assert "Kubernetes 1.29" in warning and "spec.timeZone" in warning


NEW_YORK_0230 = "/v1/preview?expr=30+2+*+*+*&tz=America/New_York&count=3"


def test_a_run_the_spring_gap_drops_is_said_though_no_run_shows_it(
    client: FlaskClient,
) -> None:
    body = client.get(NEW_YORK_0230 + "&from=2026-03-07T00:00Z").get_json()

    assert [run["utc"][:10] for run in body["runs"]] == [
        "2026-03-07",
        "2026-03-09",
        "2026-03-10",
    ]
    assert body["dst"] == [
        "no run at 02:30 on 2026-03-08: that wall time does not exist"
    ]


def test_runs_far_from_any_offset_change_carry_no_dst_notes(
    client: FlaskClient,
) -> None:
    body = client.get(NEW_YORK_0230 + "&from=2026-06-01T00:00Z").get_json()

    assert body["dst"] == []


def test_a_bad_expression_names_the_field_and_column(client: FlaskClient) -> None:
    answer = client.post("/v1/preview", json={"expression": "0 8 * * 6-7"})

    assert answer.status_code == 400
    body = answer.get_json()
    assert body["code"] == "invalid_request"
    assert "day-of-week" in body["message"]
    assert body["description"]
    (error,) = body["errors"]
    assert error["parameter"] == "expression"
    assert error["field"] == "day-of-week"
    assert error["column"] == 9
    assert error["text"] == "6-7"


def test_every_bad_parameter_is_reported_at_once(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/preview",
        json={
            "expression": "* * * * *",
            "timeZone": "Mars/Olympus",
            "count": 0,
            "from": "yesterday",
            "colour": "red",
        },
    )

    assert answer.status_code == 400
    parameters = sorted(e["parameter"] for e in answer.get_json()["errors"])
    assert parameters == ["colour", "count", "from", "timeZone"]


def test_a_misspelt_parameter_gets_a_suggestion(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/preview", json={"expression": "* * * * *", "timezone": "UTC"}
    )

    assert answer.status_code == 400
    assert "did you mean 'timeZone'" in answer.get_json()["message"]


@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({}, "expression"),
        ({"expression": 5}, "expression"),
        ({"expression": "* * * * *", "count": "ten"}, "count"),
        ({"expression": "* * * * *", "count": True}, "count"),
        ({"expression": "* * * * *", "count": 2.5}, "count"),
        ({"expression": "* * * * *", "dialect": "quartz"}, "dialect"),
        # Outside the range the answers can be written in.
        ({"expression": "* * * * *", "from": "0001-01-01T00:00:00Z"}, "from"),
        ({"expression": "* * * * *", "from": "9999-12-31T23:59:00Z"}, "from"),
        ({"expression": "* * * * *", "until": "2000-01-01T00:00:00Z"}, "until"),
    ],
)
def test_bad_parameters_are_refused_with_400(
    client: FlaskClient, payload: dict[str, object], parameter: str
) -> None:
    answer = client.post("/v1/preview", json=payload)

    assert answer.status_code == 400
    assert [e["parameter"] for e in answer.get_json()["errors"]] == [parameter]


def test_the_count_cap_is_in_the_message(client: FlaskClient) -> None:
    answer = client.post("/v1/preview", json={"expression": "* * * * *", "count": 5000})

    assert answer.status_code == 400
    assert "between 1 and 1000: 5000" in answer.get_json()["message"]


def test_the_window_cap_is_in_the_message(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/preview",
        json={
            "expression": "* * * * *",
            "from": "2026-01-01T00:00:00Z",
            "until": "2028-01-01T00:00:00Z",
        },
    )

    assert answer.status_code == 400
    assert "at most 366 days" in answer.get_json()["message"]


def test_caps_follow_the_settings() -> None:
    client = create_app({"max_count": 5, "default_count": 5}).test_client()

    answer = client.post("/v1/preview", json={"expression": "* * * * *", "count": 6})

    assert "between 1 and 5: 6" in answer.get_json()["message"]


def test_a_body_over_the_cap_is_refused_with_413() -> None:
    client = create_app({"max_body_bytes": 100}).test_client()

    answer = client.post(
        "/v1/preview", json={"expression": "* * * * *", "timeZone": "x" * 200}
    )

    assert answer.status_code == 413
    body = answer.get_json()
    assert body["code"] == "body_too_large"
    assert "at most 100 bytes" in body["message"]


def test_a_body_that_is_not_json_is_refused(client: FlaskClient) -> None:
    plain = client.post("/v1/preview", data="* * * * *", content_type="text/plain")
    broken = client.post("/v1/preview", data="{", content_type="application/json")
    listed = client.post("/v1/preview", json=["* * * * *"])

    assert plain.status_code == 415
    assert broken.status_code == 400
    assert listed.status_code == 400


def test_invalid_json_is_a_bad_request_and_json_not_an_object_an_invalid_one(
    client: FlaskClient,
) -> None:
    broken = client.post("/v1/preview", data="{", content_type="application/json")
    listed = client.post("/v1/preview", json=["* * * * *"])

    assert broken.get_json()["code"] == "bad_request"
    assert broken.get_json()["message"].startswith("the request body is not valid JSON")
    assert listed.get_json()["code"] == "invalid_request"
    assert listed.get_json()["message"] == (
        'the request body must be a JSON object: ["* * * * *"]'
    )


@pytest.mark.parametrize(
    ("path", "payload", "message"),
    [
        ("/v1/preview", {"count": "5"}, "count must be an integer: '5'"),
        ("/v1/preview", {"count": True}, "count must be an integer: true"),
        ("/v1/diff", {"years": "2"}, "years must be an integer: '2'"),
        ("/v1/dst", {"years": "2", "timeZone": "UTC"}, "years must be an integer: '2'"),
    ],
)
def test_a_json_body_takes_integers_only_as_json_numbers(
    client: FlaskClient, path: str, payload: dict[str, object], message: str
) -> None:
    answer = client.post(path, json={"expression": "0 0 * * *", **payload})

    assert answer.status_code == 400
    assert answer.get_json()["message"] == message


def test_a_value_is_echoed_as_the_json_it_was_sent_as(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/preview", json={"expression": True, "timeZone": None, "count": 2.5}
    )

    messages = [e["message"] for e in answer.get_json()["errors"]]
    assert messages == [
        "expression must be a string: true",
        "count must be an integer: 2.5",
    ]


def test_the_query_string_still_carries_numbers_as_text(client: FlaskClient) -> None:
    answer = client.get("/v1/preview", query_string={"expr": "0 0 * * *", "count": "3"})

    assert answer.status_code == 200
    assert len(answer.get_json()["runs"]) == 3


def test_an_unknown_query_parameter_is_refused_with_a_suggestion(
    client: FlaskClient,
) -> None:
    answer = client.get(
        "/v1/preview",
        query_string={"expr": "0 0 * * *", "cnt": "3", "timeZone": "UTC"},
    )

    assert answer.status_code == 400
    errors = {e["parameter"]: e["message"] for e in answer.get_json()["errors"]}
    assert "did you mean 'count'?" in errors["cnt"]
    assert "did you mean 'tz'?" in errors["timeZone"]


def test_an_answer_with_explicit_from_is_cacheable(client: FlaskClient) -> None:
    query = {"expr": "*/5 * * * *", "from": "2026-01-01T00:00:00Z"}
    first = client.get("/v1/preview", query_string=query)

    assert first.headers["Cache-Control"].startswith("public, max-age=")
    etag = first.headers["ETag"]
    again = client.get(
        "/v1/preview", query_string=query, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304


def test_an_answer_from_now_is_not_cached(client: FlaskClient) -> None:
    answer = client.get("/v1/preview", query_string={"expr": "*/5 * * * *"})

    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    assert "ETag" not in answer.headers


def test_equal_instants_with_other_offsets_echo_the_same_from(
    client: FlaskClient,
) -> None:
    utc = {"expression": "0 * * * *", "from": "2026-01-01T05:00:00Z"}
    eastern = {"expression": "0 * * * *", "from": "2026-01-01T00:00:00-05:00"}

    first = client.post("/v1/preview", json=utc).get_json()
    second = client.post("/v1/preview", json=eastern).get_json()

    assert first == second
    assert second["from"] == "2026-01-01T05:00:00Z"


def test_json_nested_too_deeply_is_a_400_not_a_failure(
    client: FlaskClient,
) -> None:
    answer = client.post(
        "/v1/preview", data="[" * 50000, content_type="application/json"
    )

    assert answer.status_code == 400
    assert "nests too deeply" in answer.get_json()["message"]


def test_a_window_with_no_run_still_says_the_gap_took_it(client: FlaskClient) -> None:
    body = client.post(
        "/v1/preview",
        json={
            "expression": "30 2 * * *",
            "timeZone": "America/New_York",
            "from": "2027-03-14T00:00Z",
            "until": "2027-03-14T12:00Z",
        },
    ).get_json()

    assert body["runs"] == []
    assert body["dst"] == [
        "no run at 02:30 on 2027-03-14: that wall time does not exist"
    ]


def test_a_schedule_that_never_runs_is_said_to_never_run(client: FlaskClient) -> None:
    body = client.get("/v1/preview?expr=0+0+30+2+*&from=2026-12-04T00:00Z").get_json()

    assert body["runs"] == []
    assert body["warnings"] == ["never runs: 30 February does not exist"]
