"""Go's number and duration parsers, as robfig/cron calls them.

``strconv.Atoi`` reads the numbers of a field and ``time.ParseDuration``
the duration of ``@every``; both refuse what overflows an int64.  Each
returns None for a text Go refuses, and the grammar says why.
"""

from __future__ import annotations

import re

INT64_MAX = 2**63 - 1

_INT = re.compile(r"[+-]?[0-9]+")
_DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "μs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}
_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")


def atoi(text: str) -> int | None:
    """``strconv.Atoi`` on a 64-bit platform: an optional sign and digits,
    leading zeros allowed."""
    if not _INT.fullmatch(text):
        return None
    # Python's int() refuses texts of over 4300 digits, so the length of
    # the significant digits is checked first.
    significant = text.lstrip("+-").lstrip("0") or "0"
    if len(significant) > 19 or int(significant) > INT64_MAX:
        return None
    return -int(significant) if text.startswith("-") else int(significant)


def parse_duration(text: str) -> int | None:
    """Nanoseconds of ``time.ParseDuration(text)``: an optional sign, then
    number+unit pairs (``1h30m``, ``1.5s``, ``-5m``)."""
    rest = text
    sign = 1
    if rest[:1] in "+-" and rest:
        sign = -1 if rest[0] == "-" else 1
        rest = rest[1:]
    if rest == "0":
        return 0
    if not rest:
        return None
    nanos = 0
    pos = 0
    while pos < len(rest):
        m = _DURATION_PART.match(rest, pos)
        if not m or m.group(1) in ("", "."):
            return None
        part = _part_nanos(m.group(1), _DURATION_UNITS[m.group(2)])
        if part is None:
            return None
        nanos += part
        pos = m.end()
    return nanos * sign if nanos <= INT64_MAX else None


def _part_nanos(number: str, scale: int) -> int | None:
    whole, _, frac = number.partition(".")
    # Python's int() refuses texts of over 4300 digits: a whole part past
    # 19 digits overflows Go's int64 anyway, and fraction digits past the
    # 18th are below a nanosecond.
    whole, frac = whole.lstrip("0"), frac[:18]
    if len(whole) > 19:
        return None
    nanos = int(whole or "0") * scale
    if frac:
        # Go scales the fraction in floating point; so does this.
        nanos += int(int(frac) * scale / 10 ** len(frac))
    return nanos
