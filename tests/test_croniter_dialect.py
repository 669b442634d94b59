"""The croniter dialect: croniter's own answers, wrapped and annotated."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from croniter import croniter
from hypothesis import given, settings
from hypothesis import strategies as st

import cronlab
from cronlab import DayRule, ExpressionError, Note, SearchEnd
from cronlab.dialects import croniter as dialect
from cronlab.zones import load_zone

from .shared import instant, iso_z


def runs(expr: str, tz: str, start: str, count: int) -> list[tuple[str, str]]:
    schedule = cronlab.parse(expr, tz=tz, dialect="croniter")
    found = schedule.next_runs(instant(start), count)
    return [(run.local.isoformat(), run.note.value) for run in found]


# -- reading the text ------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "field", "values"),
    [
        ("1/2 * * * *", "minute", tuple(range(1, 60, 2))),  # N/S is N-max/S
        ("0 0 * * 7", "day_of_week", (0,)),
        ("0 0 * * fri-mon", "day_of_week", (0, 1, 5, 6)),  # ranges wrap
        ("0 0 ? * *", "day_of_month", tuple(range(1, 32))),
        ("0 0 * * mon-fri", "day_of_week", (1, 2, 3, 4, 5)),
    ],
)
def test_value_sets_are_what_croniter_expands(
    expr: str, field: str, values: tuple[int, ...]
) -> None:
    assert getattr(dialect.parse(expr), field).values == values


def test_descriptors_are_read_case_insensitively() -> None:
    parsed = dialect.parse("@Daily")
    assert parsed.descriptor == "@daily"
    assert parsed.minute.values == (0,)
    assert parsed.hour.values == (0,)


@pytest.mark.parametrize(
    ("expr", "options", "rule"),
    [
        ("0 0 1 * 1", {}, DayRule.OR),
        ("0 0 * * 1", {}, DayRule.AND),
        ("0 0 */2 * 1", {}, DayRule.OR),  # croniter ignores the leading '*'
        ("0 0 1 * 1", {"day_or": False}, DayRule.AND),
        ("0 0 */2 * 1", {"implement_cron_bug": True}, DayRule.AND),
        ("0 0 1 * 1", {"implement_cron_bug": True}, DayRule.OR),
    ],
)
def test_day_rule_follows_croniter_and_its_options(
    expr: str, options: dict[str, bool], rule: DayRule
) -> None:
    assert dialect.parse(expr, **options).day_rule is rule


@pytest.mark.parametrize(
    ("expr", "field", "column", "text"),
    [
        ("60 * * * *", "minute", 1, "60"),
        ("0 24 * * *", "hour", 3, "24"),
        ("0 0 * * 8", "day-of-week", 9, "8"),
        ("0 0 * * abc", "day-of-week", 9, "abc"),
        ("0 0 1 13 *", "month", 7, "13"),
        ("*/0 * * * *", "minute", 1, "*/0"),
        ("H * * * *", "minute", 1, "H"),  # hashed fields need a hash id
        ("0 0 * * * 61", "second", 11, "61"),
        ("0 0 ? ? *", "month", 7, "?"),
    ],
)
def test_refusals_name_the_field_croniter_refused(
    expr: str, field: str, column: int, text: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse(expr, dialect="croniter")
    err = caught.value
    assert (err.field, err.column, err.text) == (field, column, text)
    assert "croniter refuses it" in str(err)


@pytest.mark.parametrize("expr", ["", "* * * *", "@reboot", "1 2 3 4 5 6 7 8"])
def test_whole_expression_refusals(expr: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse(expr, dialect="croniter")
    assert caught.value.field == "expression"


# -- runs are croniter's ---------------------------------------------------

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "America/Santiago",
    "Africa/Casablanca",
]
expressions = st.sampled_from(
    [
        "* * * * *",
        "*/20 * * * *",
        "30 2 * * *",
        "0 0 * * *",
        "15 1 * * 0",
        "0 */3 1,15 * *",
        "0 12 * * mon-fri",
        "0 0 L * *",
        "0 9 * * 1#2",
        "5 4 * jan-mar *",
    ]
)
starts = st.integers(
    min_value=int(datetime(2010, 1, 1, tzinfo=UTC).timestamp()),
    max_value=int(datetime(2030, 1, 1, tzinfo=UTC).timestamp()),
)


@settings(max_examples=40, deadline=None)
@given(expressions, st.sampled_from(ZONES), starts)
def test_runs_are_exactly_what_croniter_returns(expr: str, tz: str, start: int) -> None:
    zone = load_zone(tz)
    raw = croniter(expr, datetime.fromtimestamp(start, zone.info))
    wanted = [int(raw.get_next(float)) for _ in range(6)]

    schedule = cronlab.parse(expr, tz=tz, dialect="croniter")
    found = schedule.next_runs(datetime.fromtimestamp(start, UTC), 6)
    assert [run.unix for run in found] == wanted
    assert [run.unix for run in found] == sorted(set(wanted))


def test_options_reach_croniter() -> None:
    quarterly = dialect.schedule("0 13 8 1,4,7,10 wed", tz="UTC", day_or=False)
    found = quarterly.next_runs(instant("2020-09-24T00:00:00Z"), 2)
    assert [iso_z(run.utc) for run in found] == [
        "2025-01-08T13:00:00Z",
        "2025-10-08T13:00:00Z",
    ]
    default = cronlab.parse("0 13 8 1,4,7,10 wed", tz="UTC", dialect="croniter")
    first = default.next_runs(instant("2020-09-24T00:00:00Z"), 1)[0]
    assert iso_z(first.utc) == "2020-10-07T13:00:00Z"


def test_the_cron_bug_option_ands_a_starred_day_field() -> None:
    # crontab.guru's "cron bug": '*/2' in day-of-month ANDs with Monday.
    bugged = dialect.schedule("0 0 */2 * 1", tz="UTC", implement_cron_bug=True)
    found = bugged.next_runs(instant("2024-07-01T00:00:00Z"), 2)
    assert [iso_z(run.utc) for run in found] == [
        "2024-07-15T00:00:00Z",
        "2024-07-29T00:00:00Z",
    ]


def test_a_date_that_never_comes_ends_the_search_promptly() -> None:
    schedule = cronlab.parse("0 0 30 2 *", tz="Europe/Paris", dialect="croniter")
    found = schedule.next_runs(instant("2024-01-01T00:00:00Z"), 2)
    assert found == []
    assert found.end is SearchEnd.EXHAUSTED


# -- annotations at real transitions ---------------------------------------


def test_new_york_spring_gap_is_moved_to_three_o_clock() -> None:
    # America/New_York 2024-03-10 02:00 EST -> 03:00 EDT (07:00Z).
    schedule = cronlab.parse("30 2 * * *", tz="America/New_York", dialect="croniter")
    run = schedule.next_runs(instant("2024-03-09T12:00:00Z"), 1)[0]
    assert run.local.isoformat() == "2024-03-10T03:00:00-04:00"
    assert run.note is Note.GAP_SHIFTED
    assert run.intended == "2024-03-10T02:30"


def test_new_york_fall_back_runs_a_fixed_job_in_both_passes() -> None:
    # America/New_York 2024-11-03 02:00 EDT -> 01:00 EST (06:00Z).
    assert runs("30 1 * * *", "America/New_York", "2024-11-02T12:00:00Z", 3) == [
        ("2024-11-03T01:30:00-04:00", "fold_first"),
        ("2024-11-03T01:30:00-05:00", "fold_second"),
        ("2024-11-04T01:30:00-05:00", "normal"),
    ]


def test_sao_paulo_vanished_midnight_is_moved_to_one() -> None:
    # America/Sao_Paulo 2018-11-04 00:00 -03 -> 01:00 -02 (03:00Z).
    assert runs("0 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00Z", 2) == [
        ("2018-11-04T01:00:00-02:00", "gap_shifted"),
        ("2018-11-05T00:00:00-02:00", "normal"),
    ]


def test_a_long_field_croniter_quotes_is_cut_in_the_reason_too() -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse("0 0 * * 1#" + "9" * 300, dialect="croniter")

    assert str(caught.value).count("(300 characters)") == 1
    assert len(str(caught.value)) < 400
