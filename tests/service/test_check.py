"""``/v1/check``: manifests in, one report per CronJob out."""

from __future__ import annotations

from flask.testing import FlaskClient

from service import create_app

from ..shared import shared_path

# A Job template the API server accepts, so only the schedules decide.
TEMPLATE = (
    "  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, "
    "containers: [{name: a, image: b}]}}}}\n"
)

TWO_JOBS = (
    "apiVersion: batch/v1\nkind: CronJob\n"
    "metadata: {name: nightly, namespace: ops}\n"
    'spec:\n  schedule: "30 1 * * *"\n  timeZone: America/New_York\n'
    + TEMPLATE
    + "---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: broken}\n"
    + 'spec:\n  schedule: "0 8 * * 6-7"\n'
    + TEMPLATE
)


def test_each_cronjob_gets_its_verdict_and_runs(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/check",
        json={"manifest": TWO_JOBS, "from": "2026-10-31T12:00:00Z", "count": 2},
    )

    assert answer.status_code == 200
    body = answer.get_json()
    nightly, broken = body["cronjobs"]
    assert nightly["valid"] is True
    assert [r["utc"] for r in nightly["next_runs"]] == [
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:30:00Z",
    ]
    assert broken["valid"] is False
    assert any("day-of-week" in e["message"] for e in broken["errors"])
    assert body["valid"] is False
    assert answer.headers["Cache-Control"].startswith("public")


def test_a_real_manifest_checks_as_the_cli_would(client: FlaskClient) -> None:
    text = shared_path("realworld", "027-eosc-noise-every-3h.yaml").read_text()

    body = client.post(
        "/v1/check", json={"manifest": text, "from": "2026-01-01T00:00:00Z"}
    ).get_json()

    (job,) = body["cronjobs"]
    assert job["schedule"] == "0 */3 * * *"
    assert [r["utc"] for r in job["next_runs"]] == [
        "2026-01-01T03:00:00Z",
        "2026-01-01T06:00:00Z",
        "2026-01-01T09:00:00Z",
    ]


def test_text_that_is_not_yaml_is_a_400_on_the_manifest(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/check", json={"manifest": "a: [unclosed"})

    assert answer.status_code == 400
    assert answer.get_json()["errors"][0]["parameter"] == "manifest"


def test_too_many_objects_are_refused_with_the_cap() -> None:
    client = create_app({"max_check_objects": 1}).test_client()

    answer = client.post("/v1/check", json={"manifest": TWO_JOBS})

    assert answer.status_code == 400
    assert "at most 1 objects: 2" in answer.get_json()["message"]


def test_the_count_per_cronjob_is_capped(client: FlaskClient) -> None:
    answer = client.post("/v1/check", json={"manifest": TWO_JOBS, "count": 101})

    assert answer.status_code == 400
    assert "between 0 and 100: 101" in answer.get_json()["message"]


def test_unreadable_manifest_text_is_a_400_not_a_failure(
    client: FlaskClient,
) -> None:
    # A control character the YAML reader refuses, and nesting deeper than
    # the parser's stack.
    for text in ("\x9e", "[" * 20000):
        answer = client.post("/v1/check", json={"manifest": text})

        assert answer.status_code == 400
        assert answer.get_json()["errors"][0]["parameter"] == "manifest"


def test_an_empty_manifest_is_a_400_as_in_the_cli(client: FlaskClient) -> None:
    for text in ("", "  \n# only a comment\n"):
        answer = client.post("/v1/check", json={"manifest": text})

        assert answer.status_code == 400
        assert "no YAML document" in answer.get_json()["message"]


def test_list_items_that_are_not_objects_are_reported_skipped(
    client: FlaskClient,
) -> None:
    answer = client.post("/v1/check", json={"manifest": 'kind: List\nitems: [1, "x"]'})

    skipped = answer.get_json()["skipped"]
    assert [s["source"] for s in skipped] == [
        "<request> items[0]",
        "<request> items[1]",
    ]
    assert "a YAML number, not a Kubernetes object" in skipped[0]["reason"]
