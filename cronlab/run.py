"""Runs: the instants a schedule fires at, each with why it is there."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from .engine import civil_from_days
from .zones import Zone


class Note(enum.StrEnum):
    """Why a run is where it is.

    ``normal``: its wall time exists once and matches.  ``gap_shifted``: its
    wall time did not exist and the engine ran it at another instant (the
    intended wall time is kept on the run).  ``fold_first`` /
    ``fold_second``: its wall time happened twice and this is the first or
    second pass.  ``anomaly``: the engine's own quirk put it here (the run's
    ``reason`` says which).
    """

    NORMAL = "normal"
    GAP_SHIFTED = "gap_shifted"
    FOLD_FIRST = "fold_first"
    FOLD_SECOND = "fold_second"
    ANOMALY = "anomaly"


class SearchEnd(enum.StrEnum):
    """Why a search gave fewer runs than asked for.

    ``exhausted``: no further match (for ``kubernetes``, none within the
    controller's five-year search window).  ``stalled``: the controller's
    search returns the instant it was given, so the CronJob stops being
    scheduled there.  ``hang``: the controller's search would never return
    (a zone skipped a whole calendar day); cronlab stops promptly instead.
    """

    EXHAUSTED = "exhausted"
    STALLED = "stalled"
    HANG = "hang"


class Run(NamedTuple):
    """One run: a UTC instant, its local reading, and its annotation.

    Immutable, hashable and equal by value.  A run is a named tuple rather
    than a dataclass because bulk expansion builds one per matching minute
    (hundreds of thousands for a year of ``*/5``): :func:`normal_runs`
    makes them at C speed, about a fifth of a frozen dataclass's cost.  The
    trade-off is that a run is also a tuple: it unpacks, has a length, and
    compares equal to a plain tuple of the same six values.
    """

    unix: int
    offset_seconds: int
    zone: Zone
    note: Note = Note.NORMAL
    reason: str | None = None
    intended: str | None = None

    @property
    def utc(self) -> datetime:
        """The run's instant as an aware UTC datetime."""
        return datetime.fromtimestamp(self.unix, UTC)

    @property
    def local(self) -> datetime:
        """The run's instant in the schedule's zone (aware)."""
        return datetime.fromtimestamp(self.unix, self.zone.info)

    @property
    def offset(self) -> timedelta:
        """The UTC offset in force at the run."""
        return timedelta(seconds=self.offset_seconds)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready description of the run."""
        # Formatted from integers: building two aware datetimes per run
        # costs more than finding the run.
        offset = _format_offset(self.offset_seconds)
        data: dict[str, object] = {
            "utc": _iso_seconds(self.unix) + "Z",
            "local": _iso_seconds(self.unix + self.offset_seconds) + offset,
            "offset": offset,
            "note": self.note.value,
        }
        if self.reason:
            data["reason"] = self.reason
        if self.intended:
            data["intended"] = self.intended
        return data


class RunList(list[Run]):
    """Runs in order, plus why the search stopped early (if it did)."""

    end: SearchEnd | None
    end_reason: str | None

    def __init__(
        self,
        runs: list[Run] | None = None,
        end: SearchEnd | None = None,
        end_reason: str | None = None,
    ) -> None:
        super().__init__(runs or [])
        self.end = end
        self.end_reason = end_reason


@functools.lru_cache(maxsize=512)
def _format_offset(seconds: int) -> str:
    # A zone has few offsets: each is formatted once.
    sign = "+" if seconds >= 0 else "-"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{secs:02d}" if secs else text


def _iso_seconds(seconds: int) -> str:
    # "YYYY-MM-DDTHH:MM:SS" of seconds since the epoch read as UTC.
    days, rest = divmod(seconds, 86400)
    minutes, second = divmod(rest, 60)
    return _DATES(days) + _MINUTES[minutes] + _SECONDS[second]


@functools.lru_cache(maxsize=4096)
def _date_text(days: int) -> str:
    year, month, day = civil_from_days(days)
    return f"{year:04d}-{month:02d}-{day:02d}T"


_DATES = _date_text
_MINUTES = [f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
_SECONDS = [f"{s:02d}" for s in range(60)]


def format_offset(seconds: int) -> str:
    """An offset as ``+HH:MM`` (``+HH:MM:SS`` when it has seconds)."""
    return _format_offset(seconds)


# Bulk expansion builds a run per matching minute.  ``tuple.__new__`` on
# the six values skips the generated ``__new__`` (a Python function with
# defaults), so each run is built without a Python-level call.
_new_tuple = tuple.__new__
_NORMAL = Note.NORMAL


def normal_run(unix: int, offset_seconds: int, zone: Zone) -> Run:
    """``Run(unix, offset_seconds, zone)``, built faster (for bulk work)."""
    return _new_tuple(Run, (unix, offset_seconds, zone, _NORMAL, None, None))


def normal_runs(instants: Iterable[int], offset_seconds: int, zone: Zone) -> list[Run]:
    """``[Run(u, offset_seconds, zone) for u in instants]``, with no Python
    call per run: a list built in place costs less than a lazy chain of
    ``zip`` and ``map``, above all for the few runs of a short list."""
    return [
        _new_tuple(Run, (u, offset_seconds, zone, _NORMAL, None, None))
        for u in instants
    ]
