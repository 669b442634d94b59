"""The report's pictures as SVG, and the minutes where jobs pile up.

Hand-written SVG rather than a plotting library: the two pictures are a
row of ticks per job and a 7 × 24 grid, a few dozen lines each; written
directly they come out byte-for-byte the same on every machine (plotting
libraries embed versions, ids, or font metrics), need no dependency, and
stay small enough to sit inline in the HTML and diff in a repository.

Every picture uses one week in UTC, the one common clock of jobs that run
in different zones; the week starts on the Monday of the report's instant.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from html import escape

from ..engine import civil_from_days
from ..schedule import Schedule
from ..words import ENGLISH
from ..zones import to_unix
from .model import JobDoc
from .spread import Move, assign_moves

WEEK = 7 * 86400
#: Most runs per job drawn in a week; a per-second @every stays bounded.
MAX_RUNS = 20_000
#: Jobs starting in the same minute from which it counts as a herd.
HERD_SIZE = 3
#: A job with more starts than this in a week runs more often than hourly.
SPARSE = 7 * 24

# Colour-blind-safe palette (Okabe–Ito, its yellow darkened to read on
# white), cycled over the jobs.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C7A00",
    "#000000",
)
_FONT = "font-family='system-ui, sans-serif' font-size='11'"


@dataclass(frozen=True, slots=True)
class WeekStarts:
    """The start minutes (Unix seconds) of each job in the week."""

    start: int
    jobs: tuple[JobDoc, ...]
    starts: tuple[tuple[int, ...], ...]
    capped: tuple[bool, ...]


def week_starts(jobs: list[JobDoc], week: datetime) -> WeekStarts:
    """Every start of every job in the week from ``week`` (UTC)."""
    start = to_unix(week)
    drawn = [job for job in jobs if job.schedule is not None and not job.suspended]
    starts: list[tuple[int, ...]] = []
    capped: list[bool] = []
    for job in drawn:
        assert job.schedule is not None
        runs = _runs(job.schedule, start, start + WEEK)
        starts.append(tuple(runs[:MAX_RUNS]))
        capped.append(len(runs) > MAX_RUNS)
    return WeekStarts(start, tuple(drawn), tuple(starts), tuple(capped))


def _runs(schedule: Schedule, start: int, end: int) -> list[int]:
    found: list[int] = []
    for run in schedule.expand_unix(start - 1):
        if run.unix >= end or len(found) > MAX_RUNS:
            break
        found.append(run.unix)
    return found


def _day_label(u: int) -> str:
    days = u // 86400
    _, month, day = civil_from_days(days)
    weekday = ENGLISH.weekdays[(days + 4) % 7][:3]
    return f"{weekday} {day} {ENGLISH.months_short[month - 1]}"


def timeline_svg(week: WeekStarts) -> str:
    """One row per job, a mark for every half hour in which it starts."""
    label_w, plot_w, row_h, top = 240, 672, 22, 30
    height = top + row_h * max(1, len(week.jobs)) + 24
    width = label_w + plot_w + 10
    day_w = plot_w / 7
    bin_w = plot_w / (7 * 48)
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' "
        f"height='{height}' viewBox='0 0 {width} {height}' role='img' "
        "aria-label='Week timeline of job starts (UTC)'>",
        f"<rect width='{width}' height='{height}' fill='#ffffff'/>",
    ]
    # Day columns and their labels.
    for i in range(7):
        x = label_w + i * day_w
        shade = "#f4f6f8" if i % 2 else "#ffffff"
        out.append(
            f"<rect x='{x:.1f}' y='{top}' width='{day_w:.1f}' "
            f"height='{height - top - 24}' fill='{shade}'/>"
        )
        out.append(
            f"<text x='{x + day_w / 2:.1f}' y='{top - 10}' text-anchor='middle' "
            f"{_FONT}>{_day_label(week.start + i * 86400)}</text>"
        )
        for hour in (6, 12, 18):
            hx = x + day_w * hour / 24
            out.append(
                f"<line x1='{hx:.1f}' y1='{top}' x2='{hx:.1f}' "
                f"y2='{height - 24}' stroke='#dde3ea' stroke-width='0.5'/>"
            )
    # One row per job.
    for row, (job, starts) in enumerate(zip(week.jobs, week.starts, strict=True)):
        y = top + row * row_h
        colour = PALETTE[row % len(PALETTE)]
        out.append(
            f"<text x='{label_w - 8}' y='{y + row_h * 0.68:.1f}' "
            f"text-anchor='end' {_FONT}>{escape(_clip(job.title, 36))}</text>"
        )
        out.append(
            f"<line x1='{label_w}' y1='{y + row_h:.1f}' x2='{label_w + plot_w}' "
            f"y2='{y + row_h:.1f}' stroke='#e5e9ef' stroke-width='0.5'/>"
        )
        for slot in sorted({(u - week.start) // 1800 for u in starts}):
            x = label_w + slot * bin_w
            out.append(
                f"<rect x='{x:.1f}' y='{y + 4}' width='{max(bin_w, 3):.1f}' "
                f"height='{row_h - 8}' fill='{colour}'/>"
            )
    out.append(
        f"<text x='{label_w}' y='{height - 6}' {_FONT} fill='#555555'>"
        "Time axis in UTC; each mark is a half hour with at least one start."
        "</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_frequent(starts: tuple[int, ...]) -> bool:
    """Whether a job starts more often than hourly over the week."""
    return len(starts) > SPARSE


def frequent_titles(week: WeekStarts) -> list[str]:
    """The jobs the heat map and the herds leave out: they start more
    often than hourly, so they would make every hour look the same."""
    return [
        job.title
        for job, starts in zip(week.jobs, week.starts, strict=True)
        if is_frequent(starts)
    ]


def heat_counts(week: WeekStarts) -> list[list[int]]:
    """Starts per weekday (rows, Monday first) and UTC hour (columns) of
    the jobs that start at most hourly."""
    grid = [[0] * 24 for _ in range(7)]
    for starts in week.starts:
        if is_frequent(starts):
            continue
        for u in starts:
            offset = u - week.start
            grid[offset // 86400][offset % 86400 // 3600] += 1
    return grid


def heatmap_svg(week: WeekStarts) -> str:
    """An hour × weekday grid, darker where more jobs start."""
    grid = heat_counts(week)
    peak = max((max(row) for row in grid), default=0)
    cell_w, cell_h, left, top = 34, 24, 90, 28
    width, height = left + 24 * cell_w + 10, top + 7 * cell_h + 30
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' "
        f"height='{height}' viewBox='0 0 {width} {height}' role='img' "
        "aria-label='Job starts per hour and weekday (UTC)'>",
        f"<rect width='{width}' height='{height}' fill='#ffffff'/>",
    ]
    for hour in range(24):
        out.append(
            f"<text x='{left + hour * cell_w + cell_w / 2:.1f}' y='{top - 8}' "
            f"text-anchor='middle' {_FONT}>{hour:02d}</text>"
        )
    for row in range(7):
        y = top + row * cell_h
        out.append(
            f"<text x='{left - 8}' y='{y + cell_h * 0.65:.1f}' text-anchor='end' "
            f"{_FONT}>{_day_label(week.start + row * 86400)}</text>"
        )
        for hour in range(24):
            count = grid[row][hour]
            x = left + hour * cell_w
            out.append(
                f"<rect x='{x}' y='{y}' width='{cell_w - 1}' height='{cell_h - 1}' "
                f"fill='{_shade(count, peak)}'><title>{_starts(count)}</title></rect>"
            )
            if count:
                ink = "#ffffff" if count * 2 > peak else "#1a1a1a"
                out.append(
                    f"<text x='{x + cell_w / 2:.1f}' y='{y + cell_h * 0.65:.1f}' "
                    f"text-anchor='middle' {_FONT} fill='{ink}'>{count}</text>"
                )
    out.append(
        f"<text x='{left}' y='{height - 8}' {_FONT} fill='#555555'>"
        f"Starts per hour, UTC; the darkest cell has {_starts(peak)}.</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _starts(count: int) -> str:
    return "1 start" if count == 1 else f"{count} starts"


def _shade(count: int, peak: int) -> str:
    # White to deep blue, by the share of the busiest hour.
    if not count or not peak:
        return "#f7f9fb"
    share = count / peak
    low, high = (222, 235, 247), (8, 48, 107)
    r, g, b = (round(a + (z - a) * share) for a, z in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass(frozen=True, slots=True)
class Herd:
    """Jobs that start in the same UTC minute on one or more days.

    ``titles`` are the jobs that start there at most hourly, the ones worth
    moving; ``frequent`` counts the jobs that start so often (more than
    hourly) that they meet every herd anyway; ``suggestions`` are the
    herd's share of one assignment of moves over every herd
    (:mod:`cronlab.report.spread`), so they can all be applied at once.
    """

    time: str
    days: tuple[str, ...]
    titles: tuple[str, ...]
    frequent: int
    suggestions: tuple[Move, ...]


def find_herds(week: WeekStarts, size: int = HERD_SIZE) -> list[Herd]:
    """Minutes where ``size`` or more at-most-hourly jobs start at once,
    grouped by time of day, biggest first."""
    by_minute: dict[int, set[int]] = defaultdict(set)
    frequent: dict[int, set[int]] = defaultdict(set)
    sparse: list[tuple[int, ...]] = []
    for index, starts in enumerate(week.starts):
        target = frequent if is_frequent(starts) else by_minute
        sparse.append(() if is_frequent(starts) else starts)
        for u in starts:
            target[u - u % 60].add(index)

    grouped: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for minute, members in by_minute.items():
        if len(members) >= size:
            key = (minute % 86400, tuple(sorted(members)))
            grouped[key].append(minute)

    moves = assign_moves(
        sparse,
        [job.title for job in week.jobs],
        [job.schedule_text for job in week.jobs],
        [i for _, group in grouped for i in group],
    )
    herds = []
    for (time_of_day, group), minutes in grouped.items():
        others: set[int] = set()
        for minute in minutes:
            others.update(frequent.get(minute, ()))
        herds.append(
            Herd(
                time=f"{time_of_day // 3600:02d}:{time_of_day % 3600 // 60:02d}",
                days=tuple(_day_label(m) for m in sorted(minutes)),
                titles=tuple(week.jobs[i].title for i in group),
                frequent=len(others),
                suggestions=tuple(moves[i] for i in group if i in moves),
            )
        )
    herds.sort(key=lambda h: (-len(h.titles), -len(h.days), h.time, h.titles))
    return herds


def week_label(week: WeekStarts) -> str:
    """``Mon 7 Dec 2026 – Sun 13 Dec 2026`` for the week shown."""
    last = week.start + WEEK - 86400
    first_year = civil_from_days(week.start // 86400)[0]
    last_year = civil_from_days(last // 86400)[0]
    return (
        f"{_day_label(week.start)} {first_year:04d} – "
        f"{_day_label(last)} {last_year:04d} (UTC)"
    )
