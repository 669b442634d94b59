"""``cronlab check``: validate CronJob manifests and show their next runs."""

from __future__ import annotations

import sys

import click

from ..check import CheckReport, CronJobReport, check_paths
from ..manifests import MAX_FILE_BYTES
from ..zones import TZDATA_VERSION
from .common import FORMATS, emit_json, parse_when, run_lines


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--from",
    "start",
    default=None,
    help="ISO instant to start after (default now), "
    "with its offset: 2026-03-07T00:00Z.",
)
@click.option("--count", type=click.IntRange(0, 1000), default=3, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when a CronJob is invalid (unusable input still exits 2).",
)
def check(
    paths: tuple[str, ...], start: str | None, count: int, fmt: str, exit_zero: bool
) -> None:
    """Check CronJobs in PATHS (files, folders, or - for stdin).

    Says for each CronJob whether the API server would accept it, and when
    it runs next.  Exit status: 0 all valid, 1 some invalid, 2 unusable
    input.
    """
    after = parse_when(start)
    # One byte past the cap is enough to know the input is too large.
    stdin_data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1) if "-" in paths else None
    report = check_paths(list(paths), after, count, stdin_data)

    if fmt == "json":
        data = report.to_dict()
        data["tzdata"] = TZDATA_VERSION
        data["from"] = after.isoformat()
        emit_json(data)
    else:
        _print_text(report)
    status = report.exit_status
    # --exit-zero reports invalid CronJobs without failing a demo or a CI
    # step that only wants the listing; unreadable input is still an error.
    sys.exit(0 if exit_zero and status == 1 else status)


def _print_text(report: CheckReport) -> None:
    for message in report.unreadable:
        click.echo(f"error: {message}", err=True)
    for item in report.cronjobs:
        _print_cronjob(item)
    for skipped in report.skipped:
        what = f"{skipped.kind} {skipped.name!r}" if skipped.name else skipped.kind
        click.echo(f"skipped {skipped.where}: {what}: {skipped.reason}")

    bad = sum(not r.valid for r in report.cronjobs)
    total = len(report.cronjobs)
    if not total and not report.unreadable:
        click.echo("no CronJob found")
    else:
        click.echo(
            f"\n{total} CronJob(s): {total - bad} valid, {bad} invalid"
            + (
                f"; {len(report.unreadable)} unreadable source(s)"
                if report.unreadable
                else ""
            )
        )


def _print_cronjob(item: CronJobReport) -> None:
    job = item.cronjob
    status = (
        click.style("valid", fg="green")
        if item.valid
        else click.style("INVALID", fg="red", bold=True)
    )
    click.echo(f"\n{job.title}  [{status}]  ({job.where})")
    schedule = repr(job.schedule) if job.schedule is not None else "(none)"
    click.echo(
        f"  schedule {schedule}  in {_zone_text(item)}  policy {job.concurrency_policy}"
    )
    for problem in item.problems:
        click.echo(f"  {problem.level}: {problem.field}: {problem.message}")
    for line in run_lines(item.runs):
        click.echo("  next: " + line)


def _zone_text(item: CronJobReport) -> str:
    if item.cronjob.time_zone is not None:
        return str(item.cronjob.time_zone)
    if item.schedule is not None and item.schedule.tz != "UTC":
        # The controller honours a TZ=/CRON_TZ= prefix (SEMANTICS §1).
        return f"{item.schedule.tz} (from the schedule's prefix; no timeZone)"
    return "no timeZone: the controller's zone, UTC"
