"""The DST report: every UTC-offset change in a window, and what each
dialect does to a schedule's runs around it.

An offset change is a *gap* (the wall clock jumps forward, so some wall
times never happen) or a *fold* (it jumps back, so some happen twice);
``cronlab.offsets`` lists them, rule changes included.  Nothing here
special-cases a zone.

The effects on a schedule are derived, per dialect, by comparing two things
around each change: the plain wall-clock intent (every wall minute the
expression names, ``engine.iter_wall_matches``) and the runs the dialect
really gives.  A named wall time the dialect did not run is *skipped*; one
that happened twice and ran twice is *doubled*; a run the dialect moved out
of a gap is *shifted*; a run at an instant the intent does not name is an
*anomaly* (the Kubernetes phantom run on Lord Howe).  Only the days either
side of each change are expanded, so a report over decades of a
five-minute schedule stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .dialects import DIALECTS, dialect_names, get_dialect
from .engine import DAY, WallMatch, iter_wall_matches
from .errors import CronlabError, TimeZoneError
from .offsets import (
    LAST_INSTANT,
    YEAR_DAYS,
    changes_between,
    check_years,
    date_text,
    iso_utc,
    jump_text,
    wall_text,
    window,
    zone_of,
)
from .offsets import OffsetChange as OffsetChange  # the report's transitions
from .run import Note, Run
from .schedule import Schedule, parse
from .zones import TZDATA_VERSION, Zone, to_unix

# Runs are compared this far either side of a change: the Kubernetes
# anomalies fall on the local day of the change (SEMANTICS §4.2, §4.3),
# which lies within 26 hours of its instant.
_MARGIN = 36 * 3600

# Why a named wall time got no run.
DOES_NOT_EXIST = "does_not_exist"
ANOMALY = "anomaly"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A wall time the schedule names that got no run: ``reason`` is
    ``does_not_exist`` (it fell in a gap) or ``anomaly`` (it happened, but
    the engine's own quirk dropped it); ``detail`` says why in words."""

    wall: int
    reason: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "wall": wall_text(self.wall, date=True),
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Folded:
    """A wall time that happened twice, and the passes the dialect ran
    (two: doubled; one: run once)."""

    wall: int
    runs: tuple[Run, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "wall": wall_text(self.wall, date=True),
            "runs": [run.to_dict() for run in self.runs],
        }


@dataclass(frozen=True, slots=True)
class Shifted:
    """A run the dialect moved out of a gap: the wall time it was meant
    for (``intended``, as the dialect states it), where it ran, and the
    gap wall times the schedule names that it stands for (``walls``)."""

    intended: str
    run: Run
    walls: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "intended": self.intended,
            "walls": [wall_text(w, date=True) for w in self.walls],
            "run": self.run.to_dict(),
        }


@dataclass(slots=True)
class DialectEffect:
    """What one dialect does to the schedule around one offset change."""

    dialect: str
    skipped: list[Skipped] = field(default_factory=list)
    doubled: list[Folded] = field(default_factory=list)
    once: list[Folded] = field(default_factory=list)
    shifted: list[Shifted] = field(default_factory=list)
    anomalies: list[Run] = field(default_factory=list)
    stopped: str | None = None

    @property
    def is_affected(self) -> bool:
        """True when any run differs from a plain wall-clock reading."""
        return bool(
            self.skipped
            or self.doubled
            or self.once
            or self.shifted
            or self.anomalies
            or self.stopped
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "skipped": [s.to_dict() for s in self.skipped],
            "doubled": [f.to_dict() for f in self.doubled],
            "once": [f.to_dict() for f in self.once],
            "shifted": [s.to_dict() for s in self.shifted],
            "anomalies": [run.to_dict() for run in self.anomalies],
            "stopped": self.stopped,
        }


@dataclass(slots=True)
class TransitionReport:
    """One offset change and each dialect's effect on the schedule."""

    change: OffsetChange
    effects: dict[str, DialectEffect]

    @property
    def is_affected(self) -> bool:
        """True when some dialect's runs are touched by this change."""
        return any(e.is_affected for e in self.effects.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        data = self.change.to_dict()
        data["dialects"] = {name: e.to_dict() for name, e in self.effects.items()}
        return data


@dataclass(slots=True)
class DstReport:
    """The DST report of one expression in one zone over a window."""

    expression: str
    zone: Zone
    start: int
    end: int
    dialects: tuple[str, ...]
    refused: dict[str, str]
    transitions: list[TransitionReport]
    calendar: list[OffsetChange]
    notes: list[str] = field(default_factory=list)
    # The calendar looks ahead to this instant, the window's end or later.
    calendar_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form; the shape is documented in docs/dst.md::

        {"expression", "timeZone", "tzdata", "from", "to",
         "dialects": [names analysed], "refused": {name: message},
         "notes": [text],
         "transitions": [{"at", "kind", "cause", "length_seconds",
                          "length", "offset_before", "offset_after",
                          "abbreviation_before", "abbreviation_after",
                          "local_before", "local_after", "span",
                          "dialects": {name: {"skipped", "doubled",
                                              "once", "shifted",
                                              "anomalies",
                                              "stopped"}}}],
         "calendar": [{transition fields without "dialects"}],
         "calendar_to"}
        """
        return {
            "expression": self.expression,
            "timeZone": self.zone.name,
            "tzdata": TZDATA_VERSION,
            "from": iso_utc(self.start),
            "to": iso_utc(self.end),
            "dialects": list(self.dialects),
            "refused": dict(self.refused),
            "notes": list(self.notes),
            "transitions": [t.to_dict() for t in self.transitions],
            "calendar": [c.to_dict() for c in self.calendar],
            "calendar_to": iso_utc(self.calendar_end),
        }


def available_dialects() -> tuple[str, ...]:
    """The registered dialects whose modules are installed, in order."""
    found: list[str] = []
    for name in DIALECTS:
        try:
            get_dialect(name)
        except ModuleNotFoundError as err:
            # A dialect still being written is left out; a missing
            # dependency of a present module is a real fault.
            if err.name != f"{__package__}.dialects.{name}":
                raise
            continue
        found.append(name)
    return tuple(found)


def transition_calendar(
    zone: Zone | str, start: datetime | None = None, years: int = 5
) -> list[OffsetChange]:
    """The zone's offset changes for the coming ``years`` from ``start``
    (default now), ``years`` × 366 days."""
    begin, finish = window(start, years)
    return changes_between(zone_of(zone), begin, finish)


def dst_report(
    target: Schedule | str,
    tz: str | None = None,
    *,
    dialects: Sequence[str] | str | None = None,
    start: datetime | None = None,
    years: int = 1,
    calendar_years: int = 5,
) -> DstReport:
    """Report every offset change in the window and its effect on runs.

    ``target`` is a :class:`Schedule` (analysed under its own dialect
    unless ``dialects`` is given) or an expression text evaluated in ``tz``
    (under every installed dialect unless ``dialects`` is given).  The
    window starts at ``start`` (default now) and lasts ``years`` × 366 days,
    at most fifty years (:data:`~cronlab.offsets.MAX_YEARS`).  A dialect
    that refuses the expression is listed in ``refused`` with its message;
    when every dialect asked for refuses it, the first refusal is raised.
    """
    begin, finish = window(start, years)
    check_years(calendar_years)
    schedules, refused = _schedules(target, tz, dialects)
    zone = next(iter(schedules.values())).zone

    reports = [
        TransitionReport(
            change,
            {name: _effect(s, change) for name, s in schedules.items()},
        )
        for change in changes_between(zone, begin, finish)
    ]
    # The calendar looks ahead at least as far as the window does.
    ahead = max(finish, begin + calendar_years * YEAR_DAYS * DAY)
    calendar_end = min(ahead, LAST_INSTANT)
    calendar = changes_between(zone, begin, calendar_end)
    notes = [
        f"{name}: @every runs at fixed intervals of real time, so offset "
        "changes do not move it"
        for name, s in schedules.items()
        if s.expression.is_every
    ]
    text = target.text if isinstance(target, Schedule) else target
    return DstReport(
        text,
        zone,
        begin,
        finish,
        tuple(schedules),
        refused,
        reports,
        calendar,
        notes,
        calendar_end,
    )


def dst_warnings(
    schedule: Schedule, start: datetime, days: int = YEAR_DAYS
) -> list[str]:
    """Short warnings for the schedule's own dialect over ``days`` from
    ``start``, e.g. ``runs twice at 02:30 on 2027-10-31: that wall time
    happens twice``."""
    begin = to_unix(start)
    return _warnings_until(schedule, begin, begin + days * DAY)


def dst_warnings_for_runs(
    schedule: Schedule,
    start: datetime,
    runs: Sequence[Run],
    until: datetime | None = None,
) -> list[str]:
    """``dst_warnings`` for the offset changes after ``start`` up to the
    last of ``runs`` (or up to ``until``, when the runs were asked for up
    to it): what they do to the runs shown, including the runs the engine
    drops, which the list cannot show by itself."""
    begin = to_unix(start)
    if until is not None:
        finish = to_unix(until)
    elif runs:
        finish = runs[-1].unix + 1
    else:
        return []
    return _warnings_until(schedule, begin, min(finish, begin + YEAR_DAYS * DAY))


def _warnings_until(schedule: Schedule, begin: int, finish: int) -> list[str]:
    warnings: list[str] = []
    if schedule.expression.is_every:
        return warnings
    for change in changes_between(schedule.zone, begin, min(finish, LAST_INSTANT)):
        warnings.extend(_summaries(change, _effect(schedule, change)))
    return warnings


# --- per-change analysis ----------------------------------------------


def _effect(schedule: Schedule, change: OffsetChange) -> DialectEffect:
    effect = DialectEffect(schedule.dialect)
    if schedule.expression.is_every:
        return effect
    low, high = change_window(change.zone, change.at)
    runs, stopped = _runs_between(schedule, low, high)
    effect.stopped = stopped
    by_instant = {run.unix: run for run in runs}
    matches = _matches(schedule, change, low, high)
    gap_walls = [m.local for m in matches if m.in_gap]

    # Runs that stand for gap wall times: moved out of the gap, or a run
    # the skipped times were merged into (Debian runs a job once per
    # instant).  A gap wall time never happened, so a run naming it can
    # only be saying that it stands in for it.
    by_clock = _by_clock(gap_walls)
    effect.shifted = [
        Shifted(run.intended or "", run, walls)
        for run in runs
        if run.unix >= change.at
        and ((walls := _named(run, by_clock)) or run.note is Note.GAP_SHIFTED)
    ]
    accounted = {item.run.unix for item in effect.shifted}
    covered = {w for item in effect.shifted for w in item.walls}

    # Each wall time the expression names near the change: what became of it.
    for match in matches:
        if match.in_gap:
            if match.local not in covered:
                effect.skipped.append(_gap_skip(schedule, change, match.local))
            continue
        passes = tuple(by_instant[u] for u in match.instants if u in by_instant)
        accounted.update(run.unix for run in passes)
        if match.in_fold and len(passes) == 2:
            effect.doubled.append(Folded(match.local, passes))
        elif match.in_fold and passes:
            effect.once.append(Folded(match.local, passes))
        elif not passes:
            effect.skipped.append(_anomaly_skip(schedule, match, stopped))

    # Runs at instants the wall-clock intent does not name.  Wall times
    # are matched by the minute: croniter's seconds field (which the
    # outline value sets do not keep) puts runs inside a named minute.
    minutes = {u - u % 60 for u in accounted}
    effect.anomalies = [
        run
        for run in runs
        if run.unix - run.unix % 60 not in minutes or run.note is Note.ANOMALY
    ]
    return effect


def change_window(zone: Zone, at: int) -> tuple[int, int]:
    """The instants ``[low, high)`` whose runs are judged against the
    offset change at ``at``: 36 hours either side, but never past halfway
    to a neighbouring change, so each run belongs to the change nearest
    it."""
    low, high = at - _MARGIN, at + _MARGIN
    for other in zone.transitions(low - _MARGIN, high + _MARGIN):
        if other.at < at:
            low = max(low, (other.at + at) // 2)
        elif other.at > at:
            high = min(high, (other.at + at) // 2)
    return low, high


def _runs_between(
    schedule: Schedule, low: int, high: int
) -> tuple[list[Run], str | None]:
    runs: list[Run] = []
    expansion = schedule.expand_unix(low - 1)
    while True:
        try:
            run = next(expansion)
        except StopIteration as stop:
            ended = stop.value
            return runs, (ended[1] if ended is not None else None)
        if run.unix >= high:
            return runs, None
        runs.append(run)


def _matches(
    schedule: Schedule, change: OffsetChange, low: int, high: int
) -> list[WallMatch]:
    zone, expr = schedule.zone, schedule.expression
    first_day = (low + min(change.before, change.after)) // DAY - 1
    last_day = (high + max(change.before, change.after)) // DAY + 2
    gap_low, gap_high = change.span
    kept: list[WallMatch] = []
    for match in iter_wall_matches(expr, zone, first_day, last_day):
        if match.in_gap:
            if change.is_gap and gap_low <= match.local < gap_high:
                kept.append(match)
            continue
        if any(low <= u < high for u in match.instants):
            kept.append(match)
    return kept


_CLOCK = re.compile(r"\b(\d{2}):(\d{2})\b")


def _by_clock(walls: list[int]) -> dict[str, list[int]]:
    """Wall times by their time of day as ``HH:MM``, each list in order."""
    found: dict[str, list[int]] = {}
    for local in walls:
        found.setdefault(wall_text(local)[:5], []).append(local)
    return found


def _named(run: Run, by_clock: dict[str, list[int]]) -> tuple[int, ...]:
    """The wall times of ``by_clock`` that the run's intended time or
    reason names (as ``HH:MM``; a gap is at most a day long, so the time
    of day alone is unambiguous within it), in order.  Looked up by clock
    text, so a day-long gap costs a lookup per run, not a scan."""
    if not (run.intended or run.reason):
        return ()
    text = f"{run.intended or ''} {run.reason or ''}"
    clocks = {m.group() for m in _CLOCK.finditer(text)}
    return tuple(sorted(w for c in clocks for w in by_clock.get(c, ())))


def _gap_skip(schedule: Schedule, change: OffsetChange, local: int) -> Skipped:
    low, high = change.span
    return Skipped(
        local,
        DOES_NOT_EXIST,
        f"{wall_text(local)} does not exist on {date_text(local)}: clocks "
        f"jump {jump_text(low, high)}; "
        f"{schedule.dialect} does not run it",
    )


def _anomaly_skip(schedule: Schedule, match: WallMatch, stopped: str | None) -> Skipped:
    if stopped is not None:
        detail = f"the search stopped before it: {stopped}"
    elif schedule.dialect == "kubernetes":
        detail = (
            "controller anomaly: the wall time exists but the controller's "
            "search steps over it (robfig/cron DST fault, SEMANTICS §4.2–4.3)"
        )
    else:
        detail = (
            f"{_anomaly_label(schedule.dialect)}: the wall time exists but "
            "the engine does not run it"
        )
    return Skipped(match.local, ANOMALY, detail)


# --- warnings for check -------------------------------------------------


def _summaries(change: OffsetChange, effect: DialectEffect) -> list[str]:
    lines: list[str] = []
    gone = [s.wall for s in effect.skipped if s.reason == DOES_NOT_EXIST]
    dropped = [s.wall for s in effect.skipped if s.reason == ANOMALY]
    if effect.doubled:
        walls = [f.wall for f in effect.doubled]
        lines.append(
            f"runs twice {_when(walls)}: {_those(walls, 'happens', 'happen')} twice"
        )
    if gone:
        lines.append(f"no run {_when(gone)}: {_those(gone, 'does', 'do')} not exist")
    for item in effect.shifted:
        local = item.run.unix + item.run.offset_seconds
        meant = _walls(list(item.walls)) if item.walls else item.intended
        if item.walls and date_text(item.walls[0]) != date_text(local):
            # A jump over midnight (Apia 2011) moves the run to another date.
            meant = f"{meant} on {date_text(item.walls[0])}"
        lines.append(
            f"runs at {wall_text(local)} on {date_text(local)} instead of "
            f"{meant or 'a skipped wall time'}, which does not exist"
        )
    if dropped:
        lines.append(
            f"no run {_when(dropped)} ({_anomaly_label(effect.dialect)}: "
            f"{_those(dropped, 'exists', 'exist')}, but the search skips "
            f"{'it' if len(dropped) == 1 else 'them'})"
        )
    for run in effect.anomalies:
        local = run.unix + run.offset_seconds
        lines.append(
            f"an extra run at {wall_text(local)} on {date_text(local)} "
            f"({run.reason or _anomaly_label(effect.dialect)})"
        )
    if effect.stopped:
        lines.append(f"stops running near {change.utc.date()}: {effect.stopped}")
    return lines


def _anomaly_label(dialect: str) -> str:
    return "controller anomaly" if dialect == "kubernetes" else f"{dialect} anomaly"


def _when(walls: list[int]) -> str:
    """``at 02:00, 02:30 on 2027-03-14``; ``from … to …`` with both dates
    when the wall times span midnight, so no time reads as on the wrong day."""
    first, last = walls[0], walls[-1]
    if first // DAY != last // DAY:
        dated = [f"{date_text(w)} {wall_text(w)}" for w in walls]
        if len(walls) <= 3:
            return "at " + ", ".join(dated)
        return f"from {dated[0]} to {dated[-1]}"
    if len(walls) > 3:
        return f"at {wall_text(first)}–{wall_text(last)} on {date_text(first)}"
    return f"at {_walls(walls)} on {date_text(first)}"


def _those(walls: list[int], one: str, many: str) -> str:
    """The subject and its verb, agreeing with how many wall times."""
    if len(walls) == 1:
        return f"that wall time {one}"
    count = f" {len(walls)}" if len(walls) > 3 else ""
    return f"those{count} wall times {many}"


def _walls(walls: list[int]) -> str:
    # Folds and anomalies can span midnight: name the date when it changes.
    first, last = walls[0], walls[-1]
    if first // DAY != last // DAY:
        return f"{wall_text(first)}–{wall_text(last, date=True)}"
    if len(walls) <= 3:
        return ", ".join(wall_text(w) for w in walls)
    return f"{wall_text(first)}–{wall_text(last)} ({len(walls)} wall times)"


# --- building blocks ----------------------------------------------------


def _schedules(
    target: Schedule | str, tz: str | None, dialects: Sequence[str] | str | None
) -> tuple[dict[str, Schedule], dict[str, str]]:
    if isinstance(target, Schedule):
        if tz is not None:
            raise CronlabError(
                "give a zone only with an expression text, not a Schedule"
            )
        names = dialect_names(dialects, (target.dialect,))
        text, tz = target.text, target.tz
    else:
        names = dialect_names(dialects, available_dialects())
        text = target

    schedules: dict[str, Schedule] = {}
    refused: dict[str, str] = {}
    first_error: CronlabError | None = None
    for name in names:
        try:
            schedules[name] = parse(text, tz=tz, dialect=name)
        except CronlabError as err:
            # A zone error is the caller's, whichever dialect hits it.
            if isinstance(err, TimeZoneError):
                raise
            refused[name] = str(err)
            first_error = first_error or err
    if not schedules:
        assert first_error is not None
        raise first_error
    return schedules, refused
