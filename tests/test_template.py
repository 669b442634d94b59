"""The Job template: what the API server refuses in spec.jobTemplate."""

from __future__ import annotations

from typing import Any

from cronlab.template import template_problems


def template(**pod_spec: Any) -> dict[str, Any]:
    return {"spec": {"template": {"spec": pod_spec}}}


def fields_of(job_template: Any) -> list[str]:
    return [where for where, _ in template_problems(job_template)]


def test_a_complete_template_is_accepted() -> None:
    ok = template(restartPolicy="Never", containers=[{"name": "a", "image": "b"}])

    assert template_problems(ok) == []


def test_an_unset_restart_policy_is_refused_because_it_defaults_to_always() -> None:
    [(where, message)] = template_problems(
        template(containers=[{"name": "a", "image": "b"}])
    )

    assert where == "spec.jobTemplate.spec.template.spec.restartPolicy"
    assert "defaults to Always" in message


def test_restart_policy_always_is_refused_with_the_value() -> None:
    [(_, message)] = template_problems(
        template(restartPolicy="Always", containers=[{"name": "a", "image": "b"}])
    )

    assert message == "restartPolicy must be OnFailure or Never for a Job: 'Always'"


def test_a_pod_needs_containers_with_names_and_images() -> None:
    pod = "spec.jobTemplate.spec.template.spec"

    assert fields_of(template(restartPolicy="Never")) == [f"{pod}.containers"]
    assert fields_of(template(restartPolicy="Never", containers=[{}])) == [
        f"{pod}.containers[0].name",
        f"{pod}.containers[0].image",
    ]
    assert fields_of(
        template(restartPolicy="Never", containers=[{"name": "Web_1", "image": "b"}])
    ) == [f"{pod}.containers[0].name"]


def test_a_missing_or_empty_job_template_is_refused() -> None:
    assert fields_of(None) == ["spec.jobTemplate"]
    assert len(fields_of({})) == 2  # no restartPolicy, no containers


def test_containers_written_as_a_mapping_are_told_to_be_a_list() -> None:
    [(_, message)] = template_problems(
        template(restartPolicy="Never", containers={"name": "a", "image": "b"})
    )

    assert message == (
        "containers must be a list ('- name: …'): {'name': 'a', 'image': 'b'}"
    )


def job(pod_spec: dict[str, Any] | None = None, **job_spec: Any) -> dict[str, Any]:
    pod = {"restartPolicy": "Never", "containers": [{"name": "a", "image": "b"}]}
    return {"spec": {**job_spec, "template": {"spec": {**pod, **(pod_spec or {})}}}}


def test_a_selector_copied_from_a_deployment_is_refused() -> None:
    assert fields_of(job(selector={"matchLabels": {"app": "x"}})) == [
        "spec.jobTemplate.spec.selector"
    ]
    assert fields_of(job(manualSelector=True)) == [
        "spec.jobTemplate.spec.manualSelector"
    ]
    assert fields_of(job(manualSelector=False)) == []


def test_a_pod_failure_policy_needs_restart_policy_never() -> None:
    policy = {"rules": []}

    assert fields_of(job(podFailurePolicy=policy)) == []
    [(_, message)] = template_problems(
        job({"restartPolicy": "OnFailure"}, podFailurePolicy=policy)
    )
    assert message.startswith("only restartPolicy Never is supported")


def test_indexed_completion_needs_a_completion_count() -> None:
    assert fields_of(job(completionMode="Indexed")) == [
        "spec.jobTemplate.spec.completions"
    ]
    assert fields_of(job(completionMode="Indexed", completions=3)) == []


def test_two_containers_of_one_pod_may_not_share_a_name() -> None:
    init = [{"name": "a", "image": "b"}]

    assert fields_of(job({"initContainers": init})) == [
        "spec.jobTemplate.spec.template.spec.containers[0].name"
    ]


def test_command_words_are_strings_and_ports_are_in_range() -> None:
    container = {
        "name": "a",
        "image": "b",
        "args": ["--port", 8080],
        "ports": [
            {"containerPort": 70000},
            {"containerPort": "8080"},
            {"containerPort": 80},
        ],
    }
    pod = "spec.jobTemplate.spec.template.spec.containers[0]"

    assert fields_of(job({"containers": [container]})) == [
        f"{pod}.args[1]",
        f"{pod}.ports[0].containerPort",
        f"{pod}.ports[1].containerPort",
    ]


def test_counts_of_a_job_are_non_negative() -> None:
    assert fields_of(job(parallelism=-2, ttlSecondsAfterFinished=-1)) == [
        "spec.jobTemplate.spec.parallelism",
        "spec.jobTemplate.spec.ttlSecondsAfterFinished",
    ]


def test_per_index_back_off_and_success_policy_need_indexed_completion() -> None:
    assert fields_of(job(backoffLimitPerIndex=1, successPolicy={"rules": []})) == [
        "spec.jobTemplate.spec.backoffLimitPerIndex",
        "spec.jobTemplate.spec.successPolicy",
    ]
    indexed = job(completionMode="Indexed", completions=2, backoffLimitPerIndex=1)
    assert fields_of(indexed) == []


def test_a_pod_template_may_not_hold_ephemeral_containers() -> None:
    debug = [{"name": "debug", "image": "busybox"}]

    assert fields_of(job({"ephemeralContainers": debug})) == [
        "spec.jobTemplate.spec.template.spec.ephemeralContainers"
    ]


def test_init_containers_are_checked_like_containers() -> None:
    init = [{"name": "init", "image": "b", "imagePullPolicy": "always"}]

    assert fields_of(job({"initContainers": init})) == [
        "spec.jobTemplate.spec.template.spec.initContainers[0].imagePullPolicy"
    ]
