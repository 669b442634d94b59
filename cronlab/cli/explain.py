"""``cronlab explain``: one expression in words, with its zone and DST."""

from __future__ import annotations

import click

from ..describe import describe
from ..errors import CronlabError
from ..schedule import parse
from ..zones import TZDATA_VERSION
from .common import FORMATS, dialect_option, emit_json, fail, parse_when, zone_option


@click.command()
@click.argument("expr")
@zone_option()
@click.option(
    "--from",
    "start",
    default=None,
    help="ISO instant the coming year of DST days starts at (default now), "
    "with its offset: 2026-03-07T00:00Z.",
)
@dialect_option()
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def explain(
    expr: str, tz: str | None, start: str | None, dialect: str, fmt: str
) -> None:
    """Say in words when EXPR runs, in its zone and in UTC."""
    after = parse_when(start)
    try:
        schedule = parse(expr, tz=tz, dialect=dialect)
        description = describe(schedule, after=after)
    except CronlabError as err:
        fail(str(err))

    if fmt == "json":
        data = {
            "expression": expr,
            "dialect": dialect,
            "from": after.isoformat(),
            "tzdata": TZDATA_VERSION,
            "warnings": list(schedule.warnings),
            **description.to_dict(),
        }
        emit_json(data)
        return

    for warning in schedule.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(description.text)
