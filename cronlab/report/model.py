"""What the schedule documentation says, gathered before it is drawn.

Sources are CronJob manifests (read and validated by
:mod:`cronlab.check`) and plain crontab files (:mod:`cronlab.crontab`).
Each job becomes a :class:`JobDoc` of plain strings and runs; the Markdown
and HTML writers only lay these out, so both say the same thing.  Nothing
reads the clock: the caller passes the instant the documentation is for,
which keeps the output byte-for-byte stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..check import CheckReport, check_documents
from ..cronjob import CronJob
from ..crontab import CrontabEntry, read_crontab_path
from ..describe import describe
from ..durations import duration_model
from ..engine import civil_from_days
from ..errors import CronlabError, ManifestError
from ..manifests import YAML_SUFFIXES, read_path
from ..offsets import day_text
from ..run import Run, format_offset
from ..schedule import TZ_PREFIX_REFUSED, Schedule
from ..simulate import Scenario, simulate, summarize
from ..words import ENGLISH
from ..zones import TZDATA_VERSION, to_unix

#: How many next runs each job lists.
NEXT_RUNS = 5
#: Names of files read as crontabs when a folder is searched.
CRONTAB_NAMES = ("crontab",)
CRONTAB_SUFFIXES = (".cron", ".crontab")
EXPECTED_DURATION = "cronlab.io/expected-duration"
#: Days the controller simulation runs for the overlap line.
OVERLAP_DAYS = 14

_YEAR = 365 * 86400


@dataclass(frozen=True, slots=True)
class OffsetChange:
    """A UTC-offset change of a job's zone in the coming year."""

    date: str
    text: str


@dataclass(slots=True)
class JobDoc:
    """One job as the documentation shows it."""

    title: str
    source: str
    kind: str
    schedule_text: str
    zone: str
    zone_origin: str
    dialect: str
    description: str
    summary: str
    schedule: Schedule | None = None
    policy: str | None = None
    suspended: bool = False
    expected_duration: str | None = None
    next_runs: list[tuple[str, str, str]] = field(default_factory=list)
    offset_changes: list[OffsetChange] = field(default_factory=list)
    dst_effects: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    command: str | None = None
    overlap: str | None = None

    @property
    def anchor(self) -> str:
        """A stable HTML/Markdown anchor for the job's section."""
        cleaned = "".join(c if c.isalnum() else "-" for c in self.title.lower())
        return "-".join(part for part in cleaned.split("-") if part)


@dataclass(frozen=True, slots=True)
class Unusable:
    """A job or file the documentation cannot show, and why."""

    where: str
    title: str
    problems: tuple[str, ...]


@dataclass(slots=True)
class Catalogue:
    """Every documented job, the unusable ones, and the instant it is for."""

    after: datetime
    jobs: list[JobDoc] = field(default_factory=list)
    unusable: list[Unusable] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    tzdata: str = TZDATA_VERSION

    def sort(self) -> None:
        """Order everything by title then source, for stable output; jobs
        sharing a title get their file name added, so each reads apart."""
        counts: dict[str, int] = {}
        for job in self.jobs:
            counts[job.title] = counts.get(job.title, 0) + 1
        for job in self.jobs:
            if counts[job.title] > 1:
                job.title = f"{job.title} ({Path(job.source.split('#')[0]).name})"
        self.jobs.sort(key=lambda job: (job.title, job.source))
        self.unusable.sort(key=lambda u: (u.where, u.title))
        self.skipped.sort()


def source_files(paths: list[str | Path]) -> list[Path]:
    """Files named by ``paths``; folders give their manifests and crontabs.

    Raises :class:`ManifestError` for a path that does not exist, a folder
    with nothing to read, and ``-`` (a report is not made from a stream).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            raise ManifestError(
                "docs reads files and folders, not standard input: '-'; save "
                "the manifests to a file first"
            )
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and _is_source(p))
            if not inside:
                # Empty documentation for a mistyped folder would look fine.
                raise ManifestError(
                    f"no manifest (.yaml, .yml, .json) or crontab in folder: "
                    f"{str(raw)!r}"
                )
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise ManifestError(f"no such file or folder: {str(raw)!r}")
    return found


def _is_source(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (
        suffix in YAML_SUFFIXES
        or suffix in CRONTAB_SUFFIXES
        or path.name in CRONTAB_NAMES
    )


def is_manifest(path: Path) -> bool:
    """Whether a file is read as YAML manifests (else as a crontab)."""
    return path.suffix.lower() in YAML_SUFFIXES


def add_file(catalogue: Catalogue, path: Path) -> None:
    """Read one file into ``catalogue``; a broken file is listed, not
    raised."""
    try:
        if is_manifest(path):
            _add_manifests(catalogue, path)
        else:
            _add_crontab(catalogue, path)
    except ManifestError as err:
        catalogue.unusable.append(Unusable(str(path), "(file)", (str(err),)))


def build_catalogue(paths: list[str | Path], after: datetime) -> Catalogue:
    """Read every source under ``paths`` and document what it holds."""
    catalogue = Catalogue(after)
    for path in source_files(paths):
        add_file(catalogue, path)
    catalogue.sort()
    return catalogue


# --- manifests --------------------------------------------------------------


def _add_manifests(catalogue: Catalogue, path: Path) -> None:
    report = CheckReport()
    check_documents(read_path(path), catalogue.after, NEXT_RUNS, report)
    for skipped in report.skipped:
        # Other kinds of object are simply not documented; a CronJob-like
        # object that could not be read is worth a line.
        if skipped.reason != "not a CronJob":
            catalogue.skipped.append(
                f"{skipped.where}: {skipped.kind} {skipped.name}: {skipped.reason}"
            )
    for found in report.cronjobs:
        job = found.cronjob
        errors = [
            f"{p.field}: {p.message}" for p in found.problems if p.level == "error"
        ]
        warnings = [
            f"{p.field}: {p.message}" for p in found.problems if p.level == "warning"
        ]
        if found.schedule is None or errors:
            # The API server refuses an invalid CronJob, so it never runs:
            # it is listed with its problems, not among the jobs that run.
            catalogue.unusable.append(Unusable(job.where, job.title, tuple(errors)))
            continue
        origin = "spec.timeZone" if job.time_zone else "the controller's zone"
        if job.time_zone is None and found.schedule.expression.zone_prefix:
            origin = "the schedule's TZ= prefix"
        duration = job.annotations.get(EXPECTED_DURATION)
        doc = _job_doc(
            catalogue,
            found.schedule,
            title=job.title,
            source=job.where,
            kind="CronJob",
            schedule_text=str(job.schedule),
            zone_origin=origin,
        )
        doc.policy = _policy(job.concurrency_policy, job.starting_deadline_seconds)
        doc.suspended = job.suspend is True
        doc.expected_duration = str(duration) if duration is not None else None
        doc.problems = errors
        # The check's error already says the API server refuses a TZ
        # prefix; the parser's warning would say it again.
        doc.warnings = warnings + [
            w for w in found.schedule.warnings if w != TZ_PREFIX_REFUSED
        ]
        if doc.expected_duration is not None and not errors:
            doc.overlap = overlap_risk(job, found.schedule, catalogue.after)
        catalogue.jobs.append(doc)


def overlap_risk(job: CronJob, schedule: Schedule, after: datetime) -> str:
    """What the controller simulation says of runs lasting the expected
    duration: how many Jobs overlap, start late, are skipped or killed."""
    try:
        duration = duration_model(str(job.annotations[EXPECTED_DURATION]))
        scenario = Scenario(
            schedule=schedule,
            start=after,
            horizon_seconds=OVERLAP_DAYS * 86400,
            duration=duration,
            name=job.name or "cronjob",
            starting_deadline_seconds=job.starting_deadline_seconds,
            active_deadline_seconds=job.active_deadline_seconds,
            backoff_limit=job.backoff_limit,
        )
        figures = summarize(simulate(scenario, str(job.concurrency_policy)))
    except CronlabError as err:
        return f"not simulated: {err}"

    peak = figures["max_concurrent"]
    troubles = [
        f"{figures[key]} {label}"
        for key, label in (
            ("late", "started late"),
            ("skipped", "skipped"),
            ("killed_by_replace", "replaced while running"),
            ("killed_by_deadline", "stopped by activeDeadlineSeconds"),
        )
        if figures[key]
    ]
    verdict = "overlap" if troubles or peak != 1 else "no overlap"
    details = ", ".join(troubles) if troubles else "every Job on time"
    return (
        f"{verdict}: with {duration.describe()} runs under "
        f"{job.concurrency_policy}, {OVERLAP_DAYS} simulated days give at most "
        f"{peak} Job(s) at once; of {figures['scheduled']} start times, {details}"
    )


def _policy(policy: object, deadline: object) -> str:
    text = f"concurrencyPolicy {policy}"
    if deadline is not None:
        text += f", startingDeadlineSeconds {deadline}"
    return text


# --- crontabs ---------------------------------------------------------------


def _add_crontab(catalogue: Catalogue, path: Path) -> None:
    table = read_crontab_path(path)
    for problem in table.problems:
        catalogue.unusable.append(
            Unusable(
                f"{problem.source}:{problem.line}", "(crontab line)", (problem.message,)
            )
        )
    for entry in table.entries:
        _add_entry(catalogue, entry)


def _add_entry(catalogue: Catalogue, entry: CrontabEntry) -> None:
    title = f"{Path(entry.source).name}:{entry.line} {_short(entry.command)}"
    try:
        schedule = entry.schedule()
    except CronlabError as err:
        catalogue.unusable.append(Unusable(entry.where, title, (str(err),)))
        return
    origin = (
        "CRON_TZ/TZ in the crontab" if entry.zone else "the host's zone (UTC assumed)"
    )
    doc = _job_doc(
        catalogue,
        schedule,
        title=title,
        source=entry.where,
        kind="crontab",
        schedule_text=entry.expression,
        zone_origin=origin,
    )
    doc.command = entry.command
    doc.policy = "cron starts every run, even while the last one still runs"
    catalogue.jobs.append(doc)


def _short(command: str, limit: int = 40) -> str:
    first = command.split("%", 1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


# --- one job ----------------------------------------------------------------


def _job_doc(
    catalogue: Catalogue,
    schedule: Schedule,
    *,
    title: str,
    source: str,
    kind: str,
    schedule_text: str,
    zone_origin: str,
) -> JobDoc:
    description = describe(schedule, after=catalogue.after)
    doc = JobDoc(
        title=title,
        source=source,
        kind=kind,
        schedule_text=schedule_text,
        zone=schedule.tz,
        zone_origin=zone_origin,
        dialect=schedule.dialect,
        description=description.text,
        summary=description.summary,
        schedule=schedule,
    )
    doc.next_runs = _next_runs(schedule, catalogue.after)
    doc.offset_changes = offset_changes(schedule, catalogue.after)
    doc.dst_effects = [e.text for e in description.exceptions]
    return doc


def _next_runs(schedule: Schedule, after: datetime) -> list[tuple[str, str, str]]:
    runs = schedule.next_runs(after, NEXT_RUNS)
    return [_run_row(run) for run in runs]


def _run_row(run: Run) -> tuple[str, str, str]:
    local = (
        f"{day_text(run.local)} {run.local:%H:%M} ({format_offset(run.offset_seconds)})"
    )
    utc = f"{day_text(run.utc)} {run.utc:%H:%M}"
    note = "" if run.note.value == "normal" else run.note.value.replace("_", " ")
    return local, utc, note


def offset_changes(schedule: Schedule, after: datetime) -> list[OffsetChange]:
    """The zone's offset changes in the year after ``after``, in words."""
    start = to_unix(after)
    changes = []
    for change in schedule.zone.transitions(start, start + _YEAR):
        local = change.at + change.before
        days, seconds = divmod(local, 86400)
        year, month, day = civil_from_days(days)
        minutes = abs(change.delta) // 60
        amount = f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes} min"
        way = "forward" if change.is_gap else "back"
        text = (
            f"{ENGLISH.day_date(year, month, day)}: at "
            f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d} local time the "
            f"clocks go {way} {amount} (UTC{format_offset(change.before)} → "
            f"UTC{format_offset(change.after)})"
        )
        changes.append(OffsetChange(f"{year:04d}-{month:02d}-{day:02d}", text))
    return changes


def week_start(after: datetime) -> datetime:
    """Midnight UTC of the Monday on or before ``after``: the pictures'
    week."""
    day = after.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())
