"""The clauses of a description: times of day, days, months, and why a
schedule can never run.

Everything here reads an :class:`~cronlab.expression.Expression`'s value
sets, star flags, day rule and descriptor, never its text, so the words
follow the same parsed form as the runs.  :mod:`cronlab.describe` adds the
zone and the DST days; the words themselves come from :mod:`cronlab.words`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .dialects.grammar import WEEKDAY_NAMES
from .engine import days_in_month
from .expression import DayRule, Expression
from .words import Words, words_for

_FULL = {
    "minute": range(60),
    "hour": range(24),
    "day-of-month": range(1, 32),
    "month": range(1, 13),
    "day-of-week": range(7),
}
# Enumerate clock times up to this many; beyond it a pattern reads better.
_MAX_TIMES = 6
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


def never_warnings(expr: Expression) -> list[str]:
    """``["never runs: <why>"]`` for an expression that can never match,
    else ``[]``: said beside an empty list of runs, so the reader learns
    the text is at fault, not the window searched."""
    never = never_reason(expr)
    return [] if never is None else [f"never runs: {never}"]


def never_reason(expr: Expression, language: str = "en") -> str | None:
    """Why ``expr`` can never match a wall-clock minute, or ``None``."""
    w = words_for(language)
    if expr.every_seconds is not None or is_reboot(expr) or is_outline(expr):
        return None  # an outline's value sets do not hold every day named
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


def is_reboot(expr: Expression) -> bool:
    """True for an ``@reboot`` job, which names no clock time."""
    return expr.descriptor == "@reboot"


def summary_of(expr: Expression, w: Words) -> str:
    """When ``expr`` matches, in one clause-joined phrase."""
    if expr.every_seconds is not None:
        return w.say("every_duration", duration=_duration(expr.every_seconds, w))
    if is_reboot(expr):
        return w.say("at_reboot", descriptor=expr.descriptor)

    time_text, times = _time_clause(expr, w)
    extra = _extra_fields(expr)
    if extra and extra[0] != "0":
        time_text += " " + w.say("at_seconds", seconds=extra[0])
    day_text = _extended_day_clause(expr, w) if is_outline(expr) else ""
    day_text = day_text or _day_clause(expr, w)
    month_text = _month_clause(expr, w)
    parts = [time_text]
    if day_text:
        parts.append(day_text)
    elif times is not None and not month_text:
        parts.append(w.say("every_day"))
    if month_text:
        parts.append(month_text)
    if len(extra) > 1 and extra[1] != "*":
        parts.append(w.say("in_years", years=extra[1]))
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


def hhmm(minutes: int) -> str:
    """Minutes of the day as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _time_clause(expr: Expression, w: Words) -> tuple[str, list[int] | None]:
    times = clock_times(expr)
    if times is not None:
        return w.say("at_times", times=w.join([hhmm(t) for t in times])), times

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
        first, last = hhmm(seg.first * 60), hhmm(seg.last * 60 + 59)
        if seg.step == 1:
            pieces.append(w.say("between", first=first, last=last))
        else:
            nth = w.ordinal(seg.step)
            pieces.append(w.say("every_nth_hour", nth=nth, first=first, last=last))
    return w.join(pieces)


def _hour_pattern(minute: int, hours: Sequence[int], w: Words) -> str:
    pieces = []
    for seg in segments_of(hours):
        first = hhmm(seg.first * 60 + minute)
        last = hhmm(seg.last * 60 + minute)
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
            second = seg.first + seg.step
            pieces.append(f"{show(seg.first)}, {show(second)}, …, {show(seg.last)}")
        elif seg.size <= 2 or seg.step > 1:
            pieces.extend(show(v) for v in range(seg.first, seg.last + 1, seg.step))
        else:
            pieces.append(f"{show(seg.first)}–{show(seg.last)}")
    return w.join(pieces)


def _ordinals(values: Iterable[int], w: Words) -> str:
    return _value_list(values, w.ordinal, w)


def is_full(name: str, values: Iterable[int]) -> bool:
    """Whether ``values`` cover the whole range of field ``name``."""
    return set(values) >= set(_FULL[name])


def weekday_set(expr: Expression) -> set[int]:
    """The weekdays of the day-of-week field, 0 = Sunday."""
    # Debian cron's 7 is Sunday, like 0.
    return {v % 7 for v in expr.day_of_week.values}


def restricted_weekdays(expr: Expression) -> tuple[int, ...] | None:
    """The weekdays (0 = Sunday) every run falls on, or ``None`` if any."""
    weekdays = weekday_set(expr)
    if is_full("day-of-week", weekdays):
        return None
    if expr.day_rule is DayRule.OR and not is_full(
        "day-of-month", expr.day_of_month.values
    ):
        return None  # a day-of-month match runs on any weekday
    return tuple(sorted(weekdays))


def _day_clause(expr: Expression, w: Words) -> str:
    days = expr.day_of_month.values
    weekdays = weekday_set(expr)
    days_full = is_full("day-of-month", days)
    weekdays_full = is_full("day-of-week", weekdays)

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
    if is_full("month", months):
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


# --- croniter's wider syntax ------------------------------------------------
#
# croniter accepts day forms that are not value sets: L (last day), nW
# (weekday nearest the nth), LW, d#n (nth weekday), Ld / dL (last weekday
# d), plus a seconds and a year field.  Its Expression keeps only an
# outline of them in the value sets and the forms in the field text, so
# the words for those forms are read from the text, token by token.

_DOM_SPECIAL = re.compile(r"^(L|LW|\d+W)$", re.IGNORECASE)
_DOW_SPECIAL = re.compile(r"#|^L\w+$|^\w+L$", re.IGNORECASE)
_NTH_WEEKDAY = re.compile(r"^(\w+)#([1-5])$")
_LAST_WEEKDAY = re.compile(r"^L(\w+)$|^(\w+)L$", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return [token for token in text.split(",") if token]


def is_outline(expr: Expression) -> bool:
    """Whether the value sets only outline the schedule (croniter's L, W,
    # forms, or a seconds or year field), so words come from the text."""
    if _extra_fields(expr):
        return True
    dom = any(_DOM_SPECIAL.match(t) for t in _tokens(expr.day_of_month.text))
    dow = any(_DOW_SPECIAL.search(t) for t in _tokens(expr.day_of_week.text))
    return dom or dow


def _extra_fields(expr: Expression) -> list[str]:
    # croniter's sixth field is seconds, the seventh the year: whatever
    # follows the day-of-week field where the parser found it.  Counting
    # words of the whole text would take a TZ=/CRON_TZ= prefix for a field
    # and shift every field after it by one.
    if expr.descriptor is not None or expr.every_seconds is not None:
        return []
    weekday = expr.day_of_week
    rest = expr.text[weekday.column - 1 + len(weekday.text) :]
    return rest.split()[:2]


def _weekday_number(token: str) -> int | None:
    if token.isdigit() and int(token) <= 7:
        return int(token) % 7
    return WEEKDAY_NAMES.get(token.lower())


def _dom_token(token: str, w: Words) -> str:
    upper = token.upper()
    if upper == "L":
        return w.say("last_day")
    if upper == "LW":
        return w.say("last_workday")
    if upper.endswith("W") and upper[:-1].isdigit():
        return w.say("nearest_workday", nth=w.ordinal(int(upper[:-1])))
    if token.isdigit():
        return w.say("day_of_month", nth=w.ordinal(int(token)))
    return w.say("raw_days", text=token)


def _dow_token(token: str, w: Words) -> str:
    nth = _NTH_WEEKDAY.match(token)
    if nth and _weekday_number(nth.group(1)) is not None:
        day = w.weekday(_weekday_number(nth.group(1)) or 0)
        return w.say("nth_weekday", nth=w.ordinal(int(nth.group(2))), weekday=day)
    last = _LAST_WEEKDAY.match(token)
    if last:
        number = _weekday_number(last.group(1) or last.group(2))
        if number is not None:
            return w.say("last_weekday", weekday=w.weekday(number))
    number = _weekday_number(token)
    if number is not None:
        return w.say("on_weekday", weekdays=w.weekdays_plural[number])
    return w.say("raw_weekdays", text=token)


def _extended_day_clause(expr: Expression, w: Words) -> str:
    dom_text, dow_text = expr.day_of_month.text, expr.day_of_week.text
    dom = [] if dom_text in ("*", "?") else _tokens(dom_text)
    dow = [] if dow_text in ("*", "?") else _tokens(dow_text)
    if not any(_DOM_SPECIAL.match(t) for t in dom) and not any(
        _DOW_SPECIAL.search(t) for t in dow
    ):
        return ""  # only a seconds or year field: the plain clause holds
    pieces = [w.join_or([_dom_token(t, w) for t in dom])] if dom else []
    if dow:
        pieces.append(w.join_or([_dow_token(t, w) for t in dow]))
    if len(pieces) == 2 and expr.day_rule is DayRule.AND:
        return w.say("both_days", days=pieces[0], weekdays=pieces[1])
    return w.join_or(pieces)
