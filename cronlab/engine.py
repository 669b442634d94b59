"""Wall-clock machinery shared by the dialects.

Everything here works on integers: instants are Unix seconds, wall times are
"local seconds" (the wall-clock reading counted as if it were UTC), and a
zone is a :class:`~cronlab.zones.Zone` offset table.  No aware datetime is
built until a run is handed to the caller, because ``datetime`` arithmetic
on aware values is wall arithmetic and resolves gaps and folds in Python's
way, which is none of the engines' ways.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from .expression import Expression
from .zones import Zone

DAY = 86400


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date.

    ``month`` must be 1–12; ``day`` may overflow, it is simply added.
    """
    # H. Hinnant's algorithm: count from 0000-03-01 so leap days fall last.
    y = year - (month <= 2)
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@functools.lru_cache(maxsize=2048)
def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day count since 1970-01-01."""
    # Memoised: a search asks about the same few days many times over.
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def weekday_of(days: int) -> int:
    """Weekday of a day count, 0 = Sunday (1970-01-01 was a Thursday)."""
    return (days + 4) % 7


def days_in_month(year: int, month: int) -> int:
    """Number of days in a month."""
    if month == 12:
        return 31
    return days_from_civil(year, month + 1, 1) - days_from_civil(year, month, 1)


@dataclass(frozen=True, slots=True)
class Wall:
    """Local wall-clock fields of an instant."""

    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    weekday: int


def wall_of(zone: Zone, u: int) -> Wall:
    """The wall-clock fields of Unix second ``u`` in ``zone``."""
    local = u + zone.offset(u)
    days, secs = divmod(local, DAY)
    year, month, day = civil_from_days(days)
    hour, rest = divmod(secs, 3600)
    minute, second = divmod(rest, 60)
    return Wall(year, month, day, hour, minute, second, weekday_of(days))


def wall_seconds(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> int:
    """A wall time as local seconds; every field but ``month`` may overflow.

    ``month`` overflows too, into the year, the way Go's ``time.Date``
    normalises it.
    """
    extra_years, month0 = divmod(month - 1, 12)
    days = days_from_civil(year + extra_years, month0 + 1, 1) + day - 1
    return days * DAY + hour * 3600 + minute * 60 + second


def instants_of_wall(zone: Zone, local: int) -> list[int]:
    """Every instant whose wall-clock reading is ``local`` (sorted).

    Empty inside a gap, two instants inside a fold, one otherwise.  The
    candidates are ``local - o`` for the offsets in force a day either side;
    a candidate is real when the offset at it is the one assumed.
    """
    offsets = {zone.offset(local - DAY), zone.offset(local + DAY)}
    offsets.add(zone.offset(local - zone.offset(local)))
    found = {local - o for o in offsets if zone.offset(local - o) == o}
    return sorted(found)


@dataclass(frozen=True, slots=True)
class WallMatch:
    """A wall-clock minute the expression names, and the instants it had.

    ``instants`` is empty when the minute fell in a gap, holds two instants
    (first pass first) when it fell in a fold, one otherwise.
    """

    local: int
    instants: tuple[int, ...]

    @property
    def in_gap(self) -> bool:
        """True when this wall time never happened."""
        return not self.instants

    @property
    def in_fold(self) -> bool:
        """True when this wall time happened twice."""
        return len(self.instants) > 1


def iter_wall_matches(
    expr: Expression, zone: Zone, start_day: int, end_day: int
) -> Iterator[WallMatch]:
    """Every matching wall minute on local days ``start_day <= d < end_day``
    (day counts since 1970-01-01), in wall-clock order.

    This is plain wall-clock matching, the intent every dialect starts from;
    each dialect then decides what happens to gaps and folds.
    """
    hours = expr.hour.values
    minutes = expr.minute.values
    months = expr.month.mask
    for days in range(start_day, end_day):
        _year, month, day = civil_from_days(days)
        if not months >> month & 1:
            continue
        if not expr.matches_day(day, weekday_of(days)):
            continue
        base = days * DAY
        steady = _steady_offset(zone, base)
        for hour in hours:
            for minute in minutes:
                local = base + hour * 3600 + minute * 60
                if steady is not None:
                    yield WallMatch(local, (local - steady,))
                else:
                    yield WallMatch(local, tuple(instants_of_wall(zone, local)))


def _steady_offset(zone: Zone, local_day: int) -> int | None:
    # A day whose wall clock cannot meet an offset change: no transition
    # within a day either side of it (offsets stay within ±26 h).
    if zone.transitions(local_day - 2 * DAY, local_day + 3 * DAY):
        return None
    return zone.offset(local_day)


def ideal_instants(expr: Expression, zone: Zone, start: int, end: int) -> list[int]:
    """Sorted instants ``start <= u < end`` whose wall time matches ``expr``
    (both passes of a fold; nothing for a gap)."""
    first_day = (start + zone.offset(start)) // DAY - 1
    last_day = (end + zone.offset(end)) // DAY + 2
    found = [
        u
        for match in iter_wall_matches(expr, zone, first_day, last_day)
        for u in match.instants
        if start <= u < end
    ]
    found.sort()
    return found
