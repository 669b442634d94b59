"""The fast path gives exactly what the plain Go emulation gives.

The reference is the controller's chain computed the slow way: robfig's
``Next`` emulated step by step (``next_instant`` with no shortcut), each
result fed back in, each run annotated.  The fast path (steady stretches
served in bulk, steady spans crossed in one move) must agree on every run,
every annotation and the reason a search ends, above all where the Go
search misbehaves: Lord Howe's half-hour shifts, Chatham's stalls, Cairo's
midnight DST start, São Paulo's, St John's 00:01 changes, Apia's lost day.
"""

from __future__ import annotations

import random

import pytest

from cronlab import fastpath
from cronlab.dialects import kubernetes
from cronlab.dialects.kubernetes import HangError, annotate, next_instant
from cronlab.engine import DAY, civil_from_days, days_in_month, weekday_of
from cronlab.expression import Expression
from cronlab.run import Run, SearchEnd, normal_run
from cronlab.schedule import collect
from cronlab.zones import Zone, load_zone

ZONES = (
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Africa/Cairo",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "America/St_Johns",
    "America/New_York",
    "Europe/London",
    "Asia/Tehran",
    "America/Havana",
    "Antarctica/Troll",
    "Asia/Kolkata",
    "Africa/Casablanca",
    "Asia/Gaza",
    "America/Santiago",
)

# Field texts weighted toward what real schedules use, plus the values
# that meet the anomalies: minutes 0-29 vs 30-59 (Lord Howe), hours 0-3
# (midnight and 02:00 changes), month ends and leap days.
MINUTES = ("*", "*", "0", "0", "30", "45", "*/5", "*/7", "15,45", "0-29",
           "30-59", "58", "1", "10-20/3")  # fmt: skip
HOURS = ("*", "*", "0", "1", "2", "3", "23", "*/2", "1-3", "9", "0,12",
         "2-4", "22")  # fmt: skip
DOMS = ("*", "*", "*", "1", "15", "29", "30", "31", "*/2", "1-7", "?",
        "28-31")  # fmt: skip
MONTHS = ("*", "*", "*", "2", "3", "*/3", "10", "4,10", "11", "1-6")
DOWS = ("*", "*", "*", "0", "5", "1-5", "6", "?", "*/2", "0,6", "0,3")
DESCRIPTORS = ("@daily", "@hourly", "@weekly", "@monthly", "@yearly")

_1990 = 631152000
_2035 = 2051222400


def reference_chain(
    expr: Expression, zone: Zone, after: int, count: int
) -> tuple[list[Run], SearchEnd | None]:
    """The controller's chain, step by step, with no fast path at all."""
    runs: list[Run] = []
    current = after
    while len(runs) < count:
        try:
            found = next_instant(expr, zone, current)
        except HangError:
            return runs, SearchEnd.HANG
        if found is None:
            return runs, SearchEnd.EXHAUSTED
        if found <= current:
            return runs, SearchEnd.STALLED
        runs.append(annotate(expr, zone, found))
        current = found
    return runs, None


def fast_chain(
    expr: Expression, zone: Zone, after: int, count: int
) -> tuple[list[Run], SearchEnd | None]:
    runs = collect(kubernetes.expand(expr, zone, after), count)
    return list(runs), runs.end


def random_expression(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return rng.choice(DESCRIPTORS)
    fields = (MINUTES, HOURS, DOMS, MONTHS, DOWS)
    return " ".join(rng.choice(choices) for choices in fields)


def random_start(rng: random.Random, zone: Zone) -> int:
    # Mostly just before or after a real offset change, sometimes on a
    # whole minute (a chain position), sometimes anywhere.
    changes = zone.transitions(_1990, _2035)
    if changes and rng.random() < 0.85:
        start = rng.choice(changes).at + rng.randint(-4 * DAY, 2 * DAY)
    else:
        start = rng.randint(_1990, _2035)
    if rng.random() < 0.5:
        start -= start % 60
    return start


@pytest.mark.parametrize("zone_name", ZONES)
def test_chains_match_the_step_by_step_emulation(zone_name: str) -> None:
    rng = random.Random(f"chains {zone_name}")
    zone = load_zone(zone_name)
    for _ in range(40):
        text = random_expression(rng)
        expr = kubernetes.parse(text)
        start = random_start(rng, zone)
        count = rng.choice((5, 30, 120))
        expected = reference_chain(expr, zone, start, count)
        assert fast_chain(expr, zone, start, count) == expected, (text, start)


@pytest.mark.parametrize("zone_name", ZONES)
def test_single_steps_match_with_the_shortcut(zone_name: str) -> None:
    # Sparse schedules make one Go search cross several offset changes.
    rng = random.Random(f"steps {zone_name}")
    zone = load_zone(zone_name)
    sparse = ("0 9 * * 5", "30 2 1 * *", "0 0 29 2 *", "45 3 * * *",
              "0 0 1 1 *", "15 2 * 3,10 0", "0 0 31 * *", "5 1 13 * 5",
              "30 1 * * *", "0 0 30 2 *", "30-59 2-4 29 1-6 0,6",
              "0 0 * * 0,3", "0 12 1,15 * *", "59 23 * 4,9,10 *")  # fmt: skip
    for _ in range(120):
        text = rng.choice(sparse) if rng.random() < 0.5 else random_expression(rng)
        expr = kubernetes.parse(text)
        start = random_start(rng, zone)
        shortcut = fastpath.Shortcut(fastpath.plan_of(expr), zone)
        try:
            expected: int | str | None = next_instant(expr, zone, start)
        except HangError:
            expected = "hang"
        try:
            got: int | str | None = next_instant(expr, zone, start, shortcut)
        except HangError:
            got = "hang"
        assert got == expected, (text, start)


# 2015-04-05 in Pacific/Chatham: 45 3 * * * returns 02:45 +12:45 forever
# (SEMANTICS §4.3); 2011-12-30 never happened in Pacific/Apia (§4.5).
@pytest.mark.parametrize(
    ("text", "zone_name", "start", "end"),
    [
        ("45 3 * * *", "Pacific/Chatham", 1427976000, SearchEnd.STALLED),
        ("1 3 23,30 * ?", "Pacific/Apia", 1324684800, SearchEnd.HANG),
        ("0 0 30 2 *", "UTC", 1704067200, SearchEnd.EXHAUSTED),
    ],
)
def test_search_ends_are_those_of_the_emulation(
    text: str, zone_name: str, start: int, end: SearchEnd
) -> None:
    expr = kubernetes.parse(text)
    zone = load_zone(zone_name)
    expected = reference_chain(expr, zone, start, 20)
    assert expected[1] is end
    assert fast_chain(expr, zone, start, 20) == expected


def test_a_stray_half_hour_carried_through_the_day_loop_is_kept() -> None:
    # Australia/Lord_Howe 2024-04-07 02:00 +11 -> 01:30 +10:30.  After the
    # Sunday run the hour loop steps onto 01:30 and keeps the half hour; the
    # day loop carries 00:30 to Wednesday, whose midnight Go then misses.
    # The day-loop point is a day past the change, yet not clean.
    expr = kubernetes.parse("0 0 * * 0,3")
    zone = load_zone("Australia/Lord_Howe")
    start = 1712275200  # 2024-04-05T00:00Z
    runs, end = fast_chain(expr, zone, start, 3)
    assert [run.local.isoformat() for run in runs] == [
        "2024-04-07T00:00:00+11:00",
        "2024-04-14T00:00:00+10:30",
        "2024-04-17T00:00:00+10:30",
    ]
    assert (runs, end) == reference_chain(expr, zone, start, 3)


def test_a_year_of_five_minute_runs_matches_across_both_changes() -> None:
    # America/New_York 2024: 03-10 02:00 EST -> EDT, 11-03 02:00 EDT -> EST.
    expr = kubernetes.parse("*/5 * * * *")
    zone = load_zone("America/New_York")
    start = 1704085200  # 2024-01-01T00:00-05:00
    fast = fast_chain(expr, zone, start, 105_120)
    assert len(fast[0]) == 105_120
    assert fast == reference_chain(expr, zone, start, 105_120)


def test_day_masks_agree_with_day_by_day_matching() -> None:
    rng = random.Random("masks")
    for _ in range(300):
        expr = kubernetes.parse(random_expression(rng))
        plan = fastpath.Plan(expr)
        days = rng.randint(0, 40_000)
        year, month, _ = civil_from_days(days)
        length = days_in_month(year, month)
        first = days - civil_from_days(days)[2] + 1
        mask = plan.day_mask(weekday_of(first), length)
        for day in range(1, length + 1):
            expected = expr.matches_day(day, weekday_of(first + day - 1))
            assert bool(mask >> day & 1) == expected, (expr.text, day)


def test_first_match_is_the_first_matching_wall_minute() -> None:
    expr = kubernetes.parse("30 2 * * 1-5")
    plan = fastpath.plan_of(expr)
    # 2024-07-06 is a Saturday: the next weekday 02:30 is Monday 07-08.
    saturday = 1720224000  # 2024-07-06T00:00Z
    assert fastpath.first_match(plan, 0, saturday, saturday + 10 * DAY) == (
        saturday + 2 * DAY + 2 * 3600 + 1800
    )
    assert fastpath.first_match(plan, 0, saturday, saturday + DAY) is None


def test_normal_run_equals_the_dataclass_constructor() -> None:
    zone = load_zone("Asia/Kolkata")
    assert normal_run(1_700_000_000, 19_800, zone) == Run(1_700_000_000, 19_800, zone)


@pytest.mark.parametrize("text", ["30 2 * * *", "0 9 * * 1-5", "*/20 3 * * *"])
def test_long_chains_in_bulk_and_lazily_agree(text: str) -> None:
    # Bulk filling and the lazy chunks both cut the runs into batches; no
    # batch boundary may drop or repeat a run.
    expr = kubernetes.parse(text)
    zone = load_zone("Europe/Berlin")
    start = 1704067200  # 2024-01-01T00:00Z
    lazy = fast_chain(expr, zone, start, 1_500)
    bulk = kubernetes.collect_runs(expr, zone, start, 1_500)
    assert (list(bulk), bulk.end) == lazy
    assert lazy == reference_chain(expr, zone, start, 1_500)
