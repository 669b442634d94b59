"""Unknown fields and wrongly typed values, as the API's decoder sees them."""

from __future__ import annotations

from typing import Any

from cronlab.fields import field_problems


def cronjob(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "backup"},
        "spec": {"schedule": "0 2 * * *", **spec},
    }


def test_a_known_cronjob_has_no_field_problems() -> None:
    obj = cronjob(timeZone="Europe/Berlin", concurrencyPolicy="Forbid")
    obj["metadata"]["labels"] = {"app": "backup"}

    assert field_problems(obj) == []


def test_a_misspelt_time_zone_is_named_with_the_field_meant() -> None:
    ((where, message),) = field_problems(cronjob(timezone="Europe/Berlin"))

    assert where == "spec.timezone"
    assert "unknown field 'timezone' (did you mean 'timeZone'?)" in message
    assert "kubectl refuses it" in message


def test_a_typo_gets_the_closest_known_field() -> None:
    ((_, message),) = field_problems(cronjob(concurencyPolicy="Forbid"))

    assert "did you mean 'concurrencyPolicy'?" in message


def test_a_field_nothing_resembles_gets_no_guess() -> None:
    ((where, message),) = field_problems(cronjob(owner="team-a"))

    assert where == "spec.owner"
    assert "did you mean" not in message


def test_job_spec_fields_are_checked_but_the_pod_spec_is_left_alone() -> None:
    obj = cronjob(
        jobTemplate={
            "spec": {
                "backofLimit": 2,
                "template": {"spec": {"anyPodField": 1, "containers": []}},
            }
        }
    )

    ((where, message),) = field_problems(obj)

    assert where == "spec.jobTemplate.spec.backofLimit"
    assert "did you mean 'backoffLimit'?" in message


def test_label_and_annotation_values_must_be_strings() -> None:
    obj = cronjob()
    obj["metadata"]["labels"] = {"version": 2}
    obj["metadata"]["annotations"] = {"sidecar.istio.io/inject": False}

    assert field_problems(obj) == [
        ("metadata.labels.version", "label values must be strings; quote it: 2"),
        (
            "metadata.annotations.sidecar.istio.io/inject",
            "annotation values must be strings; quote it: false",
        ),
    ]


def test_env_values_must_be_strings() -> None:
    container = {"name": "c", "image": "busybox", "env": [{"name": "N", "value": 5}]}
    obj = cronjob(
        jobTemplate={"spec": {"template": {"spec": {"containers": [container]}}}}
    )

    assert field_problems(obj) == [
        (
            "spec.jobTemplate.spec.template.spec.containers[0].env[0].value",
            "env values must be strings; quote it: 5",
        )
    ]
