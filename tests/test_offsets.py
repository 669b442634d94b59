"""Offset-change helpers: the text forms of instants and dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from cronlab.offsets import date_text, day_text, iso_utc

YEAR_1 = -62135596800  # 0001-01-01T00:00:00Z


def test_an_instant_in_year_1_is_written_with_a_four_digit_year() -> None:
    assert iso_utc(YEAR_1 + 86400 + 3661) == "0001-01-02T01:01:01Z"


def test_an_instant_is_written_as_rfc_3339_utc_with_a_z() -> None:
    assert iso_utc(1_780_000_000) == "2026-05-28T20:26:40Z"


def test_a_datetimes_day_keeps_four_year_digits_and_its_own_zone() -> None:
    early = datetime(51, 2, 8, 23, 30, tzinfo=timezone(timedelta(hours=1)))
    assert day_text(early) == "0051-02-08"
    assert day_text(early.astimezone(UTC)) == "0051-02-08"
    assert date_text(YEAR_1) == "0001-01-01"
