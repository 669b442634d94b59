"""The Job template of a CronJob, as the API server checks it.

A CronJob whose template the API server refuses is never created, however
good its schedule.  These are the refusals real manifests run into: the
pod template of a Job must restart ``OnFailure`` or ``Never`` (left unset
it defaults to ``Always``, which a Job may not use), and it needs
containers, each with a name and an image.
"""

from __future__ import annotations

import re
from typing import Any

POD_SPEC = "spec.jobTemplate.spec.template.spec"
JOB_RESTART_POLICIES = ("OnFailure", "Never")

# A container name is a DNS-1123 label (pkg/apis/core/validation).
_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
MAX_LABEL = 63


def template_problems(job_template: Any) -> list[tuple[str, str]]:
    """What the API server refuses in ``spec.jobTemplate``, as (field,
    message) pairs; empty when it would accept it."""
    if job_template is None:
        return [("spec.jobTemplate", "spec.jobTemplate is required")]
    pod_spec = _mapping(_mapping(_mapping(job_template).get("spec")).get("template"))
    spec = _mapping(pod_spec.get("spec"))
    return [*_restart_policy(spec), *_containers(spec)]


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
    return found


def is_dns_label(text: str) -> bool:
    """Whether ``text`` is a DNS-1123 label (a container name, a namespace)."""
    return len(text) <= MAX_LABEL and _LABEL.fullmatch(text) is not None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
