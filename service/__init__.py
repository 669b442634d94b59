"""The cronlab preview service: a thin HTTP shell over the ``cronlab`` API.

Build it with :func:`create_app`; run it with ``cronlab serve`` while
developing and under gunicorn in production::

    gunicorn -w 2 -k gthread --threads 4 -b 0.0.0.0:8000 'service:create_app()'

Layering is one-way: this package imports ``cronlab``, never the other way
round, and every decision about schedules is made in the library.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
