"""The vixie dialect: Debian cron's grammar and its clock-jump rules."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronlab
from cronlab import DayRule, ExpressionError, Note, SearchEnd
from cronlab.dialects import vixie
from cronlab.engine import instants_of_wall

from .shared import instant, iso_z, read_jsonl_gz


def runs(expr: str, tz: str, start: str, count: int) -> list[str]:
    schedule = cronlab.parse(expr, tz=tz, dialect="vixie")
    return [iso_z(run.utc) for run in schedule.next_runs(instant(start), count)]


# -- grammar ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "field", "values"),
    [
        ("* * * * 7", "day_of_week", (0,)),  # 7 is Sunday as well as 0
        ("* * * * 5-7", "day_of_week", (0, 5, 6)),
        ("* * * * */2", "day_of_week", (0, 2, 4, 6)),
        ("* * * * */7", "day_of_week", (0,)),  # 0 and 7: Sunday twice
        ("* * * * MON-fri", "day_of_week", (1, 2, 3, 4, 5)),
        ("* * * Jan,DEC *", "month", (1, 12)),
        ("0-10/5 * * * *", "minute", (0, 5, 10)),
        ("*/25 * * * *", "minute", (0, 25, 50)),
        ("*/100 * * * *", "minute", (0,)),
        ("05 * * * *", "minute", (5,)),
    ],
)
def test_fields_read_as_debian_reads_them(
    expr: str, field: str, values: tuple[int, ...]
) -> None:
    parsed = vixie.parse(expr)
    assert getattr(parsed, field).values == values


def test_month_names_take_steps_in_ranges() -> None:
    assert vixie.parse("0 0 1 jan-jun/2 *").month.values == (1, 3, 5)


@pytest.mark.parametrize(
    ("expr", "rule"),
    [
        ("0 0 1 * 1", DayRule.OR),
        ("0 0 * * 1", DayRule.AND),
        ("0 0 1 * *", DayRule.AND),
        # Debian looks only at the first character: '*/2' and '*/32,1-7'
        # start with '*', so the day fields are ANDed.
        ("0 0 */2 * 1", DayRule.AND),
        ("0 0 */32,1-7 * 2", DayRule.AND),
        ("0 0 1-31 * 4", DayRule.OR),
        ("0 0 1 * 0-7", DayRule.OR),
    ],
)
def test_day_fields_are_anded_when_either_starts_with_a_star(
    expr: str, rule: DayRule
) -> None:
    assert vixie.parse(expr).day_rule is rule


@pytest.mark.parametrize(
    ("descriptor", "equivalent"),
    [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ],
)
def test_descriptors_mean_their_five_fields(descriptor: str, equivalent: str) -> None:
    parsed = vixie.parse(descriptor)
    plain = vixie.parse(equivalent)
    assert parsed.descriptor == descriptor
    assert [f.values for f in parsed.fields] == [f.values for f in plain.fields]
    assert vixie.is_fixed_time(parsed) == vixie.is_fixed_time(plain)


@pytest.mark.parametrize(
    ("expr", "field", "column", "text", "hint"),
    [
        ("", "expression", 1, "", "five fields"),
        ("* * * *", "expression", 1, "* * * *", "five fields"),
        ("0 0 * * * *", "expression", 11, "*", "no seconds"),
        ("@reboot", "descriptor", 1, "@reboot", "@daily"),
        ("@Daily", "descriptor", 1, "@Daily", "lower case"),
        ("@every 5m", "descriptor", 1, "@every 5m", "no @every"),
        ("60 * * * *", "minute", 1, "60", "0-59"),
        ("* 24 * * *", "hour", 3, "24", "0-23"),
        ("* * 0 * *", "day-of-month", 5, "0", "1-31"),
        ("* * * 13 *", "month", 7, "13", "1-12"),
        ("* * * * 8", "day-of-week", 9, "8", "0-7"),
        ("5/15 * * * *", "minute", 1, "5/15", "5-59/15"),
        ("*/0 * * * *", "minute", 1, "*/0", "step of 1"),
        ("1//2 * * * *", "minute", 1, "1//2", "range/step"),
        ("* * 5-1 * *", "day-of-month", 5, "5-1", "wrap"),
        ("1-2-3 * * * *", "minute", 1, "1-2-3", "low-high"),
        ("*-5 * * * *", "minute", 1, "*-5", "*/step"),
        ("1,,2 * * * *", "minute", 3, "1,,2", "single commas"),
        ("0 0 ? * *", "day-of-month", 5, "?", "use '*'"),
        ("0 0 L * *", "day-of-month", 5, "L", "no L or W"),
        ("0 0 15W * *", "day-of-month", 5, "15W", "no L or W"),
        ("0 0 * * 5L", "day-of-week", 9, "5L", "no L or W"),
        ("0 0 * * MON#2", "day-of-week", 9, "MON#2", "'#'"),
        ("0 0 * * Monday", "day-of-week", 9, "Monday", "'mon'"),
        ("0 0 * * 1,-2", "day-of-week", 11, "-2", "no signs"),
        ("0 0 * * +2", "day-of-week", 9, "+2", "no signs"),
    ],
)
def test_refusals_name_field_column_text_and_a_hint(
    expr: str, field: str, column: int, text: str, hint: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse(expr, dialect="vixie")
    err = caught.value
    assert (err.field, err.column, err.text) == (field, column, text)
    assert err.hint is not None
    assert hint in err.hint
    assert str(err).endswith(repr(text))


def test_impossible_dates_are_accepted_and_never_run() -> None:
    # Debian's crontab installs "31 Feb" without complaint; the job simply
    # never matches.  The answer must come at once, with an end.
    schedule = cronlab.parse("0 0 31 2 *", tz="Europe/Berlin", dialect="vixie")
    found = schedule.next_runs(datetime(2024, 1, 1, tzinfo=UTC), 3)
    assert found == []
    assert found.end is SearchEnd.EXHAUSTED
    assert found.end_reason is not None
    assert "never" in found.end_reason


def test_a_rare_but_real_date_is_found_years_ahead() -> None:
    # Leap days skip 2100, so the next 29 February after 2096 is in 2104.
    assert runs("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", 1) == [
        "2104-02-29T00:00:00Z"
    ]


# -- clock jumps (SEMANTICS §11) --------------------------------------------

# America/New_York 2024: 10 March 02:00 EST -> 03:00 EDT (07:00Z);
# 3 November 02:00 EDT -> 01:00 EST (06:00Z).


def test_a_fixed_job_in_the_spring_gap_runs_at_the_first_minute_after() -> None:
    schedule = cronlab.parse("30 2 * * *", tz="America/New_York", dialect="vixie")
    first, second = schedule.next_runs(datetime(2024, 3, 9, 12, tzinfo=UTC), 2)
    assert iso_z(first.utc) == "2024-03-10T07:00:00Z"
    assert first.local.isoformat() == "2024-03-10T03:00:00-04:00"
    assert first.note is Note.GAP_SHIFTED
    assert first.intended == "2024-03-10T02:30"
    assert iso_z(second.utc) == "2024-03-11T06:30:00Z"
    assert second.note is Note.NORMAL


def test_skipped_fixed_times_and_the_landing_minute_make_one_run() -> None:
    # 02:00 and 02:30 are skipped and 03:00 is named itself: Debian runs
    # the job once at 03:00.
    schedule = cronlab.parse("0,30 2,3 * * *", tz="America/New_York", dialect="vixie")
    found = schedule.next_runs(datetime(2024, 3, 10, 6, tzinfo=UTC), 3)
    assert [iso_z(r.utc) for r in found] == [
        "2024-03-10T07:00:00Z",
        "2024-03-10T07:30:00Z",
        "2024-03-11T06:00:00Z",
    ]
    assert found[0].note is Note.NORMAL
    assert found[0].reason is not None
    assert "02:00, 02:30" in found[0].reason


def test_a_fixed_job_in_the_autumn_fold_runs_once() -> None:
    schedule = cronlab.parse("30 1 * * *", tz="America/New_York", dialect="vixie")
    first, second = schedule.next_runs(datetime(2024, 11, 2, 12, tzinfo=UTC), 2)
    assert iso_z(first.utc) == "2024-11-03T05:30:00Z"
    assert first.note is Note.FOLD_FIRST
    assert iso_z(second.utc) == "2024-11-04T06:30:00Z"


def test_a_start_inside_the_second_pass_does_not_repeat_a_fixed_job() -> None:
    # 01:45 EST (the second 01:45) is after a start at 01:30 EST, but the
    # job already ran at 01:45 EDT and Debian does not repeat it.
    assert runs("45 1 * * *", "America/New_York", "2024-11-03T06:30:00Z", 1) == [
        "2024-11-04T06:45:00Z"
    ]


def test_a_wildcard_job_follows_real_time_through_both_jumps() -> None:
    spring = runs("*/30 * * * *", "America/New_York", "2024-03-10T06:00:00Z", 3)
    assert spring == [
        "2024-03-10T06:30:00Z",
        "2024-03-10T07:00:00Z",  # 03:00 EDT; 02:00 and 02:30 never happened
        "2024-03-10T07:30:00Z",
    ]
    schedule = cronlab.parse("30 */1 * * *", tz="America/New_York", dialect="vixie")
    fold = schedule.next_runs(instant("2024-11-03T05:00:00Z"), 3)
    assert [(iso_z(r.utc), r.note) for r in fold] == [
        ("2024-11-03T05:30:00Z", Note.FOLD_FIRST),
        ("2024-11-03T06:30:00Z", Note.FOLD_SECOND),
        ("2024-11-03T07:30:00Z", Note.NORMAL),
    ]


def test_lord_howe_half_hour_gap_lands_at_half_past_two() -> None:
    # Australia/Lord_Howe 2024-10-06 02:00 +10:30 -> 02:30 +11 (15:30Z).
    schedule = cronlab.parse("10 2 * * *", tz="Australia/Lord_Howe", dialect="vixie")
    run = schedule.next_runs(instant("2024-10-05T12:00:00Z"), 1)[0]
    assert run.local.isoformat() == "2024-10-06T02:30:00+11:00"
    assert run.note is Note.GAP_SHIFTED
    assert run.intended == "2024-10-06T02:10"


def test_sao_paulo_vanished_midnight_runs_at_one() -> None:
    # America/Sao_Paulo 2018-11-04 00:00 -03 -> 01:00 -02 (03:00Z).
    assert runs("0 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00Z", 2) == [
        "2018-11-04T03:00:00Z",
        "2018-11-05T02:00:00Z",
    ]


def test_apia_2011_skipped_day_is_a_clock_reset() -> None:
    # Pacific/Apia jumped from 29 Dec 2011 23:59:59 -10 to 31 Dec 00:00
    # +14 (10:00Z): a 24-hour jump, which Debian treats as a clock reset,
    # so the noon job of the missing 30 December never runs.
    schedule = cronlab.parse("0 12 * * *", tz="Pacific/Apia", dialect="vixie")
    found = schedule.next_runs(instant("2011-12-29T12:00:00Z"), 2)
    assert [r.local.isoformat() for r in found] == [
        "2011-12-29T12:00:00-10:00",
        "2011-12-31T12:00:00+14:00",
    ]
    assert {r.note for r in found} == {Note.NORMAL}


def test_the_three_hour_reset_threshold() -> None:
    assert vixie.RESET_JUMP == 3 * 3600


# -- the vixie DST corpus ----------------------------------------------------

# Records of oracle/vixie-dst.jsonl.gz where cronsim 2.9, which produced the
# corpus, is wrong about Debian cron.  Each kind is checked below, so a
# wrong answer of ours cannot hide here.
#
# "reset": Pacific/Apia skipped 30 December 2011 (a 24-hour jump).  cronsim
#   moves every fixed time of that day to 31 Dec 00:00 (10:00Z); Debian's
#   cron.c treats a jump of three hours or more as a clock reset and runs
#   jobs for the new time only (SEMANTICS §11), so that extra run is wrong.
# "stuck": St John's moved its clocks at 00:01, so wall minute 00:00 falls
#   in the fold; cronsim then returns the same instant twelve times, which
#   no scheduler can do.  Debian runs a wildcard job in both passes.
# "hour-hop": on Lord Howe the 30-minute fold and the half-hour offset make
#   cronsim's hour-by-hour search step over a real matching wall time (the
#   second pass of 01:45, or 19:00 the day after the change).  The daemon
#   compares every minute's wall clock, so Debian runs the job there.
KNOWN_WRONG = {
    ("41 23 * * *", "Pacific/Apia", "2011-12-28T10:18:15Z"): "reset",
    ("14 0 * * *", "Pacific/Apia", "2011-12-28T13:28:00Z"): "reset",
    ("52 23 * * *", "Pacific/Apia", "2011-12-28T01:58:00Z"): "reset",
    ("31 23,0 * * *", "Pacific/Apia", "2011-12-28T16:43:37Z"): "reset",
    ("6 23 * * *", "Pacific/Apia", "2011-12-28T07:54:00Z"): "reset",
    ("43 23 * * *", "Pacific/Apia", "2011-12-28T14:26:00Z"): "reset",
    ("32 23 * * *", "Pacific/Apia", "2011-12-27T11:08:12Z"): "reset",
    ("20 23 * * *", "Pacific/Apia", "2011-12-28T17:04:00Z"): "reset",
    ("47 22 * * *", "Pacific/Apia", "2011-12-29T03:17:46Z"): "reset",
    ("34 23 * * *", "Pacific/Apia", "2011-12-29T18:55:00Z"): "reset",
    ("23 22 * * *", "Pacific/Apia", "2011-12-28T15:54:00Z"): "reset",
    ("*/59 * * 4-12 0", "America/St_Johns", "2003-10-24T00:39:00Z"): "stuck",
    ("* * 1,29,31 oct */4", "America/St_Johns", "2003-04-03T06:02:00Z"): "stuck",
    ("*/44 19 * * */3", "Australia/Lord_Howe", "2008-04-04T14:01:42Z"): "hour-hop",
    ("45 * * * *", "Australia/Lord_Howe", "2019-04-06T12:29:51Z"): "hour-hop",
    ("45 * * * *", "Australia/Lord_Howe", "2005-03-26T12:27:00Z"): "hour-hop",
}

APIA_RESET_RUN = "2011-12-30T10:00:00Z"


def _reference_is_wrong(kind: str, expected: list[str], got: list[str]) -> bool:
    if kind == "reset":
        # Ours is the reference without the reset-day run, one run longer.
        trimmed = [run for run in expected if run != APIA_RESET_RUN]
        return len(trimmed) == len(expected) - 1 and got[: len(trimmed)] == trimmed
    if kind == "stuck":
        repeats = len(set(expected)) < len(expected)
        return repeats and got[0] == expected[0] and got == sorted(set(got))
    # hour-hop: the reference misses runs, it has none that we lack.
    missing = [run for run in expected if run not in got and run < got[-1]]
    return not missing and len(set(got) - set(expected)) >= 1


def test_the_vixie_dst_corpus_agrees_with_debian() -> None:
    failures = []
    total = 0
    for case in read_jsonl_gz("oracle", "vixie-dst.jsonl.gz"):
        total += 1
        expected = case["runs"]
        got = runs(case["expr"], case["tz"] or "UTC", case["start"], case["count"])
        kind = KNOWN_WRONG.get((case["expr"], case["tz"], case["start"]))
        if kind is None and got != expected:
            failures.append(f"{case['expr']!r} {case['tz']} {case['start']}: {got}")
        elif kind is not None and not _reference_is_wrong(kind, expected, got):
            failures.append(f"{case['expr']!r} {case['tz']}: not {kind}: {got}")
    assert total == 7622
    assert not failures, f"{len(failures)} disagree:\n" + "\n".join(failures[:20])


# -- properties --------------------------------------------------------------

ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "America/Santiago",
    "Pacific/Apia",
    "Africa/Casablanca",
    "America/St_Johns",
    "Pacific/Chatham",
]

minutes = st.sampled_from(["*", "0", "30", "*/15", "0,45", "5-10", "59"])
hours = st.sampled_from(["*", "0", "1", "2", "1-3", "*/2", "23", "0,2"])
days = st.sampled_from(["*", "1", "*/2", "15", "1-7", "31"])
months = st.sampled_from(["*", "3", "10,11", "*/3", "jan-jun"])
weekdays = st.sampled_from(["*", "0", "7", "1-5", "sun,sat", "*/3"])
expressions = st.tuples(minutes, hours, days, months, weekdays).map(" ".join)
starts = st.integers(
    min_value=int(datetime(2005, 1, 1, tzinfo=UTC).timestamp()),
    max_value=int(datetime(2030, 1, 1, tzinfo=UTC).timestamp()),
)


@contextmanager
def process_zone(name: str) -> Iterator[None]:
    saved = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@settings(max_examples=60, deadline=None)
@given(expressions, st.sampled_from(ZONES), starts)
def test_runs_increase_exist_and_ignore_the_process_zone(
    expr: str, tz: str, start: int
) -> None:
    schedule = cronlab.parse(expr, tz=tz, dialect="vixie")
    after = datetime.fromtimestamp(start, UTC)
    found = schedule.next_runs(after, 8)

    stamps = [run.unix for run in found]
    assert stamps == sorted(set(stamps))
    assert all(u > start for u in stamps)
    for run in found:
        # Every run is a wall time that really happened in the zone.
        local = run.unix + schedule.zone.offset(run.unix)
        assert run.unix in instants_of_wall(schedule.zone, local)
        assert run.local.utcoffset() == timedelta(seconds=run.offset_seconds)

    with process_zone("America/Havana"):
        again = cronlab.parse(expr, tz=tz, dialect="vixie").next_runs(after, 8)
    assert [(r.unix, r.note) for r in again] == [(r.unix, r.note) for r in found]


def test_a_number_of_thousands_of_digits_is_above_the_maximum_said_briefly() -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse("0 0 * * " + "9" * 100_000, dialect="vixie")

    assert str(caught.value).startswith(
        f"{'9' * 60}… (100,000 characters) is above the maximum 7"
    )
    assert len(str(caught.value)) < 300
