"""The immutable parsed form of a cron expression.

Every dialect's grammar produces an :class:`Expression`; expansion,
descriptions, lint and the dialect diff all read it, so words and runs can
never disagree.  It holds value sets, not text: ``Field.values`` is the
sorted tuple of matching values and ``Field.star`` the flag a dialect uses
to decide whether day-of-month and day-of-week are ANDed or ORed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

FIELD_NAMES = ("minute", "hour", "day-of-month", "month", "day-of-week")


class DayRule(enum.StrEnum):
    """How day-of-month and day-of-week combine."""

    AND = "and"
    OR = "or"


@dataclass(frozen=True, slots=True)
class Field:
    """One parsed field: its text, where it sits, and the values it matches."""

    name: str
    text: str
    column: int
    values: tuple[int, ...]
    star: bool
    mask: int = 0

    @classmethod
    def of(
        cls, name: str, text: str, column: int, values: set[int], star: bool
    ) -> Field:
        """Build a field from a value set; bit ``v`` of ``mask`` marks ``v``."""
        mask = 0
        for value in values:
            mask |= 1 << value
        return cls(name, text, column, tuple(sorted(values)), star, mask)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and value >= 0 and bool(self.mask >> value & 1)


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed cron expression, as one dialect understood it.

    ``every_seconds`` is set (and the fields are empty) for an
    ``@every <duration>`` schedule; ``descriptor`` keeps an ``@daily``-style
    shorthand the text used; ``zone_prefix`` keeps a ``TZ=``/``CRON_TZ=``
    zone named inside the text.
    """

    text: str
    dialect: str
    minute: Field
    hour: Field
    day_of_month: Field
    month: Field
    day_of_week: Field
    descriptor: str | None = None
    every_seconds: int | None = None
    zone_prefix: str | None = None
    prefix_kind: str | None = None

    @classmethod
    def of(
        cls,
        text: str,
        dialect: str,
        fields: list[Field],
        *,
        descriptor: str | None = None,
        every_seconds: int | None = None,
        zone_prefix: str | None = None,
        prefix_kind: str | None = None,
    ) -> Expression:
        """Build an expression from its five fields in crontab order."""
        # Every parse builds one: set the slots through their descriptors,
        # the frozen dataclass's __init__ costs several times more.
        minute, hour, day_of_month, month, day_of_week = fields
        expression: Expression = _new(cls)
        _SET_TEXT(expression, text)
        _SET_DIALECT(expression, dialect)
        _SET_MINUTE(expression, minute)
        _SET_HOUR(expression, hour)
        _SET_DAY_OF_MONTH(expression, day_of_month)
        _SET_MONTH(expression, month)
        _SET_DAY_OF_WEEK(expression, day_of_week)
        _SET_DESCRIPTOR(expression, descriptor)
        _SET_EVERY_SECONDS(expression, every_seconds)
        _SET_ZONE_PREFIX(expression, zone_prefix)
        _SET_PREFIX_KIND(expression, prefix_kind)
        return expression

    @property
    def fields(self) -> tuple[Field, Field, Field, Field, Field]:
        """The five fields in crontab order."""
        return (
            self.minute,
            self.hour,
            self.day_of_month,
            self.month,
            self.day_of_week,
        )

    @property
    def day_rule(self) -> DayRule:
        """AND when either day field carries the star flag, else OR.

        This is the robfig/cron and Vixie rule; what sets the flag differs by
        dialect and is decided by the grammar.
        """
        if self.day_of_month.star or self.day_of_week.star:
            return DayRule.AND
        return DayRule.OR

    @property
    def is_every(self) -> bool:
        """True for an ``@every`` constant-delay schedule."""
        return self.every_seconds is not None

    def matches_day(self, day: int, weekday: int) -> bool:
        """Whether a calendar day matches, ``weekday`` 0 = Sunday."""
        dom = bool(self.day_of_month.mask >> day & 1)
        dow = bool(self.day_of_week.mask >> weekday & 1)
        if self.day_rule is DayRule.AND:
            return dom and dow
        return dom or dow

    def matches_wall(
        self, month: int, day: int, weekday: int, hour: int, minute: int
    ) -> bool:
        """Whether a local wall-clock minute matches every field."""
        return (
            bool(self.minute.mask >> minute & 1)
            and bool(self.hour.mask >> hour & 1)
            and bool(self.month.mask >> month & 1)
            and self.matches_day(day, weekday)
        )


def built_field(
    name: str, text: str, column: int, values: tuple[int, ...], star: bool, mask: int
) -> Field:
    """``Field(name, text, column, values, star, mask)``, built through its
    slots: a parser builds one per field text and column, and the frozen
    dataclass's ``__init__`` costs about twice as much."""
    field: Field = _new(Field)
    _SET_NAME(field, name)
    _SET_FIELD_TEXT(field, text)
    _SET_COLUMN(field, column)
    _SET_VALUES(field, values)
    _SET_STAR(field, star)
    _SET_MASK(field, mask)
    return field


_new = object.__new__
_SET_NAME = vars(Field)["name"].__set__
_SET_FIELD_TEXT = vars(Field)["text"].__set__
_SET_COLUMN = vars(Field)["column"].__set__
_SET_VALUES = vars(Field)["values"].__set__
_SET_STAR = vars(Field)["star"].__set__
_SET_MASK = vars(Field)["mask"].__set__
_SET_TEXT = vars(Expression)["text"].__set__
_SET_DIALECT = vars(Expression)["dialect"].__set__
_SET_MINUTE = vars(Expression)["minute"].__set__
_SET_HOUR = vars(Expression)["hour"].__set__
_SET_DAY_OF_MONTH = vars(Expression)["day_of_month"].__set__
_SET_MONTH = vars(Expression)["month"].__set__
_SET_DAY_OF_WEEK = vars(Expression)["day_of_week"].__set__
_SET_DESCRIPTOR = vars(Expression)["descriptor"].__set__
_SET_EVERY_SECONDS = vars(Expression)["every_seconds"].__set__
_SET_ZONE_PREFIX = vars(Expression)["zone_prefix"].__set__
_SET_PREFIX_KIND = vars(Expression)["prefix_kind"].__set__
