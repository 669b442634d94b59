"""The fields a CronJob's API types know, and the types of their values.

Two kinds of mistake pass a YAML parser but not the API:

* an *unknown field* (``timezone`` for ``timeZone``): kubectl's strict
  field validation (its default) refuses the object; a client that does
  not ask for it gets the object created *without* the field and a
  warning, so a misspelt ``timeZone`` silently leaves the job in UTC;
* a value of the wrong *type* for its field (a label ``version: 2``, an
  annotation ``true``, an env ``value: 5``): the API's JSON decoder
  refuses the object whoever sends it, since those fields are strings.

Only the types around the schedule are listed (the CronJob, its Job
template, object metadata); the pod spec's many fields are left to the
API server.  Field names are as in the ``batch/v1`` and ``core/v1`` API
reference.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

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


def field_problems(obj: dict[str, Any]) -> list[tuple[str, str]]:
    """Unknown fields and values of the wrong type in a CronJob object, as
    (field, message) pairs; empty when the API would decode it as is."""
    return [*_unknown(obj), *_string_maps(obj), *_env_values(obj)]


def _unknown(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for path, known in _KNOWN.items():
        mapping = _at(obj, path)
        for key in mapping:
            if key in known:
                continue
            here = f"{path}.{key}" if path else str(key)
            message = f"unknown field {key!r}"
            guess = _guess(str(key), known)
            if guess:
                message += f" (did you mean {guess!r}?)"
            yield (
                here,
                f"{message}: kubectl refuses it; other clients create the "
                "CronJob without it",
            )


def _guess(key: str, known: frozenset[str]) -> str | None:
    # Case slips (timezone, startingDeadLineSeconds) first, then typos.
    for name in known:
        if name.lower() == key.lower():
            return name
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
    return close[0] if close else None


def _string_maps(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    # labels and annotations are map[string]string: an unquoted true, 2
    # or a date does not decode.
    for meta in (p for p in _KNOWN if p.endswith("metadata")):
        for part in ("labels", "annotations"):
            values = _at(obj, meta).get(part)
            if not isinstance(values, dict):
                continue
            for key, value in values.items():
                if not isinstance(value, str):
                    message = f"{part[:-1]} values must be strings; quote it"
                    yield (f"{meta}.{part}.{key}", f"{message}: {_plain(value)}")


def _env_values(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    # EnvVar.value is a string: `value: 5` or `value: true` does not decode.
    for kind in ("initContainers", "containers"):
        containers = _at(obj, _POD_SPEC).get(kind)
        for i, container in enumerate(_list(containers)):
            env = container.get("env") if isinstance(container, dict) else None
            for j, var in enumerate(_list(env)):
                value = var.get("value") if isinstance(var, dict) else None
                if value is not None and not isinstance(value, str):
                    yield (
                        f"{_POD_SPEC}.{kind}[{i}].env[{j}].value",
                        f"env values must be strings; quote it: {_plain(value)}",
                    )


def _plain(value: Any) -> str:
    # As the manifest wrote it: YAML's true, not Python's True.
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _at(obj: dict[str, Any], path: str) -> dict[str, Any]:
    here: Any = obj
    for part in path.split(".") if path else ():
        here = here.get(part) if isinstance(here, dict) else None
    return here if isinstance(here, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
