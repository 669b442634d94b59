"""``cronlab simulate``: what the CronJob controller does with a long Job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..cronjob import CronJob, validate
from ..durations import (
    DurationModel,
    format_duration,
    parse_duration,
    parse_duration_model,
)
from ..errors import CronlabError
from ..manifests import objects_of, read_path
from ..schedule import Schedule, parse
from ..simulate import (
    POLICIES,
    Scenario,
    Simulation,
    Slot,
    Window,
    compare,
    comparison_to_dict,
    parse_window,
)
from ..zones import TZDATA_VERSION
from .common import FORMATS, emit_json, fail, parse_when, zone_option

#: The annotation a manifest may carry to say how long its Job runs.
DURATION_ANNOTATION = "cronlab.io/expected-duration"


@dataclass(slots=True)
class _Target:
    """One thing to simulate: an expression, or a CronJob of a manifest."""

    title: str
    schedule: Schedule
    name: str = "cronjob"
    policy: str | None = None
    deadline: int | None = None
    active_deadline: int | None = None
    backoff_limit: int = 6
    suspend: bool = False
    duration_text: str | None = None


@click.command()
@click.argument("target", metavar="FILE|EXPR")
@click.option(
    "--duration",
    default=None,
    help="Job run time: 40m, 1h30m; 30m,45m (cycled); p50=30m,p90=45m; "
    "mean=40m,spread=10m.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of a duration distribution.",
)
@click.option(
    "--policy",
    type=click.Choice([*POLICIES, "all"]),
    default="all",
    show_default=True,
    help="concurrencyPolicy to simulate.",
)
@click.option(
    "--horizon",
    default="7d",
    show_default=True,
    help="How long to simulate (at most 366d).",
)
@zone_option("IANA zone of EXPR (default UTC).")
@click.option(
    "--from",
    "start",
    default=None,
    help="ISO instant the CronJob is created (default now), "
    "with its offset: 2026-03-07T00:00Z.",
)
@click.option(
    "--starting-deadline-seconds",
    "deadline",
    type=int,
    default=None,
    help="spec.startingDeadlineSeconds.",
)
@click.option(
    "--active-deadline-seconds",
    "active_deadline",
    type=int,
    default=None,
    help="The Job's activeDeadlineSeconds.",
)
@click.option(
    "--backoff-limit",
    type=int,
    default=None,
    help="The Job's backoffLimit (default 6).",
)
@click.option(
    "--pod-failures",
    type=click.IntRange(0, 1000),
    default=0,
    show_default=True,
    help="Pods of each Job that fail before one succeeds.",
)
@click.option(
    "--downtime",
    multiple=True,
    metavar="START/END",
    help="Controller down from START to END (ISO, or +offset from --from; "
    "END may be a length). Repeatable.",
)
@click.option(
    "--suspend",
    "suspends",
    multiple=True,
    metavar="START/END",
    help="CronJob suspended from START to END. Repeatable.",
)
@click.option(
    "--timeline",
    "lines",
    type=click.IntRange(0, None),
    default=24,
    show_default=True,
    help="Start times to list in text output.",
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def simulate(
    target: str,
    duration: str | None,
    seed: int,
    policy: str,
    horizon: str,
    tz: str | None,
    start: str | None,
    deadline: int | None,
    active_deadline: int | None,
    backoff_limit: int | None,
    pod_failures: int,
    downtime: tuple[str, ...],
    suspends: tuple[str, ...],
    lines: int,
    fmt: str,
) -> None:
    """Simulate the CronJob controller for FILE (a manifest) or EXPR.

    Shows, per concurrencyPolicy, which start times make a Job (on time or
    late), which are skipped and why, which Jobs are killed, and how many
    run at once.  A manifest brings its own policy, deadlines and suspend;
    its cronlab.io/expected-duration annotation gives the duration.
    """
    created = parse_when(start)
    try:
        targets = _targets(target, tz)
        horizon_seconds = _horizon(horizon)
        downtimes = tuple(
            parse_window(text, created, "--downtime") for text in downtime
        )
        suspended = tuple(parse_window(text, created, "--suspend") for text in suspends)
        reports = [
            _run(
                item,
                created,
                horizon_seconds,
                duration,
                seed,
                policy,
                deadline,
                active_deadline,
                backoff_limit,
                pod_failures,
                downtimes,
                suspended,
            )
            for item in targets
        ]
    except CronlabError as err:
        fail(str(err))

    if fmt == "json":
        payloads = [data for data, _ in reports]
        emit_json(payloads[0] if len(payloads) == 1 else {"cronjobs": payloads})
        return
    for data, simulations in reports:
        _print_text(data, simulations, lines)


def _horizon(text: str) -> float:
    try:
        return parse_duration(text)
    except CronlabError as err:
        raise CronlabError(f"--horizon: {err}") from None


def _targets(target: str, tz: str | None) -> list[_Target]:
    path = Path(target)
    if path.is_dir():
        # A folder holds many CronJobs, each its own simulation; read as an
        # expression it would only give a field count error.
        raise CronlabError(
            "simulate takes one manifest file or an expression, not a folder "
            f"(cronlab check and cronlab docs read folders): {target!r}"
        )
    if not (path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file()):
        schedule = parse(target, tz=tz)
        return [_Target(repr(target), schedule)]
    if tz is not None:
        raise CronlabError(
            f"--tz applies to an expression; a manifest uses its spec.timeZone: {tz!r}"
        )
    found: list[_Target] = []
    for document in read_path(path):
        for where, obj in objects_of(document):
            if obj.get("kind") == "CronJob":
                found.append(_from_manifest(CronJob.from_object(where, obj)))
    if not found:
        raise CronlabError(f"no CronJob found in {target!r}")
    return found


def _from_manifest(cronjob: CronJob) -> _Target:
    schedule, problems = validate(cronjob)
    errors = [
        p.message for p in problems if p.level == "error" and p.field != "apiVersion"
    ]
    if schedule is None:
        raise CronlabError(f"{cronjob.where}: {errors[0] if errors else 'no schedule'}")
    if errors:
        # The API server would refuse the object, so no Job of it ever
        # runs; simulating what is left (a zone dropped, say) would mislead.
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise CronlabError(
            f"{cronjob.where}: the API server refuses this CronJob, so it never "
            f"runs: {errors[0]}{more}; 'cronlab check' lists the problems"
        )
    annotation = cronjob.annotations.get(DURATION_ANNOTATION)
    backoff = _int_or_none(cronjob.backoff_limit)
    return _Target(
        title=f"{cronjob.title} ({cronjob.where})",
        schedule=schedule,
        name=cronjob.name or "cronjob",
        policy=str(cronjob.concurrency_policy),
        deadline=_int_or_none(cronjob.starting_deadline_seconds),
        active_deadline=_int_or_none(cronjob.active_deadline_seconds),
        backoff_limit=6 if backoff is None else backoff,
        suspend=cronjob.suspend is True,
        duration_text=None if annotation is None else str(annotation),
    )


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _run(
    item: _Target,
    created: datetime,
    horizon_seconds: float,
    duration: str | None,
    seed: int,
    policy: str,
    deadline: int | None,
    active_deadline: int | None,
    backoff_limit: int | None,
    pod_failures: int,
    downtimes: tuple[Window, ...],
    suspended: tuple[Window, ...],
) -> tuple[dict[str, Any], dict[str, Simulation]]:
    text = duration or item.duration_text
    if text is None:
        raise CronlabError(
            f"say how long the Job runs with --duration (or the {DURATION_ANNOTATION} "
            f"annotation): {item.title}"
        )
    try:
        model: DurationModel = parse_duration_model(text, seed=seed)
    except CronlabError as err:
        source = "--duration" if duration else f"the {DURATION_ANNOTATION} annotation"
        raise CronlabError(f"{source}: {err}") from None
    if item.suspend:
        # spec.suspend: true holds past the end of the horizon.
        start_ms = _ms(created)
        beyond = start_ms + round(horizon_seconds * 1000) + 86_400_000
        suspended = (*suspended, Window(start_ms, beyond))
    scenario = Scenario(
        schedule=item.schedule,
        start=created,
        horizon_seconds=horizon_seconds,
        duration=model,
        name=item.name,
        starting_deadline_seconds=deadline if deadline is not None else item.deadline,
        active_deadline_seconds=active_deadline
        if active_deadline is not None
        else item.active_deadline,
        backoff_limit=backoff_limit
        if backoff_limit is not None
        else item.backoff_limit,
        pod_failures=pod_failures,
        downtime=downtimes,
        suspended=suspended,
    )
    chosen = POLICIES if policy == "all" else (policy,)
    simulations = compare(scenario, chosen)
    data: dict[str, Any] = {
        "target": item.title,
        "expression": item.schedule.text,
        "timeZone": item.schedule.tz,
        "manifest_policy": item.policy,
        "from": created.isoformat(),
        "horizon_seconds": horizon_seconds,
        "duration": model.describe(),
        "starting_deadline_seconds": scenario.starting_deadline_seconds,
        "active_deadline_seconds": scenario.active_deadline_seconds,
        "backoff_limit": scenario.backoff_limit,
        "pod_failures": pod_failures,
        "suspended": item.suspend,
        "tzdata": TZDATA_VERSION,
        **comparison_to_dict(simulations),
    }
    return data, simulations


# --- text ---------------------------------------------------------------------

_ROWS = (
    ("start times", "scheduled"),
    ("Jobs started", "started"),
    ("  on time", "on_time"),
    ("  late", "late"),
    ("start times skipped", "skipped"),
    ("  of them past deadline", "missed_deadline"),
    ("Jobs killed", "killed"),
    ("  by Replace", "killed_by_replace"),
    ("  by activeDeadlineSeconds", "killed_by_deadline"),
    ("Jobs failed (backoffLimit)", "failed"),
    ("Jobs completed", "completed"),
    ("max Jobs at once", "max_concurrent"),
    ("mean Jobs at once", "mean_concurrent"),
    ("longest gap between starts", "longest_gap_seconds"),
    ("latest start", "max_late_seconds"),
    ("start times with a completed Job", "completed_fraction"),
)

_WHY = {
    "forbid": "a Job was still active (Forbid)",
    "forbid_deadline": "a Job was active (Forbid) until past startingDeadlineSeconds",
    "controller_down": "controller down (only the latest missed time is caught up)",
    "suspended": "CronJob suspended",
    "deadline": "looked at after startingDeadlineSeconds",
    "superseded": "a later start time was due (only the latest is started)",
    "estimate": "dropped by the controller's missed-schedule estimate",
    "no_wake_up": "no controller wake-up before the horizon ended",
    "name_clash": "Job name taken: two start times in one minute",
}


def _print_text(
    data: dict[str, Any], simulations: dict[str, Simulation], lines: int
) -> None:
    policies = list(simulations)
    own = data["manifest_policy"]
    click.echo(f"{data['target']} in {data['timeZone']} (tzdata {data['tzdata']})")
    click.echo(
        f"from {data['from']} for {format_duration(data['horizon_seconds'])}; Job runs "
        f"{data['duration']}; startingDeadlineSeconds "
        f"{_unset(data['starting_deadline_seconds'])}; activeDeadlineSeconds "
        f"{_unset(data['active_deadline_seconds'])}; "
        f"backoffLimit {data['backoff_limit']}"
    )
    if data["suspended"]:
        click.echo("spec.suspend is true: the controller starts no Job")

    heads = [f"{p}{' *' if p == own else ''}" for p in policies]
    click.echo("\n" + f"{'':34}" + "".join(f"{h:>12}" for h in heads))
    for label, key in _ROWS:
        cells = [_figure(key, simulations[p].summary()[key]) for p in policies]
        click.echo(f"{label:34}" + "".join(f"{c:>12}" for c in cells))
    if own in policies:
        click.echo("* the manifest's own concurrencyPolicy")

    _print_reasons(simulations)
    _print_timeline(simulations, lines)
    for policy, simulation in simulations.items():
        for warning in simulation.warnings[:3]:
            click.echo(f"warning ({policy}): {warning}")
        if len(simulation.warnings) > 3:
            click.echo(f"warning ({policy}): … {len(simulation.warnings) - 3} more")


def _unset(value: Any) -> str:
    return "unset" if value is None else f"{value}s"


def _figure(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key == "completed_fraction":
        return f"{value * 100:.1f}%"
    if key == "mean_concurrent":
        return f"{value:.2f}"
    if key in ("longest_gap_seconds", "max_late_seconds"):
        return format_duration(value) if value else "0s"
    return str(value)


def _print_reasons(simulations: dict[str, Simulation]) -> None:
    counted: dict[str, dict[str, int]] = {}
    for policy, simulation in simulations.items():
        for slot in simulation.slots:
            if slot.job is None and slot.why:
                counted.setdefault(slot.why, {}).setdefault(policy, 0)
                counted[slot.why][policy] += 1
    if not counted:
        return
    click.echo("\nwhy start times made no Job:")
    for why, by_policy in counted.items():
        per = ", ".join(f"{p} {n}" for p, n in by_policy.items())
        click.echo(f"  {_WHY.get(why, why)}: {per}")


def _print_timeline(simulations: dict[str, Simulation], lines: int) -> None:
    if not lines:
        return
    by_time: dict[int, dict[str, Slot]] = {}
    for policy, simulation in simulations.items():
        for slot in simulation.slots:
            by_time.setdefault(slot.scheduled_ms, {})[policy] = slot
    shown = sorted(by_time)[:lines]
    total = len(by_time)
    click.echo(f"\ntimeline (first {len(shown)} of {total} start times):")
    rows = [
        [_when(next(iter(by_time[key].values())))]
        + [_cell(by_time[key].get(p)) for p in simulations]
        for key in shown
    ]
    table = [["start time (local)", *simulations], *rows]
    # Each column as wide as its longest cell, two spaces apart.
    widths = [max(len(row[i]) for row in table) + 2 for i in range(len(table[0]))]
    for row in table:
        line = "".join(
            f"{cell:{width}}" for cell, width in zip(row, widths, strict=True)
        )
        click.echo(f"  {line}".rstrip())
    if total > len(shown):
        click.echo(f"  … {total - len(shown)} more (--timeline N, or --format json)")


def _when(slot: Slot) -> str:
    if slot.run is None:
        stamp = datetime.fromtimestamp(slot.scheduled_ms / 1000, UTC)
        return stamp.strftime("%a %m-%d %H:%M UTC") + " (off-chain)"
    local = slot.run.local
    text = local.strftime(
        "%a %m-%d %H:%M:%S %z" if local.second else "%a %m-%d %H:%M %z"
    )
    note = slot.run.note.value
    if note in ("fold_first", "fold_second"):
        text += " (repeated hour)"
    elif note == "anomaly":
        text += " (anomaly)"
    return text


_ENDS = {
    "replaced": "killed by Replace",
    "deadline": "killed: deadline",
    "backoff": "failed",
    "running": "running",
    "completed": "",
}


def _cell(slot: Slot | None) -> str:
    if slot is None:
        return "-"
    if slot.job is None:
        return "past deadline" if slot.status == "missed_deadline" else "skipped"
    start = (
        "on time"
        if slot.status == "on_time"
        else f"late {format_duration(slot.job.late_ms / 1000)}"
    )
    end = _ENDS.get(slot.job.end_reason, slot.job.end_reason)
    return f"{start}, {end}" if end else start
