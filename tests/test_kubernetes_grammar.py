"""The kubernetes dialect parses exactly what robfig/cron ParseStandard does,
and explains every refusal with the field, the column and a fix."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

import cronlab
from cronlab.dialects import kubernetes

from .shared import instant, iso_z, read_json_when_collecting


def robfig_cases(kind: str) -> list[dict[str, Any]]:
    data = read_json_when_collecting("peers", "robfig-cron.json")
    if data is None:
        return []
    return [
        c
        for c in data["cases"]
        if c["kind"] == kind and c.get("parser", "standard") == "standard"
    ]


def _values(field: cronlab.Field, spec: object) -> bool:
    if spec == "*":
        return field.star
    return list(field.values) == spec


@pytest.mark.parametrize("case", robfig_cases("parse"), ids=lambda c: c["id"])
def test_robfig_parse_cases_give_the_same_field_sets(case: dict[str, Any]) -> None:
    expr = kubernetes.parse(case["expr"])
    want = case["expected"]
    if want["type"] == "constant_delay":
        assert expr.every_seconds == want["delay_seconds"]
        return
    assert _values(expr.minute, want["minute"])
    assert _values(expr.hour, want["hour"])
    assert _values(expr.day_of_month, want["dom"])
    assert _values(expr.month, want["month"])
    assert _values(expr.day_of_week, want["dow"])
    location = expr.zone_prefix or "Local"
    assert location == want["location"]


@pytest.mark.parametrize("case", robfig_cases("parse_error"), ids=lambda c: c["id"])
def test_robfig_parse_errors_are_refused(case: dict[str, Any]) -> None:
    with pytest.raises(cronlab.ExpressionError):
        kubernetes.parse(case["expr"])


@pytest.mark.parametrize("case", robfig_cases("activation"), ids=lambda c: c["id"])
def test_robfig_activation_cases_fire_exactly_when_expected(
    case: dict[str, Any],
) -> None:
    schedule = cronlab.parse(case["expr"])
    (run,) = schedule.next_runs(instant(case["start"]), 1)
    fired = iso_z(run.utc) == case["time"]
    assert fired == case["expected_active"]


@pytest.mark.parametrize("case", robfig_cases("next"), ids=lambda c: c["id"])
def test_robfig_standard_next_cases_agree(case: dict[str, Any]) -> None:
    # These starts carry a fixed +05:30 offset, and robfig evaluates a
    # zone-less schedule in the start's own location.  Asia/Kolkata has
    # kept +05:30 without DST since 1945, so it is the same location.
    start = instant(case["start"])
    assert start.utcoffset() == timedelta(hours=5, minutes=30)
    schedule = cronlab.parse(case["expr_without_tz"], tz="Asia/Kolkata")
    runs = schedule.next_runs(start, 1)
    got = iso_z(runs[0].utc) if runs else None
    want = case["expected_next"]
    assert got == (iso_z(instant(want)) if want else None)


@pytest.mark.parametrize("case", robfig_cases("every"), ids=lambda c: c["id"])
def test_robfig_every_schedules_add_the_delay_to_the_whole_second(
    case: dict[str, Any],
) -> None:
    schedule = cronlab.parse(f"@every {case['delay']}")
    (run,) = schedule.next_runs(instant(case["start"]), 1)
    assert iso_z(run.utc) == case["expected_next"]


# SEMANTICS §9.6: grammar corners, all confirmed against robfig v3.0.1.
@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("5/15 * * * *", [5, 20, 35, 50]),
        ("10-40/15 * * * *", [10, 25, 40]),
        ("*/25 * * * *", [0, 25, 50]),
        ("*-5 0 * * *", list(range(60))),  # robfig ignores what follows '*-'
        ("+5 0 * * *", [5]),  # Go's Atoi takes a leading '+'
        ("1,,2 * * * *", [1, 2]),  # empty list items are dropped
        (", * * * *", []),  # a lone comma is the empty set: never fires
    ],
)
def test_grammar_corners_match_robfig(text: str, minutes: list[int]) -> None:
    assert list(kubernetes.parse(text).minute.values) == minutes


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("0 0 1,15 * MON", "or"),
        ("0 0 * * MON", "and"),
        ("0 0 ? * MON", "and"),
        ("0 0 */1 * MON", "and"),  # step 1 keeps the star flag
        ("0 0 */2 * MON", "or"),  # a step above 1 clears it
        ("0 0 1-31 * MON", "or"),  # a spelled-out range carries no star
        ("0 0 1 * *,1", "and"),  # a list containing '*' keeps it
    ],
)
def test_day_fields_combine_by_the_star_flag(text: str, rule: str) -> None:
    assert kubernetes.parse(text).day_rule == rule


def test_descriptors_expand_to_their_fields() -> None:
    daily = kubernetes.parse("@daily")
    assert daily.descriptor == "@daily"
    assert (daily.minute.values, daily.hour.values) == ((0,), (0,))
    assert kubernetes.parse("@every 90m").every_seconds == 5400
    assert kubernetes.parse("@every -5m").every_seconds == 1  # below 1 s → 1 s
    assert kubernetes.parse("@every 1.5s").every_seconds == 1


@pytest.mark.parametrize(
    "text",
    [
        "0 0 * * 7",
        "0 0 * January *",
        "5/0 * * * *",
        "*/0 * * * *",
        "0 0 0 * *",
        "5-2 * * * *",
        "1-2-3 * * * *",
        "1/2/3 * * * *",
        "@Daily",
        "@daily ",
        " @daily",
        "@every  1h",
        "@reboot",
        "L * * * *",
        "0 0 1W * *",
        "0 0 * * 5#3",
        "0x10 * * * *",
        "0 0 * * -1",
        "* * * *",
        "* * * * * *",
        " TZ=UTC 0 0 * * *",
        "TZ=UTC",
        "TZ=Nowhere/City 0 0 * * *",
        "",
        "99999999999999999999 * * * *",
    ],
)
def test_what_the_controller_refuses_is_refused(text: str) -> None:
    with pytest.raises(cronlab.ExpressionError) as info:
        cronlab.parse(text)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, cronlab.CronlabError)


def test_weekday_seven_names_the_field_column_and_the_fix() -> None:
    with pytest.raises(cronlab.ExpressionError) as info:
        cronlab.parse("0 8 * * 6-7")
    err = info.value
    assert (err.field, err.column, err.text) == ("day-of-week", 9, "6-7")
    assert "use 0 for Sunday" in str(err)
    assert str(err).endswith("'6-7'")


def test_a_bad_item_in_a_list_points_at_that_item() -> None:
    with pytest.raises(cronlab.ExpressionError) as info:
        cronlab.parse("0 1,2,99 * * *")
    assert (info.value.field, info.value.column, info.value.text) == ("hour", 7, "99")


def test_a_six_field_expression_says_kubernetes_has_no_seconds() -> None:
    with pytest.raises(cronlab.ExpressionError, match="no seconds") as info:
        cronlab.parse("0 0 12 * * ?")
    assert info.value.column == 12


def test_long_month_names_suggest_the_three_letter_form() -> None:
    with pytest.raises(cronlab.ExpressionError, match="'jan'"):
        cronlab.parse("0 0 1 January *")


def test_a_zone_prefix_is_honoured_by_the_schedule_code() -> None:
    schedule = cronlab.parse("CRON_TZ=Asia/Tokyo 0 9 * * *")
    assert schedule.tz == "Asia/Tokyo"
    assert schedule.expression.prefix_kind == "CRON_TZ"


def test_a_zone_prefix_wins_over_the_time_zone_field_with_a_warning() -> None:
    schedule = cronlab.parse("TZ=Asia/Tokyo 0 9 * * *", tz="Europe/Berlin")
    assert schedule.tz == "Asia/Tokyo"
    assert any("ignored" in w for w in schedule.warnings)


def test_numbers_of_thousands_of_digits_are_refused_not_crashed_on() -> None:
    with pytest.raises(cronlab.ExpressionError, match="100,000 characters"):
        cronlab.parse("0 0 * * " + "9" * 100_000)
    with pytest.raises(cronlab.ExpressionError, match="not a Go duration"):
        cronlab.parse("@every " + "9" * 100_000 + "s")


def test_leading_zeros_any_number_of_them_are_read_as_go_reads_them() -> None:
    assert cronlab.parse("0" * 10_000 + "5 0 * * *").expression.fields[0].values == (5,)
    assert cronlab.parse("@every " + "0" * 10_000 + "1h").expression.every_seconds == (
        3600
    )
