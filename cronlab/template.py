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

from typing import Any

from .containers import container_problems

JOB_SPEC = "spec.jobTemplate.spec"
POD_SPEC = f"{JOB_SPEC}.template.spec"
JOB_RESTART_POLICIES = ("OnFailure", "Never")


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
    indexed = job.get("completionMode") == "Indexed"
    if indexed and job.get("completions") is None:
        found.append(
            (
                f"{JOB_SPEC}.completions",
                "completions is required when completionMode is Indexed",
            )
        )
    for field in ("backoffLimitPerIndex", "successPolicy"):
        if job.get(field) is not None and not indexed:
            found.append(
                (f"{JOB_SPEC}.{field}", f"{field} needs completionMode: Indexed")
            )
    for field in _COUNTS:
        value = job.get(field)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            found.append(
                (f"{JOB_SPEC}.{field}", f"must be a non-negative integer: {value!r}")
            )
    if pod.get("ephemeralContainers") is not None:
        found.append(
            (
                f"{POD_SPEC}.ephemeralContainers",
                "a pod template may not have ephemeral containers (they are "
                "added to running pods by kubectl debug)",
            )
        )
    return found


# Job fields that count things (ValidateNonnegativeField).
_COUNTS = (
    "parallelism",
    "completions",
    "ttlSecondsAfterFinished",
    "backoffLimitPerIndex",
    "maxFailedIndexes",
)


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
    found: list[tuple[str, str]] = []
    volumes = _volume_names(spec)
    for kind in ("initContainers", "containers"):
        containers = spec.get(kind)
        where = f"{POD_SPEC}.{kind}"
        if containers is not None and not isinstance(containers, list):
            # A mapping here is the usual slip: `containers:` without `- `.
            found.append(
                (where, f"{kind} must be a list ('- name: …'): {containers!r}")
            )
            continue
        if not containers and kind == "containers":
            found.append((where, "a Job's pod needs at least one container"))
        for i, container in enumerate(containers or []):
            here = f"{where}[{i}]"
            if not isinstance(container, dict):
                found.append((here, f"a container must be a mapping: {container!r}"))
                continue
            found.extend(container_problems(here, container, volumes))
    return found


def _volume_names(spec: dict[str, Any]) -> set[str]:
    volumes = spec.get("volumes")
    return {
        str(v.get("name"))
        for v in (volumes if isinstance(volumes, list) else [])
        if isinstance(v, dict)
    }


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
