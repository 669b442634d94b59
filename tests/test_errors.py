"""The error family: messages end with the offending text, cut when long."""

from __future__ import annotations

import pytest

import cronlab
from cronlab.errors import ExpressionError, TimeZoneError, excerpt


def test_a_short_text_is_quoted_whole() -> None:
    assert excerpt("0 0 * * 8") == "'0 0 * * 8'"
    assert excerpt("x" * 80) == repr("x" * 80)


def test_a_long_text_is_cut_to_its_start_with_its_length() -> None:
    assert excerpt("x" * 100_000) == f"'{'x' * 60}…' (100,000 characters)"
    assert excerpt("9" * 81, quote=False) == f"{'9' * 60}… (81 characters)"


def test_an_expression_error_ends_with_the_excerpt_but_keeps_the_whole_text() -> None:
    text = "x" * 100_000
    err = ExpressionError("not a number", expression=text)

    assert str(err).endswith(f": '{'x' * 60}…' (100,000 characters)")
    assert err.text == text


def test_a_time_zone_error_cuts_a_long_name() -> None:
    assert len(str(TimeZoneError("unknown time zone", "x" * 10_000))) < 120


@pytest.mark.parametrize("dialect", ["kubernetes", "vixie", "croniter"])
@pytest.mark.parametrize(
    "expression",
    [
        "x" * 100_000,
        "0 0 * * " + "a" * 100_000,
        "0 0 * * " + "9" * 100_000,
        "*/" + "x" * 100_000 + " 0 * * *",
        "1-" + "9" * 100_000 + " 0 * * *",
        "0 " * 50_000,
    ],
)
def test_a_huge_bad_expression_gives_a_short_message_in_every_dialect(
    dialect: str, expression: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        cronlab.parse(expression, dialect=dialect)

    assert len(str(caught.value)) < 400
