"""Schedule: next, previous and ranged runs, and the properties they keep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cronlab
from cronlab import Note, SearchEnd
from cronlab.cronjob import validate_schedule
from cronlab.engine import wall_of
from cronlab.schedule import TZ_PREFIX_REFUSED

from .shared import iso_z

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Africa/Cairo",
    "America/Santiago",
]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_runs_carry_utc_local_and_offset() -> None:
    schedule = cronlab.parse("0 9 * * *", tz="Asia/Kolkata")
    (run,) = schedule.next_runs(at("2024-06-01T00:00:00"), 1)
    assert run.utc == at("2024-06-01T03:30:00")
    assert run.local.isoformat() == "2024-06-01T09:00:00+05:30"
    assert run.offset == timedelta(hours=5, minutes=30)
    assert run.note is Note.NORMAL


def test_new_york_runs_a_fall_back_time_twice_and_marks_both_passes() -> None:
    # 2024-11-03 02:00 EDT -> 01:00 EST (SEMANTICS §9.1)
    schedule = cronlab.parse("30 1 * * *", tz="America/New_York")
    runs = schedule.next_runs(at("2024-11-02T12:00:00"), 3)
    assert [iso_z(r.utc) for r in runs] == [
        "2024-11-03T05:30:00Z",
        "2024-11-03T06:30:00Z",
        "2024-11-04T06:30:00Z",
    ]
    assert [r.note for r in runs] == [Note.FOLD_FIRST, Note.FOLD_SECOND, Note.NORMAL]


def test_new_york_skips_a_spring_forward_time_that_day() -> None:
    schedule = cronlab.parse("30 2 * * *", tz="America/New_York")
    runs = schedule.next_runs(at("2024-03-09T12:00:00"), 2)
    assert [iso_z(r.utc) for r in runs] == [
        "2024-03-11T06:30:00Z",
        "2024-03-12T06:30:00Z",
    ]


def test_lord_howe_phantom_run_is_marked_as_a_controller_anomaly() -> None:
    # 2024-10-06 02:00 +10:30 -> 02:30 +11 (SEMANTICS §9.3)
    schedule = cronlab.parse("45 1 * * *", tz="Australia/Lord_Howe")
    runs = schedule.next_runs(at("2024-10-04T00:00:00"), 4)
    assert [r.local.strftime("%m-%d %H:%M") for r in runs] == [
        "10-05 01:45",
        "10-06 01:45",
        "10-06 02:45",
        "10-07 01:45",
    ]
    assert runs[2].note is Note.ANOMALY
    assert runs[2].reason and "robfig" in runs[2].reason


def test_cairo_loses_the_friday_when_dst_starts_at_midnight() -> None:
    # SEMANTICS §4.2: east of UTC a day-restricted schedule skips that day.
    schedule = cronlab.parse("0 9 * * 5", tz="Africa/Cairo")
    (run,) = schedule.next_runs(at("2023-04-21T08:00:00"), 1)
    assert iso_z(run.utc) == "2023-05-05T06:00:00Z"


def test_an_impossible_date_ends_the_search_with_a_reason() -> None:
    runs = cronlab.parse("0 0 30 2 *").next_runs(at("2026-03-23T00:00:00"), 3)
    assert runs == []
    assert runs.end is SearchEnd.EXHAUSTED
    assert runs.end_reason and "five-year" in runs.end_reason


def test_a_zone_that_skipped_a_whole_day_gets_a_prompt_answer() -> None:
    # Pacific/Apia skipped 2011-12-30; Go's search never returns here.
    schedule = cronlab.parse("1 3 23,30 * ?", tz="Pacific/Apia")
    runs = schedule.next_runs(at("2011-12-24T00:00:00"), 5)
    assert runs.end is SearchEnd.HANG
    assert runs.end_reason and "skips a whole calendar day" in runs.end_reason


def test_chatham_stall_is_reported_instead_of_repeating_forever() -> None:
    schedule = cronlab.parse("48 3 * * *", tz="Pacific/Chatham")
    runs = schedule.next_runs(at("2033-04-01T11:37:00"), 12)
    assert [iso_z(r.utc) for r in runs] == [
        "2033-04-01T14:03:00Z",
        "2033-04-02T14:03:00Z",
    ]
    assert runs.end is SearchEnd.STALLED


def test_prev_runs_are_the_same_instants_newest_first() -> None:
    schedule = cronlab.parse("0 6 * * *", tz="America/New_York")
    before = at("2024-03-12T07:00:00")
    prev = schedule.prev_runs(before, 4)
    assert [iso_z(r.utc) for r in prev] == [
        "2024-03-11T10:00:00Z",
        "2024-03-10T10:00:00Z",
        "2024-03-09T11:00:00Z",
        "2024-03-08T11:00:00Z",
    ]
    forward = schedule.next_runs(prev[-1].utc - timedelta(seconds=1), 4)
    assert [r.unix for r in forward] == [r.unix for r in reversed(prev)]


def test_prev_runs_exclude_a_run_exactly_at_the_start() -> None:
    schedule = cronlab.parse("0 10 * * *")
    prev = schedule.prev_runs(at("2018-01-02T10:00:00"), 1)
    assert iso_z(prev[0].utc) == "2018-01-01T10:00:00Z"


def test_prev_runs_find_leap_days_years_apart() -> None:
    prev = cronlab.parse("15 22 29 2 *").prev_runs(at("2024-02-29T00:00:00"), 2)
    assert [iso_z(r.utc) for r in prev] == [
        "2020-02-29T22:15:00Z",
        "2016-02-29T22:15:00Z",
    ]


def test_prev_runs_of_a_never_firing_schedule_end_promptly() -> None:
    prev = cronlab.parse("0 0 31 4 *").prev_runs(at("2024-01-01T00:00:00"), 2)
    assert prev == [] and prev.end is SearchEnd.EXHAUSTED


def test_between_is_half_open() -> None:
    schedule = cronlab.parse("0 * * * *")
    runs = list(schedule.between(at("2024-01-01T00:00:00"), at("2024-01-01T03:00:00")))
    assert [r.utc.hour for r in runs] == [0, 1, 2]


def test_naive_datetimes_and_bad_counts_are_refused() -> None:
    schedule = cronlab.parse("* * * * *")
    with pytest.raises(cronlab.TimeZoneError):
        schedule.next_runs(datetime(2024, 1, 1), 1)
    with pytest.raises(cronlab.CronlabError, match="count"):
        schedule.next_runs(at("2024-01-01T00:00:00"), -1)
    with pytest.raises(cronlab.CronlabError, match="at most"):
        schedule.next_runs(at("2024-01-01T00:00:00"), 10**9)


def test_unknown_and_local_zones_are_refused() -> None:
    with pytest.raises(cronlab.TimeZoneError, match="America/New_York"):
        cronlab.parse("* * * * *", tz="america/new_york")
    with pytest.raises(cronlab.TimeZoneError):
        cronlab.parse("* * * * *", tz="Local")
    with pytest.raises(cronlab.DialectError):
        cronlab.parse("* * * * *", dialect="quartz")


def test_a_kubernetes_zone_prefix_is_honoured_with_the_api_servers_refusal() -> None:
    schedule = cronlab.parse("TZ=Europe/Berlin 30 2 * * *")
    _, problems = validate_schedule("TZ=Europe/Berlin 30 2 * * *")

    assert schedule.tz == "Europe/Berlin"
    assert schedule.warnings == (TZ_PREFIX_REFUSED,)
    assert "1.29" in TZ_PREFIX_REFUSED and "spec.timeZone" in TZ_PREFIX_REFUSED
    assert [p.level for p in problems] == ["error"]


def test_a_schedule_without_a_prefix_has_no_warning() -> None:
    assert cronlab.parse("30 2 * * *", tz="Europe/Berlin").warnings == ()


@pytest.mark.parametrize("duration", ["-1h", "0", "0s", "500ms", "-5m"])
def test_an_every_under_a_second_runs_every_second_with_a_warning(
    duration: str,
) -> None:
    schedule = cronlab.parse(f"@every {duration}")
    runs = schedule.next_runs(at("2026-01-01T00:00:00"), 2)

    assert [iso_z(run.utc) for run in runs] == [
        "2026-01-01T00:00:01Z",
        "2026-01-01T00:00:02Z",
    ]
    assert schedule.warnings == (
        f"@every {duration} is under one second, so it runs every second",
    )


def test_an_every_of_a_second_or_more_has_no_warning() -> None:
    assert cronlab.parse("@every 1s").warnings == ()
    assert cronlab.parse("@every 1h30m").warnings == ()


# Expressions built from pieces the grammar accepts, for the properties.
MINUTES = st.sampled_from(["0", "30", "*/15", "5,45", "*", "59", "0-10/5"])
HOURS = st.sampled_from(["*", "0", "1", "2", "3", "9-17", "*/6", "0,12", "23"])
DOMS = st.sampled_from(["*", "1", "15", "1-7", "*/2", "31", "?"])
MONTHS = st.sampled_from(["*", "3", "10,11", "*/3", "jan-jun"])
DOWS = st.sampled_from(["*", "0", "1-5", "sat,sun", "?", "5"])
EXPRESSIONS = st.builds(lambda *f: " ".join(f), MINUTES, HOURS, DOMS, MONTHS, DOWS)
STARTS = st.datetimes(
    min_value=datetime(2005, 1, 1),
    max_value=datetime(2035, 1, 1),
    timezones=st.just(UTC),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, st.sampled_from(ZONES), STARTS)
def test_runs_increase_and_resume_consistently(
    text: str, zone: str, start: datetime
) -> None:
    schedule = cronlab.parse(text, tz=zone)
    runs = schedule.next_runs(start, 8)
    instants = [r.unix for r in runs]
    assert instants == sorted(set(instants))
    assert all(r.utc > start for r in runs)
    for i, run in enumerate(runs[:-1]):
        resumed = schedule.next_runs(run.utc, len(runs) - i - 1)
        assert [r.unix for r in resumed] == instants[i + 1 :]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, st.sampled_from(ZONES), STARTS)
def test_every_normal_run_matches_the_expression_on_the_wall_clock(
    text: str, zone: str, start: datetime
) -> None:
    schedule = cronlab.parse(text, tz=zone)
    expr = schedule.expression
    for run in schedule.next_runs(start, 8):
        wall = wall_of(schedule.zone, run.unix)
        matches = expr.matches_wall(
            wall.month, wall.day, wall.weekday, wall.hour, wall.minute
        )
        # Only a marked controller anomaly may sit at a wall time the
        # expression does not name.
        assert matches or run.note is Note.ANOMALY
        assert (run.local.hour, run.local.minute) == (wall.hour, wall.minute)


@pytest.mark.parametrize("dialect", ["kubernetes", "vixie", "croniter"])
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Pacific/Kiritimati", "Asia/Tokyo"])
def test_runs_reach_the_end_of_the_calendar_and_say_where_it_ends(
    zone: str, dialect: str
) -> None:
    # A zone east of UTC reads the last instants as year 10000; the zone
    # table must stop there, not fail.
    schedule = cronlab.parse("30 2 * * *", tz=zone, dialect=dialect)

    runs = schedule.next_runs(at("9999-12-20T00:00:00Z"), 30)

    assert runs
    assert runs[-1].utc <= at("9999-12-30T23:59:59Z")
    assert runs.end is SearchEnd.EXHAUSTED
