"""What one app instance knows: its settings, the dialects it can serve,
and its cache of computed answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from cronlab import CronlabError, parse
from cronlab.dialects import DIALECTS

from .config import Settings

EXTENSION = "cronlab"


@dataclass(slots=True)
class State:
    """Per-app state, kept in ``app.extensions``."""

    settings: Settings
    dialects: tuple[str, ...]
    cached: dict[str, Callable[..., Any]] = field(default_factory=dict)


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
    state = State(settings, available_dialects())
    app.extensions[EXTENSION] = state
    return state


def state() -> State:
    """The state of the app handling the current request."""
    found: State = current_app.extensions[EXTENSION]
    return found
