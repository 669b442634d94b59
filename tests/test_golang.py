"""Go's Atoi and ParseDuration, as the kubernetes grammar uses them."""

from __future__ import annotations

import pytest

from cronlab.dialects.golang import INT64_MAX, atoi, parse_duration


def test_atoi_takes_a_sign_and_leading_zeros_and_refuses_overflow() -> None:
    assert atoi("+5") == 5
    assert atoi("-5") == -5
    assert atoi("0" * 10_000 + "7") == 7
    assert atoi(str(INT64_MAX)) == INT64_MAX
    assert atoi(str(INT64_MAX + 1)) is None
    assert atoi("9" * 100_000) is None
    assert atoi("5a") is None


@pytest.mark.parametrize(
    ("text", "nanos"),
    [
        ("1h30m", 5_400 * 10**9),
        ("1.5s", 1_500_000_000),
        ("-1h", -3_600 * 10**9),
        ("0", 0),
        ("500ms", 500_000_000),
    ],
)
def test_parse_duration_reads_number_and_unit_pairs(text: str, nanos: int) -> None:
    assert parse_duration(text) == nanos


@pytest.mark.parametrize("text", ["", "-", "1", "1d", "9" * 100_000 + "s", "3000000h"])
def test_parse_duration_refuses_what_go_refuses(text: str) -> None:
    assert parse_duration(text) is None
