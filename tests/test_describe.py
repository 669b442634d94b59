"""Descriptions: words built from the parsed form, checked against runs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronlab
from cronlab import describe, describe_expression, parse
from cronlab.clauses import segments_of
from cronlab.run import Note
from cronlab.words import ENGLISH, words_for

from .shared import read_json

START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        ("0 9 * * 1-5", "At 09:00 on Monday through Friday"),
        ("0 0 * * *", "At 00:00 every day"),
        ("@daily", "At 00:00 every day (@daily)"),
        ("@weekly", "At 00:00 on Sundays (@weekly)"),
        ("* * * * *", "Every minute"),
        ("*/15 * * * *", "Every 15 minutes"),
        ("5/15 * * * *", "At minutes 5, 20, 35 and 50 past every hour"),
        ("*/15 9-17 * * *", "Every 15 minutes between 09:00 and 17:59"),
        ("0 */2 * * *", "Every 2 hours from 00:00 to 22:00"),
        ("0 9-17 * * *", "Every hour from 09:00 to 17:00"),
        ("30 9,17 * * *", "At 09:30 and 17:30 every day"),
        ("0 0 1-7 * *", "At 00:00 on the 1st–7th of the month"),
        ("0 0 1,15 * *", "At 00:00 on the 1st and 15th of the month"),
        ("0 0 * * SAT,SUN", "At 00:00 on Saturday and Sunday"),
        ("0 0 * * 5,6,0", "At 00:00 on Friday through Sunday"),
        ("0 0 * mar-may *", "At 00:00 in March through May"),
        ("0 0 1 1,7 *", "At 00:00 on the 1st of the month in January and July"),
        # OR: both day fields restricted (SEMANTICS §2).
        ("0 0 1 * MON", "At 00:00 on the 1st of the month or on Mondays"),
        # AND: a star in day-of-month keeps the rule AND.
        ("0 0 */1 * MON", "At 00:00 on Mondays"),
        # A range carries no star: 1-31 OR Monday is every day.
        ("0 0 1-31 * MON", "At 00:00 every day"),
        (
            "@every 1h30m",
            "Every 1 hour 30 minutes, counted from the previous run rather "
            "than the clock (the time zone does not apply)",
        ),
        ("0 0 30 2 *", "Never runs: 30 February does not exist"),
        (
            "0 0 31 4,6 *",
            "Never runs: 31 April and 31 June do not exist",
        ),
        (", * * * *", "Never runs: the minute field matches no value"),
    ],
)
def test_kubernetes_expressions_read_as_expected(expr: str, words: str) -> None:
    assert describe_expression(parse(expr).expression) == words


def test_the_and_rule_with_both_day_fields_names_weekdays_within_days() -> None:
    # Debian cron ANDs when a day field starts with '*', even '*/2'.
    schedule = parse("0 0 */2 * 1", dialect="vixie")
    assert describe_expression(schedule.expression) == (
        "At 00:00 on Mondays that fall on the 1st, 3rd, …, 31st of the month"
    )


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        ("0 0 L * *", "At 00:00 on the last day of the month"),
        ("0 0 * * 5#3", "At 00:00 on the 3rd Friday of the month"),
        ("0 0 * * L5", "At 00:00 on the last Friday of the month"),
        (
            "0 0 15W * *",
            "At 00:00 on the weekday (Monday to Friday) nearest the 15th of the month",
        ),
        (
            "0 0 1,L * *",
            "At 00:00 on the 1st of the month or on the last day of the month",
        ),
        # croniter's sixth field is seconds, the seventh the year.
        ("0 9 * * 1-5 30", "At 09:00 at second 30 on Monday through Friday"),
        ("0 12 * * * 0 2027", "At 12:00 every day in 2027"),
    ],
)
def test_croniter_forms_outside_the_value_sets_are_read_from_the_text(
    expr: str, words: str
) -> None:
    schedule = parse(expr, dialect="croniter")
    assert describe(schedule, after=START).summary == words


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        ("TZ=Asia/Tokyo 0 0 * * *", "At 00:00 every day"),
        ("TZ=Europe/Berlin 30 2 * * 1-5", "At 02:30 on Monday through Friday"),
        ("CRON_TZ=Europe/Berlin  0 9 1 * *", "At 09:00 on the 1st of the month"),
        ("TZ=Asia/Tokyo @daily", "At 00:00 every day (@daily)"),
    ],
)
def test_a_zone_prefix_is_not_read_as_a_field(expr: str, words: str) -> None:
    assert describe(parse(expr), after=START).summary == words


def test_a_prefixed_zone_names_the_zone_and_its_dst_days_like_the_option() -> None:
    after = datetime(2026, 6, 1, tzinfo=UTC)
    prefixed = describe(parse("CRON_TZ=Europe/Berlin 30 2 * * *"), after=after)
    option = describe(parse("30 2 * * *", tz="Europe/Berlin"), after=after)
    assert prefixed.zone == "Europe/Berlin"
    assert prefixed.exceptions == option.exceptions
    assert "no run on 28 Mar 2027 at 02:30" in prefixed.text


def test_croniter_dst_days_come_from_the_runs_notes() -> None:
    schedule = parse("30 2 * * 0#2", "America/New_York", "croniter")
    (moved,) = describe(schedule, after=START).exceptions
    assert (moved.date, moved.kind, moved.local_times) == (
        "2026-03-08",
        "moved",
        ("02:30",),
    )


def test_a_time_in_the_spring_gap_is_said_to_be_skipped_under_kubernetes() -> None:
    text = describe(parse("30 2 * * *", tz="America/New_York"), after=START).text
    assert "At 02:30 every day in America/New_York" in text
    assert "(07:30 UTC in winter, 06:30 UTC in summer)" in text
    assert "no run on 8 Mar 2026" in text


def test_a_time_in_the_autumn_fold_is_said_to_run_twice_under_kubernetes() -> None:
    description = describe(parse("30 1 * * *", tz="America/New_York"), after=START)
    assert "runs twice on 1 Nov 2026" in description.text
    (only,) = description.exceptions
    assert (only.date, only.kind, only.local_times) == (
        "2026-11-01",
        "twice",
        ("01:30",),
    )


def test_debian_cron_moves_the_gap_run_and_does_not_repeat_the_fold() -> None:
    gap = describe(parse("30 2 * * *", "America/New_York", "vixie"), after=START)
    fold = describe(parse("30 1 * * *", "America/New_York", "vixie"), after=START)
    assert [e.kind for e in gap.exceptions] == ["moved"]
    assert "happens at 03:00 instead" in gap.text
    assert [e.kind for e in fold.exceptions] == ["once"]


def test_controller_anomalies_are_named_on_lord_howe_and_cairo() -> None:
    # SEMANTICS §4.3: 09:00 is lost on both Lord Howe transition days;
    # §4.2: a Friday job skips the Cairo DST-start Friday.
    howe = describe(parse("0 9 * * *", "Australia/Lord_Howe"), after=START)
    cairo = describe(parse("0 9 * * 5", "Africa/Cairo"), after=START)
    assert [(e.date, e.kind) for e in howe.exceptions] == [
        ("2026-04-05", "missing"),
        ("2026-10-04", "missing"),
    ]
    assert [(e.date, e.kind) for e in cairo.exceptions] == [("2026-04-24", "missing")]


def test_a_stalled_controller_search_is_named_in_a_note() -> None:
    # SEMANTICS §4.3: 45 3 * * * in Pacific/Chatham on 2015-04-05 makes
    # Next return its own input; the CronJob is stuck from there.
    after = datetime(2015, 1, 1, tzinfo=UTC)
    description = describe(parse("45 3 * * *", "Pacific/Chatham"), after=after)
    assert any("stuck" in note for note in description.notes)


def test_a_zone_without_dst_gives_one_utc_time_with_its_day_shift() -> None:
    text = describe(parse("@daily", tz="Asia/Kolkata"), after=START).text
    assert "(18:30 UTC the day before)" in text


def test_patterns_give_utc_offsets_rather_than_times() -> None:
    text = describe(parse("*/20 * * * *", "Europe/Berlin"), after=START).text
    assert "(UTC+01:00 in winter, UTC+02:00 in summer)" in text


def test_a_schedule_past_the_controllers_search_window_has_no_run_from_then() -> None:
    # 2100 is no leap year and 2104 lies past the five-year window (§3.3).
    after = datetime(2096, 3, 1, tzinfo=UTC)
    description = describe(parse("0 0 29 2 *"), after=after)
    assert description.never is not None
    assert description.text.startswith("No run from 2096-03-01: no run within")


def test_a_start_at_the_end_of_the_calendar_is_not_called_never() -> None:
    after = datetime(9999, 12, 31, tzinfo=UTC)
    description = describe(parse("0 0 * * *"), after=after)
    assert description.text.startswith("No run from 9999-12-31: ")


def test_the_or_rule_is_pointed_out_in_a_note() -> None:
    description = describe(parse("0 0 1-31 * MON"), after=START)
    assert description.notes
    assert "day-of-week field changes nothing" in description.notes[0]


def test_names_come_from_the_projects_table_not_the_locale() -> None:
    assert ENGLISH.weekday(1) == "Monday"
    assert ENGLISH.weekday(7) == "Sunday"
    assert ENGLISH.day_date(2026, 3, 8) == "8 Mar 2026"
    assert [ENGLISH.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]


def test_a_date_in_words_keeps_four_year_digits() -> None:
    assert ENGLISH.day_date(1, 3, 8) == "8 Mar 0001"
    assert ENGLISH.day_date(2026, 3, 8) == "8 Mar 2026"


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(cronlab.CronlabError, match="'xx'"):
        words_for("xx")


def test_segments_split_values_into_steps_and_runs() -> None:
    assert [(s.first, s.last, s.step) for s in segments_of([5, 20, 35, 50])] == [
        (5, 50, 15)
    ]
    assert [(s.first, s.last, s.step) for s in segments_of([1, 2, 3, 5])] == [
        (1, 3, 1),
        (5, 5, 1),
    ]


def test_the_description_serialises_every_part() -> None:
    data = describe(parse("30 1 * * *", "America/New_York"), after=START).to_dict()
    assert data["times"] == ["01:30"]
    assert data["window"] == ["2026-01-01", "2027-01-01"]
    assert data["dst_exceptions"][0]["kind"] == "twice"


def _describe_cases() -> list[dict[str, object]]:
    cases = read_json("cases", "bug-cases.json")
    return [case for case in cases if "describe" in case]


def test_bug_case_descriptions_mention_what_they_must() -> None:
    cases = _describe_cases()
    assert cases
    for case in cases:
        checks = case["describe"]
        assert isinstance(checks, dict)
        for dialect in case["expected"]:  # type: ignore[attr-defined]
            schedule = parse(str(case["expr"]), tz=str(case["tz"]), dialect=dialect)
            text = describe(schedule, after=START).summary
            for word in checks.get("mentions", []):
                assert word.lower() in text.lower(), (case["id"], dialect, text)
            joined = checks.get("days_joined_by")
            if joined:
                # The word between the day-of-month and day-of-week parts.
                between = re.search(r"of the month (\w+) on", text)
                assert between is not None, (case["id"], text)
                assert between.group(1) == joined


# --- claims hold over the expanded runs ----------------------------------

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"]


def _field(values: list[int]) -> str:
    return ",".join(str(v) for v in sorted(set(values)))


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.lists(st.integers(0, 59), min_size=1, max_size=3),
    hours=st.lists(st.integers(0, 23), min_size=1, max_size=2),
    weekdays=st.none() | st.lists(st.integers(0, 6), min_size=1, max_size=3),
    zone=st.sampled_from(ZONES),
    dialect=st.sampled_from(["kubernetes", "vixie", "croniter"]),
    day=st.integers(0, 364),
)
def test_named_times_and_weekdays_are_those_of_the_runs(
    minutes: list[int],
    hours: list[int],
    weekdays: list[int] | None,
    zone: str,
    dialect: str,
    day: int,
) -> None:
    dow = "*" if weekdays is None else _field(weekdays)
    expr = f"{_field(minutes)} {_field(hours)} * * {dow}"
    schedule = parse(expr, tz=zone, dialect=dialect)
    after = START + timedelta(days=day)
    description = describe(schedule, after=after)

    runs = [r for r in schedule.next_runs(after, 200) if r.note is Note.NORMAL]
    local_times = {r.local.strftime("%H:%M") for r in runs}
    run_weekdays = {(r.local.weekday() + 1) % 7 for r in runs}
    assert description.times is not None
    assert local_times == set(description.times)
    if description.weekdays is None:
        assert len(run_weekdays) == 7
    else:
        assert run_weekdays == set(description.weekdays)
    # Every weekday the words name is one the runs fall on.
    named = {d for d in range(7) if ENGLISH.weekday(d) in description.summary}
    assert named <= run_weekdays


@settings(max_examples=40, deadline=None)
@given(
    minute=st.integers(0, 59),
    hour=st.sampled_from([0, 1, 2, 3, 9]),
    zone=st.sampled_from(["America/New_York", "Europe/London", "Australia/Sydney"]),
    dialect=st.sampled_from(["kubernetes", "vixie"]),
)
def test_dst_exceptions_hold_on_the_dates_they_name(
    minute: int, hour: int, zone: str, dialect: str
) -> None:
    schedule = parse(f"{minute} {hour} * * *", tz=zone, dialect=dialect)
    description = describe(schedule, after=START)
    runs = list(schedule.between(START, START + timedelta(days=365)))
    by_date: dict[str, list[str]] = {}
    for run in runs:
        by_date.setdefault(run.local.date().isoformat(), []).append(
            run.local.strftime("%H:%M")
        )

    wall = f"{hour:02d}:{minute:02d}"
    named = {e.date for e in description.exceptions}
    for exception in description.exceptions:
        on_day = by_date.get(exception.date, [])
        if exception.kind == "skipped":
            assert wall not in on_day
        elif exception.kind == "twice":
            assert on_day.count(wall) == 2
        elif exception.kind in ("once", "moved"):
            assert len(on_day) == 1
    # Every other date of the year has exactly one run at the wall time.
    for date, times in by_date.items():
        if date not in named:
            assert times == [wall], date
