"""``cronlab simulate`` end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cronlab.cli import main

from .shared import ROOT, shared_path

FROM = "2024-05-01T00:00:00Z"


# A Job template the API server accepts, for manifests written in tests.
JOB_TEMPLATE = (
    "  jobTemplate:\n"
    "    spec:\n"
    "      template:\n"
    "        spec:\n"
    "          containers: [{name: c, image: busybox}]\n"
    "          restartPolicy: Never\n"
)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["simulate", *args])


def as_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


@pytest.mark.parametrize(
    ("policy", "started", "skipped", "killed", "max_concurrent"),
    [
        ("Allow", 336, 0, 0, 2),
        ("Forbid", 252, 84, 0, 1),
        ("Replace", 336, 0, 335, 1),
    ],
)
def test_json_gives_the_counts_the_acceptance_checks_read(
    policy: str, started: int, skipped: int, killed: int, max_concurrent: int
) -> None:
    data = as_json(
        "*/30 * * * *",
        "--duration", "40m",
        "--policy", policy,
        "--horizon", "7d",
        "--from", FROM,
    )  # fmt: skip
    figures = data["policies"][policy]
    assert list(data["policies"]) == [policy]
    assert (figures["started"], figures["skipped"]) == (started, skipped)
    assert (figures["killed"], figures["max_concurrent"]) == (killed, max_concurrent)
    assert len(data["timeline"]) == 336


def test_all_policies_are_simulated_by_default_and_shown_side_by_side() -> None:
    result = run("*/30 * * * *", "--duration", "40m", "--from", FROM, "--horizon", "1d")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "Allow" in line)
    assert header.split() == ["Allow", "Forbid", "Replace"]
    assert "Jobs started" in result.output
    assert "a Job was still active (Forbid)" in result.output
    assert "late 10m" in result.output


def test_a_manifest_brings_its_own_policy_and_deadlines() -> None:
    manifest = shared_path(
        "realworld", "015-darmstadt-appointment-forbid-deadline.yaml"
    )
    data = as_json(str(manifest), "--duration", "4m", "--from", FROM, "--horizon", "1d")
    assert data["manifest_policy"] == "Forbid"
    assert data["starting_deadline_seconds"] == 300
    assert data["active_deadline_seconds"] == 300
    assert data["backoff_limit"] == 0
    assert data["policies"]["Forbid"]["started"] == 144

    text = run(str(manifest), "--duration", "12m", "--from", FROM, "--horizon", "1d")
    assert "Forbid *" in text.output
    assert "the manifest's own concurrencyPolicy" in text.output
    assert "killed: deadline" in text.output


def test_the_expected_duration_annotation_is_read(tmp_path: Path) -> None:
    manifest = tmp_path / "backup.yaml"
    manifest.write_text(
        "apiVersion: batch/v1\n"
        "kind: CronJob\n"
        "metadata:\n"
        "  name: backup\n"
        "  annotations:\n"
        "    cronlab.io/expected-duration: 40m\n"
        "spec:\n"
        "  schedule: '*/30 * * * *'\n"
        "  concurrencyPolicy: Forbid\n"
        f"{JOB_TEMPLATE}",
        "utf-8",
    )
    data = as_json(
        str(manifest), "--from", FROM, "--horizon", "1d", "--policy", "Forbid"
    )
    assert data["duration"] == "40m"
    assert data["policies"]["Forbid"]["skipped"] == 12
    assert data["policies"]["Forbid"]["jobs"][0]["name"].startswith("backup-")


def test_a_suspended_manifest_starts_nothing(tmp_path: Path) -> None:
    manifest = shared_path(
        "realworld", "039-konflux-remove-expired-releases-suspended.yaml"
    )
    data = as_json(str(manifest), "--duration", "1m", "--from", FROM)
    assert data["suspended"] is True
    assert all(p["started"] == 0 for p in data["policies"].values())


def test_downtime_windows_take_offsets_and_lengths() -> None:
    data = as_json(
        "0 * * * *",
        "--duration", "5m",
        "--from", FROM,
        "--horizon", "1d",
        "--policy", "Allow",
        "--downtime", "+3h30m/4h15m",
    )  # fmt: skip
    figures = data["policies"]["Allow"]
    # 04:00-07:00 fall in the window; 07:00 is caught up at 07:45.
    assert (figures["started"], figures["skipped"], figures["late"]) == (21, 3, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["0 * * * *"], "--duration"),
        (["0 * * * *", "--duration", "forty"], "--duration: a duration is a number"),
        (["0 * * * *", "--duration", "1m", "--horizon", "400d"], "--horizon"),
        (["* * * * *", "--duration", "1m", "--horizon", "100d"], "more than 100000"),
        (["0 * * * * *", "--duration", "1m"], "expected exactly 5 fields"),
        (["0 * * * *", "--duration", "1m", "--tz", "Mars/Base"], "Mars/Base"),
        (["0 * * * *", "--duration", "1m", "--downtime", "soon"], "START/END"),
        (["0 * * * *", "--duration", "1m", "--downtime", "+2h/+1h"], "must end after"),
        (
            ["0 * * * *", "--duration", "1m", "--downtime", "2026-01-01T01:00/+1h"],
            "has no UTC offset: '2026-01-01T01:00'",
        ),
        (["missing.yaml", "--duration", "1m"], "cannot read file"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(args: list[str], message: str) -> None:
    result = run(*args, "--from", FROM)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_horizon_past_year_9999_is_refused_in_one_line() -> None:
    result = run(
        "0 0 * * *",
        "--duration", "5m",
        "--from", "9999-12-25T00:00Z",
        "--horizon", "30d",
        "--downtime", "+1d/+40d",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output == (
        "cronlab: error: the horizon must end by 9999-12-30T23:59:59Z, where the "
        "calendar ends: from 9999-12-25T00:00:00Z it may be at most 5d23h, not 30d\n"
    )


def test_a_folder_is_refused_as_neither_a_manifest_nor_an_expression() -> None:
    result = run(str(ROOT / "examples"), "--duration", "5m")
    assert result.exit_code == 2
    assert "simulate takes one manifest file or an expression, not a folder" in (
        result.output
    )
    assert "fields" not in result.output


def test_a_cronjob_the_api_server_refuses_is_not_simulated(tmp_path: Path) -> None:
    manifest = tmp_path / "local.yaml"
    manifest.write_text(
        "apiVersion: batch/v1\n"
        "kind: CronJob\n"
        "metadata: {name: backup}\n"
        "spec:\n"
        "  schedule: '*/30 * * * *'\n"
        "  timeZone: Local\n"
        f"{JOB_TEMPLATE}",
        "utf-8",
    )
    result = run(str(manifest), "--duration", "5m", "--from", FROM)

    assert result.exit_code == 2
    assert "the API server refuses this CronJob, so it never runs" in result.output
    assert "'Local'" in result.output


def test_timeline_columns_stay_apart_whatever_their_width() -> None:
    result = run(
        "*/30 * * * *", "--duration", "70m", "--from", FROM,
        "--horizon", "3h", "--timeline", "5",
    )  # fmt: skip
    assert result.exit_code == 0
    lines = result.output.split("timeline (first 5 of 6 start times):\n")[
        1
    ].splitlines()
    head, *rows = lines[:6]
    assert head.split() == ["start", "time", "(local)", "Allow", "Forbid", "Replace"]
    # The widest cell still has two spaces before the next column.
    assert "on time, running  " in rows[3]
    assert all("  on time, killed by Replace" in row for row in rows)
