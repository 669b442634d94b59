"""``cronlab serve``: the preview service on the development server.

For production run it under gunicorn instead (see docs/service.md).  The
service package is imported only when this command runs, so the library
never depends on the web framework.
"""

from __future__ import annotations

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
        from service import create_app

        app = create_app()
    except ImportError as err:
        fail(f"the service is not installed ({err}): {'service'!r}")
    except ValueError as err:
        fail(str(err))
    click.echo(f"cronlab service on http://{host}:{port}/ (development server)")
    try:
        app.run(host=host, port=port, debug=False, load_dotenv=False)
    except OSError as err:
        fail(f"cannot listen on {host}:{port} ({err.strerror}): {port!r}")
