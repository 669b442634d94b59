"""Simulate the CronJob controller over a horizon, one policy at a time.

The simulation is event-driven and uses the controller's own decision
function, :func:`cronlab.controller.sync_cronjob`, for every wake-up, so
what it reports is what that function (checked against the Kubernetes
controller's tests) decides.  The controller wakes (SEMANTICS §6.3):

- when the CronJob is created, and 100 ms after each start time (its
  requeue; the work queue keeps only the earliest pending delay);
- when one of its Jobs ends (an informer event, taken as immediate);
- when it comes back from a downtime window (timers set before are lost);
- when the CronJob is un-suspended.

Jobs run as SEMANTICS §7 describes: pods that fail are re-created after
``min(10 s · 2^(k-1), cap)``; the Job fails once failed pods exceed
``backoffLimit``; ``activeDeadlineSeconds`` (from the start) ends it first
when shorter; Replace deletes it.  A deleted Job counts as ended at once
(real pods linger for their termination grace period).  Not modelled:
informer resyncs, history cleanup, pod start latency.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from .controller import (
    REQUEUE_PAD_MS,
    ChildJob,
    ClusterView,
    CronJobState,
    InvalidScheduleError,
    SyncResult,
    format_ms,
    sync_cronjob,
)
from .durations import DurationModel
from .errors import CronlabError
from .run import Run
from .schedule import Schedule
from .zones import to_unix

POLICIES = ("Allow", "Forbid", "Replace")

#: The longest horizon a simulation accepts.
MAX_HORIZON_DAYS = 366
#: The most controller wake-ups (and start times) one policy may need.
MAX_EVENTS = 100_000

#: Pod back-off cap of the Job controller (10 min in current releases; the
#: docs still say 6 min — SEMANTICS §7).
POD_BACKOFF_CAP_SECONDS = 600
_POD_BACKOFF_BASE_SECONDS = 10

# An on-time start is the 100 ms requeue plus clock noise, not a delay.
_ON_TIME_MS = 1_000


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


# --- the job side (SEMANTICS §7) ----------------------------------------


def _job_end(
    scenario: Scenario, index: int, scheduled_s: int, start_ms: int
) -> tuple[int, str, int]:
    run_ms = round(scenario.duration(index, scheduled_s) * 1000)
    failures = scenario.pod_failures
    failing = failures(index, scheduled_s) if callable(failures) else failures

    # Pods run one after another; the k-th failure delays the next pod.
    at, pods = start_ms, 0
    while True:
        pods += 1
        at += run_ms
        if pods > failing:
            end, reason = at, "completed"
            break
        if pods > scenario.backoff_limit:
            end, reason = at, "backoff"
            break
        delay = _POD_BACKOFF_BASE_SECONDS * 2 ** (pods - 1)
        at += min(delay, scenario.backoff_cap_seconds) * 1000

    # activeDeadlineSeconds bounds the whole Job and wins over backoffLimit.
    deadline = scenario.active_deadline_seconds
    if deadline is not None and start_ms + deadline * 1000 < end:
        return start_ms + deadline * 1000, "deadline", pods
    return end, reason, pods


# --- the controller loop --------------------------------------------------

_END, _DOWN, _UP, _SUSPEND, _RESUME, _TIMER, _HORIZON = range(7)


class _Run:
    """The mutable state of one policy's simulation."""

    def __init__(self, scenario: Scenario, policy: str) -> None:
        schedule = scenario.schedule
        self.scenario = scenario
        self.out = Simulation(policy, scenario)
        self.cronjob = CronJobState(
            name=scenario.name,
            schedule=schedule.text,
            time_zone=None if "TZ" in schedule.text else schedule.tz,
            concurrency_policy=policy,
            starting_deadline_seconds=scenario.starting_deadline_seconds,
            creation_ms=scenario.start_ms,
        )
        self.running: dict[str, Job] = {}
        self.finished: dict[str, Job] = {}
        self.names: dict[str, Job] = {}
        self.queue: list[tuple[int, int, int, str]] = []
        self.timer_ms: int | None = None
        self.down = False
        self.seq = 0

    def push(self, at_ms: int, kind: int, payload: str = "") -> None:
        self.seq += 1
        heapq.heappush(self.queue, (at_ms, kind, self.seq, payload))

    def set_timer(self, at_ms: int) -> None:
        # The delaying queue keeps the earliest pending time for a key.
        if self.timer_ms is None or at_ms < self.timer_ms:
            self.timer_ms = at_ms
            self.push(at_ms, _TIMER)

    def run(self) -> Simulation:
        scenario = self.scenario
        for window in scenario.downtime:
            self.push(window.start_ms, _DOWN)
            self.push(window.end_ms, _UP)
        for window in scenario.suspended:
            self.push(window.start_ms, _SUSPEND)
            self.push(window.end_ms, _RESUME)
        self.push(scenario.stop_ms, _HORIZON)
        self.sync(scenario.start_ms, "created")

        while self.queue:
            at, kind, _, payload = heapq.heappop(self.queue)
            if kind == _HORIZON:
                break
            self.step(at, kind, payload)
        return self.out

    def step(self, at: int, kind: int, payload: str) -> None:
        if kind == _END:
            job = self.running.pop(payload, None)
            if job is not None and job.end_ms == at:
                self.finished[job.name] = job
                if not self.down:
                    self.sync(at, f"Job {job.name} ended")
        elif kind == _TIMER:
            if at == self.timer_ms:
                self.timer_ms = None
                if not self.down:
                    self.sync(at, "requeue")
        elif kind == _DOWN:
            self.down, self.timer_ms = True, None
        elif kind == _UP:
            self.down = False
            self.sync(at, "controller back")
        elif kind == _SUSPEND:
            self.cronjob = replace(self.cronjob, suspend=True)
        elif kind == _RESUME:
            self.cronjob = replace(self.cronjob, suspend=False)
            if not self.down:
                self.sync(at, "unsuspended")

    def sync(self, now: int, cause: str) -> None:
        if len(self.out.syncs) >= MAX_EVENTS:
            raise SimulationError(
                f"the simulation needs more than {MAX_EVENTS} controller "
                "wake-ups for one policy; shorten the horizon: "
                f"{self.scenario.horizon_seconds / 86400:g} days"
            )
        # The lister: running Jobs, and finished ones the status still
        # lists (a Job gone entirely is absent and found missing).
        active = self.cronjob.active
        known = [n for n in active if n in self.running or n in self.finished]
        lister = [self._child(name) for name in known]
        lister += [self._child(name) for name in self.running if name not in active]
        self.apply(self._sync_once(lister, now), now, cause)

    def _child(self, name: str) -> ChildJob:
        job = self.running.get(name) or self.finished[name]
        if name in self.running:
            return ChildJob(name, start_ms=job.created_ms)
        condition = "Complete" if job.end_reason == "completed" else "Failed"
        return ChildJob(name, condition, job.end_ms, job.created_ms)

    def _sync_once(self, lister: list[ChildJob], now: int) -> SyncResult:
        result = sync_cronjob(self.cronjob, ClusterView(jobs=tuple(lister)), now)
        clash = self.names.get(result.created or "")
        if clash is None:
            return result
        # Two start times in one minute share a Job name (sub-minute
        # @every): the create hits AlreadyExists (SEMANTICS §6.6).
        existing = ChildJob(clash.name, start_ms=clash.created_ms)
        view = ClusterView(
            jobs=tuple(lister), create_error="AlreadyExists", existing=existing
        )
        return sync_cronjob(self.cronjob, view, now)

    def apply(self, result: SyncResult, now: int, cause: str) -> None:
        self.cronjob = result.state
        for name in result.deleted:
            job = self.running.pop(name, None)
            if job is not None:
                job.end_ms, job.end_reason = now, "replaced"
                self.finished[name] = job
        for name in list(self.finished):
            if name not in self.cronjob.active:
                del self.finished[name]  # seen finished: no longer needed

        if result.created is not None and result.scheduled_ms is not None:
            self.start_job(result.created, result.scheduled_ms, now, cause)
        if result.window is not None and result.window.too_many_missed:
            self.out.warnings.append(
                f"{format_ms(now)}: TooManyMissedTimes "
                f"({result.window.count} start times missed; the Job is still created)"
            )
        if result.error is not None and result.requeue_after_ms is None:
            self.out.warnings.append(f"{format_ms(now)}: {result.error}")
        if result.requeue_after_ms is not None:
            self.set_timer(now + max(result.requeue_after_ms, 0))

        blocked = self.cronjob.active[0] if result.outcome == "forbidden" else None
        self.out.syncs.append(
            SyncRecord(now, cause, result.considered_ms, result.outcome, blocked)
        )

    def start_job(self, name: str, scheduled_ms: int, now: int, cause: str) -> None:
        index = len(self.out.jobs)
        end, reason, pods = _job_end(self.scenario, index, scheduled_ms // 1000, now)
        job = Job(name, index, scheduled_ms, now, end, reason, pods, cause)
        self.out.jobs.append(job)
        self.names[name] = job
        self.running[name] = job
        self.push(end, _END, name)


def simulate(scenario: Scenario, policy: str) -> Simulation:
    """Run the controller over the scenario's horizon under ``policy``.

    Raises :class:`SimulationError` for a refused scenario or one that
    needs more than :data:`MAX_EVENTS` wake-ups.
    """
    check_scenario(scenario)
    if policy not in POLICIES:
        raise SimulationError(
            f"concurrencyPolicy must be one of {', '.join(POLICIES)}: {policy!r}"
        )
    slots = _start_times(scenario)
    try:
        simulation = _Run(scenario, policy).run()
    except InvalidScheduleError as err:
        raise SimulationError(str(err)) from err
    _close(simulation)
    simulation.slots = _outcomes(simulation, slots)
    return simulation


def compare(
    scenario: Scenario, policies: Sequence[str] = POLICIES
) -> dict[str, Simulation]:
    """The same scenario under each policy, in the order given."""
    return {policy: simulate(scenario, policy) for policy in policies}


def check_scenario(scenario: Scenario) -> None:
    """Refuse a scenario the simulation cannot run, naming the value."""
    horizon = scenario.horizon_seconds
    if not 0 < horizon <= MAX_HORIZON_DAYS * 86400:
        raise SimulationError(
            f"the horizon must be more than 0 and at most {MAX_HORIZON_DAYS} "
            f"days: {horizon / 86400:g} days"
        )
    for label, value in (
        ("startingDeadlineSeconds", scenario.starting_deadline_seconds),
        ("activeDeadlineSeconds", scenario.active_deadline_seconds),
        ("backoffLimit", scenario.backoff_limit),
    ):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise SimulationError(f"{label} must be a non-negative integer: {value!r}")
    if scenario.active_deadline_seconds == 0:
        raise SimulationError("activeDeadlineSeconds must be positive: 0")
    for window in (*scenario.downtime, *scenario.suspended):
        if window.end_ms <= window.start_ms:
            raise SimulationError(
                "a window must end after it starts: "
                f"{format_ms(window.start_ms)}/{format_ms(window.end_ms)}"
            )


def _start_times(scenario: Scenario) -> list[Run]:
    runs: list[Run] = []
    end_s = scenario.end_ms // 1000
    for run in scenario.schedule.expand_unix(scenario.start_ms // 1000):
        if run.unix * 1000 > scenario.end_ms or run.unix > end_s:
            break
        runs.append(run)
        if len(runs) > MAX_EVENTS:
            raise SimulationError(
                f"the schedule has more than {MAX_EVENTS} start times in the "
                f"horizon; shorten it: {scenario.horizon_seconds / 86400:g} days"
            )
    return runs


def _close(simulation: Simulation) -> None:
    end = simulation.scenario.stop_ms
    for job in simulation.jobs:
        if job.end_ms > end:
            job.end_ms, job.end_reason = end, "running"


# --- per start time outcomes ----------------------------------------------


def _outcomes(simulation: Simulation, runs: list[Run]) -> list[Slot]:
    slots = {run.unix * 1000: Slot(run.unix * 1000, run) for run in runs}
    forbidden = _forbidden(simulation)
    for job in simulation.jobs:
        slot = slots.get(job.scheduled_ms)
        if slot is None:
            slot = slots[job.scheduled_ms] = Slot(job.scheduled_ms, None)
            slot.in_schedule = False
        slot.job = job
        slot.status = "on_time" if job.late_ms < _ON_TIME_MS else "late"
        if slot.status == "late":
            slot.reason = _late_reason(job, forbidden.get(job.scheduled_ms))

    explain = _Explainer(simulation, forbidden)
    ordered = [slots[key] for key in sorted(slots)]
    for slot in ordered:
        if slot.job is None:
            explain(slot)
    return ordered


_CAUSES = {
    "created": "when the CronJob was created",
    "controller back": "when the controller came back",
    "unsuspended": "when the CronJob was un-suspended",
    "requeue": "at a requeue",
}


def _late_reason(job: Job, blocked: SyncRecord | None) -> str:
    if blocked is not None and blocked.outcome == "forbidden":
        return f"postponed while Job {blocked.blocked_by} was active (Forbid)"
    cause = _CAUSES.get(job.cause, f"when {job.cause}")
    return f"started {cause}"


_HELD = ("forbidden", "already processed", "already exists", "adopted")


def _forbidden(simulation: Simulation) -> dict[int, SyncRecord]:
    # The first wake-up that weighed a start time and made no Job for it.
    found: dict[int, SyncRecord] = {}
    for record in simulation.syncs:
        if record.considered_ms is not None and record.outcome in _HELD:
            found.setdefault(record.considered_ms, record)
    return found


class _Explainer:
    """Says why a start time made no Job, from the wake-ups around it."""

    def __init__(
        self, simulation: Simulation, forbidden: dict[int, SyncRecord]
    ) -> None:
        self.scenario = simulation.scenario
        self.syncs = simulation.syncs
        self.times = [record.at_ms for record in simulation.syncs]
        self.jobs = {job.name: job for job in simulation.jobs}
        self.forbidden = forbidden

    def __call__(self, slot: Slot) -> None:
        scenario = self.scenario
        at = slot.scheduled_ms
        down = next((w for w in scenario.downtime if w.holds(at)), None)
        held = next((w for w in scenario.suspended if w.holds(at)), None)
        if down is not None:
            self._away(slot, down, "controller_down", "the controller was down")
        elif held is not None:
            self._away(slot, held, "suspended", "the CronJob was suspended")
        elif at in self.forbidden:
            self._forbid(slot, self.forbidden[at])
        else:
            self._later(slot)

    def _away(self, slot: Slot, window: Window, why: str, what: str) -> None:
        # On return the controller makes at most one Job, for the most
        # recent missed time, if its estimate finds one (SEMANTICS §6.5).
        i = bisect.bisect_left(self.times, window.end_ms)
        back = self.syncs[i] if i < len(self.times) else None
        slot.why, slot.reason = why, what
        if back is None:
            return
        if back.considered_ms is None:
            slot.why = "estimate"
            slot.reason = (
                f"{what}; on return the controller's missed-schedule estimate "
                "found no start time, so none is made up (SEMANTICS §6.2)"
            )
        else:
            slot.reason = f"{what}; on return only the most recent missed time runs"

    def _forbid(self, slot: Slot, record: SyncRecord) -> None:
        if record.outcome != "forbidden":
            slot.why = "name_clash"
            slot.reason = (
                "its Job name (the start time in whole minutes) was already "
                "taken by an earlier start time, so the create failed "
                "(SEMANTICS §6.6)"
            )
            return
        sds = self.scenario.starting_deadline_seconds
        blocker = self.jobs.get(record.blocked_by or "")
        slot.why = "forbid"
        slot.reason = f"Job {record.blocked_by} was still active (Forbid)"
        if blocker and blocker.end_reason == "running":
            slot.reason += " when the horizon ended"
        elif (
            sds is not None
            and blocker
            and blocker.end_ms > slot.scheduled_ms + sds * 1000
        ):
            slot.status = "missed_deadline"
            slot.reason += f" until after the {sds} s startingDeadlineSeconds"
        else:
            slot.reason += "; when it ended a later start time was due"

    def _later(self, slot: Slot) -> None:
        at = slot.scheduled_ms
        sds = self.scenario.starting_deadline_seconds
        i = bisect.bisect_left(self.times, at)
        if i == len(self.times):
            slot.why = "no_wake_up"
            slot.reason = "the controller did not wake up again within the horizon"
            return
        after = self.syncs[i]
        waited = after.at_ms - at
        if sds is not None and waited > sds * 1000:
            slot.status, slot.why = "missed_deadline", "deadline"
            slot.reason = (
                f"the controller looked {waited / 1000:g} s later, past the "
                f"{sds} s startingDeadlineSeconds"
            )
        elif after.considered_ms is not None and after.considered_ms > at:
            slot.why = "superseded"
            slot.reason = (
                "a later start time was due when the controller looked; it "
                "starts only the most recent"
            )
        else:
            slot.why = "estimate"
            slot.reason = (
                "the controller's missed-schedule estimate overshot it, so it "
                "is never made up (SEMANTICS §6.2)"
            )


# --- summary figures --------------------------------------------------------


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


def comparison_to_dict(simulations: dict[str, Simulation]) -> dict[str, object]:
    """Per-policy figures and Jobs, and one timeline of start times with
    each policy's outcome side by side."""
    policies: dict[str, object] = {}
    merged: dict[int, dict[str, object]] = {}
    for policy, simulation in simulations.items():
        policies[policy] = {
            **simulation.summary(),
            "warnings": simulation.warnings,
            "jobs": [job.to_dict() for job in simulation.jobs],
        }
        for slot in simulation.slots:
            entry = merged.setdefault(slot.scheduled_ms, _slot_head(slot))
            outcomes = entry.setdefault("outcomes", {})
            assert isinstance(outcomes, dict)
            outcomes[policy] = slot.to_dict()
    timeline = [merged[key] for key in sorted(merged)]
    return {"policies": policies, "timeline": timeline}


def _slot_head(slot: Slot) -> dict[str, object]:
    head: dict[str, object] = {"scheduled": format_ms(slot.scheduled_ms)}
    if slot.run is not None:
        head["local"] = slot.run.local.isoformat()
        head["note"] = slot.run.note.value
    if not slot.in_schedule:
        head["in_schedule"] = False
    return head
