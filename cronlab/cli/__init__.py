"""The ``cronlab`` command line: one module per command, all thin.

Each command translates arguments, calls the library, and prints; errors
from the library become a one-line message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import click

from ..zones import TZDATA_VERSION
from .check import check
from .diff import diff
from .docs import docs
from .dst import dst
from .explain import explain
from .preview import preview
from .serve import serve
from .simulate import simulate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="cronlab",
    message=f"%(prog)s %(version)s (IANA tzdata {TZDATA_VERSION})",
)
def main() -> None:
    """When cron schedules really run: Kubernetes-exact, DST-aware."""


main.add_command(preview)
main.add_command(check)
main.add_command(dst)
main.add_command(diff)
main.add_command(explain)
main.add_command(simulate)
main.add_command(docs)
main.add_command(serve)
