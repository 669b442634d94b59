"""``cronlab diff``: where the dialects disagree about one expression."""

from __future__ import annotations

import click

from ..diff import DEFAULT_LIMIT, DialectDiff, diff_dialects
from ..errors import CronlabError
from ..offsets import day_text, iso_utc
from .common import (
    FORMATS,
    fail,
    parse_when,
    show,
    window_heading,
    window_options,
    zone_option,
)


@click.command()
@click.argument("expr")
@zone_option()
@window_options()
@click.option(
    "--limit",
    type=int,
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many disagreements to list (all are counted).",
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def diff(
    expr: str, tz: str | None, years: int, start: str | None, limit: int, fmt: str
) -> None:
    """Show where the dialects disagree about EXPR: portability warnings
    about the text, then the instants only some of them run at."""
    after = parse_when(start)
    try:
        result = diff_dialects(expr, tz, start=after, years=years, limit=limit)
    except CronlabError as err:
        fail(str(err))

    show(fmt, result, render)


def render(result: DialectDiff) -> list[str]:
    """The text diff, line by line."""
    lines = [
        window_heading(result.expression, result.zone, result.start, result.end),
        f"compared: {', '.join(result.dialects)}",
    ]
    lines += [f"warning: {w}" for w in result.warnings]
    lines += [f"note: {n}" for n in result.notes]
    if len(result.dialects) < 2:
        return lines

    if not result.total:
        lines.append("no disagreement: every dialect runs at the same instants")
        return lines
    lines.append(f"{result.total} disagreement(s):")
    lines += [f"  {kind}: {count}" for kind, count in result.counts.items()]
    shown = len(result.disagreements)
    lines.append(f"first {shown}:" if shown < result.total else "all:")
    for item in result.disagreements:
        first = next(iter(item.runs.values()))
        local = f"{first.local:%a} {day_text(first.local)} {first.local:%H:%M %Z}"
        lines.append(
            f"  {iso_utc(item.unix)}  {local:<26}  {item.kind}"
            f" (not {', '.join(item.missing)})"
        )
    return lines
