"""The ``cronlab`` command line: one module per command, all thin.

Each command translates arguments, calls the library, and prints; errors
from the library become a one-line message and exit status 2, never a
traceback. Output that cannot be written ends the same way: a closed pipe
(``| head``) stops quietly with status 141, as a tool killed by SIGPIPE
would; a full disk is an error.
"""

from __future__ import annotations

import os
import sys
from itertools import pairwise
from typing import Any

import click

from ..zones import TZDATA_VERSION
from .check import check
from .common import emit_json, fail
from .diff import diff
from .docs import docs
from .dst import dst
from .explain import explain
from .preview import preview
from .serve import serve
from .simulate import simulate


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        wants_json = _asks_for_json(ctx.args)
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            # A bad option is bad input like any other: one line, and a
            # JSON answer when JSON was asked for (click would print a
            # usage block and nothing on stdout).
            where = error.ctx.command_path if error.ctx else "cronlab"
            message = f"{error.format_message().rstrip('.')} (see '{where} --help')"
            click.echo(f"cronlab: error: {message}", err=True)
            if wants_json:
                emit_json({"error": message})
            sys.exit(2)
        except BrokenPipeError:
            _drop_stdout()
            sys.exit(141)
        except OSError as error:
            _drop_stdout()
            where = error.filename or "the output"
            fail(f"cannot write {where}: {error.strerror or error}")


def _asks_for_json(args: list[str]) -> bool:
    # Read from the raw arguments: the option that failed may come before
    # --format, which is then never parsed.
    return "--format=json" in args or ("--format", "json") in pairwise(args)


def _drop_stdout() -> None:
    # Python flushes stdout again at exit; send that flush nowhere so the
    # failed write is reported once, not as a second traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
