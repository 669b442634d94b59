"""Schedules in words, built from the parsed form, never from the text.

A description reads the :class:`~cronlab.expression.Expression` the
expansion reads (value sets, star flags, the day rule, the descriptor), so
the words cannot disagree with the runs.  :func:`describe` adds what only
the zone and the dialect can say: the UTC times of the local times named,
and the days of the coming year on which DST changes what runs (found by
comparing the dialect's runs with plain wall-clock matching around every
offset change, so no dialect or zone is special-cased here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .clauses import (
    clock_times,
    hhmm,
    is_full,
    is_outline,
    is_reboot,
    never_reason,
    restricted_weekdays,
    summary_of,
    weekday_set,
)
from .engine import DAY, civil_from_days, iter_wall_matches
from .errors import CronlabError
from .expression import DayRule, Expression
from .run import Note, Run, SearchEnd, format_offset
from .schedule import Schedule
from .words import Words, words_for
from .zones import Zone, to_unix

_YEAR = 365 * DAY


@dataclass(frozen=True, slots=True)
class DstException:
    """A local date of the coming year on which DST changes the runs.

    ``kind``: ``skipped`` (the wall time does not exist, no run),
    ``moved`` (it does not exist, the run happens at another time),
    ``twice`` / ``once`` (the wall time happens twice; both passes run, or
    one), ``extra`` / ``missing`` (the dialect's engine adds or drops a run
    around the offset change).
    """

    date: str
    kind: str
    local_times: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "date": self.date,
            "kind": self.kind,
            "local_times": list(self.local_times),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Description:
    """What a schedule does, in words, with its parts kept apart.

    ``text`` is the whole description; ``summary`` says when without the
    zone; ``times`` are the local clock times named (``None`` when the
    schedule names a pattern rather than a short list); ``weekdays`` the
    weekdays the schedule is limited to (``None``: any); ``never`` says why
    the schedule never runs.
    """

    text: str
    summary: str
    zone: str
    zone_note: str | None
    exceptions: tuple[DstException, ...] = ()
    notes: tuple[str, ...] = ()
    never: str | None = None
    times: tuple[str, ...] | None = None
    weekdays: tuple[int, ...] | None = None
    language: str = "en"
    window: tuple[str, str] | None = field(default=None)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "text": self.text,
            "summary": self.summary,
            "timeZone": self.zone,
            "zone_note": self.zone_note,
            "dst_exceptions": [e.to_dict() for e in self.exceptions],
            "notes": list(self.notes),
            "never": self.never,
            "times": list(self.times) if self.times is not None else None,
            "weekdays": list(self.weekdays) if self.weekdays is not None else None,
            "language": self.language,
            "window": list(self.window) if self.window else None,
        }


def _require(value: object, kind: type, wanted: str) -> None:
    # A plain string is the likely slip: say what to pass instead.
    if not isinstance(value, kind):
        raise CronlabError(
            f"describe takes {wanted}, not {type(value).__name__}: {value!r}"
        )


def describe_expression(expr: Expression, language: str = "en") -> str:
    """Say in words when ``expr`` matches, zone aside.

    >>> from cronlab import parse
    >>> describe_expression(parse("0 9 * * 1-5").expression)
    'At 09:00 on Monday through Friday'
    >>> describe_expression(parse("0 0 30 2 *").expression)
    'Never runs: 30 February does not exist'
    """
    _require(expr, Expression, "an Expression (parse(...).expression)")
    w = words_for(language)
    never = never_reason(expr, language)
    if never is not None:
        return w.say("never", reason=never)
    return summary_of(expr, w)


def _notes(schedule: Schedule, w: Words) -> list[str]:
    expr = schedule.expression
    if expr.every_seconds is not None or is_reboot(expr):
        return []
    if expr.day_rule is not DayRule.OR:
        return []
    days_full = is_full("day-of-month", expr.day_of_month.values)
    weekdays_full = is_full("day-of-week", weekday_set(expr))
    if days_full and not weekdays_full:
        return [w.say("ignored_note", field="day-of-week", dialect=schedule.dialect)]
    if weekdays_full and not days_full:
        return [w.say("ignored_note", field="day-of-month", dialect=schedule.dialect)]
    if not days_full:
        return [w.say("or_note", dialect=schedule.dialect)]
    return []


# --- the zone and the coming year ----------------------------------------


def describe(
    schedule: Schedule, *, after: datetime | None = None, language: str = "en"
) -> Description:
    """Describe ``schedule`` in words, with its zone and the DST days of
    the year after ``after`` (default: now).

    >>> from datetime import datetime, UTC
    >>> from cronlab import parse
    >>> d = describe(parse("30 2 * * *", tz="America/New_York"),
    ...              after=datetime(2026, 1, 1, tzinfo=UTC))
    >>> print(d.text)  # doctest: +NORMALIZE_WHITESPACE
    At 02:30 every day in America/New_York (07:30 UTC in winter, 06:30 UTC
    in summer). Around DST in the coming year: no run on 8 Mar 2026 at
    02:30 (the clock skips it).
    """
    _require(schedule, Schedule, "a Schedule (cronlab.parse(expr, tz=...))")
    w = words_for(language)
    start = to_unix(after if after is not None else datetime.now(UTC))
    expr = schedule.expression
    window = (_iso_date(start), _iso_date(start + _YEAR))

    never = never_reason(expr, language)
    summary = w.say("never", reason=never) if never is not None else ""
    if never is None and not is_reboot(expr):
        probe = schedule.next_runs(datetime.fromtimestamp(start, UTC), 1)
        if not probe and probe.end_reason:
            # The expression can match; it is this start that has no run
            # (the end of the calendar, a search that gives up).
            never = probe.end_reason
            summary = w.say("no_run_from", date=window[0], reason=never)
    if never is not None:
        return Description(
            summary + ".",
            summary,
            schedule.tz,
            None,
            never=never,
            language=language,
            window=window,
        )

    summary = summary_of(expr, w)
    times = clock_times(expr) if expr.every_seconds is None else None
    zone_note = None
    exceptions: list[DstException] = []
    if expr.every_seconds is None and not is_reboot(expr):
        zone_note = _zone_note(schedule.zone, times, start, w)
        exceptions = dst_exceptions(schedule, start, start + _YEAR, w)
    notes = _notes(schedule, w)
    if expr.every_seconds is None and not is_reboot(expr):
        notes.extend(search_ends(schedule, start, start + _YEAR))

    text = summary + (f" {zone_note}" if zone_note else "") + "."
    if exceptions:
        listed = "; ".join(e.text for e in exceptions)
        text += f" {w.say('dst_heading')}: {listed}."
    for note in notes:
        text += f" Note: {note}."
    return Description(
        text=text,
        summary=summary,
        zone=schedule.tz,
        zone_note=zone_note,
        exceptions=tuple(exceptions),
        notes=tuple(notes),
        times=tuple(hhmm(t) for t in times) if times is not None else None,
        weekdays=restricted_weekdays(expr) if expr.every_seconds is None else None,
        language=language,
        window=window,
    )


def _iso_date(u: int) -> str:
    year, month, day = civil_from_days(u // DAY)
    return f"{year:04d}-{month:02d}-{day:02d}"


def zone_offsets(zone: Zone, start: int, end: int) -> list[int]:
    """The UTC offsets ``zone`` uses between two instants, in order of use
    (each once)."""
    offsets = [zone.offset(start)]
    for change in zone.transitions(start, end):
        if change.after not in offsets:
            offsets.append(change.after)
    return offsets


def _zone_note(zone: Zone, times: list[int] | None, start: int, w: Words) -> str:
    offsets = zone_offsets(zone, start, start + _YEAR)
    where = w.say("in_zone", zone=zone.name)
    if offsets == [0] and zone.name in ("UTC", "Etc/UTC", "Etc/Universal"):
        return where

    def shown(offset: int) -> str:
        if times is None:
            return w.say("utc_offset", offset=format_offset(offset))
        return _utc_times(times, offset, w)

    if len(offsets) == 1:
        return f"{where} ({shown(offsets[0])})"
    if len(offsets) == 2:
        # Daylight saving time is the larger offset, in either hemisphere's
        # summer.
        winter, summer = sorted(offsets)
        pieces = [
            w.say("in_winter", what=shown(winter)),
            w.say("in_summer", what=shown(summer)),
        ]
    else:
        pieces = [
            w.say("at_offset", what=shown(o), offset=format_offset(o)) for o in offsets
        ]
    return f"{where} ({', '.join(pieces)})"


def _utc_times(local_minutes: list[int], offset: int, w: Words) -> str:
    # One "UTC" and one "the day before" for the list when the times share
    # their day shift; each time its own otherwise.
    shifted = [divmod(m * 60 - offset, DAY) for m in local_minutes]
    if len({shift for shift, _ in shifted}) == 1:
        clock = w.join([hhmm(rest // 60) for _, rest in shifted])
        return _day_shift(w.say("utc_times", times=clock), shifted[0][0], w)
    return w.join(
        [
            _day_shift(w.say("utc_times", times=hhmm(rest // 60)), shift, w)
            for shift, rest in shifted
        ]
    )


def _day_shift(text: str, shift: int, w: Words) -> str:
    if shift < 0:
        return w.say("day_before", time=text)
    if shift > 0:
        return w.say("day_after", time=text)
    return text


def dst_exceptions(
    schedule: Schedule, start: int, end: int, language: str | Words = "en"
) -> list[DstException]:
    """The local dates between two instants where the schedule's runs
    differ from its plain wall-clock times, one entry per date and kind.

    Only the days around each offset change are compared: elsewhere a wall
    time exists exactly once and every dialect runs it there.
    """
    w = language if isinstance(language, Words) else words_for(language)
    expr = schedule.expression
    if expr.every_seconds is not None or is_reboot(expr):
        return []
    zone = schedule.zone
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    order: list[tuple[str, str]] = []
    seen_days: set[int] = set()

    for change in zone.transitions(start, end):
        local_day = (change.at + change.before) // DAY
        days = [d for d in range(local_day - 1, local_day + 2) if d not in seen_days]
        seen_days.update(days)
        if not days:
            continue
        compare = _compare_notes if is_outline(expr) else _compare_days
        for key, entry in compare(schedule, days, w):
            if key not in found:
                found[key] = []
                order.append(key)
            found[key].append(entry)

    return [_exception(key, found[key], w) for key in sorted(order)]


def _compare_days(
    schedule: Schedule, days: list[int], w: Words
) -> Iterable[tuple[tuple[str, str], tuple[str, str]]]:
    # Runs over the local days, and the wall minutes plain matching names
    # on them; where they differ, the dialect's DST rule (or its engine's
    # anomaly) is at work.
    expr, zone = schedule.expression, schedule.zone
    first, last = days[0], days[-1] + 1
    runs = {run.unix: run for run in _runs_on(schedule, first, last)}

    explained: set[int] = set()
    for match in iter_wall_matches(expr, zone, first, last):
        date = _iso_date(match.local)
        wall = hhmm(match.local % DAY // 60)
        if match.in_gap:
            moved = [
                r
                for r in runs.values()
                if r.note is Note.GAP_SHIFTED and r.unix not in explained
            ]
            if moved:
                explained.add(moved[0].unix)
                yield (date, "moved"), (wall, _run_time(moved[0]))
            else:
                yield (date, "skipped"), (wall, "")
            continue
        hits = [u for u in match.instants if u in runs]
        explained.update(hits)
        if match.in_fold:
            kind = {2: "twice", 1: "once"}.get(len(hits), "missing")
            utc = " and ".join(_utchhmm(u) for u in match.instants)
            yield (date, kind), (wall, utc)
        elif not hits:
            yield (date, "missing"), (wall, "")

    for u, run in sorted(runs.items()):
        if u not in explained and run.note is not Note.GAP_SHIFTED:
            yield (_iso_date(u + run.offset_seconds), "extra"), (_run_time(run), "")


def _compare_notes(
    schedule: Schedule, days: list[int], w: Words
) -> Iterable[tuple[tuple[str, str], tuple[str, str]]]:
    # An outline's value sets miss days the text names (croniter's L, W,
    # #), so plain matching cannot say which runs are missing; the runs'
    # own notes still say which were moved, repeated or anomalous.
    first, last = days[0], days[-1] + 1
    kinds = {
        Note.GAP_SHIFTED: "moved",
        Note.FOLD_SECOND: "twice",
        Note.ANOMALY: "extra",
    }
    for run in _runs_on(schedule, first, last):
        kind = kinds.get(run.note)
        if kind is not None:
            date = _iso_date(run.unix + run.offset_seconds)
            # ``intended`` is the local ISO date-time the run was meant for.
            wall = run.intended[11:16] if run.intended else _run_time(run)
            yield (date, kind), (wall, "" if kind == "twice" else _run_time(run))


def _runs_on(schedule: Schedule, first: int, last: int) -> Iterable[Run]:
    # Runs whose local date lies in [first, last) (day counts).
    for run in schedule.expand_unix(first * DAY - 2 * DAY):
        if run.unix >= last * DAY + 2 * DAY:
            return
        if first <= (run.unix + run.offset_seconds) // DAY < last:
            yield run


def search_ends(schedule: Schedule, start: int, end: int) -> list[str]:
    """Why the dialect's search stops for good near an offset change
    between two instants (the Kubernetes controller stalls or hangs on a
    few historic transitions, SEMANTICS §4.3, §4.5), once per reason."""
    found: list[str] = []
    for change in schedule.zone.transitions(start, end):
        expansion = schedule.expand_unix(change.at - 2 * DAY)
        while True:
            try:
                run = next(expansion)
            except StopIteration as stop:
                ended = stop.value
                stuck = ended is not None and ended[0] is not SearchEnd.EXHAUSTED
                if stuck and ended[1] not in found:
                    found.append(ended[1])
                break
            if run.unix >= change.at + 2 * DAY:
                break
    return found


def _run_time(run: Run) -> str:
    return hhmm((run.unix + run.offset_seconds) % DAY // 60)


def _utchhmm(u: int) -> str:
    return f"{hhmm(u % DAY // 60)} UTC"


def _exception(
    key: tuple[str, str], entries: list[tuple[str, str]], w: Words
) -> DstException:
    date, kind = key
    year, month, day = (int(p) for p in date.split("-"))
    shown_date = w.day_date(year, month, day)
    walls = tuple(dict.fromkeys(wall for wall, _ in entries))
    times = _time_list(walls, w)
    it = w.say("it" if len(walls) == 1 else "them")
    if kind == "moved":
        actual = _time_list(tuple(dict.fromkeys(a for _, a in entries)), w)
        text = w.say("dst_moved", date=shown_date, times=times, actual=actual, it=it)
    elif kind == "twice":
        utc = f": {entries[0][1]}" if len(walls) == 1 and entries[0][1] else ""
        text = w.say("dst_twice", date=shown_date, times=times, it=it, utc=utc)
    elif kind in ("extra", "missing"):
        text = w.say(f"dst_{kind}", date=shown_date, times=times, why=w.say("anomaly"))
    else:
        text = w.say(f"dst_{kind}", date=shown_date, times=times, it=it)
    return DstException(date, kind, walls, text)


def _time_list(times: tuple[str, ...], w: Words) -> str:
    if len(times) <= 3:
        return w.join(list(times))
    return f"{times[0]}–{times[-1]}"
