"""``cronlab preview``: the next runs of one expression."""

from __future__ import annotations

import click

from ..clauses import never_warnings
from ..dst import dst_warnings_for_runs
from ..errors import CronlabError
from ..schedule import MAX_COUNT, parse
from ..zones import TZDATA_VERSION
from .common import (
    FORMATS,
    dialect_option,
    emit_json_streaming,
    fail,
    parse_when,
    run_lines,
    zone_option,
)


@click.command()
@click.argument("expr")
@zone_option()
@click.option(
    "--from",
    "start",
    default=None,
    help="ISO instant to start after (default now), "
    "with its offset: 2026-03-07T00:00Z.",
)
@click.option(
    "--count",
    type=click.IntRange(0, MAX_COUNT),
    default=10,
    show_default=True,
    help="How many runs.",
)
@dialect_option()
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def preview(
    expr: str, tz: str | None, start: str | None, count: int, dialect: str, fmt: str
) -> None:
    """Print the next runs of EXPR, in UTC and in its zone."""
    after = parse_when(start)
    try:
        schedule = parse(expr, tz=tz, dialect=dialect)
        runs = schedule.next_runs(after, count)
    except CronlabError as err:
        fail(str(err))
    dst = dst_warnings_for_runs(schedule, after, runs)
    warnings = list(schedule.warnings)
    if runs.end:
        warnings += never_warnings(schedule.expression)

    if fmt == "json":
        head = {
            "expression": expr,
            "timeZone": schedule.tz,
            "dialect": dialect,
            "from": after.isoformat(),
            "tzdata": TZDATA_VERSION,
            "warnings": warnings,
            "dst": dst,
            "runs": None,
            "end": runs.end.value if runs.end else None,
            "end_reason": runs.end_reason,
        }
        emit_json_streaming(head, "runs", (run.to_dict() for run in runs))
        return

    click.echo(f"{expr!r} in {schedule.tz} ({dialect} rules, tzdata {TZDATA_VERSION})")
    for warning in warnings:
        click.echo(f"warning: {warning}")
    for line in run_lines(runs):
        click.echo("  " + line)
    if runs.end:
        click.echo(f"  (no more runs: {runs.end_reason})")
    for note in dst:
        click.echo(f"  DST: {note}")
