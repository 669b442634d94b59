"""The cronlab error family.

Every error cronlab raises on bad input derives from :class:`CronlabError`::

    CronlabError
    ├── ExpressionError   (also ValueError) a cron expression is refused
    ├── TimeZoneError     (also ValueError) a zone name is refused
    ├── DialectError      (also ValueError) an unknown dialect name
    └── ManifestError     (also ValueError) a manifest cannot be read

Messages name what is wrong and end with the offending value, cut to its
start when it is long (see :func:`excerpt`).
"""

from __future__ import annotations

#: Texts longer than this are cut to ``EXCERPT`` characters in messages,
#: so a pasted file does not become a 100 KB error line.
LONG = 80
EXCERPT = 60


def excerpt(text: str, *, quote: bool = True) -> str:
    """``text`` as a message shows it: quoted (``repr``) unless ``quote`` is
    false, and when long cut to its start, with ``…`` and the full length.

    >>> excerpt("5 * * *")
    "'5 * * *'"
    >>> excerpt("9" * 100, quote=False)[-20:]
    '99999… (100 characters)'
    """
    if len(text) <= LONG:
        return repr(text) if quote else text
    start = text[:EXCERPT] + "…"
    shown = repr(start) if quote else start
    return f"{shown} ({len(text):,} characters)"


class CronlabError(Exception):
    """Base class of every error cronlab raises on bad input."""


class ExpressionError(CronlabError, ValueError):
    """A cron expression is refused by the dialect's grammar.

    ``field`` names the field ("minute", "day-of-week", …, or "expression"
    when the whole text is at fault), ``column`` is the 1-based position of
    ``text`` in the expression, and ``hint`` suggests a fix when one is
    obvious.
    """

    def __init__(
        self,
        reason: str,
        *,
        expression: str,
        field: str = "expression",
        text: str | None = None,
        column: int = 1,
        hint: str | None = None,
    ) -> None:
        self.reason = reason
        self.expression = expression
        self.field = field
        self.text = expression if text is None else text
        self.column = column
        self.hint = hint
        where = f"in the {field} field at column {column}"
        fix = f"; {hint}" if hint else ""
        super().__init__(f"{reason} {where}{fix}: {excerpt(self.text)}")


class TimeZoneError(CronlabError, ValueError):
    """A time-zone name is unknown or refused by Kubernetes."""

    def __init__(self, reason: str, name: str) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{reason}: {excerpt(name)}")


class DialectError(CronlabError, ValueError):
    """An unknown dialect name was asked for."""


class ManifestError(CronlabError, ValueError):
    """A manifest file or document cannot be read as Kubernetes YAML."""
