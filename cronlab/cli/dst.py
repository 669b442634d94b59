"""``cronlab dst``: what each offset change in a window does to a schedule."""

from __future__ import annotations

from dataclasses import dataclass

import click

from ..dialects import DIALECTS
from ..dst import (
    ANOMALY,
    DialectEffect,
    DstReport,
    TransitionReport,
    dst_report,
)
from ..errors import CronlabError
from ..offsets import (
    OffsetChange,
    date_text,
    day_text,
    iso_utc,
    span_text,
    wall_text,
)
from ..run import Run
from .common import (
    FORMATS,
    fail,
    parse_when,
    show,
    window_heading,
    window_options,
    zone_option,
)

# Wall times listed per change before the rest is summed up.
_SHOWN = 6


@click.command()
@click.argument("expr")
@zone_option("IANA zone, e.g. Europe/Berlin.", required=True)
@window_options()
@click.option(
    "--dialect",
    type=click.Choice(DIALECTS),
    default=None,
    help="Only this dialect (default: every dialect, side by side).",
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def dst(
    expr: str, tz: str, years: int, start: str | None, dialect: str | None, fmt: str
) -> None:
    """Show every UTC-offset change in ZONE over the window and which runs
    of EXPR each dialect skips, doubles or moves."""
    after = parse_when(start)
    try:
        report = dst_report(
            expr,
            tz,
            dialects=[dialect] if dialect else None,
            start=after,
            years=years,
        )
    except CronlabError as err:
        fail(str(err))

    show(fmt, report, render)


def render(report: DstReport) -> list[str]:
    """The text report, line by line."""
    lines = [
        window_heading(report.expression, report.zone, report.start, report.end),
        f"dialects: {', '.join(report.dialects)}",
    ]
    lines += [
        f"{name} refuses it: {message}" for name, message in report.refused.items()
    ]
    lines += [f"note: {note}" for note in report.notes]

    if not report.transitions:
        lines += ["", "no UTC-offset change in the window"]
    for item in report.transitions:
        lines += ["", *_transition(item)]

    until = date_text(report.calendar_end)  # a UTC date
    reach = "beyond the window" if report.calendar_end > report.end else "the window"
    lines += [
        "",
        f"calendar of {report.zone.name} offset changes until {until} ({reach}):",
    ]
    lines += [f"  {_change_line(change)}" for change in report.calendar]
    if not report.calendar:
        lines.append("  none in the coming years")
    return lines


def _change_line(change: OffsetChange) -> str:
    local = change.local_before
    low, high = change.span
    what = "does not exist" if change.is_gap else "happens twice"
    return (
        f"{date_text(local)} {change.describe()} "
        f"({iso_utc(change.at)}; {span_text(low, high)} {what}; "
        f"{change.cause.replace('_', ' ')})"
    )


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What one dialect did with one wall time."""

    phrase: str
    runs: tuple[Run, ...]


def _transition(item: TransitionReport) -> list[str]:
    change = item.change
    lines = [_change_line(change)]
    if not item.is_affected:
        return [*lines, "  no run of this schedule is affected"]

    walls = sorted({w for e in item.effects.values() for w in _walls_of(e)})
    for wall in walls[:_SHOWN]:
        lines += _wall_lines(item, wall)
    if len(walls) > _SHOWN:
        lines.append(
            f"  … and {len(walls) - _SHOWN} more wall times "
            "(--format json lists them all)"
        )
    for name, effect in item.effects.items():
        lines += [
            f"  {name}: extra run {_run_text(run)}: {run.reason or 'anomaly'}"
            for run in effect.anomalies
        ]
        if effect.stopped:
            lines.append(f"  {name}: stops: {effect.stopped}")
    return lines


def _walls_of(effect: DialectEffect) -> list[int]:
    walls = [s.wall for s in effect.skipped]
    walls += [f.wall for f in (*effect.doubled, *effect.once)]
    for shifted in effect.shifted:
        walls += shifted.walls or (shifted.run.unix + shifted.run.offset_seconds,)
    return walls


def _wall_lines(item: TransitionReport, wall: int) -> list[str]:
    change = item.change
    low, high = change.span
    in_span = low <= wall < high
    if in_span and change.is_gap:
        head = f"{wall_text(wall)} does not exist:"
    elif in_span:
        head = f"{wall_text(wall)} happens twice:"
    else:
        head = f"{date_text(wall)} {wall_text(wall)}:"

    outcomes = {name: _outcome(e, wall) for name, e in item.effects.items()}
    lines = [f"  {head} {_sentence(outcomes)}"]
    width = max(len(name) for name in outcomes) + 1
    for name, outcome in outcomes.items():
        if outcome.runs:
            runs = ", ".join(_run_text(run) for run in outcome.runs)
            lines.append(f"    {name + ':':<{width}} {runs}")
    return lines


def _outcome(effect: DialectEffect, wall: int) -> _Outcome:
    for folded in effect.doubled:
        if folded.wall == wall:
            return _Outcome("runs twice", folded.runs)
    for folded in effect.once:
        if folded.wall == wall:
            return _Outcome("runs once", folded.runs)
    for shifted in effect.shifted:
        local = shifted.run.unix + shifted.run.offset_seconds
        if wall in (shifted.walls or (local,)):
            return _Outcome(f"moved to {wall_text(local)}", (shifted.run,))
    for skipped in effect.skipped:
        if skipped.wall == wall:
            why = " (controller anomaly)" if skipped.reason == ANOMALY else ""
            if skipped.reason == ANOMALY and effect.dialect != "kubernetes":
                why = f" ({effect.dialect} anomaly)"
            return _Outcome(f"skipped{why}", ())
    return _Outcome("runs as usual", ())


def _sentence(outcomes: dict[str, _Outcome]) -> str:
    # Merge neighbouring dialects with the same outcome, and say "runs"
    # once: "runs twice under kubernetes, once under vixie and croniter".
    groups: list[tuple[str, list[str]]] = []
    for name, outcome in outcomes.items():
        if groups and groups[-1][0] == outcome.phrase:
            groups[-1][1].append(name)
        else:
            groups.append((outcome.phrase, [name]))
    parts: list[str] = []
    for i, (phrase, names) in enumerate(groups):
        text = phrase
        if i and phrase.startswith("runs ") and groups[i - 1][0].startswith("runs "):
            text = phrase.removeprefix("runs ")
        parts.append(f"{text} under {_join(names)}")
    return ", ".join(parts)


def _join(names: list[str]) -> str:
    if len(names) < 3:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _run_text(run: Run) -> str:
    local = f"{day_text(run.local)} {run.local:%H:%M %Z}"
    return f"{local} ({run.utc.strftime('%H:%MZ')})"
