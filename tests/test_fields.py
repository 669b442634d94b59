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
    ((_, where, message),) = field_problems(cronjob(timezone="Europe/Berlin"))

    assert where == "spec.timezone"
    assert "unknown field 'timezone' (did you mean 'timeZone'?)" in message
    assert "kubectl refuses it" in message


def test_a_typo_gets_the_closest_known_field() -> None:
    ((_, _, message),) = field_problems(cronjob(concurencyPolicy="Forbid"))

    assert "did you mean 'concurrencyPolicy'?" in message


def test_a_field_nothing_resembles_gets_no_guess() -> None:
    ((_, where, message),) = field_problems(cronjob(owner="team-a"))

    assert where == "spec.owner"
    assert "did you mean" not in message


def test_job_spec_fields_are_checked() -> None:
    obj = cronjob(jobTemplate={"spec": {"backofLimit": 2}})

    ((level, where, message),) = field_problems(obj)

    assert (level, where) == ("error", "spec.jobTemplate.spec.backofLimit")
    assert "did you mean 'backoffLimit'?" in message


def pod(spec: dict[str, Any]) -> dict[str, Any]:
    return cronjob(jobTemplate={"spec": {"template": {"spec": spec}}})


def test_a_near_miss_in_the_pod_spec_or_a_container_is_an_error() -> None:
    container = {
        "name": "c",
        "image": "b",
        "commands": ["sh"],
        "imagePullpolicy": "Always",
    }
    found = field_problems(pod({"nodeselector": {"a": "b"}, "containers": [container]}))

    assert [(level, where.rsplit(".", 1)[-1]) for level, where, _ in found] == [
        ("error", "nodeselector"),
        ("error", "commands"),
        ("error", "imagePullpolicy"),
    ]
    assert "did you mean 'nodeSelector'?" in found[0][2]


def test_an_unknown_pod_field_unlike_any_known_one_is_only_a_warning() -> None:
    # The pod spec grows every release: it may be newer than the list.
    ((level, where, message),) = field_problems(pod({"workloadReference": {}}))

    assert level == "warning"
    assert where.endswith("template.spec.workloadReference")
    assert "not a field of Kubernetes 1.34" in message


def test_label_and_annotation_values_must_be_strings() -> None:
    obj = cronjob()
    obj["metadata"]["labels"] = {"version": 2}
    obj["metadata"]["annotations"] = {"sidecar.istio.io/inject": False}

    assert field_problems(obj) == [
        (
            "error",
            "metadata.labels.version",
            "label values must be strings; quote it (YAML reads it as the number 2)",
        ),
        (
            "error",
            "metadata.annotations.sidecar.istio.io/inject",
            "annotation values must be strings; quote it "
            "(YAML reads it as the boolean false)",
        ),
    ]


def test_env_values_must_be_strings() -> None:
    container = {"name": "c", "image": "busybox", "env": [{"name": "N", "value": 5}]}
    obj = cronjob(
        jobTemplate={"spec": {"template": {"spec": {"containers": [container]}}}}
    )

    assert field_problems(obj) == [
        (
            "error",
            "spec.jobTemplate.spec.template.spec.containers[0].env[0].value",
            "env values must be strings; quote it (YAML reads it as the number 5)",
        )
    ]


def test_a_null_label_value_decodes_as_empty_and_passes() -> None:
    obj = cronjob()
    obj["metadata"]["labels"] = {"team": None}

    assert field_problems(obj) == []


def test_label_keys_and_values_must_be_kubernetes_names() -> None:
    obj = cronjob()
    obj["metadata"]["labels"] = {
        "app.kubernetes.io/name": "backup",
        "bad key!": "x",
        "long": "v" * 64,
        "empty": "",
    }

    found = [
        (where, message.split(":")[0]) for _, where, message in field_problems(obj)
    ]

    assert [where for where, _ in found] == [
        "metadata.labels.bad key!",
        "metadata.labels.long",
    ]
