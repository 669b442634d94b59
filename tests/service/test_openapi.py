"""The OpenAPI document is valid 3.1, and the live app keeps to it.

The contract test drives the app in-process with schemathesis: requests
generated from the document (valid and invalid ones), each answer checked
against the documented statuses, headers and shapes, and never a 5xx.  It
is bounded (a fixed number of examples per operation, derandomised) so the
suite stays quick and repeatable.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from schemathesis.checks import positive_data_acceptance

from service import create_app

schema = schemathesis.openapi.from_wsgi("/openapi.json", create_app())


def test_the_document_is_valid_openapi_3_1(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()

    validate(document)
    assert document["openapi"] == "3.1.0"


def test_the_document_states_the_caps(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()

    count = document["components"]["schemas"]["PreviewRequest"]["properties"]["count"]
    assert count["maximum"] == 1000
    assert "at most 65536 bytes" in document["info"]["description"]
    assert (
        "65536 bytes"
        in document["paths"]["/v1/preview"]["post"]["responses"]["413"]["description"]
    )


def test_the_document_lists_only_working_dialects(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    request = document["components"]["schemas"]["PreviewRequest"]
    dialects = request["properties"]["dialect"]["enum"]

    for dialect in dialects:
        answer = client.post(
            "/v1/preview", json={"expression": "0 0 * * *", "dialect": dialect}
        )
        assert answer.status_code == 200, dialect


@schema.parametrize()
@hypothesis.settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_every_answer_keeps_to_the_document(case: Any) -> None:
    # A schema cannot say which strings are cron expressions or zone names,
    # so a schema-valid request may rightly get a 400; every other check
    # (no 5xx, documented statuses, headers and shapes, invalid data
    # refused, unsupported methods refused) applies.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
