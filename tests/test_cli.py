"""The preview and check commands, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cronlab.cli import main

from .shared import shared_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, prog_name="cronlab")
    return result.exit_code, result.stdout, result.stderr


def test_preview_marks_both_passes_of_a_repeated_hour() -> None:
    code, out, _ = invoke(
        "preview",
        "30 1 * * *",
        "--tz",
        "America/New_York",
        "--from",
        "2026-10-31T00:00Z",
        "--count",
        "3",
    )
    assert code == 0
    assert "2026-11-01 05:30 UTC" in out and "first pass" in out
    assert "2026-11-01 06:30 UTC" in out and "second pass" in out


def test_preview_writes_early_years_with_four_digits() -> None:
    code, out, _ = invoke(
        "preview", "0 0 * * *", "--tz", "Europe/Berlin",
        "--from", "0001-01-01T00:00Z", "--count", "1",
    )  # fmt: skip
    assert code == 0
    # Berlin LMT is +00:53:28, so the UTC time is off the minute.
    assert "Tue 0001-01-02 00:00:00 LMT     0001-01-01 23:06:32 UTC" in out


def test_preview_json_lists_utc_instants_and_notes() -> None:
    code, out, _ = invoke(
        "preview",
        "30 2 * * *",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2027-03-27T00:00:00Z",
        "--count",
        "2",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert [r["utc"] for r in data["runs"]] == [
        "2027-03-27T01:30:00Z",
        "2027-03-29T00:30:00Z",
    ]
    assert data["tzdata"] == "2026f"


def test_preview_warns_that_the_api_server_refuses_a_tz_prefix() -> None:
    args = ("preview", "TZ=Europe/Berlin 30 2 * * *", "--from", "2026-01-01T00:00Z")
    _, text, _ = invoke(*args, "--count", "1")
    _, data, _ = invoke(*args, "--count", "1", "--format", "json")

    assert "warning: since Kubernetes 1.29 the API server refuses" in text
    assert "2026-01-01 01:30 UTC" in text
    (warning,) = json.loads(data)["warnings"]
    assert warning.endswith("use spec.timeZone instead")


def _run_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  ")]


def test_preview_shows_seconds_when_runs_fall_within_a_minute() -> None:
    _, out, _ = invoke(
        "preview",
        "0 * * * * */20",
        "--dialect",
        "croniter",
        "--from",
        "2026-01-01T00:00Z",
        "--count",
        "3",
    )

    assert _run_lines(out) == [
        "  Thu 2026-01-01 00:00:20 UTC",
        "  Thu 2026-01-01 00:00:40 UTC",
        "  Thu 2026-01-01 01:00:00 UTC",
    ]


def test_preview_writes_every_line_with_seconds_so_the_columns_align() -> None:
    _, out, _ = invoke(
        "preview",
        "@every 90s",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2026-01-01T00:00Z",
        "--count",
        "2",
    )

    assert _run_lines(out) == [
        "  Thu 2026-01-01 01:01:30 CET     2026-01-01 00:01:30 UTC",
        "  Thu 2026-01-01 01:03:00 CET     2026-01-01 00:03:00 UTC",
    ]


def test_preview_keeps_minutes_only_when_every_run_is_on_the_minute() -> None:
    _, out, _ = invoke(
        "preview", "*/30 * * * *", "--from", "2026-01-01T00:00Z", "--count", "2"
    )

    assert _run_lines(out) == [
        "  Thu 2026-01-01 00:30 UTC",
        "  Thu 2026-01-01 01:00 UTC",
    ]


def test_preview_says_a_negative_every_runs_every_second() -> None:
    _, out, _ = invoke(
        "preview", "@every -1h", "--from", "2026-01-01T00:00Z", "--count", "2"
    )

    assert "warning: @every -1h is under one second, so it runs every second" in out
    assert _run_lines(out) == [
        "  Thu 2026-01-01 00:00:01 UTC",
        "  Thu 2026-01-01 00:00:02 UTC",
    ]


def test_preview_refuses_bad_input_with_one_line_and_status_2() -> None:
    for args in (
        ["preview", "0 0 * * 7"],
        ["preview", "* * * * *", "--tz", "Mars/Olympus"],
        ["preview", "* * * * *", "--from", "yesterday"],
    ):
        code, out, err = invoke(*args)
        assert code == 2
        assert err.count("\n") == 1 and err.startswith("cronlab: error:")
        assert "Traceback" not in out + err


def test_preview_refuses_a_huge_expression_in_one_short_line() -> None:
    code, _, err = invoke("preview", "0 0 * * " + "x" * 100_000)

    assert code == 2
    assert err.count("\n") == 1
    assert len(err) < 300
    assert err.rstrip().endswith("(100,000 characters)")


def test_check_reports_every_example_and_fails_only_on_the_broken_one() -> None:
    code, out, _ = invoke("check", str(EXAMPLES), "--from", "2026-12-01T00:00Z")
    assert code == 1
    assert "databases/nightly-backup  [valid]" in out
    assert "newsletter/weekend-digest  [INVALID]" in out
    assert "use 0 for Sunday" in out
    assert "ConfigMap 'cleanup-settings': not a CronJob" in out


def test_check_with_exit_zero_reports_the_broken_example_and_succeeds() -> None:
    code, out, _ = invoke(
        "check", str(EXAMPLES), "--exit-zero", "--from", "2026-12-01T00:00Z"
    )
    assert code == 0
    assert "newsletter/weekend-digest  [INVALID]" in out


def test_exit_zero_does_not_hide_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("kind: CronJob\nspec: [unclosed\n")
    code, _, err = invoke("check", str(tmp_path), "--exit-zero")
    assert code == 2
    assert "broken.yaml" in err


def test_check_reads_a_kubectl_list_from_stdin_as_json() -> None:
    text = (EXAMPLES / "cleanup-list.yaml").read_text()
    code, out, _ = invoke(
        "check", "-", "--format", "json", "--from", "2026-12-01T00:00Z", stdin=text
    )
    data = json.loads(out)
    assert code == 0
    (job,) = data["cronjobs"]
    assert (job["namespace"], job["name"], job["valid"]) == ("ops", "tmp-cleanup", True)
    assert job["next_runs"][0]["utc"] == "2026-12-05T16:15:00Z"
    assert data["skipped"][0]["kind"] == "ConfigMap"


def test_check_says_unusable_input_in_one_line_with_status_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("spec:\n  schedule: */5 * * * *\n")
    code, _, err = invoke("check", str(broken))
    assert code == 2
    assert "quote the schedule" in err
    code, _, err = invoke("check", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err


def test_check_keeps_going_over_real_world_manifests() -> None:
    folder = shared_path("realworld")
    code, out, _ = invoke(
        "check", str(folder), "--format", "json", "--from", "2026-12-01T00:00Z"
    )
    data = json.loads(out)
    assert code == 2  # one file is not YAML at all (an unquoted '*')
    assert len(data["unreadable"]) == 1 and "053-" in data["unreadable"][0]
    by_file = {
        Path(j["source"].split("#")[0].split(" ")[0]).name: j for j in data["cronjobs"]
    }
    # An unrendered ${VAR} schedule is refused, not guessed at.
    assert not by_file["009-retentionguard-zurich-envsubst-schedule.yaml"]["valid"]
    # A container TZ variable does not move the schedule.
    tz_env = by_file["037-daily-planner-app-timezone-env.yaml"]["warnings"]
    assert any("spec.timeZone" in w["message"] for w in tz_env)
    assert len(data["cronjobs"]) >= 28


def test_output_cut_off_by_a_closed_pipe_ends_quietly_with_141() -> None:
    command = [sys.executable, "-m", "cronlab", "preview", "* * * * *"]
    with subprocess.Popen(
        [*command, "--count", "100000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert process.returncode == 141
    assert b"Traceback" not in errors


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk_is_a_one_line_error() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cronlab", "preview", "0 0 * * *"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "cronlab: error: cannot write the output: No space left on device"
    )


def test_an_empty_zone_is_refused_not_read_as_utc() -> None:
    for command in ("preview", "dst", "diff", "explain"):
        code, _, err = invoke(command, "0 0 * * *", "--tz", "")

        assert code == 2, command
        assert "the zone name is empty" in err


def test_preview_json_is_written_run_by_run_as_one_indented_document() -> None:
    for count in ("0", "1", "3"):
        code, out, _ = invoke(
            "preview", "30 1 * * *", "--tz", "America/New_York",
            "--from", "2026-10-31T00:00Z", "--count", count, "--format", "json",
        )  # fmt: skip
        assert code == 0
        data = json.loads(out)
        assert len(data["runs"]) == int(count)
        assert out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_an_error_under_format_json_is_also_json_on_stdout() -> None:
    code, out, err = invoke("preview", "0 0 * * 7", "--format", "json")

    assert code == 2
    assert "use 0 for Sunday" in json.loads(out)["error"]
    assert err.startswith("cronlab: error: ")


def test_a_from_without_an_offset_is_refused_with_the_fix() -> None:
    code, _, err = invoke(
        "preview", "0 8 * * *", "--tz", "Asia/Tokyo", "--from", "2026-01-01T00:00"
    )
    assert code == 2
    assert err == (
        "cronlab: error: --from has no UTC offset: '2026-01-01T00:00'; "
        "add Z for UTC or the zone's offset, e.g. '2026-01-01T00:00Z'\n"
    )


def test_a_from_with_an_offset_names_its_instant() -> None:
    code, out, _ = invoke(
        "preview", "0 8 * * *", "--tz", "Asia/Tokyo",
        "--from", "2026-01-01T07:59+09:00", "--count", "1",
    )  # fmt: skip
    assert code == 0
    assert "2026-01-01 08:00 JST" in out


def test_a_bad_option_is_one_line_naming_the_help_to_read() -> None:
    code, out, err = invoke("check", "examples", "--count", "1001")

    assert code == 2
    assert out == ""
    assert err == (
        "cronlab: error: Invalid value for '--count': 1001 is not in the range "
        "0<=x<=1000 (see 'cronlab check --help')\n"
    )


def test_a_bad_option_under_json_also_answers_in_json() -> None:
    code, out, err = invoke("preview", "0 0 * * *", "--count", "-1", "--format", "json")

    assert code == 2
    assert err.startswith("cronlab: error: Invalid value for '--count'")
    assert json.loads(out)["error"] in err


def test_a_mistyped_command_gets_a_suggestion_in_one_line() -> None:
    code, _, err = invoke("prevew", "0 0 * * *")

    assert code == 2
    assert err == (
        "cronlab: error: No such command 'prevew'. Did you mean 'preview'? "
        "(see 'cronlab --help')\n"
    )


def test_preview_says_nothing_of_an_offset_change_after_its_last_run() -> None:
    code, out, _ = invoke(
        "preview", "0 * * * *", "--tz", "America/New_York",
        "--from", "2027-03-14T00:00Z", "--count", "2",
    )  # fmt: skip
    assert code == 0
    assert "2027-03-14 02:00 UTC" in out
    assert "DST" not in out


def test_preview_of_a_schedule_that_never_runs_says_why() -> None:
    code, out, _ = invoke("preview", "0 0 30 2 *", "--from", "2026-12-04T00:00Z")

    assert code == 0
    assert "warning: never runs: 30 February does not exist" in out
    assert "(no more runs: no run within the controller's five-year" in out
