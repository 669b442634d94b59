"""The CronJob controller's decisions, as Kubernetes makes them.

Each function here restates one rule of SEMANTICS.md §6 over the
``kubernetes`` dialect's ``Next`` (robfig/cron emulated on Go time), so the
controller's catch-up, deadline and concurrency behaviour come out exactly,
approximations included.  Times are integer **milliseconds** since the Unix
epoch: the controller compares Go times at sub-second precision (its
requeue adds 100 ms), while ``Next`` works on whole seconds.

Nothing here does I/O: :func:`sync_cronjob` takes what the API would answer
(:class:`ClusterView`) and returns what the controller would do
(:class:`SyncResult`), so a simulation can drive it step by step.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .dialects.kubernetes import HangError, next_instant
from .engine import civil_from_days
from .errors import CronlabError
from .schedule import Schedule, parse
from .zones import UTC_NAME, load_zone, validate_time_zone

#: The controller requeues this long after a scheduled time (utils.go).
REQUEUE_PAD_MS = 100

#: More missed start times than this raise ``TooManyMissedTimes`` (§6.2).
MANY_MISSED = 100

SCHEDULED_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp"

# The go-forward chain of §6.2 normally takes a handful of steps; this bound
# only stops a runaway search.
_MAX_CHAIN = 1_000_000


class InvalidScheduleError(CronlabError, ValueError):
    """The controller cannot schedule from here (``InvalidSchedule``).

    ``hang`` is true where the real controller would not report an error
    but spin forever (SEMANTICS §6.7); cronlab stops and says so instead.
    """

    def __init__(self, message: str, *, hang: bool = False) -> None:
        self.hang = hang
        super().__init__(message)


class MissedSchedules(enum.StrEnum):
    """How many start times the controller thinks it missed (§6.2)."""

    NONE = "none"
    FEW = "few"
    MANY = "many"


@dataclass(frozen=True, slots=True)
class ScheduleWindow:
    """What ``mostRecentScheduleTime`` found.

    ``earliest_ms`` is where the search started, ``most_recent_ms`` the
    start time the controller would act on (``None``: nothing), ``missed``
    the none/few/many verdict and ``count`` the controller's own estimate
    of how many start times passed (``n`` of §6.2).
    """

    earliest_ms: int
    most_recent_ms: int | None
    missed: MissedSchedules
    count: int

    @property
    def too_many_missed(self) -> bool:
        """True when the controller warns ``TooManyMissedTimes``."""
        return self.missed is MissedSchedules.MANY


def _next_ms(schedule: Schedule, ms: int) -> int | None:
    # Go's Next drops the sub-second part, then searches strictly after.
    try:
        found = next_instant(schedule.expression, schedule.zone, ms // 1000)
    except HangError as err:
        raise InvalidScheduleError(
            f"the controller's search never returns after {format_ms(ms)}: "
            f"{schedule.tz} skips a whole calendar day there",
            hang=True,
        ) from err
    return None if found is None else found * 1000


def most_recent_schedule_time(
    schedule: Schedule,
    now_ms: int,
    *,
    creation_ms: int,
    last_schedule_ms: int | None = None,
    starting_deadline_seconds: int | None = None,
    include_deadline: bool = False,
) -> ScheduleWindow:
    """``mostRecentScheduleTime``: the latest start time at or before now.

    Reproduces the controller's estimate (SEMANTICS §6.2), which assumes
    the first interval after ``earliest`` repeats and so can return
    ``None`` although a start time was missed.  Raises
    :class:`InvalidScheduleError` where the controller does.
    """
    earliest = creation_ms if last_schedule_ms is None else last_schedule_ms
    if include_deadline and starting_deadline_seconds is not None:
        earliest = max(earliest, now_ms - starting_deadline_seconds * 1000)

    # The first two start times after earliest fix the assumed interval.
    t1 = _next_ms(schedule, earliest)
    if t1 is None:
        # Go's zero time: both start times collapse, the interval is zero.
        raise InvalidScheduleError(_TOO_CLOSE)
    if now_ms < t1:
        return ScheduleWindow(earliest, None, MissedSchedules.NONE, 0)
    t2 = _next_ms(schedule, t1)
    if t2 is not None and now_ms < t2:
        return ScheduleWindow(earliest, t1, MissedSchedules.NONE, 1)
    interval = 0 if t2 is None else (t2 - t1) // 1000
    if interval < 1:
        raise InvalidScheduleError(_TOO_CLOSE)

    # n start times "fit" between t1 and now; go back one interval from the
    # guessed last one and walk forward with Next.
    elapsed = (now_ms - t1) // 1000
    count = elapsed // interval + 1
    most = _walk_to(schedule, t1 + (count - 2) * interval * 1000, now_ms)
    missed = MissedSchedules.MANY if count > MANY_MISSED else MissedSchedules.FEW
    return ScheduleWindow(earliest, most, missed, count)


_TOO_CLOSE = "time difference between two schedules is less than 1 second"


def _walk_to(schedule: Schedule, start_ms: int, now_ms: int) -> int | None:
    most = None
    current = start_ms
    for _ in range(_MAX_CHAIN):
        found = _next_ms(schedule, current)
        if found is None or found > now_ms:
            return most
        if found <= current:
            # Go's Next returned its input: the controller's loop would
            # never end (SEMANTICS §6.7).
            raise InvalidScheduleError(
                f"the controller's search returns {format_ms(found)} again and "
                "again: its worker would spin forever",
                hang=True,
            )
        most = current = found
    raise InvalidScheduleError(
        f"more than {_MAX_CHAIN} start times between {format_ms(start_ms)} "
        f"and {format_ms(now_ms)}"
    )


def next_schedule_time(
    schedule: Schedule,
    now_ms: int,
    *,
    creation_ms: int,
    last_schedule_ms: int | None = None,
    starting_deadline_seconds: int | None = None,
) -> tuple[int | None, ScheduleWindow]:
    """``nextScheduleTime``: the start time to create a Job for, if any.

    The deadline counts here (``includeSDS``), so start times older than
    ``now - startingDeadlineSeconds`` are dropped silently.  Returns the
    time (or ``None``) and the window it came from; the window's
    ``too_many_missed`` says whether ``TooManyMissedTimes`` is emitted —
    the Job is created all the same (§6.2).
    """
    window = most_recent_schedule_time(
        schedule,
        now_ms,
        creation_ms=creation_ms,
        last_schedule_ms=last_schedule_ms,
        starting_deadline_seconds=starting_deadline_seconds,
        include_deadline=True,
    )
    most = window.most_recent_ms
    if most is None or most > now_ms:
        return None, window
    return most, window


def next_schedule_time_duration(
    schedule: Schedule,
    now_ms: int,
    *,
    creation_ms: int,
    last_schedule_ms: int | None = None,
) -> int | None:
    """``nextScheduleTimeDuration``: milliseconds until the next wake-up.

    The deadline is ignored here.  The base is the most recent start time,
    else ``earliest`` when nothing was missed, else now; the delay is
    ``Next(base) + 100 ms - now``.  ``None`` when ``Next`` finds nothing
    (the controller then has no future start time to wait for).
    """
    try:
        window = most_recent_schedule_time(
            schedule, now_ms, creation_ms=creation_ms, last_schedule_ms=last_schedule_ms
        )
    except InvalidScheduleError as err:
        if err.hang:
            raise
        base = now_ms
    else:
        if window.most_recent_ms is not None:
            base = window.most_recent_ms
        elif window.missed is MissedSchedules.NONE:
            base = window.earliest_ms
        else:
            base = now_ms
    following = _next_ms(schedule, base)
    if following is None:
        return None
    return following + REQUEUE_PAD_MS - now_ms


def job_name(cronjob_name: str, scheduled_ms: int) -> str:
    """The Job name the controller gives a start time: the CronJob's name
    and the start time in whole Unix minutes (SEMANTICS §6.6)."""
    return f"{cronjob_name}-{scheduled_ms // 60_000}"


def scheduled_timestamp(scheduled_ms: int, time_zone: str | None) -> str:
    """The ``cronjob-scheduled-timestamp`` annotation's value: RFC 3339 in
    the CronJob's ``timeZone`` (UTC when unset), ``Z`` for offset zero as
    Go writes it."""
    zone = load_zone(time_zone or UTC_NAME)
    seconds = scheduled_ms // 1000
    offset = zone.offset(seconds)
    return _rfc3339(seconds + offset, offset)


def format_ms(ms: int) -> str:
    """A millisecond instant as RFC 3339 UTC (milliseconds only if any)."""
    text = _rfc3339(ms // 1000, 0)
    if ms % 1000:
        text = f"{text[:-1]}.{ms % 1000:03d}Z"
    return text


def _rfc3339(local: int, offset: int) -> str:
    days, secs = divmod(local, 86400)
    y, mo, d = civil_from_days(days)
    h, rest = divmod(secs, 3600)
    stamp = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{rest // 60:02d}:{rest % 60:02d}"
    if offset == 0:
        return f"{stamp}Z"
    sign = "+" if offset > 0 else "-"
    hours, minutes = divmod(abs(offset) // 60, 60)
    return f"{stamp}{sign}{hours:02d}:{minutes:02d}"


# --- the sync loop ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CronJobState:
    """The parts of a CronJob (spec and status) that ``sync`` reads."""

    name: str
    schedule: str
    time_zone: str | None = None
    concurrency_policy: str = "Allow"
    suspend: bool = False
    starting_deadline_seconds: int | None = None
    creation_ms: int = 0
    last_schedule_ms: int | None = None
    last_successful_ms: int | None = None
    active: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChildJob:
    """A Job as the controller's lister shows it.

    ``condition`` is ``"Complete"`` or ``"Failed"`` once finished.
    """

    name: str
    condition: str | None = None
    completion_ms: int | None = None
    start_ms: int | None = None
    owned: bool = True

    @property
    def finished(self) -> bool:
        """True once the Job is Complete or Failed."""
        return self.condition is not None

    @property
    def succeeded(self) -> bool:
        """True when the Job completed successfully."""
        return self.condition == "Complete"


@dataclass(frozen=True, slots=True)
class ClusterView:
    """What the API server answers during one sync.

    ``jobs`` is the lister's list of this CronJob's Jobs; ``live`` the names
    a direct GET still finds (``None``: the lister's names); ``fresh`` the
    CronJob as a re-read returns it (``None``: unchanged).  The ``*_error``
    fields inject API failures by reason (``"AlreadyExists"``,
    ``"NamespaceTerminating"``, ``"BadRequest"``, …), and ``existing`` is
    the Job a create that hit ``AlreadyExists`` finds under that name.
    """

    jobs: tuple[ChildJob, ...] = ()
    live: frozenset[str] | None = None
    fresh: CronJobState | None = None
    create_error: str | None = None
    get_error: str | None = None
    delete_error: str | None = None
    existing: ChildJob | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A Kubernetes event the controller records on the CronJob."""

    type: str
    reason: str
    message: str


@dataclass(slots=True)
class SyncResult:
    """What one sync did.

    ``created`` names the Job created (``scheduled_ms`` is its start time);
    ``considered_ms`` is the start time the sync weighed, even when it made
    no Job (Forbid, already processed); ``deleted`` lists Jobs deleted by
    Replace; ``requeue_after_ms`` is ``None`` when the controller does not
    requeue; ``error`` names the failure that makes the work queue retry.
    """

    state: CronJobState
    created: str | None = None
    scheduled_ms: int | None = None
    considered_ms: int | None = None
    deleted: list[str] = field(default_factory=list)
    update_status: bool = False
    events: list[Event] = field(default_factory=list)
    requeue_after_ms: int | None = None
    error: str | None = None
    window: ScheduleWindow | None = None
    outcome: str = ""

    def reasons(self, kind: str) -> list[str]:
        """Reasons of the events of ``kind`` ("Normal" or "Warning")."""
        return [event.reason for event in self.events if event.type == kind]


@functools.lru_cache(maxsize=256)
def controller_schedule(schedule: str, time_zone: str | None) -> Schedule:
    """The schedule as ``formatSchedule`` builds it (§6.1): a schedule that
    contains "TZ" is used as is, otherwise ``timeZone`` is prefixed."""
    if "TZ" in schedule:
        return parse(schedule)
    return parse(schedule, tz=time_zone)


def sync_cronjob(cronjob: CronJobState, view: ClusterView, now_ms: int) -> SyncResult:
    """One pass of ``syncCronJob`` (SEMANTICS §6.3), without side effects.

    Returns the CronJob's new state and what the controller did: Jobs
    created or deleted, events, and when it looks again.
    """
    result = SyncResult(cronjob)
    _reconcile_active(result, view)
    cronjob = result.state

    # Stops that wait for the next event: bad zone, suspend, bad schedule.
    if cronjob.time_zone is not None and not _loads(cronjob.time_zone):
        result.events.append(
            Event(
                "Warning", "UnknownTimeZone", f"invalid timeZone: {cronjob.time_zone!r}"
            )
        )
        return _done(result, "unknown time zone")
    if cronjob.suspend:
        return _done(result, "suspended")
    if "TZ" in cronjob.schedule:
        result.events.append(
            Event(
                "Warning",
                "UnsupportedSchedule",
                f"CRON_TZ or TZ used in schedule {cronjob.schedule!r} is not "
                "officially supported",
            )
        )
    try:
        schedule = controller_schedule(cronjob.schedule, cronjob.time_zone)
    except CronlabError as err:
        result.events.append(Event("Warning", "UnparseableSchedule", str(err)))
        return _done(result, "unparseable schedule")

    return _schedule(result, schedule, view, now_ms)


def _schedule(
    result: SyncResult, schedule: Schedule, view: ClusterView, now_ms: int
) -> SyncResult:
    cronjob = result.state
    try:
        scheduled, window = next_schedule_time(
            schedule,
            now_ms,
            creation_ms=cronjob.creation_ms,
            last_schedule_ms=cronjob.last_schedule_ms,
            starting_deadline_seconds=cronjob.starting_deadline_seconds,
        )
    except InvalidScheduleError as err:
        if not err.hang:
            result.events.append(Event("Warning", "InvalidSchedule", str(err)))
        result.error = str(err)
        return _done(result, "invalid schedule")
    result.window = window
    if window.too_many_missed:
        result.events.append(
            Event(
                "Warning",
                "TooManyMissedTimes",
                "too many missed start times. Set or decrease "
                ".spec.startingDeadlineSeconds or check clock skew",
            )
        )
    if scheduled is None:
        return _requeue(result, schedule, now_ms, "nothing due")
    result.considered_ms = scheduled

    # Step 7 of §6.3: unreachable with includeSDS, kept for fidelity.
    sds = cronjob.starting_deadline_seconds
    if sds is not None and scheduled + sds * 1000 < now_ms:
        result.events.append(Event("Warning", "MissSchedule", "missed start time"))
        return _requeue(result, schedule, now_ms, "past deadline")

    name = job_name(cronjob.name, scheduled)
    if name in cronjob.active or cronjob.last_schedule_ms == scheduled:
        return _requeue(result, schedule, now_ms, "already processed")
    if cronjob.concurrency_policy == "Forbid" and cronjob.active:
        # lastScheduleTime stays put, so the start time is still the most
        # recent one when the active Job ends (§6.4).
        result.events.append(
            Event(
                "Normal",
                "JobAlreadyActive",
                "Not starting job because prior "
                "execution is running and concurrency policy is Forbid",
            )
        )
        return _requeue(result, schedule, now_ms, "forbidden")
    if cronjob.concurrency_policy == "Replace" and not _replace(result, view):
        return result
    return _create(result, schedule, view, now_ms, name, scheduled)


def _replace(result: SyncResult, view: ClusterView) -> bool:
    active = list(result.state.active)
    for name in result.state.active:
        if view.get_error is not None:
            result.events.append(
                Event("Warning", "FailedGet", f"Get job: {view.get_error}")
            )
            result.error = view.get_error
            result.outcome = "replace failed"
            return False
        if view.delete_error is not None:
            result.events.append(
                Event("Warning", "FailedDelete", f"Deleted job: {view.delete_error}")
            )
            result.error = view.delete_error
            result.outcome = "replace failed"
            return False
        result.events.append(Event("Normal", "SuccessfulDelete", f"Deleted job {name}"))
        result.deleted.append(name)
        active.remove(name)
    result.state = replace(result.state, active=tuple(active))
    return True


def _create(
    result: SyncResult,
    schedule: Schedule,
    view: ClusterView,
    now_ms: int,
    name: str,
    scheduled: int,
) -> SyncResult:
    error = view.create_error
    if error == "NamespaceTerminating":
        result.error = error
        result.outcome = "namespace terminating"
        return result
    if error == "AlreadyExists":
        existing = view.existing
        if (
            existing is None
            or not existing.owned
            or existing.name in result.state.active
        ):
            # Someone else made it, or it is already tracked: stop (§6.3).
            result.outcome = "already exists"
            return result
        name = existing.name  # adopt the Job found under that name
    elif error is not None:
        result.events.append(
            Event("Warning", "FailedCreate", f"Error creating job: {error}")
        )
        result.error = error
        result.outcome = "create failed"
        return result
    else:
        result.events.append(Event("Normal", "SuccessfulCreate", f"Created job {name}"))
        result.created = name

    result.scheduled_ms = scheduled
    result.state = replace(
        result.state,
        active=(*result.state.active, name),
        last_schedule_ms=scheduled,
    )
    result.update_status = True
    return _requeue(
        result, schedule, now_ms, "created" if result.created else "adopted"
    )


def _requeue(
    result: SyncResult, schedule: Schedule, now_ms: int, outcome: str
) -> SyncResult:
    state = result.state
    try:
        result.requeue_after_ms = next_schedule_time_duration(
            schedule,
            now_ms,
            creation_ms=state.creation_ms,
            last_schedule_ms=state.last_schedule_ms,
        )
    except InvalidScheduleError as err:
        result.error = str(err)
    result.outcome = outcome
    return result


def _done(result: SyncResult, outcome: str) -> SyncResult:
    result.outcome = outcome
    return result


def _loads(time_zone: str) -> bool:
    try:
        validate_time_zone(time_zone)
    except CronlabError:
        return False
    return True


def _reconcile_active(result: SyncResult, view: ClusterView) -> None:
    # Step 3 of §6.3: bring status.active in line with the Jobs that exist.
    state = result.state
    active = list(state.active)
    last_success = state.last_successful_ms
    for job in view.jobs:
        if job.name not in active and not job.finished:
            fresh = view.fresh or state
            if job.name in fresh.active:
                state, active = fresh, list(fresh.active)
                last_success = fresh.last_successful_ms
                continue
            result.events.append(
                Event(
                    "Warning",
                    "UnexpectedJob",
                    f"Saw a job that the controller did not create or forgot: "
                    f"{job.name}",
                )
            )
        elif job.name in active and job.finished:
            active.remove(job.name)
            result.events.append(
                Event(
                    "Normal",
                    "SawCompletedJob",
                    f"Saw completed job: {job.name}, condition: {job.condition}",
                )
            )
            result.update_status = True
        done = job.completion_ms if job.succeeded else None
        if done is not None and (last_success is None or done > last_success):
            last_success = done
            result.update_status = True

    # An active entry whose Job is gone (a live GET confirms) is dropped.
    listed = {job.name for job in view.jobs}
    live = listed if view.live is None else view.live
    for name in list(active):
        if name not in listed and name not in live:
            active.remove(name)
            result.events.append(
                Event("Normal", "MissingJob", f"Active job went missing: {name}")
            )
            result.update_status = True
    result.state = replace(state, active=tuple(active), last_successful_ms=last_success)


# --- smaller controller rules -------------------------------------------


def update_requeue_ms(old: CronJobState, new: CronJobState, now_ms: int) -> int | None:
    """Delay after which a CronJob update is synced (§6.3 wake-ups).

    A changed ``schedule`` or ``timeZone`` waits for the new schedule's
    next start time; any other change syncs at once (0).  ``None``: the new
    schedule does not parse, a warning is recorded and nothing is queued.
    """
    if old.schedule == new.schedule and old.time_zone == new.time_zone:
        return 0
    try:
        schedule = controller_schedule(new.schedule, new.time_zone)
    except CronlabError:
        return None
    return next_schedule_time_duration(
        schedule,
        now_ms,
        creation_ms=new.creation_ms,
        last_schedule_ms=new.last_schedule_ms,
    )


def sort_jobs_by_start(jobs: Iterable[ChildJob]) -> list[ChildJob]:
    """Jobs oldest first by start time, unstarted ones last, ties by name
    (the order history cleanup deletes in)."""

    def key(job: ChildJob) -> tuple[bool, int, str]:
        return (job.start_ms is None, job.start_ms or 0, job.name)

    return sorted(jobs, key=key)


def jobs_to_clean_up(
    finished: Sequence[ChildJob],
    successful_limit: int | None,
    failed_limit: int | None,
) -> list[str]:
    """Names of finished Jobs history cleanup deletes: the oldest beyond
    each limit (a ``None`` limit keeps everything)."""
    doomed: list[str] = []
    for condition, limit in (("Complete", successful_limit), ("Failed", failed_limit)):
        if limit is None:
            continue
        kept = sort_jobs_by_start(j for j in finished if j.condition == condition)
        doomed.extend(job.name for job in kept[: max(len(kept) - limit, 0)])
    return doomed
