"""The CronJob spec, and what the Kubernetes API server would say of it.

``parse`` accepts exactly what the controller's schedule code accepts; the
API server refuses more on top (SEMANTICS.md §5).  Those extra rules live
here, apart from the grammar, and are reported as :class:`Problem` values
rather than raised, so a whole folder can be checked in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import CronlabError
from .fields import field_problems
from .names import MAX_LABEL, is_dns_label, is_dns_subdomain
from .schedule import Schedule, parse
from .template import template_problems
from .zones import validate_time_zone

CRONJOB_KIND = "CronJob"
POLICIES = ("Allow", "Forbid", "Replace")
MAX_NAME = 52  # Job names are <cronjob>-<unix minutes> and must fit 63
_GENERATED = 5  # random characters a generateName gets


_TEMPLATE = re.compile(r"\$\{[^}]*\}|\{\{.*?\}\}|\$[A-Z_][A-Z0-9_]*")


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a CronJob: ``error`` (the API server refuses it)
    or ``warning`` (accepted, but likely not what was meant)."""

    level: str
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready form."""
        return {"level": self.level, "field": self.field, "message": self.message}


@dataclass(slots=True)
class CronJob:
    """The parts of a CronJob that decide when and how its Jobs run."""

    where: str
    name: str | None
    namespace: str | None
    api_version: str
    schedule: Any
    time_zone: Any = None
    concurrency_policy: Any = "Allow"
    suspend: Any = False
    starting_deadline_seconds: Any = None
    successful_jobs_history_limit: Any = 3
    failed_jobs_history_limit: Any = 1
    active_deadline_seconds: Any = None
    backoff_limit: Any = 6
    annotations: dict[str, Any] = field(default_factory=dict)
    container_tz: str | None = None
    misplaced_schedule: str | None = None
    job_template: Any = None
    source: dict[str, Any] = field(default_factory=dict)
    generate_name: str | None = None

    @property
    def title(self) -> str:
        """``namespace/name`` as a user would look it up."""
        # A generated name is the prefix and five random characters.
        name = self.name or (
            f"{self.generate_name}*" if self.generate_name else "(unnamed)"
        )
        return f"{self.namespace}/{name}" if self.namespace else name

    @classmethod
    def from_object(cls, where: str, obj: dict[str, Any]) -> CronJob:
        """Read a CronJob object (a parsed manifest mapping)."""
        meta = _mapping(obj.get("metadata"))
        spec = _mapping(obj.get("spec"))
        job_spec = _mapping(_mapping(spec.get("jobTemplate")).get("spec"))
        pod_spec = _mapping(_mapping(job_spec.get("template")).get("spec"))
        return cls(
            where=where,
            name=_text_or_none(meta.get("name")),
            namespace=_text_or_none(meta.get("namespace")),
            api_version=str(obj.get("apiVersion", "")),
            schedule=spec.get("schedule"),
            time_zone=spec.get("timeZone"),
            concurrency_policy=_policy(spec),
            suspend=_given(spec, "suspend", False),
            starting_deadline_seconds=spec.get("startingDeadlineSeconds"),
            successful_jobs_history_limit=_given(spec, "successfulJobsHistoryLimit", 3),
            failed_jobs_history_limit=_given(spec, "failedJobsHistoryLimit", 1),
            active_deadline_seconds=job_spec.get("activeDeadlineSeconds"),
            backoff_limit=_given(job_spec, "backoffLimit", 6),
            annotations=dict(_mapping(meta.get("annotations"))),
            container_tz=_container_tz(pod_spec),
            misplaced_schedule=_find_misplaced(obj),
            job_template=spec.get("jobTemplate"),
            source=obj,
            generate_name=_text_or_none(meta.get("generateName")),
        )


_JOB_SPEC = "spec.jobTemplate.spec"


def _given(mapping: dict[str, Any], key: str, default: Any) -> Any:
    # JSON null decodes to an unset field, which the API server defaults.
    value = mapping.get(key)
    return default if value is None else value


def _policy(spec: dict[str, Any]) -> Any:
    # An empty policy is defaulted as an unset one is (SetDefaults_CronJob).
    policy = _given(spec, "concurrencyPolicy", "Allow")
    return "Allow" if policy == "" else policy


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


_UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "UTC0", "Etc/Universal", "Z"}
)


def _container_tz(pod_spec: dict[str, Any]) -> str | None:
    # A zone set for the container (TZ, CRON_TZ, APP_TIMEZONE…) is a sign
    # the author expected the schedule to follow it; it does not.
    containers = pod_spec.get("containers")
    for container in containers if isinstance(containers, list) else []:
        env = _mapping(container).get("env")
        for var in env if isinstance(env, list) else []:
            var = _mapping(var)
            name = str(var.get("name", "")).upper()
            if name in ("TZ", "CRON_TZ") or name.endswith(("TIMEZONE", "_TZ")):
                value = var.get("value")
                if str(value).removeprefix(":") in _UTC_NAMES:
                    # The controller's zone is UTC too: they agree.
                    continue
                return f"{var.get('name')}={value}" if value else str(var.get("name"))
    return None


def _find_misplaced(obj: dict[str, Any], path: str = "") -> str | None:
    # A schedule anywhere but spec.schedule is a nesting mistake the API
    # server reports only as "spec.schedule: Required value".
    for key, value in obj.items():
        here = f"{path}.{key}" if path else str(key)
        if key == "schedule" and here != "spec.schedule":
            return here
        if isinstance(value, dict) and here != "spec.jobTemplate.spec.template":
            found = _find_misplaced(value, here)
            if found:
                return found
    return None


def validate_schedule(
    schedule: Any, time_zone: Any = None, *, dialect: str = "kubernetes"
) -> tuple[Schedule | None, list[Problem]]:
    """Check ``spec.schedule`` and ``spec.timeZone`` as the API server does.

    Returns the parsed schedule (``None`` if it cannot be parsed) and the
    problems found.  Never raises for bad input.
    """
    problems: list[Problem] = []
    if schedule is None or schedule == "":
        problems.append(Problem("error", "spec.schedule", "spec.schedule is required"))
        return None, problems
    if not isinstance(schedule, str):
        problems.append(
            Problem(
                "error", "spec.schedule", f"schedule must be a string: {schedule!r}"
            )
        )
        return None, problems
    if _TEMPLATE.search(schedule):
        problems.append(
            Problem(
                "error",
                "spec.schedule",
                "schedule is an unrendered template placeholder; render the "
                f"manifest (envsubst, helm, kustomize) first: {schedule!r}",
            )
        )
        return None, problems

    tz_ok = _check_time_zone(time_zone, problems)
    if "TZ" in schedule:
        # Since Kubernetes 1.29 the API server refuses TZ/CRON_TZ in the
        # schedule on create (PR #116252), with this message whether or not
        # timeZone is set (its "cannot use both" is for updates); the
        # controller still honours the prefix, ignoring timeZone (§6.1).
        message = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
        if time_zone is not None:
            message += "; timeZone is set too, and the controller would ignore it"
        problems.append(Problem("error", "spec.schedule", message))

    try:
        parsed = parse(schedule, tz=time_zone if tz_ok else None, dialect=dialect)
    except CronlabError as err:
        problems.append(Problem("error", "spec.schedule", str(err)))
        return None, problems
    return parsed, problems


def _check_time_zone(time_zone: Any, problems: list[Problem]) -> bool:
    if time_zone is None:
        return True
    if not isinstance(time_zone, str):
        problems.append(
            Problem(
                "error", "spec.timeZone", f"timeZone must be a string: {time_zone!r}"
            )
        )
        return False
    try:
        validate_time_zone(time_zone)
    except CronlabError as err:
        problems.append(Problem("error", "spec.timeZone", str(err)))
        return False
    return True


def validate(cronjob: CronJob) -> tuple[Schedule | None, list[Problem]]:
    """Everything the API server would refuse, plus warnings worth reading.

    Returns the parsed schedule (or ``None``) and the problems, errors
    first.
    """
    problems: list[Problem] = []
    if cronjob.misplaced_schedule and cronjob.schedule is None:
        problems.append(
            Problem(
                "error",
                "spec.schedule",
                "spec.schedule is required; a schedule was found at "
                f"{cronjob.misplaced_schedule!r}, nested in the wrong place",
            )
        )
        schedule = None
    else:
        schedule, found = validate_schedule(cronjob.schedule, cronjob.time_zone)
        problems.extend(found)

    problems.extend(_spec_problems(cronjob))
    problems.extend(Problem(*found) for found in field_problems(cronjob.source))
    problems.extend(
        Problem("error", where, message)
        for where, message in template_problems(cronjob.job_template)
    )
    problems.extend(_warnings(cronjob))
    problems.sort(key=lambda p: p.level != "error")
    return schedule, problems


def _spec_problems(cronjob: CronJob) -> list[Problem]:
    problems: list[Problem] = []
    if not cronjob.name and cronjob.generate_name:
        # The API server appends five random characters (names.go).
        room = MAX_NAME - _GENERATED
        if len(cronjob.generate_name) > room:
            problems.append(
                Problem(
                    "error",
                    "metadata.generateName",
                    f"generateName must be no more than {room} characters, as "
                    f"the API server adds {_GENERATED} and a CronJob name is at "
                    f"most {MAX_NAME}: {cronjob.generate_name!r}",
                )
            )
    elif not cronjob.name:
        problems.append(
            Problem(
                "error",
                "metadata.name",
                "metadata.name (or metadata.generateName) is required",
            )
        )
    elif len(cronjob.name) > MAX_NAME:
        problems.append(
            Problem(
                "error",
                "metadata.name",
                f"name must be no more than {MAX_NAME} characters "
                f"(it has {len(cronjob.name)}): {cronjob.name!r}",
            )
        )
    if cronjob.name and not is_dns_subdomain(cronjob.name):
        problems.append(
            Problem(
                "error",
                "metadata.name",
                "name must be a DNS-1123 subdomain: lower-case letters, digits, "
                f"'-' and '.', starting and ending with a letter or digit: "
                f"{cronjob.name!r}",
            )
        )
    if cronjob.namespace is not None and not is_dns_label(cronjob.namespace):
        problems.append(
            Problem(
                "error",
                "metadata.namespace",
                "namespace must be a DNS-1123 label: lower-case letters, digits "
                f"and '-', at most {MAX_LABEL} long, starting and ending with a letter "
                f"or digit: {cronjob.namespace!r}",
            )
        )
    if cronjob.concurrency_policy not in POLICIES:
        problems.append(
            Problem(
                "error",
                "spec.concurrencyPolicy",
                f"concurrencyPolicy must be one of {', '.join(POLICIES)}: "
                f"{cronjob.concurrency_policy!r}",
            )
        )
    for name, value, bits in (
        ("spec.startingDeadlineSeconds", cronjob.starting_deadline_seconds, 64),
        ("spec.successfulJobsHistoryLimit", cronjob.successful_jobs_history_limit, 32),
        ("spec.failedJobsHistoryLimit", cronjob.failed_jobs_history_limit, 32),
        # A Job's deadline need only be non-negative (validateJobSpec); it
        # is the pod spec's own activeDeadlineSeconds that must be positive.
        (f"{_JOB_SPEC}.activeDeadlineSeconds", cronjob.active_deadline_seconds, 64),
        (f"{_JOB_SPEC}.backoffLimit", cronjob.backoff_limit, 32),
    ):
        problem = _integer_problem(value, bits)
        if problem is not None:
            problems.append(Problem("error", name, f"{problem}: {value!r}"))
    if not isinstance(cronjob.suspend, bool):
        problems.append(
            Problem(
                "error",
                "spec.suspend",
                f"suspend must be a boolean: {cronjob.suspend!r}",
            )
        )
    return problems


def _integer_problem(value: Any, bits: int) -> str | None:
    # The API types are int64 / int32: a larger number does not decode.
    if value is None:
        return None
    if not _is_int(value) or value < 0:
        return "must be a non-negative integer"
    if value >= 2 ** (bits - 1):
        return f"must fit in int{bits}"
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _warnings(cronjob: CronJob) -> list[Problem]:
    problems: list[Problem] = []
    if cronjob.api_version == "batch/v1beta1":
        problems.append(
            Problem(
                "warning",
                "apiVersion",
                "batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1",
            )
        )
    if cronjob.time_zone is None and cronjob.container_tz:
        problems.append(
            Problem(
                "warning",
                "spec.timeZone",
                "a zone set in the container's environment does not move the "
                "schedule, which runs in the controller's zone (usually UTC); "
                f"set spec.timeZone instead: {cronjob.container_tz!r}",
            )
        )
    sds = cronjob.starting_deadline_seconds
    if _is_int(sds) and 0 <= sds < 10:
        problems.append(
            Problem(
                "warning",
                "spec.startingDeadlineSeconds",
                "a deadline under 10 seconds makes the controller miss runs "
                f"whenever it reacts late (0 never runs): {sds!r}",
            )
        )
    if cronjob.active_deadline_seconds == 0 and _is_int(
        cronjob.active_deadline_seconds
    ):
        problems.append(
            Problem(
                "warning",
                f"{_JOB_SPEC}.activeDeadlineSeconds",
                "a Job deadline of 0 fails every Job as soon as it starts: 0",
            )
        )
    if cronjob.suspend is True:
        problems.append(
            Problem("warning", "spec.suspend", "the CronJob is suspended: no Job runs")
        )
    return problems
