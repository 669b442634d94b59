"""The dialect diff: where Kubernetes, Debian cron and croniter part ways.

Two kinds of finding.  *Portability warnings* are read from each dialect's
parsed :class:`~cronlab.expression.Expression` (and from the refusals of
dialects that do not accept the text): weekday 7, day-of-month and
day-of-week ANDed by one engine and ORed by another, a bare ``N/step``,
``?``, descriptors only one engine knows, a field whose values differ.
*Disagreements* are instants at which some dialects run the schedule and
others do not, found by expanding every accepting dialect over a window.

When every dialect reads the same wall-clock minutes (same values, same
day matching), their runs can only part where the wall clock is not
monotone, so only the days around each offset change are expanded; a
decade of ``* * * * *`` then costs what a few days do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .dialects import DIALECTS, dialect_names
from .dst import available_dialects, change_window
from .errors import CronlabError, TimeZoneError
from .expression import Expression, Field
from .offsets import iso_utc, window
from .run import Note, Run
from .schedule import Schedule, parse
from .zones import TZDATA_VERSION, Zone

#: How many disagreements a diff lists by default (all are counted).
DEFAULT_LIMIT = 20
#: The most runs expanded per dialect; a longer window is cut short, and
#: the diff says where it stopped.
MAX_RUNS = 1_000_000


@dataclass(frozen=True, slots=True)
class Disagreement:
    """An instant some dialects run the schedule at and others do not."""

    unix: int
    runs: dict[str, Run]
    missing: tuple[str, ...]
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "utc": iso_utc(self.unix),
            "kind": self.kind,
            "run_by": {name: run.to_dict() for name, run in self.runs.items()},
            "not_run_by": list(self.missing),
        }


@dataclass(slots=True)
class DialectDiff:
    """Where the dialects disagree about one expression in one zone."""

    expression: str
    zone: Zone
    start: int
    end: int
    dialects: tuple[str, ...]
    refused: dict[str, str]
    warnings: list[str]
    disagreements: list[Disagreement]
    counts: dict[str, int]
    total: int
    scope: str
    compared_until: int
    notes: list[str] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        """True when no instant differs and nothing is refused."""
        return not self.total and not self.refused

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form::

        {"expression", "timeZone", "tzdata", "from", "to",
         "dialects": [accepting dialects], "refused": {name: message},
         "warnings": [text], "notes": [text],
         "scope": "whole window" | "days around offset changes",
         "compared_until": iso, "total": n, "counts": {kind: n},
         "disagreements": [{"utc", "kind", "run_by": {name: run},
                            "not_run_by": [names]}]}
        """
        return {
            "expression": self.expression,
            "timeZone": self.zone.name,
            "tzdata": TZDATA_VERSION,
            "from": iso_utc(self.start),
            "to": iso_utc(self.end),
            "dialects": list(self.dialects),
            "refused": dict(self.refused),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "scope": self.scope,
            "compared_until": iso_utc(self.compared_until),
            "total": self.total,
            "counts": dict(self.counts),
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


def diff_dialects(
    expr: str,
    tz: str | None = None,
    *,
    dialects: Sequence[str] | str | None = None,
    start: datetime | None = None,
    years: int = 1,
    limit: int = DEFAULT_LIMIT,
) -> DialectDiff:
    """Compare ``expr`` in zone ``tz`` under ``dialects`` (default every
    installed one) over ``years`` × 366 days from ``start`` (default now).

    Lists the first ``limit`` disagreements and counts all of them by kind.
    A dialect that refuses the text is reported, not raised; a bad zone
    raises :class:`~cronlab.TimeZoneError`, and text every dialect refuses
    raises the first refusal.
    """
    _check(limit)
    begin, finish = window(start, years)
    names = dialect_names(dialects, available_dialects())
    schedules, refused = _parse_all(expr, tz, names)
    zone = next(iter(schedules.values())).zone

    warnings = portability_warnings(
        expr, {n: s.expression for n, s in schedules.items()}, refused
    )
    result = DialectDiff(
        expr,
        zone,
        begin,
        finish,
        tuple(schedules),
        refused,
        warnings,
        disagreements=[],
        counts={},
        total=0,
        scope="none",
        compared_until=begin,
    )
    if len(schedules) < 2:
        result.notes.append(
            "fewer than two dialects accept the expression: no runs to compare"
        )
        return result

    same_intent = _same_wall_intent([s.expression for s in schedules.values()])
    if same_intent:
        spans = _change_spans(zone, begin, finish)
        result.scope = "days around offset changes"
        result.notes.append(
            "every dialect reads the same wall-clock minutes, so only the "
            "days around UTC-offset changes can differ; those were compared"
        )
    else:
        spans = [(begin, finish)]
        result.scope = "whole window"
    runs, result.compared_until = _collect(schedules, spans, finish)
    found = _disagreements(runs, tuple(schedules))
    result.disagreements = found[:limit]
    result.counts = dict(Counter(d.kind for d in found))
    result.total = len(found)
    if result.compared_until < finish:
        result.notes.append(
            f"compared up to {iso_utc(result.compared_until)} only: more than "
            f"{MAX_RUNS:,} runs per dialect"
        )
    return result


# --- portability warnings -----------------------------------------------


def _refused(name: str, message: str) -> str:
    # A dialect's own message may already say who refuses (croniter's do):
    # name the dialect once.
    if message.startswith(f"{name} "):
        return message
    return f"{name} refuses it: {message}"


_BARE_STEP = re.compile(r"(?:^|,)(\d+|[A-Za-z]{3})/\d+")
_SEVEN = re.compile(r"(?:^|[,\-/])7(?:$|[,\-/])")


def portability_warnings(
    text: str, parsed: dict[str, Expression], refused: dict[str, str]
) -> list[str]:
    """Warnings about the expression itself, from each dialect's reading.

    ``parsed`` maps each accepting dialect to its Expression; ``refused``
    maps each refusing dialect to its message.
    """
    warnings = [_refused(name, message) for name, message in refused.items()]
    accept = _names(parsed)
    refuse = _names(refused)
    fields = _field_texts(parsed)

    # Weekday 7: Sunday for Debian cron and croniter, refused by robfig.
    dow = fields.get("day-of-week", "")
    if _SEVEN.search(dow) and refused:
        warnings.append(
            f"weekday 7 (Sunday) is accepted by {accept} but refused by "
            f"{refuse}; write 0 for Sunday"
        )

    # '?' is robfig's alias of '*'; other crons refuse it.
    if "?" in text and refused:
        warnings.append(f"'?' is read as '*' by {accept} but refused by {refuse}")

    # Descriptors: each engine knows its own set.
    word = text.strip().split(" ")[0] if text.strip().startswith("@") else ""
    if word and refused:
        warnings.append(
            f"descriptor {word} is understood by {accept} but not by {refuse}"
        )

    # A bare N/step: robfig reads N-max/step; Debian refuses it.
    for name, field_text in fields.items():
        if _BARE_STEP.search(field_text):
            readings = _readings(parsed, name)
            warnings.append(
                f"{field_text!r} in the {name} field is a step after a single "
                f"value: {readings}"
                + (f"; refused by {refuse}" if refused else "")
                + "; write a range such as N-max/step to be portable"
            )

    # Day matching: whether a day must match both day fields or either.
    rules = {n: e.day_rule.value for n, e in parsed.items() if not e.is_every}
    if len(set(rules.values())) > 1:
        by_rule = _group(rules)
        warnings.append(
            "day-of-month and day-of-week are "
            + " but ".join(
                f"{'ANDed' if rule == 'and' else 'ORed'} under {names}"
                for rule, names in by_rule.items()
            )
            + " (AND: a day must match both; OR: either)"
        )

    # Any other field whose values differ between dialects.
    for name in ("minute", "hour", "day-of-month", "month", "day-of-week"):
        if name in fields and _BARE_STEP.search(fields[name]):
            continue
        values = {
            n: _field(e, name).values for n, e in parsed.items() if not e.is_every
        }
        if len(set(values.values())) > 1:
            warnings.append(
                f"the {name} field {fields.get(name, '')!r} means "
                f"{_readings(parsed, name)}"
            )
    return warnings


def _field_texts(parsed: dict[str, Expression]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for expression in parsed.values():
        if expression.is_every or expression.descriptor:
            continue
        for item in expression.fields:
            texts.setdefault(item.name, item.text)
    return texts


def _field(expression: Expression, name: str) -> Field:
    return next(f for f in expression.fields if f.name == name)


def _readings(parsed: dict[str, Expression], name: str) -> str:
    groups = _group(
        {n: _values_text(_field(e, name).values) for n, e in parsed.items()}
    )
    return "; ".join(f"{values} under {names}" for values, names in groups.items())


def _group(by_dialect: dict[str, str]) -> dict[str, str]:
    groups: dict[str, list[str]] = {}
    for dialect, value in by_dialect.items():
        groups.setdefault(value, []).append(dialect)
    return {value: " and ".join(names) for value, names in groups.items()}


def _names(by_dialect: dict[str, Any]) -> str:
    return " and ".join(by_dialect) or "none"


def _values_text(values: tuple[int, ...]) -> str:
    if len(values) <= 8:
        return ",".join(str(v) for v in values)
    head = ",".join(str(v) for v in values[:4])
    return f"{head},… ({len(values)} values)"


# --- comparing runs ------------------------------------------------------


def _same_wall_intent(expressions: list[Expression]) -> bool:
    # Same minutes, hours, months and the same set of matching days (every
    # day-of-month against every weekday), whatever the text said.  Text
    # the five value sets cannot hold (croniter's L, W, #, seconds or
    # year fields) is compared over the whole window instead.
    if any(e.is_every or not _is_plain(e) for e in expressions):
        return False
    keys = {
        (
            e.minute.mask,
            e.hour.mask,
            e.month.mask,
            frozenset(
                (d, w) for d in range(1, 32) for w in range(7) if e.matches_day(d, w)
            ),
        )
        for e in expressions
    }
    return len(keys) == 1


_NAME = re.compile(r"[A-Za-z]{3,}")
_EXTENSION = re.compile(r"[LW#]", re.IGNORECASE)


def _is_plain(expression: Expression) -> bool:
    if expression.descriptor:
        return True
    body = expression.text.split()
    if expression.zone_prefix is not None:
        body = body[1:]
    if len(body) != 5:
        return False
    return not any(_EXTENSION.search(_NAME.sub("", part)) for part in body)


def _change_spans(zone: Zone, start: int, end: int) -> list[tuple[int, int]]:
    spans = [change_window(zone, t.at) for t in zone.transitions(start, end)]
    return [(max(low, start), min(high, end)) for low, high in spans]


def _collect(
    schedules: dict[str, Schedule], spans: list[tuple[int, int]], until: int
) -> tuple[dict[int, dict[str, Run]], int]:
    # Expand each dialect over the spans, at most MAX_RUNS runs each; a
    # dialect cut short moves ``until`` back for all of them.
    by_instant: dict[int, dict[str, Run]] = {}
    for name, schedule in schedules.items():
        count = 0
        for low, high in spans:
            if low >= until:
                break
            for run in schedule.expand_unix(low - 1):
                if run.unix >= min(high, until):
                    break
                by_instant.setdefault(run.unix, {})[name] = run
                count += 1
                if count >= MAX_RUNS:
                    until = run.unix + 1
                    break
    # Keep only instants every dialect was compared at.
    return {u: r for u, r in by_instant.items() if u < until}, until


def _disagreements(
    by_instant: dict[int, dict[str, Run]], names: tuple[str, ...]
) -> list[Disagreement]:
    found: list[Disagreement] = []
    for unix in sorted(by_instant):
        runs = by_instant[unix]
        if len(runs) == len(names):
            continue
        ordered = {n: runs[n] for n in names if n in runs}
        missing = tuple(n for n in names if n not in runs)
        shifted = [n for n, r in ordered.items() if r.note is Note.GAP_SHIFTED]
        if shifted:
            kind = f"shifted under {', '.join(shifted)}"
        else:
            kind = f"only under {', '.join(ordered)}"
        found.append(Disagreement(unix, ordered, missing, kind))
    return found


# --- inputs --------------------------------------------------------------


def _parse_all(
    expr: str, tz: str | None, names: tuple[str, ...]
) -> tuple[dict[str, Schedule], dict[str, str]]:
    schedules: dict[str, Schedule] = {}
    refused: dict[str, str] = {}
    first: CronlabError | None = None
    for name in names:
        if name not in DIALECTS:
            raise CronlabError(
                f"unknown dialect (known: {', '.join(DIALECTS)}): {name!r}"
            )
        try:
            schedules[name] = parse(expr, tz=tz, dialect=name)
        except TimeZoneError:
            raise
        except CronlabError as err:
            refused[name] = str(err)
            first = first or err
    if not schedules:
        assert first is not None
        raise first
    return schedules, refused


def _check(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise CronlabError(f"limit must be a non-negative whole number: {limit!r}")
