"""The schedule documentation: catalogue, pictures, herds, rendering."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cronlab.report import build_catalogue, render_html, render_markdown, write_docs
from cronlab.report.model import week_start
from cronlab.report.pictures import (
    Herd,
    find_herds,
    heat_counts,
    heatmap_svg,
    timeline_svg,
    week_starts,
)
from cronlab.report.render import code_span, markdown_text, problem_text

from .shared import ROOT, shared_path

AFTER = datetime(2026, 12, 3, tzinfo=UTC)
EXAMPLES = ROOT / "examples"
CHROMIUM = Path("/usr/bin/chromium")
REFERENCE = ROOT / "docs" / "report-example.png"


def _crontab(tmp_path: Path) -> Path:
    path = tmp_path / "ops.crontab"
    path.write_text(
        "MAILTO=ops\n"
        "0 0 * * * /usr/bin/rotate\n"
        "0 0 * * * /usr/bin/backup\n"
        "CRON_TZ=Europe/Berlin\n"
        "0 1 * * * /usr/bin/report\n"
        "30 2 * * * /usr/bin/vacuum\n"
        "0 0 * * 8 /usr/bin/broken\n",
        "utf-8",
    )
    return path


def test_examples_give_one_section_per_valid_cronjob_and_list_the_invalid() -> None:
    catalogue = build_catalogue([EXAMPLES], AFTER)
    titles = [job.title for job in catalogue.jobs]
    assert "databases/nightly-backup" in titles
    assert "ops/tmp-cleanup" in titles  # from inside a kind: List
    assert titles == sorted(titles)
    (invalid,) = catalogue.unusable
    assert invalid.title == "newsletter/weekend-digest"
    assert any("TZ" in problem for problem in invalid.problems)


def test_a_job_section_holds_zone_policy_runs_and_dst_events() -> None:
    catalogue = build_catalogue([EXAMPLES / "nightly-backup.yaml"], AFTER)
    (job,) = catalogue.jobs
    assert job.zone == "Europe/Berlin"
    assert job.zone_origin == "spec.timeZone"
    assert job.policy == "concurrencyPolicy Forbid, startingDeadlineSeconds 600"
    assert job.expected_duration == "40m"
    assert job.next_runs[0] == ("2026-12-03 02:30 (+01:00)", "2026-12-03 01:30", "")
    assert [c.date for c in job.offset_changes] == ["2027-03-28", "2027-10-31"]
    assert job.dst_effects == [
        "no run on 28 Mar 2027 at 02:30 (the clock skips it)",
        "runs twice on 31 Oct 2027 at 02:30 (the clock repeats it: "
        "00:30 UTC and 01:30 UTC)",
    ]


def test_crontab_jobs_are_documented_in_their_cron_tz(tmp_path: Path) -> None:
    catalogue = build_catalogue([_crontab(tmp_path)], AFTER)
    zones = {job.command: job.zone for job in catalogue.jobs}
    assert zones == {
        "/usr/bin/rotate": "UTC",
        "/usr/bin/backup": "UTC",
        "/usr/bin/report": "Europe/Berlin",
        "/usr/bin/vacuum": "Europe/Berlin",
    }
    assert all(job.dialect == "vixie" for job in catalogue.jobs)
    (broken,) = catalogue.unusable
    assert broken.where.endswith("ops.crontab:7")


def test_the_timeline_and_heat_map_count_every_start_of_the_week() -> None:
    catalogue = build_catalogue([EXAMPLES], AFTER)
    week = week_starts(catalogue.jobs, week_start(AFTER))
    assert week_start(AFTER) == datetime(2026, 11, 30, tzinfo=UTC)
    by_title = dict(zip((j.title for j in week.jobs), week.starts, strict=True))
    assert len(by_title["databases/nightly-backup"]) == 7
    assert len(by_title["finance/weekly-report"]) == 1
    assert len(by_title["web/cache-warmer"]) == 7 * 24 * 6

    # The every-ten-minutes job is left out of the heat map; the daily
    # ledger close at 00:00 São Paulo is 03:00 UTC every day.
    grid = heat_counts(week)
    assert sum(map(sum, grid)) == 7 + 1 + 1 + 1 + 7
    assert all(row[3] >= 1 for row in grid)
    assert timeline_svg(week).startswith("<svg")
    assert "<title>1 start</title>" in heatmap_svg(week)


def test_herds_name_the_jobs_starting_together_and_suggest_new_minutes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "midnight.crontab"
    path.write_text("".join(f"0 0 * * * /usr/bin/job{i}\n" for i in range(4)), "utf-8")
    catalogue = build_catalogue([path], AFTER)
    herds = find_herds(week_starts(catalogue.jobs, week_start(AFTER)))
    (herd,) = herds
    assert herd.time == "00:00"
    assert len(herd.days) == 7
    assert len(herd.titles) == 4
    assert [(m.moved_text, m.schedule_text) for m in herd.suggestions] == [
        ("10 0 * * *", "0 0 * * *"),
        ("20 0 * * *", "0 0 * * *"),
        ("30 0 * * *", "0 0 * * *"),
    ]


# Five jobs meet at 03:00 on Mondays, three of them daily, and three more
# meet at 03:10 every day: two herds share jobs, and 03:10 is taken.
OVERLAPPING_HERDS = (
    "0 3 * * * /usr/bin/a\n"
    "0 3 * * * /usr/bin/b\n"
    "0 3 * * * /usr/bin/c\n"
    "0 3 * * 1 /usr/bin/d\n"
    "0 3 * * 1 /usr/bin/e\n"
    "10 3 * * * /usr/bin/f\n"
    "10 3 * * * /usr/bin/g\n"
    "10 3 * * * /usr/bin/h\n"
)


def _herds_of(tmp_path: Path, crontab: str) -> list[Herd]:
    path = tmp_path / "herds.crontab"
    path.write_text(crontab, "utf-8")
    catalogue = build_catalogue([path], AFTER)
    return find_herds(week_starts(catalogue.jobs, week_start(AFTER)))


def test_a_job_in_two_herds_is_told_one_minute(tmp_path: Path) -> None:
    told: dict[str, set[str | None]] = {}
    for herd in _herds_of(tmp_path, OVERLAPPING_HERDS):
        for move in herd.suggestions:
            told.setdefault(move.title, set()).add(move.moved_text)
    assert told["herds.crontab:2 /usr/bin/b"] == {"20 3 * * *"}
    assert all(len(minutes) == 1 for minutes in told.values())


def test_suggested_moves_applied_together_leave_no_herd_and_no_new_clash(
    tmp_path: Path,
) -> None:
    moved = {
        move.schedule_text + move.title: move.moved_text
        for herd in _herds_of(tmp_path, OVERLAPPING_HERDS)
        for move in herd.suggestions
    }
    lines = []
    for line in OVERLAPPING_HERDS.splitlines():
        *fields, command = line.split(" ")
        schedule = " ".join(fields)
        number = len(lines) + 1
        title = f"herds.crontab:{number} {command}"
        lines.append(f"{moved.get(schedule + title) or schedule} {command}\n")
    assert _herds_of(tmp_path, "".join(lines)) == []
    # No two jobs share a minute any more, not only no three.
    daily = [line.split(" ")[0] for line in lines if " * * * " in line]
    assert len(daily) == len(set(daily))


def test_suggestions_are_the_same_on_every_run(tmp_path: Path) -> None:
    first = _herds_of(tmp_path, OVERLAPPING_HERDS)
    assert first == _herds_of(tmp_path, OVERLAPPING_HERDS)


def test_markdown_escapes_names_and_puts_expressions_in_code_spans(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odd.crontab"
    path.write_text(
        "0 3 * * * <script>alert(1)</script>\n"
        "0 4 * * * echo `date` | tee [x](y)\n"
        "*/5 * * * 9 run_*_all\n",
        "utf-8",
    )
    markdown = render_markdown(build_catalogue([path], AFTER))
    assert "<script>" not in markdown.replace("`<script>alert(1)</script>`", "")
    assert "### odd.crontab:1 \\<script\\>alert(1)\\</script\\>" in markdown
    assert "- Command: ``echo `date` | tee [x](y)``" in markdown
    assert "odd.crontab:3 run\\_\\*\\_all: 9 is above the maximum 7" in markdown
    assert markdown.rstrip().endswith("names: `'9'`")


def test_a_message_ending_with_an_expression_shows_it_as_code() -> None:
    message = "expected exactly 5 fields, found 6: '*/5 * * * * *'"
    assert problem_text(message) == (
        "expected exactly 5 fields, found 6: `'*/5 * * * * *'`"
    )
    assert code_span("`x`") == "`` `x` ``"
    assert markdown_text("America/Sao_Paulo _x_") == "America/Sao_Paulo \\_x\\_"


def test_the_same_input_and_instant_give_the_same_bytes(tmp_path: Path) -> None:
    sources = [EXAMPLES, _crontab(tmp_path)]
    first = write_docs(build_catalogue(sources, AFTER), tmp_path / "a")
    second = write_docs(build_catalogue(sources, AFTER), tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_real_manifests_are_documented_and_the_broken_ones_listed() -> None:
    catalogue = build_catalogue([shared_path("realworld")], AFTER)
    assert len(catalogue.jobs) >= 25
    problems = " ".join(p for u in catalogue.unusable for p in u.problems)
    assert "unrendered template placeholder" in problems
    assert "YAML alias" in problems
    html = render_html(catalogue)
    markdown = render_markdown(catalogue)
    assert html.count("<svg") == 2
    assert "## Jobs starting together" in markdown
    assert "<script" not in html


def test_a_tz_prefix_is_reported_once_as_the_api_servers_error_and_not_run(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tz.yaml"
    path.write_text(
        "apiVersion: batch/v1\nkind: CronJob\n"
        "metadata: {name: tz, namespace: ns}\n"
        "spec: {schedule: 'TZ=Europe/Berlin 0 1 * * *', jobTemplate: {}}\n",
        "utf-8",
    )
    catalogue = build_catalogue([path], AFTER)
    (unusable,) = catalogue.unusable
    assert catalogue.jobs == []
    assert len([text for text in unusable.problems if "TZ or CRON_TZ" in text]) == 1


def test_html_escapes_what_the_manifests_say(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "apiVersion: batch/v1\nkind: CronJob\n"
        "metadata: {name: '<b>x</b>', namespace: ns}\n"
        "spec: {schedule: '0 1 * * *', jobTemplate: {}}\n",
        "utf-8",
    )
    html = render_html(build_catalogue([path], AFTER))
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no Chromium binary at /usr/bin/chromium to render the report",
)
def test_the_html_report_renders_its_pictures_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    written = write_docs(build_catalogue([EXAMPLES], AFTER), tmp_path)
    html = next(p for p in written if p.suffix == ".html")
    shot = tmp_path / "report.png"

    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1000})
            page.goto(html.resolve().as_uri())
            boxes = [svg.bounding_box() for svg in page.locator("svg").all()]
            page.screenshot(path=str(shot))
        finally:
            browser.close()

    # Both pictures are laid out at full size, and the page is not blank.
    assert len(boxes) == 2
    assert all(box is not None and box["width"] > 600 for box in boxes)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
    if os.environ.get("CRONLAB_UPDATE_REFERENCE"):
        shutil.copyfile(shot, REFERENCE)


def test_a_cronjob_the_api_server_refuses_is_listed_not_scheduled(
    tmp_path: Path,
) -> None:
    # A fine schedule, but no restartPolicy or containers: never created,
    # so it must not count in the week's pictures or the herds.
    path = tmp_path / "refused.yaml"
    path.write_text(
        "apiVersion: batch/v1\nkind: CronJob\n"
        "metadata: {name: refused, namespace: ns}\n"
        "spec: {schedule: '0 1 * * *', jobTemplate: {}}\n",
        "utf-8",
    )
    catalogue = build_catalogue([path], AFTER)

    assert catalogue.jobs == []
    (unusable,) = catalogue.unusable
    assert unusable.title.endswith("refused")
    assert any("restartPolicy" in problem for problem in unusable.problems)


def test_a_utc_job_lists_its_runs_once_not_as_local_and_utc() -> None:
    markdown = render_markdown(build_catalogue([EXAMPLES / "cache-warmer.yaml"], AFTER))

    assert "| Next runs (UTC) | Note |" in markdown
    assert "| Next runs (UTC) | UTC |" not in markdown
