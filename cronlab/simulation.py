"""What a controller simulation is about and what it found.

A :class:`Scenario` is everything one run needs besides the concurrency
policy; a :class:`Simulation` holds what one policy produced: the Jobs the
controller created, what became of each start time (:class:`Slot`), every
wake-up (:class:`SyncRecord`), and the warnings it raised.
:func:`summarize` turns one into the figures readers compare across
policies.  The controller loop that fills them is :mod:`cronlab.simulate`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .controller import REQUEUE_PAD_MS, format_ms
from .durations import DurationModel, parse_duration
from .errors import CronlabError
from .offsets import parse_instant
from .run import Run
from .schedule import Schedule
from .zones import to_unix

#: Pod back-off cap of the Job controller (10 min in current releases; the
#: docs still say 6 min — SEMANTICS §7).
POD_BACKOFF_CAP_SECONDS = 600


class SimulationError(CronlabError, ValueError):
    """A simulation is refused (bad scenario, or too large to run)."""


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time, ``start`` included, ``end`` excluded (Unix ms)."""

    start_ms: int
    end_ms: int

    def holds(self, ms: int) -> bool:
        """True when ``ms`` falls inside the window."""
        return self.start_ms <= ms < self.end_ms


def parse_window(text: str, origin: datetime, name: str = "window") -> Window:
    """``START/END`` as a window: each an ISO instant with its offset or
    ``+offset`` from ``origin``; END may also be a length after START
    (``+1h/2h``).  Raises CronlabError naming ``name`` and the text."""
    if not isinstance(text, str):
        raise CronlabError(f"{name} takes START/END text, e.g. +1h/+3h: {text!r}")
    first, sep, second = text.partition("/")
    if not sep:
        raise CronlabError(f"{name} takes START/END, e.g. +1h/+3h or +1h/2h: {text!r}")
    # Offsets are added in Unix ms, not to datetimes: a window may reach
    # past year 9999, where the horizon's own check refuses it in words.
    begin = _moment_ms(first, origin, name, text)
    if second.startswith("+") or (second[:1].isdigit() and "T" not in second):
        base = _unix_ms(origin) if second.startswith("+") else begin
        end = base + round(parse_duration(second.lstrip("+")) * 1000)
    else:
        end = _moment_ms(second, origin, name, text)
    return Window(begin, end)


def _moment_ms(piece: str, origin: datetime, name: str, text: str) -> int:
    if piece.startswith("+"):
        return _unix_ms(origin) + round(parse_duration(piece[1:]) * 1000)
    if not piece[:1].isdigit():
        raise CronlabError(
            f"{name}: {piece!r} is neither an ISO instant nor +offset: {text!r}"
        )
    return _unix_ms(parse_instant(piece, f"{name} {text!r}"))


def _unix_ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


PodFailures = int | Callable[[int, int], int]


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything one simulation needs besides the concurrency policy.

    ``duration`` gives each Job's pod run time.  ``pod_failures`` is how
    many pods of a Job fail before one succeeds (a number, or a function of
    the Job's index and scheduled Unix second).  ``downtime`` windows stop
    the controller; ``suspended`` windows set ``spec.suspend``.
    """

    schedule: Schedule
    start: datetime
    horizon_seconds: float
    duration: DurationModel
    name: str = "cronjob"
    starting_deadline_seconds: int | None = None
    active_deadline_seconds: int | None = None
    backoff_limit: int = 6
    pod_failures: PodFailures = 0
    backoff_cap_seconds: int = POD_BACKOFF_CAP_SECONDS
    downtime: tuple[Window, ...] = ()
    suspended: tuple[Window, ...] = ()

    @property
    def start_ms(self) -> int:
        """The CronJob's creation instant, Unix ms."""
        return to_unix(self.start) * 1000

    @property
    def end_ms(self) -> int:
        """The horizon's end, Unix ms."""
        return self.start_ms + round(self.horizon_seconds * 1000)

    @property
    def stop_ms(self) -> int:
        """When the simulation stops: the horizon's end plus the requeue
        pad, so a start time at the very end still gets its wake-up."""
        return self.end_ms + REQUEUE_PAD_MS


@dataclass(slots=True)
class Job:
    """One Job the controller created, and how it ended.

    ``end_reason``: ``completed``, ``replaced`` (deleted by Replace),
    ``deadline`` (activeDeadlineSeconds), ``backoff`` (failed pods exceeded
    backoffLimit) or ``running`` (still active at the horizon's end).
    """

    name: str
    index: int
    scheduled_ms: int
    created_ms: int
    end_ms: int
    end_reason: str
    pods: int = 1
    cause: str = "requeue"

    @property
    def late_ms(self) -> int:
        """How long after its start time the Job was created."""
        return self.created_ms - self.scheduled_ms

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "name": self.name,
            "scheduled": format_ms(self.scheduled_ms),
            "started": format_ms(self.created_ms),
            "late_seconds": self.late_ms / 1000,
            "ended": format_ms(self.end_ms),
            "end": self.end_reason,
            "pods": self.pods,
        }


@dataclass(slots=True)
class SyncRecord:
    """One controller wake-up: when, why, and what ``sync`` decided."""

    at_ms: int
    cause: str
    considered_ms: int | None
    outcome: str
    blocked_by: str | None = None


@dataclass(slots=True)
class Slot:
    """What became of one start time.

    ``status``: ``on_time``, ``late``, ``skipped`` or ``missed_deadline``;
    ``reason`` says why a start time made no Job; ``in_schedule`` is false
    for a time the controller chose that the schedule's chain from the
    creation time does not list.
    """

    scheduled_ms: int
    run: Run | None
    status: str = "skipped"
    reason: str = ""
    why: str = ""
    job: Job | None = None
    in_schedule: bool = True

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        data: dict[str, object] = {"status": self.status}
        if self.job is not None:
            data.update(
                job=self.job.name,
                late_seconds=self.job.late_ms / 1000,
                end=self.job.end_reason,
                ended=format_ms(self.job.end_ms),
            )
        if self.reason:
            data["reason"] = self.reason
        if self.why:
            data["why"] = self.why
        return data


@dataclass(slots=True)
class Simulation:
    """The outcome of one policy: Jobs, start times, wake-ups, figures."""

    policy: str
    scenario: Scenario
    jobs: list[Job] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    syncs: list[SyncRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """The figures a reader compares across policies."""
        return summarize(self)


def summarize(simulation: Simulation) -> dict[str, object]:
    """Counts, concurrency and gaps of one simulation."""
    scenario = simulation.scenario
    jobs = simulation.jobs
    slots = simulation.slots
    ends = [job.end_reason for job in jobs]
    statuses = [slot.status for slot in slots]
    scheduled = sum(1 for slot in slots if slot.in_schedule)
    completed_slots = sum(
        1
        for slot in slots
        if slot.job is not None and slot.job.end_reason == "completed"
    )
    peak, mean = _concurrency(jobs, scenario.start_ms, scenario.stop_ms)
    starts = sorted(job.created_ms for job in jobs)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    return {
        "scheduled": scheduled,
        "started": len(jobs),
        "on_time": statuses.count("on_time"),
        "late": statuses.count("late"),
        "skipped": statuses.count("skipped") + statuses.count("missed_deadline"),
        "missed_deadline": statuses.count("missed_deadline"),
        "killed": ends.count("replaced") + ends.count("deadline"),
        "killed_by_replace": ends.count("replaced"),
        "killed_by_deadline": ends.count("deadline"),
        "failed": ends.count("backoff"),
        "completed": ends.count("completed"),
        "running_at_end": ends.count("running"),
        "max_concurrent": peak,
        "mean_concurrent": round(mean, 4),
        "longest_gap_seconds": max(gaps) / 1000 if gaps else None,
        "max_late_seconds": max((j.late_ms for j in jobs), default=0) / 1000,
        "completed_fraction": round(completed_slots / scheduled, 4)
        if scheduled
        else None,
        "too_many_missed_warnings": sum(
            1 for w in simulation.warnings if "TooManyMissedTimes" in w
        ),
    }


def _concurrency(jobs: list[Job], start: int, end: int) -> tuple[int, float]:
    # Sweep start/end points; an end and a start at the same instant do not
    # overlap (Replace deletes before it creates).
    points = sorted(
        [(job.created_ms, 1) for job in jobs] + [(job.end_ms, -1) for job in jobs],
        key=lambda point: (point[0], point[1]),
    )
    level = peak = 0
    area = 0
    last = start
    for at, step in points:
        area += level * (min(at, end) - last)
        last = min(at, end)
        level += step
        peak = max(peak, level)
    return peak, area / (end - start) if end > start else 0.0


# --- JSON form ----------------------------------------------------------------
