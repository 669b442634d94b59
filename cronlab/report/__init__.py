"""Schedule documentation: a Markdown catalogue and an HTML report.

``build_catalogue`` reads manifests and crontabs into plain job records
(:mod:`.model`); :mod:`.pictures` draws the week timeline and the start
heat map and finds thundering herds; :mod:`.render` lays it all out with
the packaged Jinja2 templates.  Output depends only on the inputs and the
instant passed in, so the files can be committed and diffed.
"""

from __future__ import annotations

from .model import (
    Catalogue,
    JobDoc,
    Unusable,
    add_file,
    build_catalogue,
    source_files,
)
from .render import HTML, MARKDOWN, render_html, render_markdown, write_docs

__all__ = [
    "HTML",
    "MARKDOWN",
    "Catalogue",
    "JobDoc",
    "Unusable",
    "add_file",
    "build_catalogue",
    "render_html",
    "render_markdown",
    "source_files",
    "write_docs",
]
