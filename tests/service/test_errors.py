"""Every non-2xx answer has the one error shape."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

SHAPE = {"code", "message", "description"}


def test_an_unknown_path_is_a_404_in_the_error_shape(client: FlaskClient) -> None:
    answer = client.get("/v1/nothing")

    assert answer.status_code == 404
    assert answer.get_json().keys() == SHAPE
    assert answer.get_json()["code"] == "not_found"
    assert answer.get_json()["message"] == "no such path: '/v1/nothing'"


def test_a_wrong_method_is_a_405_that_lists_the_allowed_ones(
    client: FlaskClient,
) -> None:
    answer = client.delete("/v1/preview")

    assert answer.status_code == 405
    assert answer.get_json()["code"] == "method_not_allowed"
    assert "POST" in answer.headers["Allow"]
    assert answer.get_json().keys() == SHAPE
    assert answer.get_json()["message"] == (
        "/v1/preview does not answer this method "
        "(allowed: GET, HEAD, OPTIONS, POST): 'DELETE'"
    )


def test_a_failure_inside_the_service_is_a_500_in_the_error_shape(
    app: Flask,
) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("kaboom")

    answer = app.test_client().get("/boom")

    assert answer.status_code == 500
    assert answer.get_json().keys() == SHAPE
    assert "kaboom" not in answer.get_data(as_text=True)
