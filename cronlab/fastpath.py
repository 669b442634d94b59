"""The steady-stretch fast path of the ``kubernetes`` engine.

The controller's search (robfig ``SpecSchedule.Next``, SEMANTICS §3) works
on wall-clock fields and Go's time arithmetic.  Every anomaly of §4 comes
from an offset change met *during* that search.  Where the zone keeps one
offset over everything the search touches, Go's arithmetic is plain UTC
arithmetic shifted by that offset, and ``Next(t)`` is simply the first
wall-clock minute after ``t`` that the expression names.  This module
serves those steps two ways:

- ``fill_steady`` (and its lazy form ``steady_runs``) serves whole chains
  of runs in bulk: it walks matching days with month and day bit masks,
  expands each day from one sorted tuple of seconds-of-day and maps it to
  UTC with the one offset in force, and goes on into the next stretch
  where the change between them is crossed clear (invariant 7);
- ``Shortcut`` settles a whole ``Next`` call when it can, and otherwise
  lets the exact emulation (``next_instant``) cross the steady part of a
  long search in one move, so only the hours around an offset change are
  stepped through the Go way.

Invariants (what makes an answer here equal to the exact emulation's):

1. *Steady stretch.*  An answer is given only when every instant ``x``
   Go's search visits lies in one period of constant offset ``o``, farther
   from both of its ends than the wall clock jumps there, plus a minute.
   Go reads the offset at each ``x`` (exactly ``o``) and resolves each
   wall time ``x + o`` with two look-ups, the second at ``x`` shifted by
   the difference of two offsets; where the first strays past an adjacent
   change, that shift is its jump, which keeps the second inside the
   period, so Go lands on ``x``.  Where changes crowd (two within two
   days, or a period under four days), the stretch keeps two days clear,
   more than any offset, so no look-up strays at all.  No served wall time
   repeats: a fold repeats only wall times within its jump of the change.
2. *Search floor.*  ``Next`` moves forward from ``t + 1`` except for one
   reset, by the first field loop that has to move, to the start of that
   field's unit: the month, the day, the hour or the minute of ``t + 1``.
   ``search_floor`` computes that point; after a run this module yielded,
   it is the run itself (every field matches, only the seconds move).
3. *Five-year window.*  Go gives up at the first pass of its outer loop in
   a year past that of ``t + 1`` plus five.  ``steady_runs`` hands a step
   longer than four years (which alone could reach that) to the exact
   emulation; ``Shortcut`` is told the limit and applies it.
4. *Annotation.*  A served run matches every field by construction and its
   wall time occurs exactly once (1), so it is the ``normal`` run
   ``annotate`` would build.
5. *Clean points.*  Once its reset is spent, Go's search standing at a
   wall time answers the first match at or after it only when every field
   below the first failing one is at its minimum (``is_clean``).  A stray
   half hour left by a 30-minute change is carried on by the day and month
   loops (Lord Howe), so a point that is not clean is stepped the Go way.
6. *Passed points.*  In a steady stretch, a search that has matched nothing
   yet passes every month start, every day start of a matching month,
   every hour start of a matching day and every minute of a matching hour,
   each as a clean point (every loop lands exactly on unit boundaries).
   The emulation may resume at the last such point before the stretch ends.
7. *Clear crossings.*  Between two stretches lies an offset change with
   the instants too near it.  When that gap falls inside one date whose
   day does not match, Go's search visits no point in it (it visits that
   date's midnights only), and likewise inside one month that does not
   match (it visits month starts only); every step across the gap then
   starts and lands inside stretches, where Go's arithmetic is exact (1).
   The search crosses such a gap as plain wall-clock matching does; so
   does a reset (2) to the start of the failing date or month when that
   start lies in the stretch before the gap.

The stretches themselves (``stretch_at``) are read from the zone's offset
table in ``cronlab/stretches.py``.

Everything else — the days around an offset change, searches from an
anomalous run, ``@every`` — stays with the exact emulation in
``dialects/kubernetes.py``; ``tests/test_fastpath.py`` checks the two
against each other over many zones, starts and expressions.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Iterator
from itertools import chain, islice, repeat, takewhile
from operator import add
from typing import NamedTuple

from .engine import DAY, civil_from_days, days_from_civil, weekday_of
from .expression import Expression, Field
from .run import Run, normal_runs
from .stretches import LOOK_BACK, Stretch, next_steady, stretch_after, stretch_at
from .zones import Zone

# Invariant 3: a step shorter than this cannot pass Go's five-year limit.
_MAX_STEP = 4 * 365 * DAY

_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Plan:
    """An expression compiled for bulk expansion (built once per
    expansion, see :func:`plan_of`).

    ``per_day`` is how many times of day the hour and minute fields name;
    :meth:`times_after` gives them as seconds of the day; ``months`` is the
    month bit mask; :meth:`day_mask` the matching days of a month as a bit
    mask (bit ``d`` for day ``d``).
    """

    __slots__ = (
        "_by_weekday",
        "_doms",
        "_dows",
        "_either",
        "_hour_seconds",
        "_minute_seconds",
        "_seconds",
        "hours",
        "months",
        "per_day",
    )

    def __init__(self, expr: Expression) -> None:
        self.months = expr.month.mask
        self.hours = hours = expr.hour.mask
        minutes = expr.minute.mask
        self.per_day = hours.bit_count() * minutes.bit_count()
        self._hour_seconds = _seconds_of(expr.hour, 3600)
        self._minute_seconds = _seconds_of(expr.minute, 60)
        # The whole day's tuple is built only when whole days are wanted.
        self._seconds: tuple[int, ...] | None = None
        self._doms = expr.day_of_month.mask
        self._dows = expr.day_of_week.mask
        # robfig ANDs the day fields when either carries the star bit (§2).
        self._either = not (expr.day_of_month.star or expr.day_of_week.star)
        # The day-of-week field laid out over a month, per first weekday.
        self._by_weekday = _weekday_layouts(self._dows)

    def times_after(self, second: int, wanted: int) -> tuple[int, ...]:
        """The first ``wanted`` seconds of the day later than ``second``
        (``-1``: the whole day) whose hour and minute match, in order."""
        if wanted >= self.per_day:
            # Enough to want whole days: slice the day's tuple, built once
            # per plan (no dearer than the runs it is wanted for).
            seconds = self._seconds
            if seconds is None:
                hours, minutes = self._hour_seconds, self._minute_seconds
                seconds = tuple([h + m for h in hours for m in minutes])
                self._seconds = seconds
            if second < 0:
                return seconds
            first = bisect_right(seconds, second)
            return seconds[first : first + wanted]
        # A few: walk hour by hour, building only what is wanted.
        hours, minutes = self._hour_seconds, self._minute_seconds
        i = bisect_right(hours, second) - 1
        found: list[int] = []
        if i >= 0 and second - hours[i] < 3600:
            hour = hours[i]
            j = bisect_right(minutes, second - hour)
            found = [hour + m for m in minutes[j : j + wanted]]
        for hour in hours[i + 1 :]:
            if len(found) >= wanted:
                break
            found += [hour + m for m in minutes[: wanted - len(found)]]
        return tuple(found)

    def day_ok(self, day: int, weekday: int) -> bool:
        """Whether day-of-month ``day`` falling on ``weekday`` matches."""
        dom = self._doms >> day & 1
        dow = self._dows >> weekday & 1
        return bool(dom or dow) if self._either else bool(dom and dow)

    def day_mask(self, first_weekday: int, length: int) -> int:
        """Matching days of a month of ``length`` days starting on
        ``first_weekday``: bit ``d`` set for each matching day ``d``."""
        by_weekday = self._by_weekday[first_weekday]
        days = (1 << length + 1) - 2
        if self._either:
            return (self._doms | by_weekday) & days
        return self._doms & by_weekday & days

    def any_month(self, first: int, last: int) -> bool:
        """Whether the month field names a month from that of day ``first``
        to that of day ``last`` (days since 1970-01-01)."""
        year, month = civil_from_days(first)[:2]
        last_year, last_month = civil_from_days(last)[:2]
        if last_year > year + 1:
            return self.months != 0
        # Bit m for month m: months from the first to December, then from
        # January to the last (or the first to the last, in one year).
        if last_year > year:
            span = (1 << 13) - (1 << month) | (1 << last_month + 1) - 2
        else:
            span = (1 << last_month + 1) - (1 << month)
        return bool(self.months & span)

    def matching_days(self, first: int, stop: int) -> Iterator[int]:
        """Day numbers ``first <= d < stop`` (days since 1970-01-01) whose
        month and day fields match, in order."""
        # Chained month by month, so each day is handed out at C speed.
        return chain.from_iterable(self._month_days(first, stop))

    def _month_days(
        self, first: int, stop: int
    ) -> Generator[Iterator[int], None, None]:
        year, month, day = civil_from_days(first)
        month_start = first - day + 1
        while month_start < stop:
            length = _MONTH_DAYS[month]
            if month == 2 and _is_leap(year):
                length = 29
            if self.months >> month & 1:
                found = _bit_positions(self.day_mask(weekday_of(month_start), length))
                if day > 1:
                    found = found[bisect_left(found, day) :]
                days = map(add, found, repeat(month_start - 1))
                if month_start + length > stop:
                    yield takewhile(stop.__gt__, days)
                    return
                yield days
            month_start += length
            day = 1
            month += 1
            if month == 13:
                month, year = 1, year + 1


@functools.lru_cache(maxsize=128)
def _weekday_layouts(dows: int) -> tuple[int, ...]:
    # For each first weekday of a month, the days 1-35 that fall on a
    # weekday of the mask ``dows`` (bit d for day d): day d falls on weekday
    # (first + d - 1) % 7, so the first week's pattern repeats five times.
    layouts = []
    for first in range(7):
        week = 0
        for d in range(1, 8):
            if dows >> (first + d - 1) % 7 & 1:
                week |= 1 << d
        layouts.append(week | week << 7 | week << 14 | week << 21 | week << 28)
    return tuple(layouts)


_SECONDS_OF: dict[tuple[int, int], tuple[int, ...]] = {}


def _seconds_of(field: Field, unit: int) -> tuple[int, ...]:
    # An hour or minute field's values times their unit in seconds, lowest
    # first; a field text's mask recurs across expressions.
    key = (field.mask, unit)
    found = _SECONDS_OF.get(key)
    if found is None:
        found = tuple([value * unit for value in field.values])
        if len(_SECONDS_OF) >= 8192:
            _SECONDS_OF.clear()
        _SECONDS_OF[key] = found
    return found


@functools.lru_cache(maxsize=8192)
def _bit_positions(mask: int) -> tuple[int, ...]:
    # The set bits of a (32-bit) day mask, lowest first: a byte at a time.
    return (
        _BYTE_BITS[0][mask & 255]
        + _BYTE_BITS[1][mask >> 8 & 255]
        + _BYTE_BITS[2][mask >> 16 & 255]
        + _BYTE_BITS[3][mask >> 24 & 255]
    )


# _BYTE_BITS[k][b]: the set bits of byte b, as bits 8k to 8k + 7 of a mask.
_BYTE_BITS = tuple(
    tuple(tuple(8 * k + bit for bit in range(8) if b >> bit & 1) for b in range(256))
    for k in range(4)
)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def plan_of(expr: Expression) -> Plan:
    """The compiled plan of ``expr``.

    Built afresh each time: the tables a plan reads (the seconds its hours
    and minutes name, its weekdays laid out over a month) are memoised per
    field value and shared, so building one is cheaper than looking it up
    by expression would be.
    """
    return Plan(expr)


def search_floor(plan: Plan, wall: int) -> int:
    """The lowest wall time Go's search visits when it starts at wall time
    ``wall`` (that of ``t + 1``) in a steady stretch (invariant 2)."""
    days, secs = divmod(wall, DAY)
    year, month, day = civil_from_days(days)
    if not plan.months >> month & 1:
        return days_from_civil(year, month, 1) * DAY
    if not plan.day_ok(day, weekday_of(days)):
        return days * DAY
    hour = secs // 3600
    if not plan.hours >> hour & 1:
        return days * DAY + hour * 3600
    return wall - wall % 60


def is_clean(plan: Plan, wall: int) -> bool:
    """Whether Go's search, standing at wall time ``wall`` with its reset
    spent, answers the first match at or after it (invariant 5).

    It does when every field below the first one that fails sits at its
    minimum, so no loop carries a stray hour or minute forward.
    """
    days, secs = divmod(wall, DAY)
    if secs % 60:
        return False
    _year, month, day = civil_from_days(days)
    if not plan.months >> month & 1:
        return day == 1 and secs == 0
    if not plan.day_ok(day, weekday_of(days)):
        return secs == 0
    if not plan.hours >> secs // 3600 & 1:
        return secs % 3600 == 0
    return True


def first_match(plan: Plan, offset: int, u: int, high: int) -> int | None:
    """The first instant ``u <= c < high`` whose wall time (at ``offset``)
    the expression names, or ``None``."""
    if not plan.per_day:
        return None
    wall = u + offset
    start_day = wall // DAY
    for day in plan.matching_days(start_day, (high + offset) // DAY + 1):
        base = day * DAY - offset
        # On the first day, a time at or after u's wall time.
        after = wall - day * DAY - 1 if day == start_day else -1
        seconds = plan.times_after(after, 1)
        if seconds:
            found = base + seconds[0]
            return found if found < high else None
    return None


def fill_steady(plan: Plan, zone: Zone, t: int, out: list[Run], limit: int) -> int:
    """Append the controller's runs after Unix second ``t`` to ``out`` for
    as long as they lie in steady stretches (invariants 1–4) and the
    offset changes between them are crossed clear (invariant 7), until
    ``out`` holds ``limit`` runs.

    Returns the last instant appended (``t`` when none was): the exact
    emulation takes the next step from there.
    """
    stretch = stretch_at(zone, t + 1)
    offset, low, high = stretch
    if not plan.per_day or t + 1 >= high or len(out) >= limit:
        return t
    # Go's reset never reaches back past the month of t + 1 (invariant 2):
    # far enough into the stretch, the floor need not be computed.
    if t + 1 - LOOK_BACK < low:
        floor = search_floor(plan, t + 1 + offset)
        if floor - offset < low and not _reset_clear(plan, zone, floor, stretch):
            return t
    after = t
    walk = True  # t's own month mostly matches: look no further
    while True:
        if walk:
            t, spent = _fill_stretch(plan, zone, offset, high, after, t, out, limit)
            if not spent or len(out) >= limit:
                return t
        # Go's search from t matched nothing before the stretch ends: it
        # goes on past the change as plain wall-clock matching where the
        # change is crossed clear, from where this stretch's search stopped.
        following = stretch_after(zone, high)
        if following is None or not _passes_clear(plan, offset, high, following):
            return t
        after = max(following.low, high) - 1
        if after - t > _MAX_STEP:
            return t
        offset, high = following.offset, following.high
        # A stretch in months that all fail is spent without a day walked.
        walk = plan.any_month((after + offset) // DAY, (high + offset) // DAY)


def _fill_stretch(
    plan: Plan,
    zone: Zone,
    offset: int,
    high: int,
    after: int,
    t: int,
    out: list[Run],
    limit: int,
) -> tuple[int, bool]:
    # fill_steady within one stretch (ending at ``high``, at ``offset``):
    # the runs after ``after``, the first a step from ``t`` (the last run).
    # Returns the last run and whether the stretch is spent (no further
    # run before it ends) rather than the list full or a step too long.
    wall = after + offset
    start_day = wall // DAY
    days = plan.matching_days(start_day, (high + offset) // DAY + 1)
    if plan.per_day <= limit - len(out):
        # Whole days wanted: a batch of days at a time.
        shifts = tuple(map(add, plan.times_after(-1, plan.per_day), repeat(-offset)))
        return _fill_days(days, shifts, offset, zone, after, t, high, out, limit)
    for day in days:
        base = day * DAY - offset
        since = wall - day * DAY if day == start_day else -1
        seconds = plan.times_after(since, limit - len(out))
        if not seconds:
            continue
        if base + seconds[0] - t > _MAX_STEP:
            return t, False
        ends = base + seconds[-1] >= high
        if ends:
            # The stretch ends inside this day: serve what lies before it.
            seconds = seconds[: bisect_left(seconds, high - base)]
        if seconds:
            out.extend(normal_runs(map(add, seconds, repeat(base)), offset, zone))
            t = base + seconds[-1]
        if ends:
            return t, True
        if len(out) >= limit:
            return t, False
    return t, True


def _fill_days(
    days: Iterator[int],
    shifts: tuple[int, ...],
    offset: int,
    zone: Zone,
    after: int,
    t: int,
    high: int,
    out: list[Run],
    limit: int,
) -> tuple[int, bool]:
    # _fill_stretch a batch of whole days at a time (``shifts``: the day's
    # seconds of the runs, less the offset); on the first day only the runs
    # after ``after`` are kept, on the stretch's last only those before it
    # ends.
    per_day = len(shifts)
    while len(out) < limit:
        wanted = limit - len(out)
        batch = islice(days, min(-(-wanted // per_day), 64))
        if per_day == 1:
            found = [day * DAY + shifts[0] for day in batch]
        else:
            found = [
                base + shift for base in map(DAY.__mul__, batch) for shift in shifts
            ]
        if not found:
            return t, True
        ends = found[-1] >= high
        if found[0] <= after or ends:
            found = [u for u in found if after < u < high]
        del found[wanted:]
        if found and found[-1] - t > _MAX_STEP:
            found = _short_steps(found, t)
            out.extend(normal_runs(found, offset, zone))
            return (found[-1] if found else t), False
        out.extend(normal_runs(found, offset, zone))
        if found:
            t = found[-1]
        if ends:
            return t, True
    return t, False


def steady_runs(plan: Plan, zone: Zone, t: int) -> Generator[Run, None, int]:
    """:func:`fill_steady`, lazily: in chunks that grow from 16 runs to
    1,024, so a consumer that stops early pays for little and memory stays
    bounded.  Returns the last instant yielded (``t`` when none was)."""
    chunk = 16
    while True:
        runs: list[Run] = []
        t = fill_steady(plan, zone, t, runs, chunk)
        yield from runs
        if len(runs) < chunk:
            return t
        chunk = min(2 * chunk, 1024)


def _short_steps(found: list[int], t: int) -> list[int]:
    # The runs up to the first step too long to serve (invariant 3).
    kept = []
    for u in found:
        if u - t > _MAX_STEP:
            break
        kept.append(u)
        t = u
    return kept


class Jump(NamedTuple):
    """What the exact emulation may do instead of stepping on.

    ``done``: Go's search returns ``at`` (``None``: its zero time).
    Otherwise: Go's search passes wall-clean instant ``at``; resume there.
    """

    done: bool
    at: int | None


class Shortcut:
    """Lets the exact emulation cross steady stretches in one move.

    Called by ``next_instant`` where its search stands at a point that is
    equivalent to a fresh pass of its outer loop.  Inside a steady stretch
    the rest of Go's search is plain wall-clock matching (invariants 1, 5):
    the first match, if the stretch holds it; else the last point before
    the stretch ends that the search is known to pass (invariant 6), from
    which the emulation carries on across the offset change.
    """

    def __init__(self, plan: Plan, zone: Zone) -> None:
        self.plan = plan
        self.zone = zone
        self._unsteady_until = -(2**62)
        self._resumed_at: int | None = None
        # first_step's question is the one next_instant asks first.
        self._last: tuple[tuple[int, bool, int], Jump | None] | None = None

    def first_step(self, t: int) -> Jump | None:
        """What the shortcut knows of Go's ``Next(t)`` before its search
        takes a single step (a done jump, if anything, settles it)."""
        u = t + 1
        year = civil_from_days((u + self.zone.offset(u)) // DAY)[0]
        return self(u, False, year + 5)

    def __call__(self, u: int, added: bool, year_limit: int) -> Jump | None:
        """A jump for Go's search standing at ``u`` (``added``: its one
        reset is spent; ``year_limit``: the last year it may answer in)."""
        question = (u, added, year_limit)
        if self._last is not None and self._last[0] == question:
            return self._last[1]
        jump = self._decide(u, added, year_limit)
        self._last = (question, jump)
        return jump

    def _decide(self, u: int, added: bool, year_limit: int) -> Jump | None:
        if u < self._unsteady_until or u == self._resumed_at:
            return None
        offset, low, high = stretch_at(self.zone, u)
        if not low <= u < high:
            self._unsteady_until = low if u < low else next_steady(self.zone, u)
            return None

        # Where Go's search stands: at u itself, or (fresh) at its reset.
        plan = self.plan
        if added:
            if not is_clean(plan, u + offset):
                return None
            start = u
        else:
            start = search_floor(plan, u + offset) - offset
            if start < low:
                return None

        # Look for the first match stretch by stretch, crossing each offset
        # change the search passes clear of (invariant 7).  Invariant 3
        # exactly: Go gives up at the first January past year_limit.
        limit = days_from_civil(year_limit + 1, 1, 1) * DAY
        spans = [(offset, u, high)]
        while True:
            found = first_match(plan, offset, u, high)
            if found is not None:
                return Jump(True, found if found + offset < limit else None)
            if limit <= high + offset:
                return Jump(True, None)
            after = stretch_after(self.zone, high)
            if after is None or not _passes_clear(plan, offset, high, after):
                break
            # Search on from where this stretch's search stopped.
            u = max(after.low, high)
            offset, high = after.offset, after.high
            spans.append((offset, u, high))

        # Resume at the last point passed before the change that is not
        # clear, in the stretch that holds it.
        for offset, u, high in reversed(spans):
            resume = _last_passed(plan, offset, high)
            if resume >= u:
                break
        else:
            return None
        if resume <= spans[0][1] or resume <= start:
            return None
        self._resumed_at = resume
        return Jump(False, resume)


def _passes_clear(plan: Plan, offset: int, high: int, after: Stretch) -> bool:
    # Invariant 7: between two stretches Go's search visits no point when
    # the gap lies inside one date whose day does not match (only its
    # midnights are visited), or inside one month that does not match.
    if after.low <= high:
        return True
    first = (high - 1 + offset) // DAY
    last = (after.low + after.offset) // DAY
    year, month, day = civil_from_days(first)
    if first == last:
        if not plan.months >> month & 1:
            return True
        return not plan.day_ok(day, weekday_of(first))
    return civil_from_days(last)[:2] == (year, month) and not (plan.months >> month & 1)


def _reset_clear(plan: Plan, zone: Zone, floor: int, stretch: Stretch) -> bool:
    # Invariant 7 for Go's reset to wall time ``floor``, before ``stretch``
    # begins: the reset lands in a stretch of the same offset period (this
    # one was merely looked up from later) or of the period before, and
    # then the change between the two lies inside the date or month that
    # failed, so no point near it is visited and nothing before t + 1
    # matches.
    before = stretch_at(zone, floor - stretch.offset)
    at = floor - before.offset
    if not before.low <= at < before.high:
        return False
    if _same_period(before, stretch):
        return True
    following = stretch_after(zone, before.high)
    return (
        following is not None
        and _same_period(following, stretch)
        and _passes_clear(plan, before.offset, before.high, following)
    )


def _same_period(one: Stretch, other: Stretch) -> bool:
    # Stretches of two periods never overlap (each keeps inside its own),
    # and those of one period do when looked up from nearby points.
    return one.offset == other.offset and one.low < other.high and other.low < one.high


def _last_passed(plan: Plan, offset: int, high: int) -> int:
    # Invariant 6: with nothing matched, Go's search passes every month
    # start, every day start of a matching month, every hour start of a
    # matching day and every minute of a matching hour.
    wall = high + offset
    days, secs = divmod(wall, DAY)
    _year, month, day = civil_from_days(days)
    if not plan.months >> month & 1:
        return (days - day + 1) * DAY - offset
    if not plan.day_ok(day, weekday_of(days)):
        return days * DAY - offset
    if not plan.hours >> secs // 3600 & 1:
        return wall - secs % 3600 - offset
    return wall - secs % 60 - offset
