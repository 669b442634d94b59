"""API-server validation of a CronJob, kept apart from the grammar."""

from __future__ import annotations

from typing import Any

import pytest

from cronlab.cronjob import CronJob, validate, validate_schedule
from cronlab.errors import ManifestError
from cronlab.manifests import read_documents

JOB_TEMPLATE = {
    "spec": {
        "template": {
            "spec": {
                "restartPolicy": "OnFailure",
                "containers": [{"name": "main", "image": "busybox"}],
            }
        }
    }
}


def cronjob(**spec: Any) -> CronJob:
    obj = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": spec.pop("name", "job"), "namespace": "ns"},
        "spec": {"schedule": "0 * * * *", "jobTemplate": JOB_TEMPLATE, **spec},
    }
    return CronJob.from_object("test.yaml", obj)


def errors_of(job: CronJob) -> list[str]:
    return [p.message for p in validate(job)[1] if p.level == "error"]


def test_a_plain_cronjob_is_valid() -> None:
    schedule, problems = validate(cronjob(timeZone="Europe/Berlin"))
    assert schedule is not None
    assert schedule.tz == "Europe/Berlin"
    assert problems == []


def test_a_tz_prefix_parses_but_the_api_server_refuses_it() -> None:
    # The schedule code honours it (the oracle says so); since 1.29 the API
    # server refuses it on create.
    schedule, problems = validate_schedule("CRON_TZ=Etc/UTC */20 * * * *")
    assert schedule is not None
    assert schedule.tz == "Etc/UTC"
    assert [p.message for p in problems] == [
        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
    ]


def test_a_tz_prefix_and_a_time_zone_field_get_the_create_message() -> None:
    _, problems = validate_schedule("TZ=UTC 0 * * * *", "Europe/Berlin")
    assert problems[0].message == (
        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead; "
        "timeZone is set too, and the controller would ignore it"
    )


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ({"timeZone": "Local"}, "explicit"),
        ({"timeZone": ""}, "non-empty"),
        ({"timeZone": "Mars/Base"}, "unknown time zone"),
        ({"schedule": "0 0 * * 7"}, "use 0 for Sunday"),
        ({"schedule": None}, "required"),
        ({"schedule": "${CRON}"}, "unrendered template"),
        ({"concurrencyPolicy": "Never"}, "Allow, Forbid, Replace"),
        ({"startingDeadlineSeconds": -1}, "non-negative"),
        ({"name": "x" * 53}, "no more than 52"),
        ({"suspend": "yes"}, "boolean"),
        ({"startingDeadlineSeconds": 2**63}, "must fit in int64"),
        ({"failedJobsHistoryLimit": 2**31}, "must fit in int32"),
    ],
)
def test_what_the_api_server_refuses(spec: dict[str, Any], fragment: str) -> None:
    assert any(fragment in message for message in errors_of(cronjob(**spec)))


def test_a_schedule_nested_in_the_wrong_place_is_found_and_named() -> None:
    obj = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "job"},
        "spec": {"jobTemplate": {"schedule": "0 * * * *"}},
    }
    messages = errors_of(CronJob.from_object("x", obj))
    assert any("spec.jobTemplate.schedule" in m for m in messages)


def test_duplicate_keys_are_reported_with_their_line() -> None:
    text = "kind: CronJob\nspec:\n  schedule: '0 * * * *'\nspec:\n  suspend: true\n"
    (document,) = read_documents(text, "dup.yaml")
    assert [(d.key, d.line) for d in document.duplicates] == [("spec", 4)]


def test_a_tiny_starting_deadline_is_a_warning() -> None:
    _, problems = validate(cronjob(startingDeadlineSeconds=0))
    assert [p.level for p in problems] == ["warning"]
    assert "0 never runs" in problems[0].message


def test_unreadable_or_deeply_nested_yaml_is_a_manifest_error() -> None:
    with pytest.raises(ManifestError, match="not valid YAML"):
        read_documents("a: \x9e", "control.yaml")
    with pytest.raises(ManifestError, match="nested too deeply"):
        read_documents("[" * 5000, "deep.yaml")


def test_a_name_must_be_a_dns_subdomain() -> None:
    assert errors_of(cronjob(name="Bad_Name")) == [
        "name must be a DNS-1123 subdomain: lower-case letters, digits, '-' and "
        "'.', starting and ending with a letter or digit: 'Bad_Name'"
    ]
    assert errors_of(cronjob(name="reports.nightly-1")) == []


def test_null_optional_fields_are_unset_and_get_their_defaults() -> None:
    job = cronjob(suspend=None, concurrencyPolicy=None, successfulJobsHistoryLimit=None)

    assert errors_of(job) == []
    assert (job.suspend, job.concurrency_policy) == (False, "Allow")
    assert job.successful_jobs_history_limit == 3


def test_the_job_templates_deadline_and_back_off_are_checked() -> None:
    template = JOB_TEMPLATE["spec"]
    spec = {**template, "activeDeadlineSeconds": -5, "backoffLimit": -1}
    job = cronjob(jobTemplate={"spec": spec})

    assert errors_of(job) == [
        "must be a non-negative integer: -5",
        "must be a non-negative integer: -1",
    ]


def test_a_job_deadline_of_zero_is_accepted_but_said_to_fail_every_job() -> None:
    spec = {**JOB_TEMPLATE["spec"], "activeDeadlineSeconds": 0}
    _, problems = validate(cronjob(jobTemplate={"spec": spec}))

    assert [(p.level, p.message) for p in problems] == [
        ("warning", "a Job deadline of 0 fails every Job as soon as it starts: 0")
    ]


def test_a_utc_zone_in_the_container_agrees_with_the_controller() -> None:
    container = {
        "name": "c",
        "image": "b",
        "env": [{"name": "TZ", "value": "Etc/UTC"}],
    }
    pod = {"restartPolicy": "Never", "containers": [container]}
    _, problems = validate(cronjob(jobTemplate={"spec": {"template": {"spec": pod}}}))

    assert problems == []


def test_a_nested_duplicate_key_is_named_by_its_path() -> None:
    text = (
        "kind: CronJob\nspec:\n  schedule: '0 1 * * *'\n"
        "  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          containers:\n          - name: a\n            name: b\n"
    )
    [document] = read_documents(text, "t.yaml")

    assert [(d.path, d.line) for d in document.duplicates] == [
        ("spec.jobTemplate.spec.template.spec.containers[0].name", 10)
    ]


def test_an_empty_concurrency_policy_is_defaulted_to_allow() -> None:
    job = cronjob(concurrencyPolicy="")

    assert job.concurrency_policy == "Allow"
    assert errors_of(job) == []


def test_a_misspelt_field_makes_the_cronjob_invalid() -> None:
    (message,) = errors_of(cronjob(timezone="Europe/Berlin"))

    assert message.startswith("unknown field 'timezone' (did you mean 'timeZone'?)")


def test_a_namespace_must_be_a_dns_label() -> None:
    obj = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "job", "namespace": "${K8S_NAMESPACE}"},
        "spec": {"schedule": "0 * * * *", "jobTemplate": JOB_TEMPLATE},
    }

    (message,) = errors_of(CronJob.from_object("test.yaml", obj))

    assert message.startswith("namespace must be a DNS-1123 label")
    assert message.endswith("'${K8S_NAMESPACE}'")


def generated(prefix: str) -> CronJob:
    obj = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"generateName": prefix, "namespace": "ns"},
        "spec": {"schedule": "0 * * * *", "jobTemplate": JOB_TEMPLATE},
    }
    return CronJob.from_object("test.yaml", obj)


def test_a_generated_name_stands_for_a_name() -> None:
    job = generated("report-")

    assert errors_of(job) == []
    assert job.title == "ns/report-*"


def test_a_generated_name_leaves_room_for_its_five_random_characters() -> None:
    (message,) = errors_of(generated("x" * 48))

    assert message.startswith("generateName must be no more than 47 characters")


def test_a_yaml_merge_key_is_read_as_kubectl_reads_it() -> None:
    text = (
        "apiVersion: batch/v1\nkind: CronJob\n"
        "metadata: {name: job, labels: &labels {app: a, tier: web}}\n"
        "spec:\n  schedule: '0 1 * * *'\n"
        "  jobTemplate:\n    metadata:\n      labels: {<<: *labels, tier: batch}\n"
    )

    (document,) = read_documents(text, "merge.yaml")

    labels = document.body["spec"]["jobTemplate"]["metadata"]["labels"]
    assert labels == {"app": "a", "tier": "batch"}
    assert document.duplicates == []


def test_an_undefined_alias_gets_no_hint_about_quoting_a_schedule() -> None:
    with pytest.raises(ManifestError) as caught:
        read_documents("metadata:\n  labels:\n    <<: *missing\n", "m.yaml")

    assert "undefined alias" in str(caught.value)
    assert "quote the schedule" not in str(caught.value)
