"""Comments beside a schedule: conversions that hold only part of the year."""

from __future__ import annotations

from datetime import UTC, datetime

import cronlab
from cronlab.comments import comment_warnings
from cronlab.manifests import read_documents

AFTER = datetime(2026, 12, 3, tzinfo=UTC)


def test_a_utc_to_bst_note_on_a_utc_schedule_holds_only_in_summer() -> None:
    [warning] = comment_warnings(
        "09:00 UTC = 10:00 BST (UK summer time)", cronlab.parse("0 9 * * *"), AFTER
    )

    assert "converts between UTC and Europe/London time" in warning
    assert "09:00 GMT in January and 10:00 BST in July" in warning
    assert "set spec.timeZone: Europe/London" in warning


def test_a_utc_note_on_a_new_york_schedule_holds_only_in_winter() -> None:
    schedule = cronlab.parse("0 9 * * *", tz="America/New_York")

    [warning] = comment_warnings("runs at 14:00 UTC", schedule, AFTER)

    assert "14:00 UTC in January and 13:00 UTC in July" in warning


def test_zones_that_change_clocks_together_hold_all_year() -> None:
    schedule = cronlab.parse("0 9 * * *", tz="Europe/London")

    assert comment_warnings("10:00 CET / 11:00 CEST", schedule, AFTER) == []


def test_a_note_in_the_schedules_own_zone_or_without_a_time_is_fine() -> None:
    assert comment_warnings("8 AM UTC", cronlab.parse("0 8 * * 4"), AFTER) == []
    assert comment_warnings("see BST docs", cronlab.parse("0 8 * * 4"), AFTER) == []


def test_ambiguous_abbreviations_are_not_read_as_a_zone() -> None:
    # CST is China's zone as often as US Central.
    schedule = cronlab.parse("0 16 * * 1-5", tz="Asia/Shanghai")

    assert comment_warnings("16:00 CST", schedule, AFTER) == []


def test_the_comment_beside_and_above_the_schedule_line_is_read() -> None:
    text = (
        "spec:\n"
        "  # nightly, UK time\n"
        '  schedule: "0 9 * * *"  # 09:00 UTC = 10:00 BST\n'
        '  image: "a#b"\n'
    )
    [document] = read_documents(text, "job.yaml")

    assert (
        document.schedule_comment("0 9 * * *")
        == "nightly, UK time 09:00 UTC = 10:00 BST"
    )
    assert document.schedule_comment("0 10 * * *") is None
