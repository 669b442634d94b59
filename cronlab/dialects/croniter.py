"""The ``croniter`` dialect: what the pinned croniter computes.

croniter (7.0.0, pinned in pyproject) schedules jobs for Airflow and many
Python tools.  Its runs come from croniter itself, never from a
re-implementation: :func:`expand` drives ``croniter.get_next`` and only
annotates what it returns.  Its text is read by croniter too
(``croniter.expand``), and the value sets it reports become the
:class:`~cronlab.expression.Expression` that descriptions and the dialect
diff read.

croniter's syntax is wider than the other dialects': ``?``, ``L``, ``W``,
``#``, ``L5`` (last Friday), wrap-around ranges (``fri-mon``), a seconds
field and a year field.  Where the text uses such a form the Expression's
value sets are an outline (``L`` adds no value, ``2#3`` keeps weekday 2) and
wall-clock matching asks croniter's own ``match``.

Options.  croniter's ``day_or`` (default ``True``: day-of-month and
day-of-week are ORed when both are restricted) and ``implement_cron_bug``
(AND when either day field starts with ``*``, as Vixie cron does) change
the day rule.  :func:`parse` takes them as keywords and records the rule in
the Expression's star flags, so :func:`expand` needs no other input;
:func:`schedule` builds a :class:`~cronlab.schedule.Schedule` with them::

    from cronlab.dialects.croniter import schedule
    quarterly = schedule("0 13 8 1,4,7,10 wed", tz="UTC", day_or=False)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import croniter as croniter_package

from ..engine import DAY, civil_from_days, instants_of_wall, wall_of, weekday_of
from ..errors import LONG, ExpressionError, excerpt
from ..expression import Expression, Field
from ..run import Note, Run, SearchEnd
from ..schedule import Schedule
from ..schedule import parse as parse_schedule
from ..zones import Zone
from . import Expansion
from .grammar import tokenize

DIALECT = "croniter"

_CRONITER = croniter_package.croniter
_Refusal = (croniter_package.CroniterError, TypeError, ValueError, KeyError)

# croniter's field order: five crontab fields, then seconds, then year.
_FIELD_NAMES = (
    "minute",
    "hour",
    "day-of-month",
    "month",
    "day-of-week",
    "second",
    "year",
)
_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_DESCRIPTORS = {
    "@midnight",
    "@hourly",
    "@daily",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
}
_STAR_START = re.compile(r"^\*")
_SPECIAL_DOM = re.compile(r"[lw]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What croniter made of a text: its fields and whether they are plain
    value sets (no ``L``/``W``/``#``, no seconds or year)."""

    fields: tuple[tuple[object, ...], ...]
    nth: bool
    plain: bool


# -- grammar ---------------------------------------------------------------


def parse(
    text: str, *, day_or: bool = True, implement_cron_bug: bool = False
) -> Expression:
    """Read ``text`` as croniter reads it, under croniter's options.

    Raises :class:`ExpressionError` for what croniter refuses, naming the
    field and column when one field alone is at fault.
    """
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError(
            "empty schedule",
            expression=str(text),
            hint="give five fields: minute hour day-of-month month day-of-week",
        )
    reading = _read(text)
    tokens = tokenize(text)
    descriptor: str | None = text.strip().lower()
    if descriptor not in _DESCRIPTORS:
        descriptor = None

    fields = []
    for index in range(5):
        values, star = _values(reading.fields[index], index)
        if descriptor is None:
            field_text, column = tokens[index].text, tokens[index].column
        else:
            field_text, column = _text_of(values, star), tokens[0].column
        fields.append(Field.of(_FIELD_NAMES[index], field_text, column, values, star))
    minute, hour, dom, month, dow = fields

    # croniter ORs the day fields only when both are restricted and day_or
    # holds; implement_cron_bug ANDs them when either text starts with '*'
    # (croniter._calc_next).  The star flag carries that decision.
    texts_start_with_star = bool(
        _STAR_START.match(dom.text) or _STAR_START.match(dow.text)
    )
    forced_and = not day_or or (implement_cron_bug and texts_start_with_star)
    if forced_and and not dom.star and not dow.star:
        dom = Field.of(dom.name, dom.text, dom.column, set(dom.values), True)
    return Expression(
        text, DIALECT, minute, hour, dom, month, dow, descriptor=descriptor
    )


@functools.lru_cache(maxsize=512)
def _read(text: str) -> _Reading:
    try:
        expanded, nth = _CRONITER.expand(text)
    except _Refusal as err:
        raise _refusal(text, err) from err
    fields = tuple(tuple(values) for values in expanded)
    special_dom = any(not isinstance(v, int) and v != "*" for v in fields[2])
    tokens = text.split()
    has_w = len(tokens) >= 3 and bool(_SPECIAL_DOM.search(tokens[2]))
    plain = len(fields) == 5 and not nth and not special_dom and not has_w
    if text.strip().lower() in _DESCRIPTORS:
        plain = True
    return _Reading(fields, bool(nth), plain)


def _values(expanded: tuple[object, ...], index: int) -> tuple[set[int], bool]:
    low, high = _BOUNDS[index]
    if expanded == ("*",):
        return set(range(low, high + 1)), True
    return {v for v in expanded if isinstance(v, int)}, False


def _text_of(values: set[int], star: bool) -> str:
    if star:
        return "*"
    return ",".join(str(v) for v in sorted(values))


def _refusal(text: str, err: Exception) -> ExpressionError:
    """Translate croniter's refusal, locating the field when one is at
    fault: each field is tried alone with every other field ``*``."""
    message = str(err).splitlines()[-1] if str(err) else type(err).__name__
    tokens = tokenize(text)
    if not 5 <= len(tokens) <= 7:
        hint = "croniter takes 5 fields, or 6 with seconds last, or 7 with a year"
        if text.strip().startswith("@"):
            hint = "croniter knows " + ", ".join(sorted(_DESCRIPTORS))
        return ExpressionError(
            f"croniter refuses it: expected 5 to 7 fields, found {len(tokens)}",
            expression=text,
            hint=hint,
        )
    for index, token in enumerate(tokens):
        probe = ["*"] * len(tokens)
        probe[index] = token.text
        try:
            _CRONITER.expand(" ".join(probe))
        except _Refusal:
            return ExpressionError(
                f"croniter refuses it ({_short(message)})",
                expression=text,
                field=_FIELD_NAMES[index],
                text=token.text,
                column=token.column,
                hint=_hint(index, token.text),
            )
    return ExpressionError(f"croniter refuses it ({_short(message)})", expression=text)


def _short(message: str) -> str:
    # croniter repeats the whole expression in brackets; the error already
    # ends with it.  It may quote a field too, which can be long.
    message = re.sub(r"^\[[^\]]*\]\s*", "", message).strip() or "refused"
    return _LONG_QUOTE.sub(lambda m: excerpt(m.group(1)), message)


_LONG_QUOTE = re.compile(rf"'([^']{{{LONG + 1},}})'")


def _hint(index: int, text: str) -> str:
    if index < 5:
        low, high = _BOUNDS[index]
        if index == 4:
            high = 7
        return f"{_FIELD_NAMES[index]} takes {low}-{high}"
    if index == 5:
        return "the sixth field is seconds, 0-59"
    return "the seventh field is a year, 1970-2099"


# -- the schedule with options ---------------------------------------------


def schedule(
    expr: str,
    tz: str | None = None,
    *,
    day_or: bool = True,
    implement_cron_bug: bool = False,
) -> Schedule:
    """``cronlab.parse(expr, tz=tz, dialect="croniter")`` with croniter's
    ``day_or`` and ``implement_cron_bug`` options."""
    base = parse_schedule(expr, tz=tz, dialect=DIALECT)
    expression = parse(expr, day_or=day_or, implement_cron_bug=implement_cron_bug)
    return Schedule(expression, base.zone, DIALECT, base.warnings)


# -- expansion -------------------------------------------------------------


def expand(expr: Expression, zone: Zone, after: int) -> Expansion:
    """Runs strictly after Unix second ``after``, as croniter gives them.

    Each run is croniter's own answer, annotated against wall-clock
    matching.  Returns (as the generator's value) why croniter stopped:
    it found nothing within its fifty-year search, or it failed.
    """
    reading = _read(expr.text)
    day_or = _day_or(expr, reading)
    start = datetime.fromtimestamp(after, zone.info)
    try:
        engine = _CRONITER(expr.text, start, day_or=day_or)
    except _Refusal as err:
        return SearchEnd.EXHAUSTED, f"croniter failed: {err}"

    previous = after
    while True:
        try:
            found = engine.get_next(float)
        except croniter_package.CroniterBadDateError:
            return SearchEnd.EXHAUSTED, (
                "croniter finds no run within its fifty-year search window "
                f"after {_iso(previous)}"
            )
        except (AssertionError, OverflowError, ValueError) as err:
            return SearchEnd.EXHAUSTED, f"croniter failed after {_iso(previous)}: {err}"
        u = int(found)
        if u <= previous:
            return SearchEnd.STALLED, (
                f"croniter returns {_iso(u)}, not after {_iso(previous)}: "
                "its iteration is stuck there"
            )
        yield annotate(expr, zone, u, previous)
        previous = u


def _day_or(expr: Expression, reading: _Reading) -> bool:
    # croniter ORs only when both day fields are restricted; the Expression
    # says AND there exactly when an option asked for it.
    both_restricted = reading.fields[2] != ("*",) and reading.fields[4] != ("*",)
    return not (both_restricted and expr.day_of_month.star)


def annotate(expr: Expression, zone: Zone, u: int, previous: int) -> Run:
    """Classify croniter's run at Unix second ``u`` (the run before it, or
    the search start, at ``previous``) against wall-clock matching."""
    offset = zone.offset(u)
    local = u + offset
    if _matches(expr, local):
        passes = instants_of_wall(zone, local)
        if len(passes) == 2:
            note = Note.FOLD_FIRST if u == passes[0] else Note.FOLD_SECOND
            why = "the wall time happens twice; croniter gave this pass"
            return Run(u, offset, zone, note, why)
        return Run(u, offset, zone)

    intended = _skipped_wall(expr, zone, u, previous)
    if intended is not None:
        text = _wall_text(intended)
        reason = (
            f"{text[11:]} did not exist (the clock jumped forward); croniter "
            "moves it to the first wall time after the jump"
        )
        return Run(u, offset, zone, Note.GAP_SHIFTED, reason, text)
    wall = wall_of(zone, u)
    return Run(
        u,
        offset,
        zone,
        Note.ANOMALY,
        f"croniter runs at {wall.hour:02d}:{wall.minute:02d}, a wall time the "
        "schedule does not name",
    )


def _skipped_wall(expr: Expression, zone: Zone, u: int, previous: int) -> int | None:
    """The skipped wall time croniter moved to ``u``, if ``u`` is the end of
    a gap whose span holds a matching wall time after ``previous``."""
    for jump in zone.transitions(previous + 1, u + 1):
        if not jump.is_gap:
            continue
        start, end = jump.at + jump.before, jump.at + jump.after
        if u + zone.offset(u) - end >= 60 * 60:
            continue  # croniter lands within the hour after the gap
        for local in range(start - start % 60, end, 60):
            if local >= start and _matches(expr, local):
                return local
    return None


def _matches(expr: Expression, local: int) -> bool:
    reading = _read(expr.text)
    days, secs = divmod(local, DAY)
    if reading.plain:
        _, month, day = civil_from_days(days)
        return expr.matches_wall(
            month, day, weekday_of(days), secs // 3600, secs % 3600 // 60
        )
    # Extensions: ask croniter whether the naive wall time matches.
    naive = datetime.fromtimestamp(local, UTC).replace(tzinfo=None)
    result: bool = _CRONITER.match(expr.text, naive, day_or=_day_or(expr, reading))
    return result


def _wall_text(local: int) -> str:
    days, secs = divmod(local, DAY)
    moment = datetime.fromtimestamp(days * DAY + secs, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _iso(u: int) -> str:
    return datetime.fromtimestamp(u, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
