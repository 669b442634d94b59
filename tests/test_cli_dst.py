"""``cronlab dst`` and ``cronlab diff`` through the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cronlab.cli import main
from cronlab.dst import available_dialects

needs_vixie = pytest.mark.skipif(
    "vixie" not in available_dialects(), reason="the vixie dialect is not installed"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@needs_vixie
def test_berlin_fall_back_night_runs_twice_under_kubernetes_once_under_vixie() -> None:
    # 2027-10-31 03:00 CEST -> 02:00 CET (01:00Z), the next fall-back night
    # after the start.
    code, out, _ = invoke(
        "dst", "30 2 * * *", "--tz", "Europe/Berlin", "--from", "2026-12-03T00:00Z"
    )
    assert code == 0
    assert "02:30 happens twice: runs twice under kubernetes, once under vixie" in out
    assert "2027-10-31 02:30 CEST (00:30Z), 2027-10-31 02:30 CET (01:30Z)" in out


@needs_vixie
def test_berlin_spring_forward_is_skipped_by_kubernetes_and_moved_by_vixie() -> None:
    # 2027-03-28 02:00 CET -> 03:00 CEST (01:00Z).
    code, out, _ = invoke(
        "dst", "30 2 * * *", "--tz", "Europe/Berlin", "--from", "2026-12-03T00:00Z"
    )
    assert code == 0
    assert "02:30 does not exist: skipped under kubernetes, moved to 03:00" in out
    assert "2027-03-28 03:00 CEST (01:00Z)" in out


def test_default_start_is_now_and_covers_every_installed_dialect() -> None:
    code, out, _ = invoke("dst", "30 2 * * *", "--tz", "Europe/Berlin")
    assert code == 0
    assert f"dialects: {', '.join(available_dialects())}" in out
    assert "calendar of Europe/Berlin offset changes until " in out


def test_one_dialect_can_be_chosen() -> None:
    code, out, _ = invoke(
        "dst",
        "30 1 * * *",
        "--tz",
        "America/New_York",
        "--from",
        "2024-01-01T00:00Z",
        "--dialect",
        "kubernetes",
    )
    assert code == 0
    assert "dialects: kubernetes\n" in out
    assert "01:30 happens twice: runs twice under kubernetes" in out


def test_a_quiet_zone_says_there_is_no_change() -> None:
    code, out, _ = invoke("dst", "0 3 * * *", "--tz", "Asia/Tokyo")
    assert code == 0
    assert "no UTC-offset change in the window" in out


def test_json_lists_transitions_with_skipped_and_doubled_runs() -> None:
    code, out, _ = invoke(
        "dst",
        "30 2 * * *",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2026-12-03T00:00:00Z",
        "--years",
        "2",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    spring, autumn = data["transitions"][:2]
    assert spring["at"] == "2027-03-28T01:00:00Z"
    assert spring["kind"] == "gap"
    skipped = spring["dialects"]["kubernetes"]["skipped"]
    assert [s["wall"] for s in skipped] == ["2027-03-28T02:30"]
    doubled = autumn["dialects"]["kubernetes"]["doubled"][0]["runs"]
    assert [r["utc"] for r in doubled] == [
        "2027-10-31T00:30:00Z",
        "2027-10-31T01:30:00Z",
    ]
    assert len(data["transitions"]) == 4


def test_lord_howe_phantom_run_is_shown_as_an_extra_run() -> None:
    code, out, _ = invoke(
        "dst",
        "45 1 * * *",
        "--tz",
        "Australia/Lord_Howe",
        "--from",
        "2024-09-01T00:00Z",
        "--dialect",
        "kubernetes",
    )
    assert code == 0
    assert "kubernetes: extra run 2024-10-06 02:45 +11 (15:45Z)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dst", "0 0 * *", "--tz", "Europe/Berlin"], "expected exactly 5 fields"),
        (["dst", "0 0 * * *", "--tz", "Mars/Olympus"], "unknown time zone"),
        (["dst", "0 0 * * *", "--tz", "UTC", "--from", "soon"], "--from"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(args: list[str], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_too_many_years_is_refused_with_the_cap_in_the_message() -> None:
    code, _, err = invoke("dst", "0 0 * * *", "--tz", "UTC", "--years", "51")
    assert code == 2
    assert err == "cronlab: error: years must be at most 50: 51\n"


@needs_vixie
def test_diff_counts_and_lists_where_kubernetes_and_vixie_part() -> None:
    code, out, _ = invoke(
        "diff",
        "0 0 */2 * 1",
        "--tz",
        "UTC",
        "--from",
        "2024-07-01T00:00Z",
        "--limit",
        "2",
    )
    assert code == 0
    assert "ORed under kubernetes" in out
    assert "ANDed under vixie" in out
    assert "first 2:" in out
    assert "2024-07-03T00:00:00Z" in out


@needs_vixie
def test_diff_reports_a_refusal_instead_of_failing() -> None:
    code, out, _ = invoke("diff", "0 0 * * 7", "--tz", "UTC", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert "kubernetes" in data["refused"]
    assert "kubernetes" not in data["dialects"]


def test_diff_of_a_text_every_dialect_refuses_is_one_line_exit_2() -> None:
    code, _, err = invoke("diff", "not a schedule", "--tz", "UTC")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("cronlab: error: ")


def test_the_dst_window_heading_writes_early_years_with_four_digits() -> None:
    code, out, _ = invoke(
        "dst", "0 0 * * *", "--tz", "Europe/Berlin",
        "--from", "0001-01-01T00:00Z", "--years", "50", "--dialect", "kubernetes",
    )  # fmt: skip
    assert code == 0
    assert "0001-01-01T00:00:00Z to 0051-02-08T00:00:00Z" in out.splitlines()[0]


def test_a_day_long_gap_is_said_as_the_whole_day_not_as_midnight_to_midnight() -> None:
    code, out, _ = invoke(
        "dst", "* * * * *", "--tz", "Pacific/Apia", "--from", "2011-12-29T00:00Z"
    )

    assert code == 0
    assert "the whole of 2011-12-30 does not exist" in out
    assert "00:00–00:00" not in out


def test_the_calendar_says_how_far_it_looks_ahead() -> None:
    code, out, _ = invoke(
        "dst", "30 2 * * *", "--tz", "Europe/Berlin",
        "--from", "2026-12-03T00:00Z", "--format", "json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["calendar_to"] == "2031-12-07T00:00:00Z"
    assert report["calendar"][-1]["at"] < report["calendar_to"]


def test_the_calendar_covers_a_window_longer_than_five_years() -> None:
    code, out, _ = invoke(
        "dst", "0 3 * * *", "--tz", "America/New_York",
        "--from", "2026-01-01T00:00Z", "--years", "6",
    )  # fmt: skip
    assert code == 0
    assert "offset changes until 2032-01-06 (the window):" in out
    assert "2031-11-02 clocks go back 1 h" in out
