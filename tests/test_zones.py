"""Zones come from the pinned tzdata wheel and are validated like the API
server validates spec.timeZone."""

from __future__ import annotations

import pytest

import cronlab
from cronlab.zones import load_zone, validate_time_zone, zone_names


def test_the_zone_data_is_the_pinned_iana_release() -> None:
    assert cronlab.TZDATA_VERSION == "2026f"


def test_zone_names_come_from_the_wheel_and_include_links() -> None:
    names = zone_names()
    assert "Europe/Berlin" in names
    assert "US/Eastern" in names  # a backward link Go also loads
    assert list(names) == sorted(names)


def test_new_york_transitions_of_2024_are_found_to_the_second() -> None:
    zone = load_zone("America/New_York")
    start, end = 1704067200, 1735689600  # 2024-01-01 .. 2025-01-01 UTC
    changes = [(t.at, t.before, t.after) for t in zone.transitions(start, end)]
    assert changes == [
        (1710054000, -18000, -14400),  # 2024-03-10 07:00Z, EST -> EDT
        (1730613600, -14400, -18000),  # 2024-11-03 06:00Z, EDT -> EST
    ]


def test_transitions_past_the_table_follow_the_zone_rule() -> None:
    # 2090 is beyond the explicit transitions: the POSIX rule applies.
    zone = load_zone("Europe/Berlin")
    start = 3786912000  # 2090-01-01T00:00Z
    changes = zone.transitions(start, start + 366 * 86400)
    assert [t.after - t.before for t in changes] == [3600, -3600]
    assert all(t.at % 3600 == 0 for t in changes)


def test_lord_howe_moves_by_half_an_hour() -> None:
    zone = load_zone("Australia/Lord_Howe")
    changes = zone.transitions(1727740800, 1743465600)  # Oct 2024 .. Apr 2025
    assert [t.delta for t in changes] == [1800]


def test_apia_skipped_a_whole_day_in_2011() -> None:
    zone = load_zone("Pacific/Apia")
    (change,) = zone.transitions(1325000000, 1325500000)
    assert change.delta == 86400
    assert change.is_gap


@pytest.mark.parametrize("name", ["UTC", "Etc/GMT+5", "EST5EDT", "Asia/Singapore"])
def test_names_the_api_server_accepts(name: str) -> None:
    validate_time_zone(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "non-empty"),
        ("Local", "explicit"),
        ("LOCAL", "explicit"),
        ("Europe/Nowhere", "unknown"),
        ("../etc/passwd", "unknown"),
        ("America/Argentina/ComodRivadavia_and_more", "unknown"),
        ("-Europe/Berlin", "unknown"),
    ],
)
def test_names_the_api_server_refuses(name: str, message: str) -> None:
    with pytest.raises(cronlab.TimeZoneError, match=message):
        validate_time_zone(name)
