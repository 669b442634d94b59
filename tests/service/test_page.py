"""The page, driven in a real headless Chromium: type a schedule, see the
runs with their DST marks, the week timeline, errors, and a shareable URL.

The app is served from a thread on a free loopback port; the browser is
the system Chromium (no browser download).  Skipped only when no Chromium
binary is installed.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import make_server

from service import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium binary (apt-get install -y chromium)"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The service on a free loopback port, served from a thread."""
    server = make_server("127.0.0.1", 0, create_app())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The system Chromium, headless."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


def fill_form(page: Page, expr: str, tz: str, start: str) -> None:
    page.fill("#tz", tz)
    page.fill("#from", start)
    page.fill("#expr", expr)


def test_typing_a_schedule_shows_runs_with_the_dst_mark(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")

    # New York repeats 01:00-02:00 on 1 November 2026: 01:30 runs twice.
    fill_form(page, "30 1 * * *", "America/New_York", "2026-10-31T12:00Z")

    rows = page.locator("#runs tbody tr")
    expect(rows.first).to_contain_text("Sun 2026-11-01 01:30")
    expect(rows.nth(0)).to_contain_text("2026-11-01 05:30 UTC")
    expect(rows.nth(1)).to_contain_text("2026-11-01 06:30 UTC")
    marks = page.locator("#runs tbody tr.dst .dst-mark")
    expect(marks).to_have_count(2)
    expect(marks.first).to_contain_text("repeated hour: first pass")
    expect(page.locator("#timeline svg line.tick.dst")).to_have_count(2)
    expect(page.locator("#description")).to_contain_text("01:30")


def test_a_skipped_run_is_named_in_the_words(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")

    # New York skips 02:00-03:00 on 8 March 2026: 02:30 does not happen.
    fill_form(page, "30 2 * * *", "America/New_York", "2026-03-01T00:00Z")

    description = page.locator("#description")
    expect(description).to_contain_text("no run on 8 Mar 2026 at 02:30")
    runs = page.locator("#runs tbody")
    expect(runs).to_contain_text("2026-03-07 02:30")
    expect(runs).not_to_contain_text("2026-03-08 02:30")


def test_a_bad_expression_shows_the_error_at_its_column(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")

    page.fill("#expr", "0 8 * * 6-7")

    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("day-of-week")
    expect(error.locator("pre")).to_contain_text("        ^^^")
    expect(page.locator("#runs tbody tr")).to_have_count(0)


def test_the_url_is_shareable_and_restores_the_state(
    page: Page, browser: Browser, base_url: str
) -> None:
    page.goto(base_url + "/")
    fill_form(page, "30 1 * * *", "America/New_York", "2026-10-31T12:00Z")
    page.fill("#duration", "70m")
    expect(page.locator("#policies tbody tr")).to_have_count(3)

    shared = page.url
    query = parse_qs(urlsplit(shared).query)
    assert query["expr"] == ["30 1 * * *"]
    assert query["tz"] == ["America/New_York"]
    assert query["duration"] == ["70m"]

    other = browser.new_page()
    try:
        other.goto(shared)
        expect(other.locator("#expr")).to_have_value("30 1 * * *")
        expect(other.locator("#runs tbody tr.dst")).to_have_count(2)
        expect(other.locator("#policies tbody tr")).to_have_count(3)
    finally:
        other.close()


def test_a_run_the_gap_drops_is_listed_among_the_warnings(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")

    fill_form(page, "30 2 * * *", "America/New_York", "2026-03-07T00:00Z")

    expect(page.locator("#warnings")).to_contain_text(
        "DST: no run at 02:30 on 2026-03-08: that wall time does not exist"
    )


def test_the_timeline_rows_are_the_local_week_from_the_start(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")

    # 02:00Z on 27 March is still the 26th in New York; the job runs on
    # the 1st-10th, so only the last two rows have a tick.
    fill_form(page, "0 0 1-10 * *", "America/New_York", "2026-03-27T02:00Z")

    days = page.locator("#timeline svg text.day")
    expect(days).to_have_count(7)
    expect(days.first).to_have_text("Thu 2026-03-26")
    expect(days.last).to_have_text("Wed 2026-04-01")
    expect(page.locator("#timeline svg line.tick")).to_have_count(1)


def test_emptying_the_schedule_clears_the_last_answer(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")
    fill_form(page, "30 1 * * *", "America/New_York", "2026-10-31T12:00Z")
    expect(page.locator("#runs tbody tr").first).to_be_visible()

    page.fill("#expr", "")

    expect(page.locator("#runs tbody tr")).to_have_count(0)
    expect(page.locator("#description")).to_have_text(
        "Type a cron schedule above, e.g. 30 2 * * *."
    )
    expect(page.locator("#timeline svg")).to_have_count(0)
    expect(page.locator("#zone-label")).to_have_text("")


def test_an_answer_that_is_not_json_is_shown_as_an_error(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")
    fill_form(page, "30 1 * * *", "America/New_York", "2026-10-31T12:00Z")
    expect(page.locator("#runs tbody tr").first).to_be_visible()

    # A proxy in front of the service answers with its own HTML page.
    page.route(
        "**/v1/preview",
        lambda route: route.fulfill(
            status=502, content_type="text/html", body="<h1>Bad Gateway</h1>"
        ),
    )
    page.fill("#expr", "30 2 * * *")

    expect(page.locator("#error")).to_contain_text("The service answered 502")
    expect(page.locator("#runs tbody tr")).to_have_count(0)


def test_an_unknown_dialect_in_a_shared_link_is_named(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/?expr=30+2+*+*+*&dialect=bogus")

    expect(page.locator("#error")).to_contain_text("bogus")


def test_more_runs_than_the_cap_are_refused_with_the_cap(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")
    fill_form(page, "30 1 * * *", "America/New_York", "2026-10-31T12:00Z")

    page.fill("#count", "5000")

    expect(page.locator("#error")).to_contain_text("count must be between 1 and 1000")
    expect(page.locator("#runs tbody tr")).to_have_count(0)
