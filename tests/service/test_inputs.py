"""Reading request bodies: the size cap and broken JSON."""

from __future__ import annotations

import io
import json

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from service import create_app

CAP = 100


def _chunked(client: FlaskClient, body: bytes) -> TestResponse:
    # As a server passes on a chunked body: no Content-Length, and the
    # stream ends where the body does (wsgi.input_terminated).
    return client.post(
        "/v1/preview",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def _body_of(size: int) -> bytes:
    body = json.dumps({"expression": "* * * * *"}).encode()
    return body[:-1] + b" " * (size - len(body)) + b"}"


def test_a_chunked_body_over_the_cap_gets_the_413_a_sized_one_gets() -> None:
    client = create_app({"max_body_bytes": CAP}).test_client()
    body = _body_of(CAP + 1)

    chunked = _chunked(client, body)
    sized = client.post("/v1/preview", data=body, content_type="application/json")

    assert chunked.status_code == sized.status_code == 413
    assert chunked.get_json() == sized.get_json()
    assert chunked.get_json()["message"] == "the request body must be at most 100 bytes"


def test_a_chunked_body_of_exactly_the_cap_is_read() -> None:
    client = create_app({"max_body_bytes": CAP}).test_client()

    answer = _chunked(client, _body_of(CAP))

    assert answer.status_code == 200
    assert answer.get_json()["expression"] == "* * * * *"


def test_broken_json_is_named_with_its_line_and_column_once(
    client: FlaskClient,
) -> None:
    answer = client.post(
        "/v1/preview", data='{"expression": "* *', content_type="application/json"
    )

    assert answer.get_json()["message"] == (
        "the request body is not valid JSON "
        "(Unterminated string starting at: line 1 column 16)"
    )


def test_an_empty_zone_is_refused_not_read_as_utc(client: FlaskClient) -> None:
    for path in ("/v1/preview", "/v1/dst", "/v1/diff", "/v1/describe"):
        answer = client.post(path, json={"expression": "0 0 * * *", "timeZone": ""})

        assert answer.status_code == 400, path
        [error] = answer.get_json()["errors"]
        assert error["parameter"] == "timeZone"
        assert "timeZone is empty" in error["message"]


def test_a_query_parameter_given_twice_is_refused_not_half_read(
    client: FlaskClient,
) -> None:
    answer = client.get("/v1/preview?expr=0+0+*+*+*&count=2&count=3")

    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["message"] == (
        "count is given 2 times: ['2', '3']"
    )


def test_an_unencoded_plus_in_a_query_instant_gets_a_hint(client: FlaskClient) -> None:
    answer = client.get("/v1/preview?expr=0+0+*+*+*&from=2026-01-01T00:00:00+01:00")

    assert answer.status_code == 400
    assert "write '+' as %2B" in answer.get_json()["message"]


def test_a_from_without_an_offset_is_refused_not_read_in_some_zone(
    client: FlaskClient,
) -> None:
    answer = client.post(
        "/v1/preview",
        json={
            "expression": "0 8 * * *",
            "timeZone": "Asia/Tokyo",
            "from": "2026-01-01",
        },
    )

    assert answer.status_code == 400
    (error,) = answer.get_json()["errors"]
    assert error["parameter"] == "from"
    assert error["message"] == (
        "from has no UTC offset: '2026-01-01'; add Z for UTC or the zone's "
        "offset, e.g. '2026-01-01T00:00Z'"
    )


def test_an_expression_given_twice_is_not_also_called_missing(
    client: FlaskClient,
) -> None:
    answer = client.get("/v1/preview?expr=A&expr=B")

    assert [e["message"] for e in answer.get_json()["errors"]] == [
        "expr is given 2 times: ['A', 'B']"
    ]


def test_digits_of_other_scripts_are_not_read_as_a_count(client: FlaskClient) -> None:
    answer = client.get("/v1/preview?expr=0+0+*+*+*&count=%EF%BC%95")

    assert answer.status_code == 400
    assert answer.get_json()["message"] == "count must be an integer: '５'"


def test_a_number_too_large_for_a_float_is_not_echoed_as_inf(
    client: FlaskClient,
) -> None:
    body = '{"expression": "0 0 * * *", "timeZone": "UTC", "years": 1e400}'
    answer = client.post("/v1/dst", data=body, content_type="application/json")

    assert answer.status_code == 400
    assert answer.get_json()["message"] == (
        "years must be an integer: a number too large to read"
    )
