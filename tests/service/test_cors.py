"""Cross-origin calls to the JSON API."""

from __future__ import annotations

from flask.testing import FlaskClient

from service import create_app


def test_the_api_may_be_called_from_any_origin(client: FlaskClient) -> None:
    answer = client.get("/v1/zones", headers={"Origin": "https://dash.example"})

    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_the_preflight_of_a_json_post_is_allowed(client: FlaskClient) -> None:
    answer = client.options(
        "/v1/preview",
        headers={
            "Origin": "https://dash.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert answer.status_code == 200
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]
    assert answer.headers["Access-Control-Allow-Headers"] == "Content-Type"


def test_one_origin_can_be_named_and_the_page_is_not_shared() -> None:
    client = create_app({"cors_origin": "https://dash.example"}).test_client()

    api = client.get("/v1/zones")
    page = client.get("/")

    assert api.headers["Access-Control-Allow-Origin"] == "https://dash.example"
    assert "Origin" in api.headers["Vary"]
    assert "Access-Control-Allow-Origin" not in page.headers


def test_an_empty_origin_turns_it_off() -> None:
    client = create_app({"cors_origin": ""}).test_client()

    assert "Access-Control-Allow-Origin" not in client.get("/v1/zones").headers
