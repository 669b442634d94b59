"""Lay a :class:`~cronlab.report.model.Catalogue` out as Markdown and HTML.

Templates are Jinja2 files shipped in the package (``templates/``); the
HTML one autoescapes, and the SVG pictures are inserted as trusted markup
because :mod:`cronlab.report.pictures` escapes every text it draws.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from ..offsets import day_text
from .model import Catalogue, week_start
from .pictures import (
    find_herds,
    frequent_titles,
    heatmap_svg,
    timeline_svg,
    week_label,
    week_starts,
)

MARKDOWN = "schedules.md"
HTML = "schedules.html"


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cronlab.report", "templates"),
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = _table_cell
    env.filters["md"] = markdown_text
    env.filters["code"] = code_span
    env.filters["problem"] = problem_text
    return env


def _table_cell(text: object) -> str:
    # A Markdown table cell cannot hold a bare '|' or a line break.
    return str(text).replace("|", "\\|").replace("\n", " ")


# ASCII punctuation that can start emphasis, code, links, HTML or an
# entity inline; CommonMark lets a backslash escape any of it (§2.4).
# An underscore between letters or digits is left alone: it cannot
# emphasise (§6.2), and zone names such as America/Sao_Paulo stay legible.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>&~#!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# Messages end with the offending value as a Python repr (cronlab.errors).
_QUOTED_END = re.compile(r"""^(.*?): ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$""", re.S)


def markdown_text(text: object) -> str:
    """Text that Markdown shows as it is: names, descriptions, messages.

    >>> print(markdown_text("run.cron:3 <script> *_x_* Sao_Paulo"))
    run.cron:3 \\<script\\> \\*\\_x\\_\\* Sao_Paulo
    """
    return _MARKDOWN_SPECIAL.sub(_escaped, str(text).replace("\n", " "))


def _escaped(found: re.Match[str]) -> str:
    return "\\" + found.group(0)


def code_span(text: object) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds.

    The fence is one backtick longer than the longest run inside, and a
    space pads content that starts or ends with a backtick (CommonMark
    §6.1).

    >>> code_span("echo `date`")
    '`` echo `date` ``'
    """
    raw = str(text).replace("\n", " ")
    runs = [len(run) for run in re.findall(r"`+", raw)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if raw[:1] == "`" or raw[-1:] == "`" or not raw.strip() else ""
    return f"{fence}{pad}{raw}{pad}{fence}"


def problem_text(text: object) -> str:
    """A message as Markdown: its words escaped, the value it ends with
    (a quoted expression, name or path) as a code span."""
    message = str(text)
    quoted = _QUOTED_END.match(message)
    if quoted is None:
        return markdown_text(message)
    return f"{markdown_text(quoted.group(1))}: {code_span(quoted.group(2))}"


def context(catalogue: Catalogue) -> dict[str, Any]:
    """Everything the templates show."""
    week = week_starts(catalogue.jobs, week_start(catalogue.after))
    return {
        "catalogue": catalogue,
        "after": f"{day_text(catalogue.after)} {catalogue.after:%H:%M} UTC",
        "week_label": week_label(week),
        "herds": find_herds(week),
        "frequent": frequent_titles(week),
        "capped": [
            job.title for job, cap in zip(week.jobs, week.capped, strict=True) if cap
        ],
        "timeline": timeline_svg(week),
        "heatmap": heatmap_svg(week),
    }


def render_markdown(catalogue: Catalogue, data: dict[str, Any] | None = None) -> str:
    """The Markdown catalogue."""
    data = data if data is not None else context(catalogue)
    return _environment(False).get_template("schedules.md.j2").render(data)


def render_html(catalogue: Catalogue, data: dict[str, Any] | None = None) -> str:
    """The HTML report, pictures inline."""
    data = data if data is not None else context(catalogue)
    return _environment(True).get_template("schedules.html.j2").render(data)


def write_docs(catalogue: Catalogue, out_dir: Path) -> list[Path]:
    """Write ``schedules.md`` and ``schedules.html`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = context(catalogue)
    written = []
    for name, text in (
        (MARKDOWN, render_markdown(catalogue, data)),
        (HTML, render_html(catalogue, data)),
    ):
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
