"""How long a Job runs: duration text and duration models.

A duration model answers "how long does this Job run?" for each Job a
simulation starts.  Four kinds exist: a fixed value, a list cycled in the
order Jobs start, a seeded distribution (percentiles, or mean and spread),
and any Python callable.  Distributions draw from a generator seeded by the
seed *and the Job's scheduled time*, so the Job for one start time lasts as
long under every concurrency policy and every run of the same inputs.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, cast

from .errors import CronlabError


class DurationError(CronlabError, ValueError):
    """A duration or duration model is refused."""


_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h|d)")

#: The longest single duration accepted (a year); every value is bounded.
MAX_SECONDS = 366 * 86400


def parse_duration(text: str) -> float:
    """Seconds in a duration such as ``40m``, ``1h30m``, ``90s``, ``1.5h``
    or ``7d`` (units ms, s, m, h, d; at least one part).

    Raises :class:`DurationError` naming the text.
    """
    if not isinstance(text, str):
        raise DurationError(f"a duration must be text such as '40m': {text!r}")
    body = text.strip()
    position = 0
    total = 0.0
    for match in _PART.finditer(body):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if not body or position != len(body):
        raise DurationError(
            f"a duration is a number with a unit (ms, s, m, h, d), e.g. 40m or "
            f"1h30m: {text!r}"
        )
    return _checked(total, text)


def _checked(seconds: float, shown: object) -> float:
    if seconds != seconds:
        raise DurationError(f"a duration must be a number, not NaN: {shown!r}")
    if seconds < 0:
        raise DurationError(f"a duration cannot be negative: {shown!r}")
    if seconds > MAX_SECONDS:
        raise DurationError(f"a duration must be at most 366 days: {shown!r}")
    return seconds


def format_duration(seconds: float) -> str:
    """Seconds as compact text: ``40m``, ``1h05m``, ``2d3h``, ``12.5s``."""
    if seconds < 60:
        return f"{seconds:g}s"
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d{hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h{minutes:02d}m" if minutes else f"{hours}h"
    return f"{minutes}m{secs:02d}s" if secs else f"{minutes}m"


class DurationModel(Protocol):
    """Gives the run time, in seconds, of the ``index``-th Job started
    (0-based), whose scheduled time is Unix second ``scheduled``."""

    def __call__(self, index: int, scheduled: int) -> float: ...

    def describe(self) -> str:
        """Words for the model, for reports."""
        ...


@dataclass(frozen=True, slots=True)
class Fixed:
    """Every Job runs ``seconds``."""

    seconds: float

    def __call__(self, index: int, scheduled: int) -> float:
        return self.seconds

    def describe(self) -> str:
        """Words for the model."""
        return format_duration(self.seconds)


@dataclass(frozen=True, slots=True)
class Cycle:
    """Jobs run the listed durations in turn, in the order they start."""

    seconds: tuple[float, ...]

    def __call__(self, index: int, scheduled: int) -> float:
        return self.seconds[index % len(self.seconds)]

    def describe(self) -> str:
        """Words for the model."""
        return "cycling " + ", ".join(format_duration(s) for s in self.seconds)


@dataclass(frozen=True, slots=True)
class Percentiles:
    """Durations drawn from percentile points, interpolated linearly.

    ``points`` maps a percentile (0–100) to seconds; below the lowest and
    above the highest point the nearest value holds.
    """

    points: tuple[tuple[float, float], ...]
    seed: int = 0

    def __call__(self, index: int, scheduled: int) -> float:
        u = _rng(self.seed, scheduled).random() * 100
        ranks = [p for p, _ in self.points]
        i = bisect.bisect_right(ranks, u)
        if i == 0:
            return self.points[0][1]
        if i == len(self.points):
            return self.points[-1][1]
        (p0, v0), (p1, v1) = self.points[i - 1], self.points[i]
        return v0 + (v1 - v0) * (u - p0) / (p1 - p0)

    def describe(self) -> str:
        """Words for the model."""
        parts = ", ".join(f"p{p:g}={format_duration(v)}" for p, v in self.points)
        return f"{parts} (seed {self.seed})"


@dataclass(frozen=True, slots=True)
class Normal:
    """Durations from a normal distribution of ``mean`` and standard
    deviation ``spread`` seconds, never below one second."""

    mean: float
    spread: float
    seed: int = 0

    def __call__(self, index: int, scheduled: int) -> float:
        drawn = _rng(self.seed, scheduled).gauss(self.mean, self.spread)
        return min(max(drawn, 1.0), MAX_SECONDS)

    def describe(self) -> str:
        """Words for the model."""
        return (
            f"mean {format_duration(self.mean)} ± {format_duration(self.spread)} "
            f"(seed {self.seed})"
        )


@dataclass(frozen=True, slots=True)
class FromCallable:
    """Durations from a Python function ``fn(index, scheduled)``, where
    ``scheduled`` is an aware UTC datetime; it returns seconds or a
    timedelta."""

    fn: Callable[[int, datetime], float | timedelta]

    def __call__(self, index: int, scheduled: int) -> float:
        value = self.fn(index, datetime.fromtimestamp(scheduled, UTC))
        if isinstance(value, timedelta):
            value = value.total_seconds()
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DurationError(
                f"a duration function must return seconds or a timedelta: {value!r}"
            )
        return _checked(float(value), value)

    def describe(self) -> str:
        """Words for the model."""
        return f"from {getattr(self.fn, '__name__', 'a function')}"


def _rng(seed: int, scheduled: int) -> random.Random:
    # One generator per (seed, start time): the same Job lasts as long under
    # every policy, whatever order the Jobs start in.
    return random.Random(f"{seed}:{scheduled}")


DurationLike = (
    DurationModel
    | str
    | float
    | int
    | timedelta
    | Sequence[str | float | int | timedelta]
    | Callable[[int, datetime], float | timedelta]
)


def duration_model(spec: DurationLike, *, seed: int = 0) -> DurationModel:
    """A duration model from a convenient description.

    ``spec`` is a model, a number of seconds, a timedelta, text (see
    :func:`parse_duration_model`), a list of those (cycled), or a callable
    ``fn(index, scheduled_datetime)``.
    """
    if callable(spec) and hasattr(spec, "describe"):
        return cast(DurationModel, spec)
    if isinstance(spec, str):
        return parse_duration_model(spec, seed=seed)
    if isinstance(spec, bool):
        raise DurationError(f"not a duration: {spec!r}")
    if isinstance(spec, int | float | timedelta):
        return Fixed(_seconds(spec))
    if isinstance(spec, Sequence):
        if not spec:
            raise DurationError("a list of durations cannot be empty: []")
        return Cycle(tuple(_seconds(item) for item in spec))
    if callable(spec):
        return FromCallable(spec)
    raise DurationError(f"not a duration or duration model: {spec!r}")


def _seconds(value: object) -> float:
    if isinstance(value, str):
        return parse_duration(value)
    if isinstance(value, timedelta):
        return _checked(value.total_seconds(), value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _checked(float(value), value)
    raise DurationError(f"not a duration: {value!r}")


def parse_duration_model(text: str, *, seed: int = 0) -> DurationModel:
    """A duration model from text, as the CLI and annotations write it.

    ``40m`` is fixed; ``30m,45m,50m`` cycles; ``p50=30m,p90=45m,p99=1h``
    draws from percentiles; ``mean=40m,spread=10m`` from a normal
    distribution.  Raises :class:`DurationError`.
    """
    parts = [part.strip() for part in text.split(",")]
    if "=" not in text:
        seconds = tuple(parse_duration(part) for part in parts)
        return Fixed(seconds[0]) if len(seconds) == 1 else Cycle(seconds)
    pairs = dict(_pair(part, text) for part in parts)
    if set(pairs) == {"mean", "spread"}:
        return Normal(pairs["mean"], pairs["spread"], seed)
    return _percentiles(pairs, text, seed)


def _pair(part: str, text: str) -> tuple[str, float]:
    key, sep, value = part.partition("=")
    if not sep:
        raise DurationError(
            f"mix no plain durations into key=value durations: {text!r}"
        )
    return key.strip().lower(), parse_duration(value)


def _percentiles(pairs: Mapping[str, float], text: str, seed: int) -> Percentiles:
    points: list[tuple[float, float]] = []
    for key, value in pairs.items():
        rank = key[1:] if key.startswith("p") else ""
        try:
            percentile = float(rank)
        except ValueError:
            percentile = -1.0
        if not 0 <= percentile <= 100:
            raise DurationError(
                "write a distribution as percentiles (p50=30m,p90=45m) or as "
                f"mean=40m,spread=10m: {text!r}"
            )
        points.append((percentile, value))
    points.sort()
    values = [v for _, v in points]
    if values != sorted(values):
        raise DurationError(
            f"durations must not shrink as the percentile grows: {text!r}"
        )
    return Percentiles(tuple(points), seed)
