"""The dialect diff: portability warnings and the instants dialects part at."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import cronlab
from cronlab.diff import MAX_RUNS, diff_dialects, portability_warnings
from cronlab.dst import available_dialects

from .shared import iso_z

needs_vixie = pytest.mark.skipif(
    "vixie" not in available_dialects(), reason="the vixie dialect is not installed"
)
BOTH = ["kubernetes", "vixie"]


def start(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def utc(u: int) -> str:
    return iso_z(datetime.fromtimestamp(u, UTC))


@needs_vixie
def test_step_in_day_of_month_is_ored_by_kubernetes_and_anded_by_vixie() -> None:
    # SEMANTICS §9.6: robfig clears the star flag of '*/2', so the day
    # fields are ORed; Debian cron ANDs because the field starts with '*'.
    # 2024-07-01 is a Monday.
    result = diff_dialects("0 0 */2 * 1", "UTC", dialects=BOTH, start=start(2024, 7))
    assert result.scope == "whole window"
    assert any(
        "ANDed under vixie" in w and "ORed under kubernetes" in w
        for w in result.warnings
    )
    first = result.disagreements[:4]
    assert [(utc(d.unix), d.kind) for d in first] == [
        ("2024-07-03T00:00:00Z", "only under kubernetes"),
        ("2024-07-05T00:00:00Z", "only under kubernetes"),
        ("2024-07-07T00:00:00Z", "only under kubernetes"),
        ("2024-07-08T00:00:00Z", "only under kubernetes"),
    ]
    # Mondays on odd days run under both: 2024-07-01 is not a disagreement.
    assert utc(result.disagreements[0].unix) != "2024-07-01T00:00:00Z"
    assert set(result.counts) <= {"only under kubernetes", "only under vixie"}
    assert result.total == sum(result.counts.values())


@needs_vixie
def test_berlin_daily_0230_differs_only_on_the_two_change_nights() -> None:
    result = diff_dialects(
        "30 2 * * *", "Europe/Berlin", dialects=BOTH, start=start(2027)
    )
    assert result.scope == "days around offset changes"
    assert [(utc(d.unix), d.kind) for d in result.disagreements] == [
        # 2027-03-28: 02:30 does not exist; Debian runs it at 03:00 CEST.
        ("2027-03-28T01:00:00Z", "shifted under vixie"),
        # 2027-10-31: the second 02:30 (CET) runs under Kubernetes only.
        ("2027-10-31T01:30:00Z", "only under kubernetes"),
    ]
    assert result.counts == {"shifted under vixie": 1, "only under kubernetes": 1}
    assert result.warnings == []


@needs_vixie
def test_weekday_seven_is_reported_with_the_refusal() -> None:
    result = diff_dialects("0 0 * * 5-7", "UTC", dialects=BOTH, start=start(2027))
    assert result.dialects == ("vixie",)
    assert "weekday 7" in result.refused["kubernetes"]
    assert any(
        w.startswith("weekday 7 (Sunday) is accepted by vixie but refused")
        for w in result.warnings
    )
    assert result.total == 0


@needs_vixie
def test_a_bare_step_is_read_differently_and_named() -> None:
    result = diff_dialects("5/15 * * * *", "UTC", dialects=BOTH, start=start(2027))
    (step,) = [w for w in result.warnings if "step after a single value" in w]
    assert "5,20,35,50 under kubernetes" in step
    assert "refused by vixie" in step


@needs_vixie
def test_question_mark_and_every_are_kubernetes_only() -> None:
    question = diff_dialects("0 0 ? * 1", "UTC", dialects=BOTH, start=start(2027))
    assert "'?' is read as '*' by kubernetes but refused by vixie" in question.warnings
    every = diff_dialects("@every 1h", "UTC", dialects=BOTH, start=start(2027))
    assert (
        "descriptor @every is understood by kubernetes but not by vixie"
        in every.warnings
    )


def test_a_refusal_names_the_refusing_dialect_once() -> None:
    result = diff_dialects(
        "@every 5m", "UTC", dialects=["kubernetes", "croniter"], start=start(2027)
    )
    (refusal,) = [w for w in result.warnings if "refuses" in w]
    assert refusal.startswith("croniter refuses it: expected 5 to 7 fields")
    assert refusal.count("croniter refuses") == 1


def test_an_expression_every_dialect_refuses_raises_the_first_refusal() -> None:
    with pytest.raises(cronlab.ExpressionError, match="expected exactly 5 fields"):
        diff_dialects("0 0 * *", "UTC", dialects=["kubernetes"])


def test_a_bad_zone_is_a_time_zone_error() -> None:
    with pytest.raises(cronlab.TimeZoneError):
        diff_dialects("0 0 * * *", "Nowhere/Else")


def test_one_dialect_gives_warnings_but_no_comparison() -> None:
    result = diff_dialects("0 3 * * *", "UTC", dialects=["kubernetes"])
    assert result.total == 0
    assert result.scope == "none"


def test_the_window_and_the_limit_are_checked() -> None:
    with pytest.raises(cronlab.CronlabError, match="at most 50: 60"):
        diff_dialects("0 3 * * *", "UTC", years=60)
    with pytest.raises(cronlab.CronlabError, match="limit"):
        diff_dialects("0 3 * * *", "UTC", limit=-1)


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(cronlab.CronlabError, match="unknown dialect"):
        diff_dialects("0 3 * * *", "UTC", dialects=["quartz"])


@needs_vixie
def test_a_decade_of_every_minute_is_compared_only_around_changes() -> None:
    # Same wall-clock intent everywhere: the minutes of 20 change windows,
    # not five million runs.
    result = diff_dialects(
        "* * * * *", "Europe/Berlin", dialects=BOTH, start=start(2027), years=10
    )
    assert result.scope == "days around offset changes"
    assert result.total == 0
    assert MAX_RUNS >= 1_000_000


def test_warnings_are_read_from_parsed_expressions() -> None:
    parsed = {"kubernetes": cronlab.parse("0 0 1 * MON").expression}
    assert portability_warnings("0 0 1 * MON", parsed, {}) == []


@needs_vixie
def test_json_shape_lists_counts_and_disagreements() -> None:
    data = diff_dialects(
        "30 2 * * *", "Europe/Berlin", dialects=BOTH, start=start(2027)
    ).to_dict()
    assert data["total"] == 2
    first = data["disagreements"][0]
    assert set(first) == {"utc", "kind", "run_by", "not_run_by"}
    assert first["not_run_by"] == ["kubernetes"]
    assert first["run_by"]["vixie"]["note"] == "gap_shifted"


def test_every_installed_dialect_is_compared_by_default() -> None:
    result = diff_dialects("30 2 * * *", "Europe/Berlin", start=start(2027))
    assert result.dialects == available_dialects()


@pytest.mark.skipif(
    "croniter" not in available_dialects(), reason="croniter dialect not installed"
)
def test_all_three_dialects_are_set_side_by_side() -> None:
    result = diff_dialects("0 0 */2 * 1", "UTC", start=start(2024, 7))
    assert result.dialects == ("kubernetes", "vixie", "croniter")
    # Each disagreement names who runs and who does not, in dialect order.
    for item in result.disagreements:
        assert set(item.runs) | set(item.missing) == set(result.dialects)


def test_a_window_past_the_year_9990_is_refused() -> None:
    with pytest.raises(cronlab.CronlabError, match="before 9990-01-01"):
        diff_dialects("0 3 * * *", "UTC", start=start(9999, 6))
