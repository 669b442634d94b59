"""Time zones from the pinned ``tzdata`` wheel, never from the host.

Answers must not depend on the machine: the host's ``/usr/share/zoneinfo``
may be older or newer than the IANA release the project pins, and a few
zones change their future rules between releases (Casablanca, Havana).  So
every zone is read from the ``tzdata`` package, and each :class:`Zone`
carries an integer table of its UTC-offset changes that the engines search
with ``bisect``.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from zoneinfo import ZoneInfo
from zoneinfo._common import load_data, load_tzdata

import tzdata

from .errors import TimeZoneError

#: The IANA release of the zone data every answer is computed with.
TZDATA_VERSION: str = tzdata.IANA_VERSION

UTC_NAME = "UTC"

# The API server checks each '/'-separated part of spec.timeZone with this
# pattern before loading it (pkg/apis/batch/validation).
_COMPONENT = re.compile(r"[A-Za-z.\-_0-9+]{1,14}")

_YEAR = 365 * 86400
_DAY = 86400
_WEEK = 7 * _DAY
# How far apart a POSIX rule's change falls in consecutive years.
_RECURRENCES = (364, 371, 365, 366)
_MAX_INSTANT = 253402300799  # 9999-12-31T23:59:59Z, the last datetime


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of UTC offset: at instant ``at`` (Unix seconds) the offset
    goes from ``before`` to ``after`` seconds east of UTC."""

    at: int
    before: int
    after: int

    @property
    def delta(self) -> int:
        """Seconds the wall clock jumps: positive for a gap, negative for a
        fold."""
        return self.after - self.before

    @property
    def is_gap(self) -> bool:
        """True when wall-clock times are skipped (clocks go forward)."""
        return self.after > self.before


class Zone:
    """An IANA zone with a fast integer offset table.

    ``offset(u)`` is the UTC offset in force at Unix second ``u``.  The
    table holds the TZif file's explicit transitions; past the last one the
    zone's POSIX rule applies, and its transitions are found lazily by
    probing :class:`zoneinfo.ZoneInfo`, which implements that rule.
    """

    def __init__(self, name: str, info: ZoneInfo, table: _Table) -> None:
        self.name = name
        self.info = info
        self._trans = list(table.instants)
        self._offsets = [table.first, *table.offsets]
        self._horizon = table.instants[-1] if table.instants else 0
        self._probed = not table.has_rule

    def __repr__(self) -> str:
        return f"Zone({self.name!r})"

    def offset(self, u: int) -> int:
        """The UTC offset in seconds at Unix second ``u``."""
        if u > self._horizon and not self._probed:
            self._extend(u)
        return self._offsets[bisect_right(self._trans, u)]

    def transitions(self, start: int, end: int) -> list[Transition]:
        """Offset changes at instants ``start <= at < end``."""
        if end > self._horizon and not self._probed:
            self._extend(end)
        low = bisect_right(self._trans, start - 1)
        high = bisect_right(self._trans, end - 1)
        return [
            Transition(self._trans[i], self._offsets[i], self._offsets[i + 1])
            for i in range(low, high)
        ]

    def table(self, end: int) -> tuple[list[int], list[int]]:
        """The raw offset table, known at least up to instant ``end``:
        ``(instants, offsets)``, where ``offsets[i]`` is in force from
        ``instants[i - 1]`` (inclusive) to ``instants[i]`` (exclusive).

        For hot loops that would otherwise build :class:`Transition`
        objects; the lists are the zone's own and must not be changed.
        """
        if end > self._horizon and not self._probed:
            self._extend(end)
        return self._trans, self._offsets

    def _extend(self, u: int) -> None:
        # A year at a time past the TZif data, where the zone's POSIX rule
        # (which zoneinfo implements) changes the offset twice a year.
        target = min(u + _YEAR, _MAX_INSTANT)
        while self._horizon < target:
            edge = min(self._horizon + _YEAR, _MAX_INSTANT)
            if not self._extend_as_last_year(edge):
                self._extend_by_probing(edge)
            self._horizon = edge
            if edge >= _MAX_INSTANT:
                self._probed = True

    def _extend_as_last_year(self, edge: int) -> bool:
        # A POSIX rule's changes recur on the same weekday rule (52 or 53
        # weeks later) or the same date (365 or 366 days later), at the
        # same time of day.  Each change of the last year is looked for
        # there; the offset between them and at the edge is checked.
        # False (nothing recorded) where that does not account for the
        # year: the caller probes it week by week instead.
        start = self._horizon
        known = len(self._trans)
        first = bisect_right(self._trans, start - _YEAR - _WEEK)
        queue = [
            (self._trans[i], self._offsets[i], self._offsets[i + 1])
            for i in range(first, known)
        ]
        if not queue:
            return False
        found: list[tuple[int, int, int]] = []
        while queue:
            at, before, after = queue.pop()
            for days in _RECURRENCES:
                nxt = at + days * _DAY
                if self._probe(nxt - 1) == before and self._probe(nxt) == after:
                    break
            else:
                return False
            if start < nxt <= edge:
                found.append((nxt, before, after))
                # The same change may recur within the year looked at.
                queue.append((nxt, before, after))
        found.sort()
        # The changes must chain (each leaves the offset the next one
        # starts from), and between them and up to the edge it holds.
        current = self._offsets[-1]
        points = [start, *(at for at, _, _ in found), edge]
        for (low, high), (_, before, after) in zip(
            itertools.pairwise(points), found, strict=False
        ):
            if before != current or self._probe((low + high) // 2) != current:
                return False
            current = after
        if self._probe((points[-2] + edge) // 2) != current:
            return False
        if self._probe(edge) != current:
            return False
        for at, _, after in found:
            self._add(at, after)
        return True

    def _extend_by_probing(self, edge: int) -> None:
        # Probe a week apart: POSIX rules change the offset at most twice a
        # year, months apart, so a weekly grid brackets each change and
        # bisection finds its exact second.
        probe = self._horizon
        before = self._probe(probe)
        while probe < edge:
            nxt = min(probe + _WEEK, edge)
            after = self._probe(nxt)
            if after != before:
                self._add(self._bisect(probe, nxt, before), after)
            probe, before = nxt, after

    def _probe(self, u: int) -> int:
        # A zone east of UTC reads the last instants as year 10000, which
        # datetime cannot hold; a day earlier keeps the same POSIX rule.
        u = min(u, _MAX_INSTANT - _DAY)
        delta = datetime.fromtimestamp(u, self.info).utcoffset()
        assert delta is not None
        return int(delta.total_seconds())

    def _bisect(self, low: int, high: int, before: int) -> int:
        # Invariant: offset(low) == before != offset(high).
        while high - low > 1:
            mid = (low + high) // 2
            if self._probe(mid) == before:
                low = mid
            else:
                high = mid
        return high

    def _add(self, at: int, after: int) -> None:
        if self._trans and at <= self._trans[-1]:
            return
        self._trans.append(at)
        self._offsets.append(after)


@dataclass(frozen=True, slots=True)
class _Table:
    instants: tuple[int, ...]
    offsets: tuple[int, ...]
    first: int
    has_rule: bool


def _read_table(name: str) -> _Table:
    with load_tzdata(name) as fobj:
        idx, instants, utcoff, isdst, _abbr, rule = load_data(fobj)

    # Before the first transition the zone keeps its first standard-time
    # offset, as zoneinfo and Go both do.
    standard = [off for off, dst in zip(utcoff, isdst, strict=True) if not dst]
    first = standard[0] if standard else (utcoff[0] if utcoff else 0)

    # Keep only changes of offset; TZif also records changes of name or of
    # the DST flag alone, which move no wall clock.
    kept: list[int] = []
    offsets: list[int] = []
    current = first
    for at, i in zip(instants, idx, strict=True):
        if utcoff[i] != current:
            kept.append(at)
            offsets.append(utcoff[i])
            current = utcoff[i]
    has_rule = bool(rule and rule.strip() and b"," in rule)
    return _Table(tuple(kept), tuple(offsets), first, has_rule)


def validate_time_zone(name: str) -> None:
    """Refuse a ``spec.timeZone`` the Kubernetes API server would refuse.

    Raises :class:`TimeZoneError` naming the rule that failed.
    """
    _require_name(name)
    if name == "":
        raise TimeZoneError("timeZone must be nil or a non-empty string", name)
    if name.lower() == "local":
        raise TimeZoneError(
            "timeZone must be an explicit IANA time zone, not the host's",
            name,
        )
    for part in name.split("/"):
        bad = (
            not _COMPONENT.fullmatch(part)
            or part in (".", "..")
            or part.startswith("-")
        )
        if bad:
            raise TimeZoneError("unknown time zone", name)
    load_zone(name)


def load_zone(name: str) -> Zone:
    """Load an IANA zone from the pinned tzdata wheel (cached).

    Raises :class:`TimeZoneError` for a name the database does not have.
    """
    _require_name(name)
    return _load_zone(name)


def _require_name(name: object) -> None:
    # Checked before the cache, which cannot even hash a list.
    if not isinstance(name, str):
        kind = type(name).__name__
        raise TimeZoneError(f"a time zone is an IANA name, not {kind}", str(name))


@functools.cache
def _load_zone(name: str) -> Zone:
    if not name or ".." in name or name.startswith(("/", "\\")):
        raise TimeZoneError("unknown time zone", name)
    try:
        with load_tzdata(name) as fobj:
            info = ZoneInfo.from_file(fobj, key=name)
        table = _read_table(name)
    except (KeyError, ValueError, OSError, UnicodeError) as err:
        hint = _suggest(name)
        reason = (
            f"unknown time zone (did you mean {hint!r}?)"
            if hint
            else ("unknown time zone")
        )
        raise TimeZoneError(reason, name) from err
    return Zone(name, info, table)


@functools.lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every zone name of the pinned tzdata release, sorted."""
    text = resources.files("tzdata").joinpath("zones").read_text("utf-8")
    return tuple(sorted(line.strip() for line in text.splitlines() if line.strip()))


def _suggest(name: str) -> str | None:
    lowered = name.lower()
    for candidate in zone_names():
        if candidate.lower() == lowered:
            return candidate
    return None


def utc_zone() -> Zone:
    """The UTC zone."""
    return load_zone(UTC_NAME)


def to_unix(moment: datetime) -> int:
    """Whole Unix seconds of an aware datetime, rounded down."""
    if not isinstance(moment, datetime):
        kind = type(moment).__name__
        raise TimeZoneError(f"an instant is an aware datetime, not {kind}", str(moment))
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TimeZoneError(
            "a naive datetime has no instant; give it a tzinfo", moment.isoformat()
        )
    delta = moment - _EPOCH
    return delta.days * 86400 + delta.seconds


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
