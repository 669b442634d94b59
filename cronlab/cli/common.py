"""Helpers every command shares: options, time parsing, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, NoReturn, Protocol, TypeVar

import click

from ..dialects import DIALECTS
from ..errors import CronlabError
from ..offsets import MAX_YEARS, day_text, iso_utc, parse_instant
from ..run import Run
from ..zones import TZDATA_VERSION, Zone

FORMATS = click.Choice(["text", "json"])
UTC_NAMES = ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal")

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R", bound="Shown")


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2 (unusable input).

    Under ``--format json`` the error is also a JSON document on stdout,
    so a script reading the output gets an answer it can parse."""
    click.echo(f"cronlab: error: {message}", err=True)
    context = click.get_current_context(silent=True)
    if context is not None and context.params.get("fmt") == "json":
        emit_json({"error": message})
    sys.exit(2)


def parse_when(text: str | None) -> datetime:
    """The ``--from`` instant (``cronlab.offsets.parse_instant``); now when
    ``text`` is None."""
    if text is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return parse_instant(text, "--from")
    except CronlabError as err:
        fail(str(err))


def dialect_option() -> Callable[[F], F]:
    """The ``--dialect`` option."""
    return click.option(
        "--dialect",
        type=click.Choice(DIALECTS),
        default="kubernetes",
        show_default=True,
        help="Whose rules decide the runs.",
    )


def window_options() -> Callable[[F], F]:
    """The ``--years`` and ``--from`` options of a command that looks at a
    window of time (``dst``, ``diff``)."""
    years = click.option(
        "--years",
        type=int,
        default=1,
        show_default=True,
        help=f"Window length in years of 366 days (at most {MAX_YEARS}).",
    )
    start = click.option(
        "--from",
        "start",
        default=None,
        help="ISO instant the window starts at (default now), "
        "with its offset: 2026-03-07T00:00Z.",
    )

    def decorate(command: F) -> F:
        return years(start(command))

    return decorate


def zone_option(
    help: str = "IANA zone, e.g. Europe/Berlin (default UTC).", required: bool = False
) -> Callable[[F], F]:
    """The ``--tz`` option; an empty name is refused, not read as UTC, as
    the API server refuses ``timeZone: ""``."""

    def nonempty(
        ctx: click.Context, param: click.Parameter, value: str | None
    ) -> str | None:
        if value == "":
            raise click.BadParameter(
                "the zone name is empty: give an IANA zone, or leave --tz out for UTC"
            )
        return value

    return click.option(
        "--tz", "tz", default=None, required=required, help=help, callback=nonempty
    )


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def emit_json_streaming(data: dict[str, Any], key: str, items: Iterable[Any]) -> None:
    """Print ``data`` as :func:`emit_json` would with ``items`` as the list
    at ``key``, writing the items as they come: a million runs are never
    held as objects and text at once."""
    marker = "\x00items\x00"
    text = json.dumps({**data, key: marker}, indent=2, ensure_ascii=False)
    before, after = text.split(json.dumps(marker), 1)
    out = sys.stdout
    out.write(before + "[")
    first = True
    for item in items:
        body = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        out.write(("\n    " if first else ",\n    ") + body)
        first = False
    out.write(("]" if first else "\n  ]") + after + "\n")


class Shown(Protocol):
    """A result a command prints: as JSON, or as text lines."""

    def to_dict(self) -> dict[str, object]: ...


def show(fmt: str, result: R, render: Callable[[R], list[str]]) -> None:
    """Print ``result`` as JSON (``--format json``) or as its text lines."""
    if fmt == "json":
        emit_json(result.to_dict())
        return
    for line in render(result):
        click.echo(line)


def window_heading(expression: str, zone: Zone, start: int, end: int) -> str:
    """The first line of a report over a window of Unix seconds."""
    return (
        f"{expression!r} in {zone.name}, {iso_utc(start)} to {iso_utc(end)} "
        f"(tzdata {TZDATA_VERSION})"
    )


MARKS = {
    "normal": "",
    "gap_shifted": "moved out of a DST gap",
    "fold_first": "repeated hour, first pass",
    "fold_second": "repeated hour, second pass",
    "anomaly": "controller anomaly",
}


def shows_seconds(runs: Iterable[Run]) -> bool:
    """True when a listing of ``runs`` needs seconds: some run is off the
    minute, locally or in UTC (an old offset may have seconds)."""
    return any(run.local.second or run.utc.second for run in runs)


def run_lines(runs: Sequence[Run]) -> list[str]:
    """Runs as text lines, all with seconds if any needs them, so the
    columns stay aligned."""
    seconds = shows_seconds(runs)
    return [run_line(run, seconds) for run in runs]


def run_line(run: Run, seconds: bool | None = None) -> str:
    """One run as a text line: local time, UTC, and its DST mark.

    ``seconds`` says whether to write them; by default only when this run
    is off the minute (a listing should decide once, see ``run_lines``).
    """
    if seconds is None:
        seconds = shows_seconds([run])
    clock = "%H:%M:%S" if seconds else "%H:%M"
    local = f"{run.local:%a} {day_text(run.local)} {run.local:{clock} %Z}"
    utc = f"{day_text(run.utc)} {run.utc:{clock}} UTC"
    mark = MARKS.get(run.note.value, run.note.value)
    # A schedule in UTC needs its time said once.
    width = 31 if seconds else 28
    text = local if run.zone.name in UTC_NAMES else f"{local:<{width}} {utc}"
    if run.intended:
        mark = f"{mark} (meant {run.intended})"
    return f"{text}   ! {mark}" if mark else text
