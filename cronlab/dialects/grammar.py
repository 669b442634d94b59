"""Shared pieces of the five-field grammars: bounds, names, tokenising."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
_WEEKDAYS = "sun mon tue wed thu fri sat"
MONTH_NAMES = {name: n for n, name in enumerate(_MONTHS.split(), start=1)}
WEEKDAY_NAMES = {name: n for n, name in enumerate(_WEEKDAYS.split())}


@dataclass(frozen=True, slots=True)
class Bounds:
    """The legal values of one field and the names it accepts."""

    name: str
    low: int
    high: int
    names: dict[str, int] | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace-separated piece of the expression and its column."""

    text: str
    column: int


def five_fields(highest_weekday: int) -> tuple[Bounds, ...]:
    """The five fields in order; dialects differ only in whether 7 is Sunday."""
    return (
        Bounds("minute", 0, 59),
        Bounds("hour", 0, 23),
        Bounds("day-of-month", 1, 31),
        Bounds("month", 1, 12, MONTH_NAMES),
        Bounds("day-of-week", 0, highest_weekday, WEEKDAY_NAMES),
    )


_TOKEN = re.compile(r"\S+")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split on whitespace runs, keeping 1-based columns."""
    return [Token(m.group(), m.start() + 1 + offset) for m in _TOKEN.finditer(text)]


def items_of(token: Token) -> list[Token]:
    """Split a field on commas, keeping columns and dropping empty items."""
    items: list[Token] = []
    column = token.column
    for piece in token.text.split(","):
        if piece:
            items.append(Token(piece, column))
        column += len(piece) + 1
    return items
