"""Steady stretches: where a zone keeps one offset for all Go reads.

A stretch is the part of one period of constant offset that the fast path
(``cronlab/fastpath.py``) may serve: far enough from both ends of the period
that none of Go's offset look-ups strays past them (invariant 1 there).
Stretches are read from the zone's offset table and remembered per zone.
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_right
from typing import NamedTuple

from .engine import DAY
from .zones import Zone

# Slack kept beyond the reach of Go's offset look-ups (invariant 1).
_SLACK = 60
# Offset changes closer together than this (more than any UTC offset, so
# more than Go's look-ups reach) make a stretch keep this far from both.
_CROWD = 2 * DAY
#: Go's search resets at most to the start of the month of t + 1.
LOOK_BACK = 33 * DAY
# How far ahead one stretch is looked up; a stretch not ended by an offset
# change is simply looked up again from where it stopped.
_LOOK_AHEAD = 400 * DAY
# Beyond Go's five-year window, where a zone keeps one offset that long.
_LOOK_FAR = 7 * 366 * DAY

_LOCK = threading.Lock()


class Stretch(NamedTuple):
    """Instants ``low <= u < high`` where Go's search reads one offset
    (invariant 1)."""

    offset: int
    low: int
    high: int


# Stretches found so far, per zone name: their lows (sorted) and them.
# A new pair of lists replaces the old one, so readers need no lock, and an
# answer is checked to hold ``u`` anyway.
_STRETCHES: dict[str, tuple[list[int], list[Stretch]]] = {}
_STRETCHES_PER_ZONE = 2048


def stretch_at(zone: Zone, u: int) -> Stretch:
    """The steady stretch of the offset period holding Unix second ``u``
    (``low > u`` or ``high <= u`` when ``u`` lies too near its ends)."""
    lows, known = _STRETCHES.get(zone.name, _NO_STRETCHES)
    i = bisect_right(lows, u) - 1
    if i >= 0 and known[i].low <= u < known[i].high:
        return known[i]
    found = _stretch_of(zone, u)
    if found.low <= u < found.high:
        with _LOCK:
            lows, known = _STRETCHES.get(zone.name, _NO_STRETCHES)
            if len(known) >= _STRETCHES_PER_ZONE:
                lows, known = _NO_STRETCHES
            i = bisect_right(lows, found.low)
            _STRETCHES[zone.name] = (
                [*lows[:i], found.low, *lows[i:]],
                [*known[:i], found, *known[i:]],
            )
    return found


_NO_STRETCHES: tuple[list[int], list[Stretch]] = ([], [])


def _stretch_of(zone: Zone, u: int) -> Stretch:
    # Read straight from the zone's offset table: the last change at or
    # before u (the table holds every one, so a period's stretch is the same
    # whichever instant it is looked up from) and the first after it
    # (within _LOOK_AHEAD, or _LOOK_FAR for a zone without one that soon).
    changes, offsets = zone.table(u + _LOOK_AHEAD)
    i = bisect_right(changes, u)
    if i == len(changes) or changes[i] >= u + _LOOK_AHEAD:
        changes, offsets = zone.table(u + _LOOK_FAR)
    count = len(changes)
    before = i > 0
    after = i < count and changes[i] < u + _LOOK_FAR
    start = changes[i - 1] if before else u - LOOK_BACK
    end = changes[i] if after else u + _LOOK_FAR

    # Invariant 1: keep clear of the period's ends by the larger jump there,
    # or by two days where changes crowd or the look-up window ends.
    jump = 0
    if before:
        jump = abs(offsets[i] - offsets[i - 1])
    if after:
        jump = max(jump, abs(offsets[i + 1] - offsets[i]))
    reach = jump + _SLACK
    crowded = (
        end - start < 2 * _CROWD
        or (before and i > 1 and changes[i - 2] >= start - _CROWD)
        or (after and i + 1 < count and changes[i + 1] < end + _CROWD)
    )
    if crowded:
        reach = max(reach, _CROWD)
    low = start + (reach if before else _CROWD)
    high = end - (reach if after else _CROWD)
    return Stretch(offsets[i], low, high)


def next_steady(zone: Zone, u: int) -> int:
    """Where the stretch after the next offset change begins."""
    after = zone.transitions(u + 1, u + _LOOK_AHEAD)
    if not after:
        return u + 1
    return stretch_at(zone, after[0].at).low


@functools.lru_cache(maxsize=4096)
def stretch_after(zone: Zone, high: int) -> Stretch | None:
    """The next stretch once the one ending at ``high`` ends: its own
    continuation, or the first non-empty one past the offset changes."""
    following = stretch_at(zone, high)
    if following.low <= high < following.high:
        return following
    at = high
    for _ in range(8):
        changes = zone.transitions(at, at + 3 * DAY)
        if not changes:
            return None
        at = changes[0].at
        following = stretch_at(zone, at)
        if following.low < following.high:
            return following
        at += 1
    return None
