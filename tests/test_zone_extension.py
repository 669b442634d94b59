"""Offset changes past the TZif data are exactly those zoneinfo applies.

``Zone`` extends its table a year at a time, looking for last year's
changes where a POSIX rule repeats them and falling back to probing week
by week; either way the table must list every change of offset at its
exact second.  The reference here probes ``zoneinfo`` hour by hour.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo
from zoneinfo._common import load_tzdata

import pytest

from cronlab.zones import Zone, _read_table

ZONES = (
    "America/New_York",
    "America/Port-au-Prince",  # no DST in 2016, back under a rule in 2017
    "Australia/Lord_Howe",  # a 30-minute change
    "Pacific/Chatham",
    "America/Santiago",  # southern hemisphere, changes in April and September
    "Antarctica/Troll",  # a two-hour change
    "Asia/Gaza",  # changes on Saturdays after a Friday rule
    "Europe/Dublin",  # negative DST
    "America/Godthab",
)

_2030 = 1893456000
_2045 = 2366841600


def _offset(info: ZoneInfo, u: int) -> int:
    delta = datetime.fromtimestamp(u, info).utcoffset()
    assert delta is not None
    return int(delta.total_seconds())


def _reference(info: ZoneInfo, start: int, end: int) -> list[tuple[int, int]]:
    # Every change on an hourly grid, then its exact second by bisection.
    found = []
    before = _offset(info, start)
    for u in range(start + 3600, end, 3600):
        after = _offset(info, u)
        if after != before:
            low, high = u - 3600, u
            while high - low > 1:
                mid = (low + high) // 2
                if _offset(info, mid) == before:
                    low = mid
                else:
                    high = mid
            found.append((high, after))
        before = after
    return found


def _fresh(name: str) -> Zone:
    # Not the cached zone: its table must be extended from the TZif data.
    with load_tzdata(name) as fobj:
        info = ZoneInfo.from_file(fobj, key=name)
    return Zone(name, info, _read_table(name))


@pytest.mark.parametrize("name", ZONES)
def test_changes_past_the_tzif_data_are_those_of_zoneinfo(name: str) -> None:
    zone = _fresh(name)
    got = [(c.at, c.after) for c in zone.transitions(_2030, _2045)]
    assert got == _reference(zone.info, _2030, _2045)


@pytest.mark.parametrize("name", ZONES)
def test_the_table_is_the_same_however_far_it_is_first_extended(name: str) -> None:
    near, far = _fresh(name), _fresh(name)
    near.offset(_2030)
    near.offset(_2045)
    far.offset(_2045)
    assert near.transitions(0, _2045) == far.transitions(0, _2045)
