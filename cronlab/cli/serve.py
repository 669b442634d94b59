"""``cronlab serve``: the preview service on the development server.

For production run it under gunicorn instead (see docs/service.md).  The
service package is imported only when this command runs, so the library
never depends on the web framework.
"""

from __future__ import annotations

import logging
import socket

import click

from .common import fail


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
def serve(host: str, port: int) -> None:
    """Run the HTTP preview service (development server)."""
    try:
        from werkzeug.serving import make_server

        from service import create_app

        app = create_app()
    except ImportError as err:
        fail(f"the service is not installed ({err}): {'service'!r}")
    except ValueError as err:
        fail(str(err))
    # The service logs one line per request itself; the development
    # server's own access log would repeat each.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # The development server exits on its own, with several lines, when
    # the address is taken; find out first, and say it in one line.
    try:
        _probe(host, port)
    except OSError as err:
        fail(f"cannot listen on {host}:{port} ({err.strerror or err}): {port!r}")
    server = make_server(host, port, app, threaded=True)
    click.echo(
        f"cronlab service on http://{host}:{server.server_port}/ "
        "(development server; use gunicorn in production)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


def _probe(host: str, port: int) -> None:
    """Bind ``host:port`` briefly; raise OSError if that is not possible."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM
    )[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
