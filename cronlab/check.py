"""Checking manifests: every CronJob found, validated, with its next runs.

The library side of ``cronlab check`` (and of the service's ``/v1/check``):
it reads sources, keeps going past broken ones, and returns plain results.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from .clauses import never_warnings
from .comments import comment_warnings
from .cronjob import CRONJOB_KIND, CronJob, Problem, validate
from .dst import dst_warnings
from .errors import ManifestError
from .manifests import (
    CRONJOB_VERSIONS,
    Document,
    Duplicate,
    Skipped,
    decoded,
    expand_paths,
    objects_of,
    read_documents,
    read_path,
    strays_of,
)
from .run import RunList
from .schedule import Schedule


@dataclass(slots=True)
class CronJobReport:
    """One CronJob: where it is, whether the API server accepts it, when
    it runs."""

    cronjob: CronJob
    schedule: Schedule | None
    problems: list[Problem]
    runs: RunList

    @property
    def valid(self) -> bool:
        """True when the API server would accept the object."""
        return not any(p.level == "error" for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        job = self.cronjob
        return {
            "source": job.where,
            "namespace": job.namespace,
            "name": job.name,
            "schedule": job.schedule,
            "timeZone": job.time_zone,
            "evaluatedIn": self.schedule.tz if self.schedule else None,
            "concurrencyPolicy": job.concurrency_policy,
            "suspend": job.suspend,
            "valid": self.valid,
            "errors": [p.to_dict() for p in self.problems if p.level == "error"],
            "warnings": [p.to_dict() for p in self.problems if p.level == "warning"],
            "next_runs": [run.to_dict() for run in self.runs],
        }


@dataclass(slots=True)
class CheckReport:
    """Everything ``check`` found across its sources."""

    cronjobs: list[CronJobReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """2 if a source was unusable, 1 if a CronJob is invalid, else 0."""
        if self.unreadable:
            return 2
        return 0 if all(r.valid for r in self.cronjobs) else 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "cronjobs": [r.to_dict() for r in self.cronjobs],
            "skipped": [
                {"source": s.where, "kind": s.kind, "name": s.name, "reason": s.reason}
                for s in self.skipped
            ],
            "unreadable": list(self.unreadable),
            "valid": self.exit_status == 0,
        }


def check_documents(
    documents: list[Document], after: datetime, count: int, report: CheckReport
) -> None:
    """Add every object of ``documents`` to ``report``."""
    for document in documents:
        duplicates = _duplicate_problems(document.duplicates)
        found = len(report.cronjobs)
        for where, obj in objects_of(document):
            item = _check_object(where, obj, after, count, report, duplicates)
            if item is not None and item.schedule is not None:
                item.problems += _comment_problems(document, item, after)
        for where, what in strays_of(document):
            report.skipped.append(Skipped(where, "(not an object)", "", what))
        if duplicates and len(report.cronjobs) == found:
            # No CronJob to carry the error: still say what was seen.
            keys = ", ".join(d.path or d.key for d in document.duplicates)
            report.skipped.append(
                Skipped(document.where, "(duplicate key)", keys, duplicates[0].message)
            )


def _duplicate_problems(duplicates: list[Duplicate]) -> list[Problem]:
    # kubectl's YAML-to-JSON step and the API server's strict field
    # validation both refuse a key given twice; PyYAML would silently keep
    # the last one, merging two objects when a '---' is missing.
    if not duplicates:
        return []
    keys = ", ".join(repr(d.path or d.key) for d in duplicates)
    lines = ", ".join(str(d.line) for d in duplicates)
    several = len(duplicates) > 1
    message = (
        f"{'keys' if several else 'key'} {keys} "
        f"{'appear' if several else 'appears'} twice "
        f"(line{'s' if several else ''} {lines}); the API server refuses "
        "duplicate fields, and only the last value is read here; a missing "
        "'---' between two objects?"
    )
    return [Problem("error", duplicates[0].path or duplicates[0].key, message)]


def _check_object(
    where: str,
    obj: dict[str, Any],
    after: datetime,
    count: int,
    report: CheckReport,
    duplicates: list[Problem],
) -> CronJobReport | None:
    kind = str(obj.get("kind", "(no kind)"))
    meta = obj.get("metadata")
    name = str(meta.get("name", "")) if isinstance(meta, dict) else ""
    typed = _type_problems(kind, obj.get("apiVersion"))
    if typed is None:
        reason = "not a CronJob"
        if kind == CRONJOB_KIND:
            reason = f"not a batch CronJob (apiVersion {obj.get('apiVersion')!r})"
        report.skipped.append(Skipped(where, kind, name, reason))
        return None

    cronjob = CronJob.from_object(where, obj)
    schedule, problems = validate(cronjob)
    problems[:0] = [*typed, *duplicates]
    if schedule is not None and _zone_refused(problems):
        # The runs would be in a zone the CronJob does not ask for.
        schedule = None
    runs = schedule.next_runs(after, count) if schedule is not None else RunList()
    if schedule is not None:
        problems += _run_warnings(schedule, after, count, runs)
    item = CronJobReport(cronjob, schedule, problems, runs)
    report.cronjobs.append(item)
    return item


def _type_problems(kind: str, version: Any) -> list[Problem] | None:
    """What is wrong with the type of an object meant as a CronJob; None
    when it is meant as something else.

    A near miss (``Cronjob``, ``batch/v2``) is a CronJob the API server
    refuses, not another kind to pass over: passing it over would let a
    CI gate wave it through."""
    problems: list[Problem] = []
    if isinstance(version, str) and "." in version.partition("/")[0]:
        return None  # another API group's kind (a CRD named CronJob)
    if kind != CRONJOB_KIND:
        if not _near(kind, CRONJOB_KIND):
            return None
        problems.append(
            Problem(
                "error",
                "kind",
                f"no such kind (did you mean {CRONJOB_KIND!r}?): {kind!r}",
            )
        )
    if version is None or version == "":
        problems.append(Problem("error", "apiVersion", "apiVersion is required"))
    elif version not in CRONJOB_VERSIONS:
        problems.append(
            Problem(
                "error",
                "apiVersion",
                f"a CronJob's apiVersion is batch/v1 (batch/v1beta1 before "
                f"Kubernetes 1.25): {version!r}",
            )
        )
    return problems


def _near(text: str, word: str) -> bool:
    # Case slips and one-letter typos, not other kinds (Job, CronTab).
    return text.lower() == word.lower() or bool(
        difflib.get_close_matches(text, [word], n=1, cutoff=0.85)
    )


def _comment_problems(
    document: Document, item: CronJobReport, after: datetime
) -> list[Problem]:
    # A time-zone conversion noted beside the schedule that holds only
    # part of the year.
    comment = document.schedule_comment(str(item.cronjob.schedule))
    if not comment or item.schedule is None:
        return []
    return [
        Problem("warning", "spec.schedule", text)
        for text in comment_warnings(comment, item.schedule, after)
    ]


def _zone_refused(problems: list[Problem]) -> bool:
    return any(p.level == "error" and p.field == "spec.timeZone" for p in problems)


def _run_warnings(
    schedule: Schedule, after: datetime, count: int, runs: RunList
) -> list[Problem]:
    # What the coming year's UTC-offset changes do to its runs, and a
    # schedule that never runs at all, in words.
    never = never_warnings(schedule.expression)
    if never:
        return [Problem("warning", "spec.schedule", text) for text in never]
    if count and not runs and runs.end_reason:
        return [Problem("warning", "spec.schedule", f"no run: {runs.end_reason}")]
    return [
        Problem("warning", "spec.schedule", text)
        for text in dst_warnings(schedule, after)
    ]


def check_text(text: str, source: str, after: datetime, count: int) -> CheckReport:
    """Check the manifests in one text (YAML or JSON).

    Raises ManifestError when the text is not YAML at all.
    """
    report = CheckReport()
    check_documents(read_documents(text, source), after, count, report)
    return report


def check_paths(
    paths: list[str | Path],
    after: datetime,
    count: int,
    stdin_data: bytes | None = None,
) -> CheckReport:
    """Check files and folders (``-`` is ``stdin_data``), past broken ones."""
    report = CheckReport()
    named: list[str | Path] = [p for p in paths if str(p) != "-"]
    if len(named) < len(paths):
        _check_source(
            partial(_read_stdin, stdin_data or b""),
            "standard input",
            after,
            count,
            report,
        )
    for raw in named:
        try:
            files = expand_paths([raw])
        except ManifestError as err:
            report.unreadable.append(str(err))
            continue
        if not files:
            # A CI step pointed at the wrong folder must not pass quietly.
            report.unreadable.append(
                f"no .yaml, .yml or .json file in folder: {str(raw)!r}"
            )
        for path in files:
            _check_source(
                partial(read_path, path), repr(str(path)), after, count, report
            )
    return report


def _check_source(
    read: Callable[[], list[Document]],
    name: str,
    after: datetime,
    count: int,
    report: CheckReport,
) -> None:
    try:
        documents = read()
    except ManifestError as err:
        report.unreadable.append(str(err))
        return
    if not documents:
        # Empty input is a broken pipe or a wrong file, not an empty fleet
        # (kubectl prints a List with no items for that).
        report.unreadable.append(f"no YAML document in {name}")
        return
    check_documents(documents, after, count, report)


def _read_stdin(data: bytes) -> list[Document]:
    return read_documents(decoded(data, "<stdin>", what="input"), "<stdin>")
