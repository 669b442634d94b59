"""Plain crontab files: job lines, environment lines, zones, comments.

A crontab line is one of (crontab(5)):

- blank, or a comment: first non-blank character ``#``;
- an environment setting ``name = value`` (spaces around ``=`` optional,
  the value may be quoted to keep its edge spaces);
- a job: five time fields and the command, or an ``@descriptor`` and the
  command; system crontabs (``/etc/crontab``, ``/etc/cron.d``) put the user
  between the time and the command.

Zones follow SEMANTICS §11: a ``CRON_TZ=`` or ``TZ=`` setting gives the zone
of the jobs below it, the latest setting winning; where both are in force
``CRON_TZ`` decides, being the variable meant for the schedule (``TZ`` is
also the job's own environment).  Nothing here parses the time fields: a
job's :meth:`CrontabEntry.schedule` hands them to a dialect, ``vixie`` by
default, so the grammar lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CronlabError
from .manifests import read_text
from .schedule import Schedule, parse

#: The descriptor that names no clock time.
REBOOT = "@reboot"
ZONE_VARIABLES = ("CRON_TZ", "TZ")

_ENV = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)")
_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class CrontabEntry:
    """One job line: its time text, command, and the zone in force."""

    source: str
    line: int
    expression: str
    command: str
    zone: str | None = None
    user: str | None = None

    @property
    def where(self) -> str:
        """``source:line`` for messages."""
        return f"{self.source}:{self.line}"

    @property
    def is_reboot(self) -> bool:
        """True for an ``@reboot`` job, which has no clock time."""
        return self.expression == REBOOT

    def schedule(self, dialect: str = "vixie") -> Schedule:
        """The job's schedule under ``dialect`` in the zone in force.

        Raises :class:`~cronlab.CronlabError` subclasses for bad time
        fields, an unknown zone, or an ``@reboot`` job.
        """
        if self.is_reboot:
            raise CronlabError(
                f"@reboot runs when the daemon starts, not on a schedule: {self.where}"
            )
        return parse(self.expression, tz=self.zone, dialect=dialect)


@dataclass(frozen=True, slots=True)
class CrontabProblem:
    """A line cron would not run, and why."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(slots=True)
class Crontab:
    """What one crontab file holds."""

    source: str
    entries: list[CrontabEntry] = field(default_factory=list)
    problems: list[CrontabProblem] = field(default_factory=list)
    environment: dict[str, str] = field(default_factory=dict)


def read_crontab(text: str, source: str, *, system: bool = False) -> Crontab:
    """Read a crontab's lines; ``system`` expects a user field.

    Never raises for a bad line: it becomes a :class:`CrontabProblem` and
    reading goes on, as the daemon skips lines it cannot use.
    """
    table = Crontab(source)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        setting = _ENV.fullmatch(line)
        if setting:
            table.environment[setting.group(1)] = _unquote(setting.group(2))
            continue
        entry = _job(line, source, number, system, table)
        if entry is not None:
            table.entries.append(entry)
    return table


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _job(
    line: str, source: str, number: int, system: bool, table: Crontab
) -> CrontabEntry | None:
    # A descriptor takes the place of the five time fields.
    time_fields = 1 if line.startswith("@") else 5
    wanted = time_fields + (2 if system else 1)
    parts = line.split(None, wanted - 1)
    if len(parts) < wanted:
        what = "a user and a command" if system else "a command"
        table.problems.append(
            CrontabProblem(
                source,
                number,
                f"expected {time_fields} time field(s) then {what}: {line!r}",
            )
        )
        return None
    expression = " ".join(parts[:time_fields])
    user = parts[time_fields] if system else None
    return CrontabEntry(
        source,
        number,
        expression,
        parts[-1],
        zone=_zone_in_force(table.environment),
        user=user,
    )


def _zone_in_force(environment: dict[str, str]) -> str | None:
    for name in ZONE_VARIABLES:
        value = environment.get(name)
        if value:
            # A POSIX-style ":Area/City" names the same zone file.
            return value.removeprefix(":")
    return None


def is_system_crontab(path: Path) -> bool:
    """Whether ``path`` is a system crontab (with a user field):
    ``/etc/crontab`` or a file in a ``cron.d`` folder."""
    return path.parent.name == "cron.d" or (
        path.name == "crontab" and path.parent.name == "etc"
    )


def read_crontab_path(path: Path, *, system: bool | None = None) -> Crontab:
    """Read a crontab file; ``system`` defaults to :func:`is_system_crontab`.

    Raises :class:`~cronlab.ManifestError` when the file cannot be read.
    """
    text = read_text(path, _MAX_BYTES, "crontab")
    if system is None:
        system = is_system_crontab(path)
    return read_crontab(text, str(path), system=system)
