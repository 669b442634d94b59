"""What one app instance knows: its settings, the dialects it can serve,
and its cache of computed answers."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from cronlab.dst import available_dialects

from .caching import ResponseCache
from .config import Settings

EXTENSION = "cronlab"


@dataclass(slots=True)
class State:
    """Per-app state, kept in ``app.extensions``."""

    settings: Settings
    dialects: tuple[str, ...]
    previews: ResponseCache


def init_state(app: Flask, settings: Settings) -> State:
    """Attach a fresh state to ``app``.

    Only the dialects whose modules are installed are offered, so no value
    the API accepts is a placeholder.
    """
    state = State(settings, available_dialects(), ResponseCache(settings.cache_size))
    app.extensions[EXTENSION] = state
    return state


def state() -> State:
    """The state of the app handling the current request."""
    found: State = current_app.extensions[EXTENSION]
    return found
