"""The cronlab error family.

Every error cronlab raises on bad input derives from :class:`CronlabError`::

    CronlabError
    ├── ExpressionError   (also ValueError) a cron expression is refused
    ├── TimeZoneError     (also ValueError) a zone name is refused
    ├── DialectError      (also ValueError) an unknown dialect name
    └── ManifestError     (also ValueError) a manifest cannot be read

Messages name what is wrong and end with the offending value.
"""

from __future__ import annotations


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
        super().__init__(f"{reason} {where}{fix}: {self.text!r}")


class TimeZoneError(CronlabError, ValueError):
    """A time-zone name is unknown or refused by Kubernetes."""

    def __init__(self, reason: str, name: str) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{reason}: {name!r}")


class DialectError(CronlabError, ValueError):
    """An unknown dialect name was asked for."""


class ManifestError(CronlabError, ValueError):
    """A manifest file or document cannot be read as Kubernetes YAML."""
