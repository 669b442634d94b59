"""robfig/cron's field grammar: one field's text to the values it names.

What ``ParseStandard`` accepts in each of the five fields (SEMANTICS.md §1):
``*`` and ``?``, lists, ranges, steps, ``N/step``, month and weekday names
in any case, and every refusal with the item, its place and a hint.  The
``kubernetes`` dialect splits the expression into fields and calls
:func:`field_at` for each.
"""

from __future__ import annotations

import functools

from ..errors import ExpressionError, excerpt
from ..expression import Field, built_field
from .golang import atoi
from .grammar import MONTH_NAMES, WEEKDAY_NAMES, Bounds, Token, five_fields

BOUNDS = five_fields(highest_weekday=6)


def field_of(text: str, token: Token, bounds: Bounds) -> Field:
    """The field ``token`` of expression ``text``; raises ExpressionError."""
    return field_at(text, token.text, token.column, bounds.name)


def field_at(text: str, piece: str, column: int, name: str) -> Field:
    """Field ``name`` read from ``piece``, which stands at ``column`` of
    expression ``text``; raises ExpressionError naming the bad item."""
    try:
        return cached_field(piece, column, name)
    except RefusalError as refusal:
        raise ExpressionError(
            refusal.reason,
            expression=text,
            field=name,
            text=refusal.item,
            column=column + refusal.at,
            hint=refusal.hint,
        ) from None


@functools.lru_cache(maxsize=16384)
def cached_field(piece: str, column: int, name: str) -> Field:
    """Field ``name`` read from ``piece`` at ``column``, memoised (a Field
    is immutable: the same text at the same column is one object); raises
    :class:`RefusalError`, cheaper than an ExpressionError for a caller
    that has a fuller way to word the refusal."""
    values, star, mask = _field_values(piece, name)
    return built_field(name, piece, column, values, star, mask)


class RefusalError(Exception):
    """A field text the grammar refuses: which item, where in the field,
    and why (the caller adds the expression and the column)."""

    def __init__(self, item: str, at: int, reason: str, hint: str | None) -> None:
        super().__init__(reason)
        self.item = item
        self.at = at
        self.reason = reason
        self.hint = hint


_BOUNDS_BY_NAME = {bounds.name: bounds for bounds in BOUNDS}


@functools.lru_cache(maxsize=16384)
def _field_values(text: str, name: str) -> tuple[tuple[int, ...], bool, int]:
    # (values, star flag, mask) of one field's text.  A fleet's schedules
    # share most field texts ("*", "0", "*/5"), so the answer is memoised;
    # a refusal raises and is not.
    bounds = _BOUNDS_BY_NAME[name]
    low, high = bounds.low, bounds.high
    values: set[int] = set()
    star = False
    at = 0
    for piece in text.split(","):
        if piece in ("*", "?"):
            values.update(range(low, high + 1))
            star = True
        elif (len(piece) <= 2 and piece.isdigit() and piece.isascii()) and low <= int(
            piece
        ) <= high:
            # A plain number in range: what _item makes of it, sooner.  A
            # long text goes the full way, which refuses it in words.
            values.add(int(piece))
        elif (simple := _plain_item(piece, bounds)) is not None:
            values.update(simple)
        elif piece:
            item_values, item_star = _item(piece, at, bounds)
            values |= item_values
            star = star or item_star
        at += len(piece) + 1
    mask = 0
    for value in values:
        mask |= 1 << value
    return tuple(sorted(values)), star, mask


def _plain_item(item: str, bounds: Bounds) -> range | None:
    # "a-b", "a/s", "a-b/s" and "*/s" in plain digits, in range, with a
    # step of 1 or more: what _item makes of them (no star flag: '*/s'
    # drops it only for a step over 1, so it is left to _item), sooner.
    # ``None`` for anything else, which _item reads or refuses.
    if len(item) > 20:
        return None  # no short cut for long texts (int() refuses huge ones)
    range_text, slash, step_text = item.partition("/")
    if slash:
        if not (step_text.isascii() and step_text.isdigit()):
            return None
        if len(step_text) > 18 or int(step_text) < 2:
            return None  # Go's Atoi refuses past 2**63 - 1
        step = int(step_text)
    else:
        step = 1
    low_text, dash, high_text = range_text.partition("-")
    if not (low_text.isascii() and low_text.isdigit()):
        return None
    low = int(low_text)
    if dash:
        if not (high_text.isascii() and high_text.isdigit()):
            return None
        high = int(high_text)
    elif slash:
        high = bounds.high  # 'N/S' means 'N-max/S'
    else:
        return None
    if not bounds.low <= low <= high <= bounds.high:
        return None
    return range(low, high + 1, step)


def _item(item: str, at: int, bounds: Bounds) -> tuple[set[int], bool]:
    def refuse(reason: str, hint: str | None = None) -> RefusalError:
        return RefusalError(item, at, reason, hint)

    range_and_step = item.split("/")
    low_high = range_and_step[0].split("-")
    single = len(low_high) == 1
    star = False

    if low_high[0] in ("*", "?"):
        # robfig ignores whatever follows '*-' ('*-5' is '*').
        start, end, star = bounds.low, bounds.high, True
    else:
        start = _int_or_name(low_high[0], bounds, refuse)
        if len(low_high) == 1:
            end = start
        elif len(low_high) == 2:
            end = _int_or_name(low_high[1], bounds, refuse)
        else:
            raise refuse("too many hyphens", "a range is low-high")

    if len(range_and_step) == 1:
        step = 1
    elif len(range_and_step) == 2:
        step = _go_int(range_and_step[1], refuse)
        if single:
            end = bounds.high  # 'N/S' means 'N-max/S'
        if step > 1:
            star = False
    else:
        raise refuse("too many slashes", "a step is range/step, e.g. */15")

    if start < bounds.low:
        raise refuse(f"{start} is below the minimum {bounds.low}", _range_hint(bounds))
    if end > bounds.high:
        raise refuse(
            f"{end} is above the maximum {bounds.high}", _range_hint(bounds, end)
        )
    if start > end:
        raise refuse(
            f"range start {start} is beyond its end {end}",
            "ranges do not wrap around; split it, e.g. 22-23,0-2",
        )
    if step == 0:
        raise refuse("a step must be a positive number", "use a step of 1 or more")
    return set(range(start, end + 1, step)), star


def _range_hint(bounds: Bounds, value: int | None = None) -> str:
    if bounds.name == "day-of-week" and value == 7:
        return "weekday 7 is not accepted by Kubernetes; use 0 for Sunday"
    return f"{bounds.name} takes {bounds.low}-{bounds.high}"


def _int_or_name(piece: str, bounds: Bounds, refuse: object) -> int:
    if bounds.names is not None and piece.lower() in bounds.names:
        return bounds.names[piece.lower()]
    return _go_int(piece, refuse)


def _go_int(piece: str, refuse: object) -> int:
    """Go ``strconv.Atoi``, then robfig's refusal of negatives."""
    assert callable(refuse)
    value = atoi(piece)
    if value is None:
        raise refuse(f"not a number: {excerpt(piece)}", _word_hint(piece))
    if value < 0:
        raise refuse(f"negative number {value} is not allowed")
    return value


def _word_hint(piece: str) -> str | None:
    lowered = piece.lower()
    is_name = lowered[:3] in MONTH_NAMES or lowered[:3] in WEEKDAY_NAMES
    if is_name and len(piece) > 3 and piece.isalpha():
        return f"names are three letters: use {lowered[:3]!r}"
    if any(mark in piece.upper() for mark in ("L", "W", "#")):
        return "Kubernetes does not support the L, W or # extensions"
    if piece.lower().startswith("0x"):
        return "write numbers in decimal"
    return None
