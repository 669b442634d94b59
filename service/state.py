"""What one app instance knows: its settings, the dialects it can serve,
and its cache of computed answers."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from cronlab import CronlabError, parse
from cronlab.dialects import DIALECTS

from .caching import ResponseCache
from .config import Settings

EXTENSION = "cronlab"


@dataclass(slots=True)
class State:
    """Per-app state, kept in ``app.extensions``."""

    settings: Settings
    dialects: tuple[str, ...]
    previews: ResponseCache


def available_dialects() -> tuple[str, ...]:
    """The dialects the installed library can actually parse.

    A dialect may be named in the registry before its module lands; the
    service offers only those that work, so no value in the API is a
    placeholder.
    """
    working = []
    for name in DIALECTS:
        try:
            parse("* * * * *", dialect=name)
        except (ImportError, CronlabError):
            continue
        working.append(name)
    return tuple(working)


def init_state(app: Flask, settings: Settings) -> State:
    """Attach a fresh state to ``app``."""
    state = State(settings, available_dialects(), ResponseCache(settings.cache_size))
    app.extensions[EXTENSION] = state
    return state


def state() -> State:
    """The state of the app handling the current request."""
    found: State = current_app.extensions[EXTENSION]
    return found
