"""Schedule: an expression, a zone and a dialect, and the runs they give."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

from .dialects import Dialect, Expansion, check_dialect, get_dialect
from .errors import CronlabError
from .expression import Expression
from .run import Run, RunList, SearchEnd
from .zones import UTC_NAME, Zone, load_zone, to_unix, validate_time_zone

#: The most runs one call may ask for; every search is bounded.
MAX_COUNT = 1_000_000

#: Said of a kubernetes schedule with "TZ" in it: the controller honours
#: the prefix, but the API server refuses the text (SEMANTICS §5).
TZ_PREFIX_REFUSED = (
    "since Kubernetes 1.29 the API server refuses a new CronJob whose "
    "schedule has TZ or CRON_TZ in it; use spec.timeZone instead"
)

_YEAR = 366 * 86400
# How far back prev_runs looks before giving up: further than any dialect
# searches forward (Kubernetes stops after five years).
_PREV_LIMIT = 30 * _YEAR


class Schedule:
    """A parsed expression in a zone under one dialect's rules.

    Build it with :func:`cronlab.parse`.  ``warnings`` lists things about
    the input a user should know that do not stop it from running.
    """

    def __init__(
        self,
        expression: Expression,
        zone: Zone,
        dialect: str,
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.expression = expression
        self.zone = zone
        self.dialect = dialect
        self.warnings = warnings
        self._rule = _rule_of(dialect)

    def __repr__(self) -> str:
        return (
            f"Schedule({self.expression.text!r}, tz={self.zone.name!r}, "
            f"dialect={self.dialect!r})"
        )

    @property
    def text(self) -> str:
        """The expression's text."""
        return self.expression.text

    @property
    def tz(self) -> str:
        """The IANA name of the zone the schedule is evaluated in."""
        return self.zone.name

    def expand_unix(self, after: int) -> Expansion:
        """Runs strictly after Unix second ``after`` (lazy, unbounded in
        count; each step is bounded by the dialect's search window, and the
        whole by the dates a datetime can hold)."""
        if after >= LAST_INSTANT:
            return _past_the_calendar()
        return _within_calendar(self._rule.expand(self.expression, self.zone, after))

    def next_runs(self, after: datetime, count: int) -> RunList:
        """The next ``count`` runs strictly after the aware ``after``.

        Fewer come back when the search ends; ``RunList.end`` says why.
        """
        _check_count(count)
        # A dialect may fill the list directly, skipping a generator step
        # per run; it must give what collect(expand) gives.
        bulk = getattr(self._rule, "collect_runs", None)
        start = to_unix(after)
        if bulk is not None and start < LAST_INSTANT:
            runs: RunList = bulk(self.expression, self.zone, start, count)
            if not runs or runs[-1].unix <= LAST_INSTANT:
                return runs
            kept = [run for run in runs if run.unix <= LAST_INSTANT]
            return RunList(kept, SearchEnd.EXHAUSTED, _CALENDAR_END)
        return collect(self.expand_unix(start), count)

    def iter_runs(self, after: datetime) -> Iterator[Run]:
        """Runs strictly after ``after``, lazily, until the search ends."""
        yield from self.expand_unix(to_unix(after))

    def between(self, start: datetime, end: datetime) -> Iterator[Run]:
        """Runs at instants ``start <= run < end``, lazily."""
        stop = to_unix(end)
        first = to_unix(start) - 1
        if start.microsecond:
            first += 1  # a run exactly on the floored second is before start
        for run in self.expand_unix(first):
            if run.unix >= stop:
                return
            yield run

    def prev_runs(self, before: datetime, count: int) -> RunList:
        """The ``count`` runs strictly before ``before``, newest first.

        They are the instants the forward search gives, found by searching
        forward from ever earlier points, up to thirty years back.
        """
        _check_count(count)
        limit = to_unix(before)
        if before.microsecond:
            limit += 1  # a run on the floored second is still before it
        window = 2 * 86400
        while True:
            found = self._runs_in(max(limit - window, FIRST_INSTANT), limit)
            if len(found) >= count or window >= _PREV_LIMIT:
                break
            window = min(window * 4, _PREV_LIMIT)
        newest = found[::-1][:count]
        if len(newest) < count:
            return RunList(
                newest,
                SearchEnd.EXHAUSTED,
                "no earlier run within thirty years",
            )
        return RunList(newest)

    def _runs_in(self, start: int, stop: int) -> list[Run]:
        # Walk forward over [start, stop); where a search ends early, resume
        # past the point it gave up at, so a run years later is still found.
        runs: list[Run] = []
        cursor = start - 1
        while cursor < stop:
            expansion = self.expand_unix(cursor)
            while True:
                try:
                    run = next(expansion)
                except StopIteration as stop_info:
                    ended = stop_info.value
                    break
                if run.unix >= stop:
                    return runs
                runs.append(run)
                cursor = run.unix
            if ended is None:
                return runs
            cursor = _resume_point(ended[0], cursor)
        return runs


# Runs must be expressible as datetimes: year 1 to year 9999, with a day's
# margin for the zone offset.
FIRST_INSTANT = -62135596800 + 86400  # 0001-01-02T00:00:00Z
LAST_INSTANT = 253402300799 - 86400  # 9999-12-30T23:59:59Z
_CALENDAR_END = "no run computed after 9999-12-30T23:59:59Z, the end of the calendar"


def _within_calendar(expansion: Expansion) -> Expansion:
    while True:
        try:
            run = next(expansion)
        except StopIteration as stop:
            ended: tuple[SearchEnd, str] | None = stop.value
            return ended
        if run.unix > LAST_INSTANT:
            return SearchEnd.EXHAUSTED, _CALENDAR_END
        yield run


def _past_the_calendar() -> Expansion:
    return SearchEnd.EXHAUSTED, _CALENDAR_END
    yield  # a generator that ends at once


def _resume_point(end: SearchEnd, cursor: int) -> int:
    if end is SearchEnd.EXHAUSTED:
        return cursor + 5 * 365 * 86400
    return cursor + 86400


def collect(expansion: Expansion, count: int) -> RunList:
    """Take up to ``count`` runs from an expansion, keeping why it ended."""
    ended: list[tuple[SearchEnd, str] | None] = []
    runs = list(islice(_recording_end(expansion, ended), count))
    if ended and ended[0] is not None:
        end, reason = ended[0]
        return RunList(runs, end, reason)
    return RunList(runs)


def _recording_end(
    expansion: Expansion, ended: list[tuple[SearchEnd, str] | None]
) -> Iterator[Run]:
    # Pass runs through untouched (islice then pulls them at C speed) and
    # keep the expansion's return value: why it stopped, if it did.
    ended.append((yield from expansion))


_RULES: dict[str, Dialect] = {}


def _rule_of(dialect: str) -> Dialect:
    # The dialect's module, looked up once per name.
    rule = _RULES.get(dialect)
    if rule is None:
        rule = _RULES[dialect] = get_dialect(dialect)
    return rule


def _check_count(count: int) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise CronlabError(f"count must be a non-negative integer: {count!r}")
    if count > MAX_COUNT:
        raise CronlabError(f"count must be at most {MAX_COUNT}: {count!r}")


@functools.lru_cache(maxsize=1024)
def _checked_zone(name: str) -> Zone:
    # The API server's timeZone checks, once per name (a refusal raises
    # and is not cached).
    validate_time_zone(name)
    return load_zone(name)


def parse(expr: str, tz: str | None = None, dialect: str = "kubernetes") -> Schedule:
    """Parse ``expr`` under ``dialect`` and bind it to zone ``tz``.

    ``tz`` is an IANA name (``None`` or ``""``: UTC).  Raises
    :class:`~cronlab.ExpressionError` for a refused expression and
    :class:`~cronlab.TimeZoneError` for a refused zone.
    """
    rule = _RULES.get(dialect) if isinstance(dialect, str) else None
    if rule is None:
        check_dialect(dialect)
        rule = _rule_of(dialect)
    if not isinstance(expr, str):
        raise CronlabError(f"expression must be a string: {expr!r}")
    expression = rule.parse(expr)
    warnings: list[str] = []
    if dialect == "kubernetes" and expression.every_seconds is not None:
        warnings += _every_warnings(expr)

    if dialect == "kubernetes" and "TZ" in expr:
        # The controller uses a schedule containing "TZ" as it is and
        # ignores spec.timeZone (SEMANTICS §6.1).
        from .dialects.kubernetes import load_location

        zone = load_location(expression.zone_prefix or "")
        warnings.append(TZ_PREFIX_REFUSED)
        if tz:
            warnings.append(
                f"the schedule names its own zone, so timeZone {tz!r} is ignored"
            )
        return Schedule(expression, zone, dialect, tuple(warnings))

    zone = _checked_zone(tz) if tz else load_zone(UTC_NAME)
    return Schedule(expression, zone, dialect, tuple(warnings))


def _every_warnings(expr: str) -> list[str]:
    # robfig quietly runs "@every -1h" (or 0s, or 500ms) every second
    # (SEMANTICS §1); a user who wrote it surely meant something else.
    from .dialects.golang import parse_duration

    value = expr.split("@every ", 1)[1]
    if (parse_duration(value) or 0) >= 1_000_000_000:
        return []
    return [f"@every {value} is under one second, so it runs every second"]
