"""Offset-change helpers: the text forms of instants and dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from cronlab.engine import DAY
from cronlab.offsets import (
    changes_between,
    date_text,
    day_text,
    iso_utc,
    jump_text,
    span_text,
)
from cronlab.zones import load_zone

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


HOUR = 3600
JAN_2 = DAY  # 1970-01-02T00:00 in local seconds


def test_a_span_within_a_day_is_two_times_of_day() -> None:
    assert span_text(JAN_2 + 2 * HOUR, JAN_2 + 3 * HOUR) == "02:00–03:00"


def test_a_span_ending_at_midnight_stays_within_its_day() -> None:
    assert span_text(JAN_2 - HOUR, JAN_2) == "23:00–00:00"


def test_a_span_of_a_whole_day_names_the_day() -> None:
    assert span_text(JAN_2, JAN_2 + DAY) == "the whole of 1970-01-02"
    assert span_text(JAN_2, JAN_2 + 2 * DAY) == (
        "the whole of 1970-01-02 to 1970-01-03"
    )


def test_a_span_across_midnight_or_of_a_day_or_more_names_both_dates() -> None:
    assert span_text(JAN_2 - 1800, JAN_2 + 1800) == (
        "1970-01-01 23:30 to 1970-01-02 00:30"
    )
    assert span_text(JAN_2 + HOUR, JAN_2 + DAY + HOUR) == (
        "1970-01-02 01:00 to 1970-01-03 01:00"
    )


def test_a_clock_jump_to_another_day_names_both_dates() -> None:
    assert jump_text(JAN_2 + 2 * HOUR, JAN_2 + 3 * HOUR) == "from 02:00 to 03:00"
    assert jump_text(JAN_2, JAN_2 + DAY) == (
        "from 1970-01-02 00:00 to 1970-01-03 00:00"
    )


def test_a_change_whose_clock_lands_on_another_day_names_both_dates() -> None:
    # São Paulo, 2019-02-17 00:00 -02 -> 2019-02-16 23:00 -03.
    zone = load_zone("America/Sao_Paulo")
    start = int(datetime(2019, 2, 10, tzinfo=UTC).timestamp())
    [change] = changes_between(zone, start, start + 30 * DAY)

    assert change.describe() == (
        "clocks go back 1 h: 2019-02-17 00:00 -02 → 2019-02-16 23:00 -03"
    )


def test_a_change_within_a_day_names_times_only() -> None:
    zone = load_zone("Europe/Berlin")
    start = int(datetime(2027, 3, 1, tzinfo=UTC).timestamp())
    [change] = changes_between(zone, start, start + 30 * DAY)

    assert change.describe() == "clocks go forward 1 h: 02:00 CET → 03:00 CEST"
