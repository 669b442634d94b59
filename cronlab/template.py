"""The Job template of a CronJob, as the API server checks it.

A CronJob whose template the API server refuses is never created, however
good its schedule.  These are the refusals real manifests run into: the
pod template of a Job must restart ``OnFailure`` or ``Never`` (left unset
it defaults to ``Always``, which a Job may not use), and it needs
containers, each with a unique name and an image, command words that are
strings and ports in range; the Job template may not carry a selector
(copied from a Deployment), and a podFailurePolicy or Indexed completion
brings its own requirements.
"""

from __future__ import annotations

import re
from typing import Any

JOB_SPEC = "spec.jobTemplate.spec"
POD_SPEC = f"{JOB_SPEC}.template.spec"
JOB_RESTART_POLICIES = ("OnFailure", "Never")

# A container name is a DNS-1123 label (pkg/apis/core/validation).
_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
MAX_LABEL = 63


def template_problems(job_template: Any) -> list[tuple[str, str]]:
    """What the API server refuses in ``spec.jobTemplate``, as (field,
    message) pairs; empty when it would accept it."""
    if job_template is None:
        return [("spec.jobTemplate", "spec.jobTemplate is required")]
    job_spec = _mapping(_mapping(job_template).get("spec"))
    spec = _mapping(_mapping(job_spec.get("template")).get("spec"))
    return [
        *_restart_policy(spec),
        *_job_spec(job_spec, spec),
        *_containers(spec),
        *_duplicate_names(spec),
    ]


def _job_spec(job: dict[str, Any], pod: dict[str, Any]) -> list[tuple[str, str]]:
    # The Job-level refusals of ValidateJobTemplateSpec / validateJobSpec
    # that manifests copied from Deployments or Jobs run into.
    found: list[tuple[str, str]] = []
    if job.get("manualSelector") not in (None, False):
        found.append(
            (
                f"{JOB_SPEC}.manualSelector",
                "a CronJob's Job template may not set manualSelector: "
                f"{job['manualSelector']!r}",
            )
        )
    if job.get("selector") is not None:
        found.append(
            (
                f"{JOB_SPEC}.selector",
                "a CronJob's Job template may not set a selector: the API server "
                "generates it; remove it",
            )
        )
    if (
        job.get("podFailurePolicy") is not None
        and pod.get("restartPolicy") == "OnFailure"
    ):
        found.append(
            (
                f"{POD_SPEC}.restartPolicy",
                "only restartPolicy Never is supported with a podFailurePolicy: "
                "'OnFailure'",
            )
        )
    if job.get("completionMode") == "Indexed" and job.get("completions") is None:
        found.append(
            (
                f"{JOB_SPEC}.completions",
                "completions is required when completionMode is Indexed",
            )
        )
    return found


def _duplicate_names(spec: dict[str, Any]) -> list[tuple[str, str]]:
    # Init containers and containers share one name space in a pod.
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    for kind in ("initContainers", "containers"):
        items = spec.get(kind)
        for i, container in enumerate(items if isinstance(items, list) else []):
            name = container.get("name") if isinstance(container, dict) else None
            if not isinstance(name, str) or not name:
                continue
            if name in seen:
                where = f"{POD_SPEC}.{kind}[{i}].name"
                found.append((where, f"two containers of the pod are named {name!r}"))
            seen.add(name)
    return found


def _restart_policy(spec: dict[str, Any]) -> list[tuple[str, str]]:
    policy = spec.get("restartPolicy")
    if policy in JOB_RESTART_POLICIES:
        return []
    where = f"{POD_SPEC}.restartPolicy"
    if policy is None:
        return [
            (
                where,
                "restartPolicy is required for a Job: unset it defaults to "
                "Always, which a Job may not use; set OnFailure or Never",
            )
        ]
    return [(where, f"restartPolicy must be OnFailure or Never for a Job: {policy!r}")]


def _containers(spec: dict[str, Any]) -> list[tuple[str, str]]:
    containers = spec.get("containers")
    where = f"{POD_SPEC}.containers"
    if containers is not None and not isinstance(containers, list):
        # A mapping here is the usual slip: `containers:` without `- `.
        return [(where, f"containers must be a list ('- name: …'): {containers!r}")]
    if not containers:
        return [(where, "a Job's pod needs at least one container")]

    found: list[tuple[str, str]] = []
    for i, container in enumerate(containers):
        here = f"{where}[{i}]"
        if not isinstance(container, dict):
            found.append((here, f"a container must be a mapping: {container!r}"))
            continue
        found.extend(_container(here, container))
    return found


def _container(here: str, container: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    name = container.get("name")
    if not name:
        found.append((f"{here}.name", "a container needs a name"))
    elif not is_dns_label(str(name)):
        found.append(
            (
                f"{here}.name",
                "a container name must be a DNS-1123 label (lower-case letters, "
                f"digits and '-', at most {MAX_LABEL}): {name!r}",
            )
        )
    if not container.get("image"):
        found.append((f"{here}.image", "a container needs an image"))
    for part in ("command", "args"):
        words = container.get(part)
        for i, word in enumerate(words if isinstance(words, list) else []):
            if not isinstance(word, str):
                # A []string: an unquoted 8080 or true does not decode.
                found.append(
                    (
                        f"{here}.{part}[{i}]",
                        f"{part} items must be strings; quote it: {word!r}",
                    )
                )
    ports = container.get("ports")
    for i, port in enumerate(ports if isinstance(ports, list) else []):
        number = port.get("containerPort") if isinstance(port, dict) else None
        if number is None:
            continue
        if (
            isinstance(number, bool)
            or not isinstance(number, int)
            or not 0 < number < 65536
        ):
            found.append(
                (
                    f"{here}.ports[{i}].containerPort",
                    f"containerPort must be a number from 1 to 65535: {number!r}",
                )
            )
    return found


def is_dns_label(text: str) -> bool:
    """Whether ``text`` is a DNS-1123 label (a container name, a namespace)."""
    return len(text) <= MAX_LABEL and _LABEL.fullmatch(text) is not None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
