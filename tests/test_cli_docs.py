"""``cronlab explain`` and ``cronlab docs`` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from cronlab.cli import main

from .shared import ROOT, shared_path

EXAMPLES = ROOT / "examples"
FROM = "2026-12-03T00:00:00Z"


def test_explain_names_the_weekdays_the_local_time_and_utc() -> None:
    result = CliRunner().invoke(
        main, ["explain", "0 9 * * 1-5", "--tz", "Europe/Berlin"]
    )
    assert result.exit_code == 0, result.output
    for word in ("Monday", "Friday", "09:00"):
        assert word in result.output
    assert re.search(r"\d\d:\d\d UTC", result.output)


def test_explain_lists_dst_days_of_the_coming_year_as_json() -> None:
    result = CliRunner().invoke(
        main,
        [
            "explain",
            "30 2 * * *",
            "--tz",
            "America/New_York",
            "--from",
            "2026-01-01T00:00:00Z",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.output)
    assert data["tzdata"]
    assert [(e["date"], e["kind"]) for e in data["dst_exceptions"]] == [
        ("2026-03-08", "skipped")
    ]
    assert "no run on 8 Mar 2026" in data["text"]


def test_explain_follows_the_dialect_asked_for() -> None:
    result = CliRunner().invoke(
        main,
        [
            "explain",
            "30 2 * * *",
            "--tz",
            "America/New_York",
            "--dialect",
            "vixie",
            "--from",
            "2026-01-01T00:00:00Z",
        ],
    )
    assert "happens at 03:00 instead" in result.output


def test_explain_takes_the_zone_from_a_prefix_and_reads_the_fields_after_it() -> None:
    result = CliRunner().invoke(
        main,
        ["explain", "CRON_TZ=Europe/Berlin 30 2 * * *", "--from", "2026-06-01T00:00Z"],
    )
    assert result.stdout.startswith("At 02:30 every day in Europe/Berlin")
    assert "second" not in result.stdout
    assert "no run on 28 Mar 2027 at 02:30" in result.stdout
    assert "use spec.timeZone instead" in result.stderr


def test_explain_refuses_bad_input_in_one_line_with_status_2() -> None:
    for args in (["0 9 * * 8"], ["0 9 * * *", "--tz", "Mars/Base"]):
        result = CliRunner().invoke(main, ["explain", *args])
        assert result.exit_code == 2
        assert result.output.count("\n") == 1
        assert result.output.startswith("cronlab: error: ")


def test_docs_writes_markdown_and_html_with_pictures(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["docs", str(EXAMPLES), "-o", str(out), "--from", FROM]
    )
    assert result.exit_code == 0, result.output
    assert (out / "schedules.md").read_text("utf-8").startswith("# Schedules")
    html = (out / "schedules.html").read_text("utf-8")
    assert "<svg" in html
    assert "newsletter/weekend-digest" in html  # listed, not fatal


def test_docs_output_is_stable_for_the_same_from(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a", "b"):
        runner.invoke(
            main, ["docs", str(EXAMPLES), "-o", str(tmp_path / name), "--from", FROM]
        )
    for name in ("schedules.md", "schedules.html"):
        assert (tmp_path / "a" / name).read_bytes() == (
            tmp_path / "b" / name
        ).read_bytes()


def test_docs_shows_progress_for_many_files(tmp_path: Path) -> None:
    sources = tmp_path / "many"
    sources.mkdir()
    for i in range(25):
        (sources / f"job{i:02d}.crontab").write_text(f"{i} 3 * * * run {i}\n")
    result = CliRunner().invoke(
        main, ["docs", str(sources), "-o", str(tmp_path / "out"), "--from", FROM]
    )
    assert result.exit_code == 0
    assert "Reading 25 files" in result.stderr
    assert "25 job(s) documented" in result.stderr


def test_docs_on_real_manifests_keeps_going_past_broken_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["docs", str(shared_path("realworld")), "-o", str(tmp_path), "--from", FROM],
    )
    assert result.exit_code == 0
    markdown = (tmp_path / "schedules.md").read_text("utf-8")
    assert "## Not documented" in markdown


def test_docs_refuses_a_missing_path_with_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["docs", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_docs_refuses_a_folder_with_nothing_to_document(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        main, ["docs", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "no manifest (.yaml, .yml, .json) or crontab in folder" in result.output
    assert not (tmp_path / "out").exists()


def test_docs_says_it_does_not_read_standard_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["docs", "-", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "not standard input: '-'" in result.output
