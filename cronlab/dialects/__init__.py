"""Dialects: each is a grammar plus an expansion rule.

A dialect module turns text into an :class:`~cronlab.expression.Expression`
(``parse``) and says how wall-clock matches become instants when a wall
time is missing or repeated (``expand``).  Every module offers::

    DIALECT: str
    parse(text: str) -> Expression
    expand(expr: Expression, zone: Zone, after: int) -> Expansion

where ``expand`` yields :class:`~cronlab.run.Run` values strictly after the
Unix second ``after`` and returns, as the generator's value, why it stopped
early (``(SearchEnd, reason)``) or ``None``.
"""

from __future__ import annotations

import importlib
from collections.abc import Generator, Sequence
from typing import Protocol

from ..errors import DialectError
from ..expression import Expression
from ..run import Run, SearchEnd
from ..zones import Zone

DIALECTS = ("kubernetes", "vixie", "croniter")

Expansion = Generator[Run, None, tuple[SearchEnd, str] | None]


class Dialect(Protocol):
    """What a dialect module provides."""

    DIALECT: str

    def parse(self, text: str) -> Expression: ...

    def expand(self, expr: Expression, zone: Zone, after: int) -> Expansion: ...


def check_dialect(name: str) -> str:
    """Return ``name`` if it is a known dialect, else raise DialectError."""
    if name not in DIALECTS:
        known = ", ".join(DIALECTS)
        raise DialectError(f"unknown dialect (known: {known}): {name!r}")
    return name


def dialect_names(
    dialects: Sequence[str] | str | None, default: tuple[str, ...]
) -> tuple[str, ...]:
    """The dialects asked for, each once and in order; ``default`` when
    none.  One name alone is one dialect, not a sequence of letters."""
    if isinstance(dialects, str):
        return (dialects,)
    if dialects is None:
        return default
    if not isinstance(dialects, list | tuple) or not all(
        isinstance(name, str) for name in dialects
    ):
        raise DialectError(f"dialects is a list of dialect names: {dialects!r}")
    return tuple(dict.fromkeys(dialects)) or default


def get_dialect(name: str) -> Dialect:
    """The module implementing dialect ``name``."""
    check_dialect(name)
    module: Dialect = importlib.import_module(f"{__name__}.{name}")
    return module
