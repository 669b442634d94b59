"""The fields a CronJob's API types know, and the types of their values.

Two kinds of mistake pass a YAML parser but not the API:

* an *unknown field* (``timezone`` for ``timeZone``): kubectl's strict
  field validation (its default) refuses the object; a client that does
  not ask for it gets the object created *without* the field and a
  warning, so a misspelt ``timeZone`` silently leaves the job in UTC;
* a value of the wrong *type* for its field (a label ``version: 2``, an
  annotation ``true``, an env ``value: 5``): the API's JSON decoder
  refuses the object whoever sends it, since those fields are strings.

The CronJob, its Job template and object metadata are known in full: an
unknown field there is an error.  The pod spec and its containers gain
fields with every Kubernetes release, so there an unknown field is an
error only when it is a near miss of a known one (``restartpolicy``,
``imagePullpolicy``), and a warning otherwise (it may be newer than this
list).  Field names are as in the ``batch/v1`` and ``core/v1`` API
reference (Kubernetes 1.34).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from .names import is_dns_subdomain

_OBJECT = frozenset({"apiVersion", "kind", "metadata", "spec", "status"})
_OBJECT_META = frozenset(
    {
        "name",
        "generateName",
        "namespace",
        "selfLink",
        "uid",
        "resourceVersion",
        "generation",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "labels",
        "annotations",
        "ownerReferences",
        "finalizers",
        "managedFields",
    }
)
_CRONJOB_SPEC = frozenset(
    {
        "schedule",
        "timeZone",
        "startingDeadlineSeconds",
        "concurrencyPolicy",
        "suspend",
        "jobTemplate",
        "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    }
)
_TEMPLATE = frozenset({"metadata", "spec"})
_JOB_SPEC = frozenset(
    {
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "podFailurePolicy",
        "successPolicy",
        "backoffLimit",
        "backoffLimitPerIndex",
        "maxFailedIndexes",
        "selector",
        "manualSelector",
        "template",
        "ttlSecondsAfterFinished",
        "completionMode",
        "suspend",
        "podReplacementPolicy",
        "managedBy",
    }
)

_POD_SPEC_FIELDS = frozenset(
    {
        "activeDeadlineSeconds",
        "affinity",
        "automountServiceAccountToken",
        "containers",
        "dnsConfig",
        "dnsPolicy",
        "enableServiceLinks",
        "ephemeralContainers",
        "hostAliases",
        "hostIPC",
        "hostNetwork",
        "hostPID",
        "hostUsers",
        "hostname",
        "hostnameOverride",
        "imagePullSecrets",
        "initContainers",
        "nodeName",
        "nodeSelector",
        "os",
        "overhead",
        "preemptionPolicy",
        "priority",
        "priorityClassName",
        "readinessGates",
        "resourceClaims",
        "resources",
        "restartPolicy",
        "runtimeClassName",
        "schedulerName",
        "schedulingGates",
        "securityContext",
        "serviceAccount",
        "serviceAccountName",
        "setHostnameAsFQDN",
        "shareProcessNamespace",
        "subdomain",
        "terminationGracePeriodSeconds",
        "tolerations",
        "topologySpreadConstraints",
        "volumes",
    }
)
_CONTAINER = frozenset(
    {
        "args",
        "command",
        "env",
        "envFrom",
        "image",
        "imagePullPolicy",
        "lifecycle",
        "livenessProbe",
        "name",
        "ports",
        "readinessProbe",
        "resizePolicy",
        "resources",
        "restartPolicy",
        "restartPolicyRules",
        "securityContext",
        "startupProbe",
        "stdin",
        "stdinOnce",
        "targetContainerName",
        "terminationMessagePath",
        "terminationMessagePolicy",
        "tty",
        "volumeDevices",
        "volumeMounts",
        "workingDir",
    }
)

# Where each known set applies, by path from the object's top.
_KNOWN: dict[str, frozenset[str]] = {
    "": _OBJECT,
    "metadata": _OBJECT_META,
    "spec": _CRONJOB_SPEC,
    "spec.jobTemplate": _TEMPLATE,
    "spec.jobTemplate.metadata": _OBJECT_META,
    "spec.jobTemplate.spec": _JOB_SPEC,
    "spec.jobTemplate.spec.template": _TEMPLATE,
    "spec.jobTemplate.spec.template.metadata": _OBJECT_META,
}
_POD_SPEC = "spec.jobTemplate.spec.template.spec"
_CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")

#: One finding: (level, field, message), level "error" or "warning".
Finding = tuple[str, str, str]


def field_problems(obj: dict[str, Any]) -> list[Finding]:
    """Unknown fields and values of the wrong type in a CronJob object;
    empty when the API would decode it as is."""
    errors = [
        ("error", where, message)
        for where, message in [*_string_maps(obj), *_env_values(obj)]
    ]
    return [*_unknown(obj), *errors]


def _unknown(obj: dict[str, Any]) -> Iterator[Finding]:
    for path, known in _KNOWN.items():
        yield from _unknown_in(_at(obj, path), path, known, complete=True)
    yield from _unknown_in(_at(obj, _POD_SPEC), _POD_SPEC, _POD_SPEC_FIELDS)
    for kind, i, container in _containers(obj):
        here = f"{_POD_SPEC}.{kind}[{i}]"
        yield from _unknown_in(container, here, _CONTAINER)


def _unknown_in(
    mapping: dict[str, Any],
    path: str,
    known: frozenset[str],
    *,
    complete: bool = False,
) -> Iterator[Finding]:
    for key in mapping:
        if key in known:
            continue
        here = f"{path}.{key}" if path else str(key)
        guess = _guess(str(key), known)
        if guess:
            yield (
                "error",
                here,
                f"unknown field {key!r} (did you mean {guess!r}?): kubectl "
                "refuses it; other clients create the CronJob without it",
            )
        elif complete:
            yield (
                "error",
                here,
                f"unknown field {key!r}: kubectl refuses it; other clients "
                "create the CronJob without it",
            )
        else:
            yield (
                "warning",
                here,
                f"unknown field {key!r}: not a field of Kubernetes 1.34; an "
                "older or newer API server may refuse or drop it",
            )


def _guess(key: str, known: frozenset[str]) -> str | None:
    # Case slips (timezone, startingDeadLineSeconds) first, then typos.
    for name in known:
        if name.lower() == key.lower():
            return name
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
    return close[0] if close else None


def _string_maps(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for meta in (p for p in _KNOWN if p.endswith("metadata")):
        for part in ("labels", "annotations"):
            values = _at(obj, meta).get(part)
            if not isinstance(values, dict):
                continue
            for key, value in values.items():
                for message in _entry_problems(part[:-1], str(key), value):
                    yield (f"{meta}.{part}.{key}", message)


def _entry_problems(kind: str, key: str, value: Any) -> Iterator[str]:
    # labels and annotations are map[string]string: an unquoted true, 2 or
    # a date does not decode (a null decodes as the empty string).  Keys
    # are qualified names; label values are short names too.
    if value is not None and not isinstance(value, str):
        yield f"{kind} values must be strings; quote it ({_plain(value)})"
    if not _is_qualified_name(key):
        yield (
            f"{kind} keys are names of at most 63 letters, digits, '-', '_' "
            f"and '.', with an optional DNS prefix and '/': {key!r}"
        )
    if kind == "label" and isinstance(value, str) and not _is_label_value(value):
        yield (
            "label values are empty or at most 63 letters, digits, '-', '_' "
            f"and '.', starting and ending with a letter or digit: {value!r}"
        )


# ValidateLabels / IsQualifiedName (apimachinery validation).
_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")


def _is_qualified_name(key: str) -> bool:
    prefix, slash, name = key.rpartition("/")
    if slash and not is_dns_subdomain(prefix):
        return False
    return len(name) <= 63 and _NAME.fullmatch(name) is not None


def _is_label_value(value: str) -> bool:
    return value == "" or (len(value) <= 63 and _NAME.fullmatch(value) is not None)


def _env_values(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    # EnvVar.value is a string: `value: 5` or `value: true` does not decode.
    for kind, i, container in _containers(obj):
        for j, var in enumerate(_list(container.get("env"))):
            value = var.get("value") if isinstance(var, dict) else None
            if value is not None and not isinstance(value, str):
                yield (
                    f"{_POD_SPEC}.{kind}[{i}].env[{j}].value",
                    f"env values must be strings; quote it ({_plain(value)})",
                )


def _containers(obj: dict[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    pod_spec = _at(obj, _POD_SPEC)
    for kind in _CONTAINER_LISTS:
        for i, container in enumerate(_list(pod_spec.get(kind))):
            if isinstance(container, dict):
                yield kind, i, container


def _plain(value: Any) -> str:
    # What YAML made of the text: 1.10 arrives as 1.1, so say it was read
    # as a number rather than show a text the manifest does not have.
    if isinstance(value, bool):
        return f"YAML reads it as the boolean {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"YAML reads it as the number {value!r}"
    return f"YAML reads it as a {type(value).__name__}: {value!r}"


def _at(obj: dict[str, Any], path: str) -> dict[str, Any]:
    here: Any = obj
    for part in path.split(".") if path else ():
        here = here.get(part) if isinstance(here, dict) else None
    return here if isinstance(here, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
