"""The DST report, pinned to real offset changes (IANA tzdata 2026f).

Each test names the zone and the change it relies on; instants are
compared as ISO strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

import cronlab
from cronlab.check import check_text
from cronlab.dst import (
    ANOMALY,
    DOES_NOT_EXIST,
    DialectEffect,
    DstReport,
    Folded,
    Skipped,
    available_dialects,
    dst_report,
    dst_warnings,
    transition_calendar,
)
from cronlab.offsets import (
    DST_END,
    DST_START,
    MAX_YEARS,
    RULE_CHANGE,
    offset_changes,
)
from cronlab.run import Run

from .shared import iso_z


def start(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def effect_at(report: DstReport, at: str, dialect: str) -> DialectEffect:
    """The effect of the change at UTC instant ``at`` under ``dialect``."""
    for item in report.transitions:
        if iso_z(item.change.utc) == at:
            return item.effects[dialect]
    found = [iso_z(t.change.utc) for t in report.transitions]
    raise AssertionError(f"no change at {at}; found {found}")


def utcs(runs: tuple[Run, ...] | list[Run]) -> list[str]:
    return [iso_z(run.utc) for run in runs]


def walls(items: Sequence[Skipped | Folded]) -> list[str]:
    return [item.to_dict()["wall"] for item in items]


needs_vixie = pytest.mark.skipif(
    "vixie" not in available_dialects(), reason="the vixie dialect is not installed"
)


# --- the offset changes themselves -----------------------------------


def test_new_york_2024_has_a_one_hour_gap_and_a_one_hour_fold() -> None:
    # 2024-03-10 02:00 EST -> 03:00 EDT (07:00Z); 2024-11-03 02:00 EDT ->
    # 01:00 EST (06:00Z).
    changes = offset_changes("America/New_York", start(2024), start(2025))
    assert [c.to_dict() for c in changes] == [
        {
            "at": "2024-03-10T07:00:00Z",
            "kind": "gap",
            "cause": DST_START,
            "length_seconds": 3600,
            "length": "1 h",
            "offset_before": "-05:00",
            "offset_after": "-04:00",
            "abbreviation_before": "EST",
            "abbreviation_after": "EDT",
            "local_before": "2024-03-10T02:00",
            "local_after": "2024-03-10T03:00",
            "span": ["2024-03-10T02:00", "2024-03-10T03:00"],
        },
        {
            "at": "2024-11-03T06:00:00Z",
            "kind": "fold",
            "cause": DST_END,
            "length_seconds": 3600,
            "length": "1 h",
            "offset_before": "-04:00",
            "offset_after": "-05:00",
            "abbreviation_before": "EDT",
            "abbreviation_after": "EST",
            "local_before": "2024-11-03T02:00",
            "local_after": "2024-11-03T01:00",
            "span": ["2024-11-03T01:00", "2024-11-03T02:00"],
        },
    ]


def test_lord_howe_changes_by_thirty_minutes() -> None:
    # 2024-10-06 02:00 +10:30 -> 02:30 +11 (2024-10-05T15:30Z).
    (change,) = offset_changes("Australia/Lord_Howe", start(2024, 9), start(2024, 11))
    assert (change.kind, change.length, iso_z(change.utc)) == (
        "gap",
        1800,
        "2024-10-05T15:30:00Z",
    )
    assert change.describe() == "clocks go forward 30 min: 02:00 +1030 → 02:30 +11"


def test_apia_skips_the_whole_of_2011_12_30_as_a_rule_change() -> None:
    # Samoa moved across the date line: 2011-12-29 24:00 -10 became
    # 2011-12-31 00:00 +14 (10:00Z); DST stayed on, the standard time moved.
    (change,) = offset_changes("Pacific/Apia", start(2011, 12), start(2012))
    data = change.to_dict()
    assert data["kind"] == "gap"
    assert data["cause"] == RULE_CHANGE
    assert data["length"] == "24 h"
    assert data["span"] == ["2011-12-30T00:00", "2011-12-31T00:00"]


def test_casablanca_ramadan_time_and_the_2026_rule_change() -> None:
    # Morocco keeps +01 with a negative saving during Ramadan, and tzdata
    # 2026f has it return to +00 for good on 2026-09-20.
    changes = offset_changes("Africa/Casablanca", start(2026), start(2027))
    assert [(iso_z(c.utc), c.kind, c.cause) for c in changes] == [
        ("2026-02-15T02:00:00Z", "fold", DST_START),
        ("2026-03-22T02:00:00Z", "gap", DST_END),
        ("2026-09-20T01:00:00Z", "fold", RULE_CHANGE),
    ]


def test_calendar_covers_the_coming_years() -> None:
    calendar = transition_calendar("Europe/Berlin", start(2027), years=3)
    assert [iso_z(c.utc)[:10] for c in calendar] == [
        "2027-03-28",
        "2027-10-31",
        "2028-03-26",
        "2028-10-29",
        "2029-03-25",
        "2029-10-28",
    ]


def test_a_zone_without_changes_has_an_empty_calendar() -> None:
    assert transition_calendar("Asia/Kolkata", start(2027)) == []


# --- kubernetes effects ------------------------------------------------


def test_new_york_spring_forward_skips_0230_under_kubernetes() -> None:
    report = dst_report(
        "30 2 * * *", "America/New_York", dialects=["kubernetes"], start=start(2024)
    )
    effect = effect_at(report, "2024-03-10T07:00:00Z", "kubernetes")
    assert [s.to_dict()["wall"] for s in effect.skipped] == ["2024-03-10T02:30"]
    assert effect.skipped[0].reason == DOES_NOT_EXIST
    assert not effect.doubled
    assert not effect.shifted


def test_new_york_fall_back_runs_0130_twice_under_kubernetes() -> None:
    report = dst_report(
        "30 1 * * *", "America/New_York", dialects=["kubernetes"], start=start(2024)
    )
    effect = effect_at(report, "2024-11-03T06:00:00Z", "kubernetes")
    (folded,) = effect.doubled
    assert utcs(folded.runs) == ["2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z"]
    assert [r.note.value for r in folded.runs] == ["fold_first", "fold_second"]
    # Nothing happens to this schedule at the spring change.
    spring = effect_at(report, "2024-03-10T07:00:00Z", "kubernetes")
    assert not spring.is_affected


def test_london_0130_is_skipped_in_march_and_doubled_in_october() -> None:
    # 2024-03-31 01:00 GMT -> 02:00 BST; 2024-10-27 02:00 BST -> 01:00 GMT.
    report = dst_report(
        "30 1 * * *", "Europe/London", dialects=["kubernetes"], start=start(2024)
    )
    march = effect_at(report, "2024-03-31T01:00:00Z", "kubernetes")
    assert walls(march.skipped) == ["2024-03-31T01:30"]
    october = effect_at(report, "2024-10-27T01:00:00Z", "kubernetes")
    assert utcs(october.doubled[0].runs) == [
        "2024-10-27T00:30:00Z",
        "2024-10-27T01:30:00Z",
    ]


def test_lord_howe_0900_is_dropped_by_the_controller_on_both_change_days() -> None:
    # SEMANTICS §9.3: reached from an earlier day, 09:00 does not fire on
    # 2024-10-06 nor on 2025-04-06, although it exists on both days.
    report = dst_report(
        "0 9 * * *",
        "Australia/Lord_Howe",
        dialects=["kubernetes"],
        start=start(2024, 9),
    )
    spring = effect_at(report, "2024-10-05T15:30:00Z", "kubernetes")
    autumn = effect_at(report, "2025-04-05T15:00:00Z", "kubernetes")
    assert walls(spring.skipped) == ["2024-10-06T09:00"]
    assert walls(autumn.skipped) == ["2025-04-06T09:00"]
    assert spring.skipped[0].reason == ANOMALY
    assert "controller anomaly" in spring.skipped[0].detail


def test_lord_howe_0145_gets_a_phantom_0245_run_under_kubernetes() -> None:
    # SEMANTICS §9.3: 01:45 +10:30 (15:15Z), then a phantom 02:45 +11
    # (15:45Z) whose hour the schedule does not name.
    report = dst_report(
        "45 1 * * *",
        "Australia/Lord_Howe",
        dialects=["kubernetes"],
        start=start(2024, 9),
    )
    effect = effect_at(report, "2024-10-05T15:30:00Z", "kubernetes")
    assert utcs(effect.anomalies) == ["2024-10-05T15:45:00Z"]
    assert effect.anomalies[0].note.value == "anomaly"
    assert not effect.skipped
    # At the end of DST 01:45 really happens twice, 30 minutes apart.
    autumn = effect_at(report, "2025-04-05T15:00:00Z", "kubernetes")
    assert utcs(autumn.doubled[0].runs) == [
        "2025-04-05T14:45:00Z",
        "2025-04-05T15:15:00Z",
    ]


def test_sao_paulo_2018_midnight_vanishes_and_2019_repeats_2300() -> None:
    # 2018-11-04 00:00 -03 -> 01:00 -02 (03:00Z); 2019-02-17 00:00 -02 ->
    # 2019-02-16 23:00 -03 (02:00Z).
    midnight = dst_report(
        "0 0 * * *", "America/Sao_Paulo", dialects=["kubernetes"], start=start(2018, 9)
    )
    gap = effect_at(midnight, "2018-11-04T03:00:00Z", "kubernetes")
    assert walls(gap.skipped) == ["2018-11-04T00:00"]
    assert gap.skipped[0].reason == DOES_NOT_EXIST

    evening = dst_report(
        "0 23 * * *", "America/Sao_Paulo", dialects=["kubernetes"], start=start(2018, 9)
    )
    fold = effect_at(evening, "2019-02-17T02:00:00Z", "kubernetes")
    assert walls(fold.doubled) == ["2019-02-16T23:00"]
    assert utcs(fold.doubled[0].runs) == [
        "2019-02-17T01:00:00Z",
        "2019-02-17T02:00:00Z",
    ]


def test_sao_paulo_has_no_change_after_dst_was_abolished_in_2019() -> None:
    assert offset_changes("America/Sao_Paulo", start(2019, 3), start(2026)) == []


def test_santiago_midnight_gap_and_2330_fold_in_2024() -> None:
    # 2024-04-07 00:00 -03 -> 2024-04-06 23:00 -04 (03:00Z); 2024-09-08
    # 00:00 -04 -> 01:00 -03 (04:00Z).
    late = dst_report(
        "30 23 * * *", "America/Santiago", dialects=["kubernetes"], start=start(2024)
    )
    fold = effect_at(late, "2024-04-07T03:00:00Z", "kubernetes")
    assert utcs(fold.doubled[0].runs) == [
        "2024-04-07T02:30:00Z",
        "2024-04-07T03:30:00Z",
    ]
    midnight = dst_report(
        "0 0 * * *", "America/Santiago", dialects=["kubernetes"], start=start(2024)
    )
    gap = effect_at(midnight, "2024-09-08T04:00:00Z", "kubernetes")
    assert walls(gap.skipped) == ["2024-09-08T00:00"]


def test_apia_2011_loses_every_run_of_the_skipped_day() -> None:
    report = dst_report(
        "0 9,21 * * *", "Pacific/Apia", dialects=["kubernetes"], start=start(2011, 12)
    )
    effect = effect_at(report, "2011-12-30T10:00:00Z", "kubernetes")
    assert walls(effect.skipped) == ["2011-12-30T09:00", "2011-12-30T21:00"]
    assert {s.reason for s in effect.skipped} == {DOES_NOT_EXIST}


def test_apia_2011_skips_say_the_clock_jumps_a_whole_day() -> None:
    report = dst_report(
        "0 9 * * *", "Pacific/Apia", dialects=["kubernetes"], start=start(2011, 12)
    )
    effect = effect_at(report, "2011-12-30T10:00:00Z", "kubernetes")
    (skipped,) = effect.skipped
    assert "jump from 2011-12-30 00:00 to 2011-12-31 00:00" in skipped.detail


def test_apia_2011_day_restricted_search_is_reported_as_stopped() -> None:
    # SEMANTICS §4.5: Go's search walking into the skipped day never returns.
    report = dst_report(
        "1 3 23,30 * *", "Pacific/Apia", dialects=["kubernetes"], start=start(2011, 12)
    )
    effect = effect_at(report, "2011-12-30T10:00:00Z", "kubernetes")
    assert effect.stopped is not None
    assert "never returns" in effect.stopped


def test_casablanca_2026_ramadan_fold_and_gap_under_kubernetes() -> None:
    report = dst_report(
        "30 2 * * *", "Africa/Casablanca", dialects=["kubernetes"], start=start(2026)
    )
    fold = effect_at(report, "2026-02-15T02:00:00Z", "kubernetes")
    assert utcs(fold.doubled[0].runs) == [
        "2026-02-15T01:30:00Z",
        "2026-02-15T02:30:00Z",
    ]
    gap = effect_at(report, "2026-03-22T02:00:00Z", "kubernetes")
    assert walls(gap.skipped) == ["2026-03-22T02:30"]


def test_cairo_friday_run_is_dropped_on_the_eastern_midnight_change() -> None:
    # SEMANTICS §4.2: 0 9 * * 5 never fires on Fri 2023-04-28.
    report = dst_report(
        "0 9 * * 5", "Africa/Cairo", dialects=["kubernetes"], start=start(2023)
    )
    effect = effect_at(report, "2023-04-27T22:00:00Z", "kubernetes")
    assert walls(effect.skipped) == ["2023-04-28T09:00"]
    assert effect.skipped[0].reason == ANOMALY


def test_an_every_schedule_is_not_moved_by_offset_changes() -> None:
    report = dst_report(
        "@every 1h", "Europe/Berlin", dialects=["kubernetes"], start=start(2027)
    )
    assert report.transitions
    assert not any(t.is_affected for t in report.transitions)
    assert report.notes


# --- vixie side by side -------------------------------------------------


@needs_vixie
def test_berlin_2027_fall_back_runs_twice_under_kubernetes_once_under_vixie() -> None:
    # 2027-10-31 03:00 CEST -> 02:00 CET (01:00Z).
    report = dst_report(
        "30 2 * * *",
        "Europe/Berlin",
        dialects=["kubernetes", "vixie"],
        start=start(2026, 12, 3),
    )
    kubernetes = effect_at(report, "2027-10-31T01:00:00Z", "kubernetes")
    vixie = effect_at(report, "2027-10-31T01:00:00Z", "vixie")
    assert utcs(kubernetes.doubled[0].runs) == [
        "2027-10-31T00:30:00Z",
        "2027-10-31T01:30:00Z",
    ]
    assert not vixie.doubled
    assert utcs(vixie.once[0].runs) == ["2027-10-31T00:30:00Z"]


@needs_vixie
def test_berlin_2027_spring_forward_moves_0230_to_0300_under_vixie() -> None:
    # 2027-03-28 02:00 CET -> 03:00 CEST (01:00Z).
    report = dst_report(
        "30 2 * * *",
        "Europe/Berlin",
        dialects=["kubernetes", "vixie"],
        start=start(2026, 12, 3),
    )
    kubernetes = effect_at(report, "2027-03-28T01:00:00Z", "kubernetes")
    vixie = effect_at(report, "2027-03-28T01:00:00Z", "vixie")
    assert walls(kubernetes.skipped) == ["2027-03-28T02:30"]
    (shifted,) = vixie.shifted
    assert iso_z(shifted.run.utc) == "2027-03-28T01:00:00Z"
    assert shifted.to_dict()["walls"] == ["2027-03-28T02:30"]
    assert not vixie.skipped


@needs_vixie
def test_vixie_runs_several_skipped_times_once_and_the_report_says_so() -> None:
    # Debian cron runs a fixed-time job once at 03:00 for both 02:00 and
    # 02:30; neither wall time is reported as lost.
    report = dst_report(
        "0,30 2 * * *", "Europe/Berlin", dialects=["vixie"], start=start(2027)
    )
    effect = effect_at(report, "2027-03-28T01:00:00Z", "vixie")
    assert not effect.skipped
    (shifted,) = effect.shifted
    assert shifted.to_dict()["walls"] == ["2027-03-28T02:00", "2027-03-28T02:30"]
    schedule = cronlab.parse("0,30 2 * * *", tz="Europe/Berlin", dialect="vixie")
    assert dst_warnings(schedule, start(2027))[0] == (
        "runs at 03:00 on 2027-03-28 instead of 02:00, 02:30, which does not exist"
    )


@needs_vixie
def test_vixie_merges_a_skipped_time_into_the_run_after_the_jump() -> None:
    report = dst_report(
        "0 2,3 * * *", "Europe/Berlin", dialects=["vixie"], start=start(2027)
    )
    effect = effect_at(report, "2027-03-28T01:00:00Z", "vixie")
    assert not effect.skipped
    assert not effect.anomalies
    assert effect.shifted[0].to_dict()["walls"] == ["2027-03-28T02:00"]


@needs_vixie
def test_vixie_wildcard_jobs_follow_real_time_through_a_fold() -> None:
    # Debian cron repeats wildcard jobs when the wall clock repeats.
    report = dst_report(
        "*/30 2 * * *", "Europe/Berlin", dialects=["vixie"], start=start(2027)
    )
    effect = effect_at(report, "2027-10-31T01:00:00Z", "vixie")
    assert walls(effect.doubled) == ["2027-10-31T02:00", "2027-10-31T02:30"]


@needs_vixie
def test_apia_clock_jump_of_a_day_is_a_reset_for_vixie() -> None:
    # Debian cron treats a jump of 3 h or more as a clock reset: nothing is
    # caught up.
    report = dst_report(
        "0 9 * * *", "Pacific/Apia", dialects=["vixie"], start=start(2011, 12)
    )
    effect = effect_at(report, "2011-12-30T10:00:00Z", "vixie")
    assert walls(effect.skipped) == ["2011-12-30T09:00"]
    assert not effect.shifted


@needs_vixie
def test_a_dialect_that_refuses_the_expression_is_listed_not_fatal() -> None:
    report = dst_report("0 0 * * 7", "Europe/Berlin", start=start(2027))
    assert "kubernetes" in report.refused
    assert "weekday 7" in report.refused["kubernetes"]
    assert "vixie" in report.dialects


# --- inputs, limits, speed --------------------------------------------


def test_every_installed_dialect_is_analysed_by_default() -> None:
    report = dst_report("0 3 * * *", "Europe/Berlin", start=start(2027))
    assert report.dialects == available_dialects()
    assert "kubernetes" in report.dialects


def test_a_schedule_is_analysed_under_its_own_dialect() -> None:
    schedule = cronlab.parse("30 2 * * *", tz="Europe/Berlin")
    report = dst_report(schedule, start=start(2027))
    assert report.dialects == ("kubernetes",)
    assert report.to_dict()["timeZone"] == "Europe/Berlin"


def test_the_window_is_capped_at_fifty_years() -> None:
    with pytest.raises(cronlab.CronlabError, match=f"at most {MAX_YEARS}: 51"):
        dst_report("0 3 * * *", "Europe/Berlin", years=51)
    with pytest.raises(cronlab.CronlabError, match="whole number"):
        dst_report("0 3 * * *", "Europe/Berlin", years=0)


def test_an_unknown_zone_is_a_time_zone_error() -> None:
    with pytest.raises(cronlab.TimeZoneError, match="Mars/Olympus"):
        dst_report("0 3 * * *", "Mars/Olympus")


def test_an_expression_every_dialect_refuses_raises_its_error() -> None:
    with pytest.raises(cronlab.ExpressionError):
        dst_report("0 0 * *", "Europe/Berlin")


def test_a_window_of_one_year_is_366_days() -> None:
    report = dst_report("0 3 * * *", "UTC", start=start(2027))
    assert report.to_dict()["to"] == "2028-01-02T00:00:00Z"
    assert report.transitions == []


def test_ten_years_of_a_five_minute_schedule_report_every_change() -> None:
    # Only the days either side of each change are expanded; a full
    # expansion would be a million runs per dialect.
    report = dst_report("*/5 * * * *", "Europe/Berlin", start=start(2027), years=10)
    assert len(report.transitions) == 20
    effect = report.transitions[1].effects["kubernetes"]
    assert len(effect.doubled) == 12


def test_json_lists_each_change_with_every_dialects_effects() -> None:
    data = dst_report("30 2 * * *", "Europe/Berlin", start=start(2027)).to_dict()
    assert set(data) >= {"transitions", "calendar", "dialects", "refused", "tzdata"}
    first = data["transitions"][0]
    assert set(first["dialects"]) == set(data["dialects"])
    assert set(first["dialects"]["kubernetes"]) == {
        "skipped",
        "doubled",
        "once",
        "shifted",
        "anomalies",
        "stopped",
    }


# --- warnings for check -----------------------------------------------


def test_warnings_name_the_doubled_and_missing_nights() -> None:
    schedule = cronlab.parse("30 2 * * *", tz="Europe/Berlin")
    assert dst_warnings(schedule, start(2026, 12, 3)) == [
        "no run at 02:30 on 2027-03-28: that wall time does not exist",
        "runs twice at 02:30 on 2027-10-31: that wall time happens twice",
    ]


def test_warnings_sum_up_many_wall_times() -> None:
    schedule = cronlab.parse("*/5 2 * * *", tz="Europe/Berlin")
    assert dst_warnings(schedule, start(2027, 10)) == [
        "runs twice at 02:00–02:55 on 2027-10-31: those 12 wall times happen twice",
        "no run at 02:00–02:55 on 2028-03-26: those 12 wall times do not exist",
    ]


def test_warnings_of_a_job_running_all_day_name_only_the_missing_times() -> None:
    # "no run on <date>" would read as no run that whole day.
    schedule = cronlab.parse("*/30 * * * *", tz="America/New_York")
    assert dst_warnings(schedule, start(2027, 3))[0] == (
        "no run at 02:00, 02:30 on 2027-03-14: those wall times do not exist"
    )


def test_warnings_date_each_skipped_time_when_they_span_midnight() -> None:
    schedule = cronlab.parse("45 3 * * *", tz="Pacific/Chatham")
    skipped = [w for w in dst_warnings(schedule, start(2015, 4)) if "skips" in w]
    assert skipped[0].startswith("no run at 2015-04-05 03:45, 2015-04-06 03:45 (")


def test_warnings_call_the_lord_howe_skip_a_controller_anomaly() -> None:
    schedule = cronlab.parse("0 9 * * *", tz="Australia/Lord_Howe")
    (first, _second) = dst_warnings(schedule, start(2024, 9))
    assert first.startswith("no run at 09:00 on 2024-10-06 (controller anomaly")


def test_a_zone_without_changes_gives_no_warnings() -> None:
    schedule = cronlab.parse("30 2 * * *", tz="Asia/Tokyo")
    assert dst_warnings(schedule, start(2027)) == []


def test_check_adds_the_dst_warnings_to_each_cronjob() -> None:
    manifest = """
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "30 2 * * *"
  timeZone: Europe/Berlin
  jobTemplate: {spec: {template: {spec: {containers: []}}}}
"""
    report = check_text(manifest, "backup.yaml", start(2026, 12, 3), 1)
    (item,) = report.cronjobs
    messages = [p.message for p in item.problems if p.level == "warning"]
    assert "no run at 02:30 on 2027-03-28: that wall time does not exist" in messages
    assert "runs twice at 02:30 on 2027-10-31: that wall time happens twice" in messages


@pytest.mark.skipif(
    "croniter" not in available_dialects(), reason="croniter dialect not installed"
)
def test_berlin_2027_under_croniter_moves_the_gap_run_and_repeats_the_fold() -> None:
    # croniter 7.0.0 (pinned): the missing 02:30 runs at 03:00 CEST and the
    # repeated 02:30 runs in both passes.
    report = dst_report(
        "30 2 * * *", "Europe/Berlin", dialects=["croniter"], start=start(2027)
    )
    spring = effect_at(report, "2027-03-28T01:00:00Z", "croniter")
    assert [iso_z(s.run.utc) for s in spring.shifted] == ["2027-03-28T01:00:00Z"]
    assert not spring.skipped
    autumn = effect_at(report, "2027-10-31T01:00:00Z", "croniter")
    assert utcs(autumn.doubled[0].runs) == [
        "2027-10-31T00:30:00Z",
        "2027-10-31T01:30:00Z",
    ]


def test_a_window_past_the_year_9990_is_refused_not_crashed() -> None:
    with pytest.raises(cronlab.CronlabError, match="before 9990-01-01"):
        dst_report("0 3 * * *", "Europe/Berlin", start=start(9999, 6))
    # The calendar is cut short there instead.
    report = dst_report("0 3 * * *", "Europe/Berlin", start=start(9988))
    assert report.calendar[-1].utc.year == 9989


def test_a_run_moved_across_midnight_names_the_date_it_was_meant_for() -> None:
    # Samoa skipped 30 December 2011 entirely; croniter runs the midnight
    # job of that day at the next midnight, on the 31st.
    schedule = cronlab.parse("0 0 30 12 *", tz="Pacific/Apia", dialect="croniter")
    warning = dst_warnings(schedule, datetime(2011, 12, 1, tzinfo=UTC))[0]
    assert warning == (
        "runs at 00:00 on 2011-12-31 instead of 00:00 on 2011-12-30, "
        "which does not exist"
    )


def test_croniter_seconds_inside_a_named_minute_are_not_anomalies() -> None:
    # croniter's sixth field is seconds: '*/20 * * * * *' runs every second
    # of minutes 0, 20 and 40; the outline value sets keep the minutes.
    schedule = cronlab.parse("*/20 * * * * *", tz="Europe/Berlin", dialect="croniter")

    warnings = dst_warnings(schedule, datetime(2027, 10, 30, tzinfo=UTC), days=3)

    walls = "02:00, 02:20, 02:40"
    assert warnings == [
        f"runs twice at {walls} on 2027-10-31: those wall times happen twice"
    ]
