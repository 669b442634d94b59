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

import heapq
import math
from collections.abc import Sequence
from dataclasses import replace

from .controller import (
    ChildJob,
    ClusterView,
    CronJobState,
    InvalidScheduleError,
    SyncResult,
    format_ms,
    sync_cronjob,
)
from .durations import format_duration
from .outcomes import comparison_to_dict, outcomes
from .run import Run
from .schedule import LAST_INSTANT, Schedule
from .simulation import (
    POD_BACKOFF_CAP_SECONDS,
    Job,
    Scenario,
    Simulation,
    SimulationError,
    Slot,
    SyncRecord,
    Window,
    parse_window,
    summarize,
)

__all__ = [
    "LAST_END_MS",
    "MAX_EVENTS",
    "MAX_HORIZON_DAYS",
    "POD_BACKOFF_CAP_SECONDS",
    "POLICIES",
    "Job",
    "Scenario",
    "Simulation",
    "SimulationError",
    "Slot",
    "SyncRecord",
    "Window",
    "check_scenario",
    "compare",
    "comparison_to_dict",
    "parse_window",
    "simulate",
    "summarize",
]

POLICIES = ("Allow", "Forbid", "Replace")

#: The longest horizon a simulation accepts.
MAX_HORIZON_DAYS = 366
#: The latest instant a horizon may reach, Unix ms: 9999-12-30T23:59:59Z,
#: the last a schedule gives runs at (a datetime holds no year 10000, and a
#: zone's offset needs a day's margin), so the controller's clock never
#: runs on past the schedule's.
LAST_END_MS = LAST_INSTANT * 1000
#: The most controller wake-ups (and start times) one policy may need.
MAX_EVENTS = 100_000

_POD_BACKOFF_BASE_SECONDS = 10

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
                f"{format_duration(self.scenario.horizon_seconds)}"
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
    simulation.slots = outcomes(simulation, slots)
    return simulation


def compare(
    scenario: Scenario, policies: Sequence[str] = POLICIES
) -> dict[str, Simulation]:
    """The same scenario under each policy, in the order given."""
    return {policy: simulate(scenario, policy) for policy in policies}


def check_scenario(scenario: Scenario) -> None:
    """Refuse a scenario the simulation cannot run, naming the value."""
    _check_kinds(scenario)
    horizon = scenario.horizon_seconds
    if not 0 < horizon <= MAX_HORIZON_DAYS * 86400:
        raise SimulationError(
            f"the horizon must be more than 0 and at most {MAX_HORIZON_DAYS} "
            f"days: {format_duration(horizon)}"
        )
    _check_calendar_end(scenario)
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
        raise SimulationError(
            "activeDeadlineSeconds 0 fails every Job as soon as it starts, so "
            "there is nothing to simulate: 0"
        )
    for window in (*scenario.downtime, *scenario.suspended):
        if window.end_ms <= window.start_ms:
            raise SimulationError(
                "a window must end after it starts: "
                f"{format_ms(window.start_ms)}/{format_ms(window.end_ms)}"
            )


def _check_kinds(scenario: Scenario) -> None:
    # Wrong kinds would fail deep inside the run with Python's own words.
    if not isinstance(scenario, Scenario):
        raise SimulationError(f"simulate takes a Scenario: {scenario!r}")
    if not isinstance(scenario.schedule, Schedule):
        raise SimulationError(
            "schedule must be a Schedule from cronlab.parse(expr, tz=...): "
            f"{scenario.schedule!r}"
        )
    horizon = scenario.horizon_seconds
    if isinstance(horizon, bool) or not isinstance(horizon, int | float):
        raise SimulationError(
            f"horizon_seconds must be a number of seconds: {horizon!r}"
        )
    if not math.isfinite(horizon):
        raise SimulationError(f"horizon_seconds must be finite: {horizon!r}")
    for label, windows in (
        ("downtime", scenario.downtime),
        ("suspended", scenario.suspended),
    ):
        strays = [w for w in _as_tuple(windows) if not isinstance(w, Window)]
        if strays or not isinstance(windows, tuple | list):
            raise SimulationError(
                f"{label} is a tuple of Window values, e.g. "
                f"(parse_window('+1h/2h', start),): {windows!r}"
            )
    if not callable(scenario.duration):
        raise SimulationError(
            "duration must be a duration model, e.g. duration_model('40m'), or "
            f"a function of the Job's index and start: {scenario.duration!r}"
        )


def _as_tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else ()


def _check_calendar_end(scenario: Scenario) -> None:
    # Past the calendar's end the schedule gives no start times while the
    # controller's clock runs on, and no instant there can be written as a
    # date: refuse rather than report a horizon half of which is empty.
    if scenario.end_ms <= LAST_END_MS:
        return
    if scenario.start_ms >= LAST_END_MS:
        raise SimulationError(
            f"the simulation must start before {format_ms(LAST_END_MS)}, where "
            f"the calendar ends: {format_ms(scenario.start_ms)}"
        )
    room = (LAST_END_MS - scenario.start_ms) / 1000
    raise SimulationError(
        f"the horizon must end by {format_ms(LAST_END_MS)}, where the calendar "
        f"ends: from {format_ms(scenario.start_ms)} it may be at most "
        f"{format_duration(room)}, not {format_duration(scenario.horizon_seconds)}"
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
                f"horizon; shorten it: {format_duration(scenario.horizon_seconds)}"
            )
    return runs


def _close(simulation: Simulation) -> None:
    end = simulation.scenario.stop_ms
    for job in simulation.jobs:
        if job.end_ms > end:
            job.end_ms, job.end_reason = end, "running"


# --- per start time outcomes ----------------------------------------------
