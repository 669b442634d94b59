"""Service settings: defaults, overridden by ``CRONLAB_*`` environment
variables, overridden by the mapping given to ``create_app``.

Every cap here bounds the work one request can cause; each is echoed in the
OpenAPI document and in the error that refuses a request over it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cronlab.offsets import MAX_YEARS
from cronlab.schedule import MAX_COUNT
from cronlab.simulate import MAX_HORIZON_DAYS


@dataclass(frozen=True, slots=True)
class Settings:
    """The knobs of one app instance (see docs/service.md for the table)."""

    #: Largest request body accepted, in bytes.
    max_body_bytes: int = 64 * 1024
    #: Most runs one preview may ask for.
    max_count: int = 1000
    #: Runs in a preview when the request does not say.
    default_count: int = 10
    #: Most runs per CronJob that /v1/check lists.
    max_check_count: int = 100
    #: Most Kubernetes objects one /v1/check manifest may hold.
    max_check_objects: int = 100
    #: Longest window, in days, that a window-based answer may cover.
    max_window_days: int = 366
    #: Longest /v1/dst and /v1/diff window, in years of 366 days.
    max_dst_years: int = 2
    #: Longest simulation horizon, in days.
    max_horizon_days: int = 31
    #: Most start times one simulation may cover (each is simulated under
    #: every policy asked for).
    max_simulation_starts: int = 500
    #: Deterministic answers kept per worker process (0: no cache).
    cache_size: int = 2048
    #: Cache-Control max-age, in seconds, of deterministic answers.
    cache_max_age: int = 86400
    #: Origin allowed to call /v1/ from a browser ("*": any; "": none).
    cors_origin: str = "*"
    #: Level of the one-line-per-request log ("INFO", "WARNING", …).
    log_level: str = "INFO"

    def to_flask(self) -> dict[str, Any]:
        """The Flask config keys these settings imply."""
        return {"MAX_CONTENT_LENGTH": self.max_body_bytes}


#: Environment variable for each setting.
ENV_NAMES = {f.name: f"CRONLAB_{f.name.upper()}" for f in fields(Settings)}


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from the environment, then ``overrides`` (by field name).

    Raises ValueError naming the variable when a value is unusable, so a
    misconfigured server refuses to start instead of serving wrong caps.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        name = ENV_NAMES[spec.name]
        if name in env:
            values[spec.name] = _convert(name, env[name], spec.type)
    settings = replace(Settings(), **values)

    unknown = set(overrides or {}) - set(ENV_NAMES)
    if unknown:
        raise ValueError(f"unknown service settings: {sorted(unknown)!r}")
    settings = replace(settings, **dict(overrides or {}))
    _check(settings)
    return settings


def _convert(name: str, text: str, kind: object) -> Any:
    if kind in (int, "int"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{name} must be an integer: {text!r}") from None
    return text.strip()


def _check(settings: Settings) -> None:
    for spec in fields(Settings):
        value = getattr(settings, spec.name)
        if isinstance(value, int) and value < 0:
            name = ENV_NAMES[spec.name]
            raise ValueError(f"{name} must not be negative: {value!r}")
    # A cap above the library's own would be advertised, then refused by
    # the library in other words; a cap of 0 would refuse every request.
    for field, ceiling in (
        ("max_count", MAX_COUNT),
        ("max_dst_years", MAX_YEARS),
        ("max_horizon_days", MAX_HORIZON_DAYS),
        ("max_window_days", None),
        ("max_simulation_starts", None),
    ):
        value = getattr(settings, field)
        if value < 1 or (ceiling is not None and value > ceiling):
            limit = f"between 1 and {ceiling}" if ceiling else "at least 1"
            raise ValueError(f"{ENV_NAMES[field]} must be {limit}: {value!r}")
    if not 1 <= settings.default_count <= settings.max_count:
        raise ValueError(
            "CRONLAB_DEFAULT_COUNT must be between 1 and CRONLAB_MAX_COUNT: "
            f"{settings.default_count!r}"
        )
