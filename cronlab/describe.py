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

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .engine import DAY, civil_from_days, days_in_month, iter_wall_matches
from .expression import DayRule, Expression
from .run import Note, Run, format_offset
from .schedule import Schedule
from .words import Words, words_for
from .zones import Zone, to_unix

_FULL = {
    "minute": range(60),
    "hour": range(24),
    "day-of-month": range(1, 32),
    "month": range(1, 13),
    "day-of-week": range(7),
}
# Enumerate clock times up to this many; beyond it a pattern reads better.
_MAX_TIMES = 6
_YEAR = 365 * DAY
# February is given 29 days: a date that exists in leap years exists.
_LONGEST_MONTH = {m: days_in_month(2024, m) for m in range(1, 13)}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of values ``first, first + step, …, last``."""

    first: int
    last: int
    step: int

    @property
    def size(self) -> int:
        """How many values the segment holds."""
        return (self.last - self.first) // self.step + 1


def segments_of(values: Iterable[int]) -> list[Segment]:
    """Split sorted values into one stepped run, or consecutive runs.

    A whole set evenly spaced by more than one (three values at least)
    is one stepped segment; anything else is cut into runs of consecutive
    values, so ``1,2,3,5`` reads "1–3 and 5".
    """
    ordered = sorted(set(values))
    if len(ordered) >= 3:
        step = ordered[1] - ordered[0]
        even = all(b - a == step for a, b in itertools.pairwise(ordered))
        if even and step > 1:
            return [Segment(ordered[0], ordered[-1], step)]

    found: list[Segment] = []
    for value in ordered:
        if found and found[-1].step == 1 and found[-1].last == value - 1:
            found[-1] = Segment(found[-1].first, value, 1)
        else:
            found.append(Segment(value, value, 1))
    return found


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


# --- the expression alone -------------------------------------------------


def describe_expression(expr: Expression, language: str = "en") -> str:
    """Say in words when ``expr`` matches, zone aside.

    >>> from cronlab import parse
    >>> describe_expression(parse("0 9 * * 1-5").expression)
    'At 09:00 on Monday through Friday'
    >>> describe_expression(parse("0 0 30 2 *").expression)
    'Never runs: 30 February does not exist'
    """
    w = words_for(language)
    never = never_reason(expr, language)
    if never is not None:
        return w.say("never", reason=never)
    return _summary(expr, w)


def never_reason(expr: Expression, language: str = "en") -> str | None:
    """Why ``expr`` can never match a wall-clock minute, or ``None``."""
    w = words_for(language)
    if expr.every_seconds is not None or _is_reboot(expr):
        return None
    for one in (expr.minute, expr.hour, expr.month):
        if not one.values:
            return w.say("no_value", field=one.name)

    days = set(expr.day_of_month.values)
    weekdays = {v % 7 for v in expr.day_of_week.values}
    if expr.day_rule is DayRule.OR and weekdays:
        return None  # some weekday of some month always comes
    for name, values in (("day-of-month", days), ("day-of-week", weekdays)):
        if not values:
            return w.say("no_value", field=name)
    return _impossible_dates(days, expr.month.values, w)


def _impossible_dates(days: set[int], months: Sequence[int], w: Words) -> str | None:
    if any(d <= _LONGEST_MONTH[m] for m in months for d in days):
        return None
    pairs = [
        w.say("day_month", day=d, month=w.month(m))
        for m in months
        for d in sorted(days)
    ]
    if len(pairs) <= _MAX_TIMES:
        key = "not_exist_one" if len(pairs) == 1 else "not_exist_many"
        return w.say(key, dates=w.join(pairs))
    return w.say(
        "no_date",
        days=_list_values(days, w),
        months=w.join_or([w.month(m) for m in months]),
    )


def _is_reboot(expr: Expression) -> bool:
    return expr.descriptor == "@reboot"


def _summary(expr: Expression, w: Words) -> str:
    if expr.every_seconds is not None:
        return w.say("every_duration", duration=_duration(expr.every_seconds, w))
    if _is_reboot(expr):
        return w.say("at_reboot", descriptor=expr.descriptor)

    time_text, times = _time_clause(expr, w)
    day_text = _day_clause(expr, w)
    month_text = _month_clause(expr, w)
    parts = [time_text]
    if day_text:
        parts.append(day_text)
    elif times is not None and not month_text:
        parts.append(w.say("every_day"))
    if month_text:
        parts.append(month_text)
    if expr.descriptor:
        parts.append(w.say("descriptor", descriptor=expr.descriptor))
    return " ".join(parts)


def _duration(seconds: int, w: Words) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    pieces = []
    for amount, one, many in (
        (hours, "hour", "hours"),
        (minutes, "minute", "minutes"),
        (secs, "second", "seconds"),
    ):
        if amount:
            pieces.append(f"{amount} {w.say(one if amount == 1 else many)}")
    return " ".join(pieces) or f"1 {w.say('second')}"


def clock_times(expr: Expression) -> list[int] | None:
    """The minutes of the day ``expr`` names, when few enough to list."""
    count = len(expr.hour.values) * len(expr.minute.values)
    if count == 0 or count > _MAX_TIMES:
        return None
    return [h * 60 + m for h in expr.hour.values for m in expr.minute.values]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _time_clause(expr: Expression, w: Words) -> tuple[str, list[int] | None]:
    times = clock_times(expr)
    if times is not None:
        return w.say("at_times", times=w.join([_hhmm(t) for t in times])), times

    minutes, hours = expr.minute.values, expr.hour.values
    if len(minutes) == 1 and set(hours) != set(_FULL["hour"]):
        # One minute in several hours: the hours are the pattern.
        return _hour_pattern(minutes[0], hours, w), None
    return f"{_minute_phrase(minutes, w)} {_hour_phrase(expr, w)}".strip(), None


def _is_clock_step(minutes: Sequence[int]) -> bool:
    # Every n minutes from :00 with n dividing the hour: the same minutes
    # every hour, evenly spaced across hour boundaries too.
    parts = segments_of(minutes)
    if len(parts) != 1 or parts[0].first != 0:
        return False
    step = parts[0].step
    return 60 % step == 0 and parts[0].last == 60 - step and parts[0].size > 1


def _minute_phrase(minutes: Sequence[int], w: Words) -> str:
    if set(minutes) == set(_FULL["minute"]):
        return w.say("every_minute")
    if _is_clock_step(minutes):
        return w.say("every_n_minutes", n=segments_of(minutes)[0].step)
    key = "at_minute" if len(minutes) == 1 else "at_minutes"
    return w.say(key, minutes=_list_values(minutes, w))


def _hour_phrase(expr: Expression, w: Words) -> str:
    hours = expr.hour.values
    if set(hours) == set(_FULL["hour"]):
        if _is_clock_step(expr.minute.values):
            return ""  # "every 15 minutes" already says every hour
        return w.say("past_every_hour")
    pieces = []
    for seg in segments_of(hours):
        first, last = _hhmm(seg.first * 60), _hhmm(seg.last * 60 + 59)
        if seg.step == 1:
            pieces.append(w.say("between", first=first, last=last))
        else:
            nth = w.ordinal(seg.step)
            pieces.append(w.say("every_nth_hour", nth=nth, first=first, last=last))
    return w.join(pieces)


def _hour_pattern(minute: int, hours: Sequence[int], w: Words) -> str:
    pieces = []
    for seg in segments_of(hours):
        first = _hhmm(seg.first * 60 + minute)
        last = _hhmm(seg.last * 60 + minute)
        if seg.first == seg.last:
            pieces.append(w.say("at_time", time=first))
        elif seg.step == 1:
            pieces.append(w.say("every_hour_from", first=first, last=last))
        else:
            pieces.append(
                w.say("every_n_hours_from", n=seg.step, first=first, last=last)
            )
    text = w.join(pieces)
    return text[:1].upper() + text[1:]


def _list_values(values: Iterable[int], w: Words) -> str:
    return _value_list(values, str, w)


def _value_list(values: Iterable[int], show: Callable[[int], str], w: Words) -> str:
    # Consecutive runs read "1st–7th"; a long stepped run "1st, 3rd, …, 31st".
    pieces: list[str] = []
    for seg in segments_of(values):
        if seg.step > 1 and seg.size > 4:
            pieces.append(
                f"{show(seg.first)}, {show(seg.first + seg.step)}, …, {show(seg.last)}"
            )
        elif seg.size <= 2 or seg.step > 1:
            pieces.extend(show(v) for v in range(seg.first, seg.last + 1, seg.step))
        else:
            pieces.append(f"{show(seg.first)}–{show(seg.last)}")
    return w.join(pieces)


def _ordinals(values: Iterable[int], w: Words) -> str:
    return _value_list(values, w.ordinal, w)


def _is_full(name: str, values: Iterable[int]) -> bool:
    return set(values) >= set(_FULL[name])


def _weekday_set(expr: Expression) -> set[int]:
    # Debian cron's 7 is Sunday, like 0.
    return {v % 7 for v in expr.day_of_week.values}


def restricted_weekdays(expr: Expression) -> tuple[int, ...] | None:
    """The weekdays (0 = Sunday) every run falls on, or ``None`` if any."""
    weekdays = _weekday_set(expr)
    if _is_full("day-of-week", weekdays):
        return None
    if expr.day_rule is DayRule.OR and not _is_full(
        "day-of-month", expr.day_of_month.values
    ):
        return None  # a day-of-month match runs on any weekday
    return tuple(sorted(weekdays))


def _day_clause(expr: Expression, w: Words) -> str:
    days = expr.day_of_month.values
    weekdays = _weekday_set(expr)
    days_full = _is_full("day-of-month", days)
    weekdays_full = _is_full("day-of-week", weekdays)

    if expr.day_rule is DayRule.OR:
        if days_full or weekdays_full:
            return ""
        return w.say(
            "day_or_weekday",
            days=_dom_phrase(days, w),
            weekdays=_dow_phrase(weekdays, w),
        )
    if days_full and weekdays_full:
        return ""
    if weekdays_full:
        return _dom_phrase(days, w)
    if days_full:
        return _dow_phrase(weekdays, w)
    if len(weekdays) == 1:
        (only,) = weekdays
        return w.say(
            "weekday_on_days",
            weekdays=w.weekdays_plural[only],
            days=_ordinals(days, w),
        )
    names = [w.weekday(d) for d in w.week_order if d in weekdays]
    return w.say(
        "days_when_weekday", days=_ordinals(days, w), weekdays=w.join_or(names)
    )


def _dom_phrase(days: Sequence[int], w: Words) -> str:
    parts = segments_of(days)
    if len(parts) == 1 and parts[0].step > 1 and parts[0].size > 3:
        seg = parts[0]
        return w.say(
            "every_nth_day",
            nth=w.ordinal(seg.step),
            first=w.ordinal(seg.first),
            last=w.ordinal(seg.last),
        )
    return w.say("on_days_of_month", days=_ordinals(days, w))


def _dow_phrase(weekdays: set[int], w: Words) -> str:
    if len(weekdays) == 1:
        (only,) = weekdays
        return w.say("on_weekday", weekdays=w.weekdays_plural[only])
    # Runs in the reader's week order, so Friday–Sunday stays one range.
    ordered = [d for d in w.week_order if d in weekdays]
    pieces: list[str] = []
    run: list[int] = []
    for day in [*ordered, -1]:
        position = w.week_order.index(day) if day >= 0 else -2
        if run and position == w.week_order.index(run[-1]) + 1:
            run.append(day)
            continue
        if len(run) >= 3:
            pieces.append(
                w.say(
                    "weekday_range",
                    first=w.weekday(run[0]),
                    last=w.weekday(run[-1]),
                )
            )
        else:
            pieces.extend(w.weekday(d) for d in run)
        run = [day]
    return w.say("on_weekday", weekdays=w.join(pieces))


def _month_clause(expr: Expression, w: Words) -> str:
    months = expr.month.values
    if _is_full("month", months):
        return ""
    pieces = []
    for seg in segments_of(months):
        if seg.step == 1 and seg.size >= 3:
            pieces.append(
                w.say(
                    "month_range",
                    first=w.month(seg.first),
                    last=w.month(seg.last),
                )
            )
        else:
            pieces.extend(w.month(m) for m in range(seg.first, seg.last + 1, seg.step))
    return w.say("in_months", months=w.join(pieces))


def _notes(schedule: Schedule, w: Words) -> list[str]:
    expr = schedule.expression
    if expr.every_seconds is not None or _is_reboot(expr):
        return []
    if expr.day_rule is not DayRule.OR:
        return []
    days_full = _is_full("day-of-month", expr.day_of_month.values)
    weekdays_full = _is_full("day-of-week", _weekday_set(expr))
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
    w = words_for(language)
    start = to_unix(after if after is not None else datetime.now(UTC))
    expr = schedule.expression
    window = (_iso_date(start), _iso_date(start + _YEAR))

    never = never_reason(expr, language)
    if never is None and not _is_reboot(expr):
        probe = schedule.next_runs(datetime.fromtimestamp(start, UTC), 1)
        if not probe and probe.end_reason:
            never = probe.end_reason
    if never is not None:
        summary = w.say("never", reason=never)
        return Description(
            summary + ".",
            summary,
            schedule.tz,
            None,
            never=never,
            language=language,
            window=window,
        )

    summary = _summary(expr, w)
    times = clock_times(expr) if expr.every_seconds is None else None
    zone_note = None
    exceptions: list[DstException] = []
    if expr.every_seconds is None and not _is_reboot(expr):
        zone_note = _zone_note(schedule.zone, times, start, w)
        exceptions = dst_exceptions(schedule, start, start + _YEAR, w)
    notes = _notes(schedule, w)

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
        times=tuple(_hhmm(t) for t in times) if times is not None else None,
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
        clock = w.join([_hhmm(rest // 60) for _, rest in shifted])
        return _day_shift(w.say("utc_times", times=clock), shifted[0][0], w)
    return w.join(
        [
            _day_shift(w.say("utc_times", times=_hhmm(rest // 60)), shift, w)
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
    if expr.every_seconds is not None or _is_reboot(expr):
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
        for key, entry in _compare_days(schedule, days, w):
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
    runs: dict[int, Run] = {}
    for run in schedule.expand_unix(first * DAY - 2 * DAY):
        if run.unix >= last * DAY + 2 * DAY:
            break
        if first <= (run.unix + run.offset_seconds) // DAY < last:
            runs[run.unix] = run

    explained: set[int] = set()
    for match in iter_wall_matches(expr, zone, first, last):
        date = _iso_date(match.local)
        wall = _hhmm(match.local % DAY // 60)
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
            utc = " and ".join(_utc_hhmm(u) for u in match.instants)
            yield (date, kind), (wall, utc)
        elif not hits:
            yield (date, "missing"), (wall, "")

    for u, run in sorted(runs.items()):
        if u not in explained and run.note is not Note.GAP_SHIFTED:
            yield (_iso_date(u + run.offset_seconds), "extra"), (_run_time(run), "")


def _run_time(run: Run) -> str:
    return _hhmm((run.unix + run.offset_seconds) % DAY // 60)


def _utc_hhmm(u: int) -> str:
    return f"{_hhmm(u % DAY // 60)} UTC"


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
        utc = f": {entries[0][1]}" if len(walls) == 1 else ""
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
