"""``cronlab docs``: a Markdown catalogue and an HTML report of schedules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import CronlabError
from ..report import Catalogue, add_file, source_files, write_docs
from .common import fail, parse_when

# From this many files on, reading shows a progress bar on stderr.
PROGRESS_FROM = 20


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write schedules.md and schedules.html into.",
)
@click.option(
    "--from",
    "start",
    default=None,
    help="ISO instant the documentation is for (default now), "
    "with its offset: 2026-03-07T00:00Z; pass it to "
    "get the same bytes on every run.",
)
def docs(paths: tuple[str, ...], out_dir: Path, start: str | None) -> None:
    """Document the CronJobs and crontab jobs in PATHS (files or folders).

    Invalid manifests are listed with their problem in the output; only an
    unusable path or output folder stops the command.
    """
    after = parse_when(start)
    try:
        files = source_files(list(paths))
    except CronlabError as err:
        fail(str(err))

    catalogue = Catalogue(after)
    if len(files) >= PROGRESS_FROM:
        # Off a terminal the bar prints only its label, so the label alone
        # must say what is going on.
        label = f"Reading {len(files)} files"
        with click.progressbar(files, label=label, file=sys.stderr) as bar:
            for path in bar:
                add_file(catalogue, path)
    else:
        for path in files:
            add_file(catalogue, path)
    catalogue.sort()

    try:
        written = write_docs(catalogue, out_dir)
    except OSError as err:
        fail(f"cannot write to {str(out_dir)!r}: {err.strerror or err}")
    for path in written:
        click.echo(str(path))
    click.echo(
        f"{len(catalogue.jobs)} job(s) documented, "
        f"{len(catalogue.unusable)} not usable",
        err=True,
    )
