"""What a schedule's comment claims about time zones, checked.

Authors often note a conversion beside the schedule: ``"0 9 * * *"  #
09:00 UTC = 10:00 BST``.  When the zone the comment names and the zone the
schedule runs in keep different daylight-saving rules, that conversion
holds for only part of the year.  The check names the zone, and says what
the job's start time really reads there in winter and in summer.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .schedule import Schedule
from .zones import load_zone, to_unix

# Abbreviations that name one zone's rules without doubt.  CST (China or
# US Central), IST (India, Ireland or Israel) and MST (Arizona keeps no
# DST) are ambiguous and left out.
_ZONES = {
    "UTC": "UTC",
    "GMT": "UTC",
    "BST": "Europe/London",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CDT": "America/Chicago",
    "MDT": "America/Denver",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(_ZONES) + r")\b")
# A time of day: 09:00, 9:30, 9am, 9 PM.
_CLOCK = re.compile(r"\b\d{1,2}(:\d{2}\b|\s?[ap]\.?m\b)", re.IGNORECASE)
_SHOWN = 80


def comment_warnings(comment: str, schedule: Schedule, after: datetime) -> list[str]:
    """Warnings for conversions in ``comment`` that hold only part of the
    year, judged over the year from ``after``."""
    if not _CLOCK.search(comment):
        return []
    named = dict.fromkeys(_ZONES[m.group()] for m in _ABBREVIATION.finditer(comment))
    winter, summer = _probes(after)
    warnings = []
    for zone_name in named:
        if zone_name == schedule.tz:
            continue
        seasons = _season_times(schedule, zone_name, winter, summer)
        if seasons is not None:
            warnings.append(_message(comment, schedule.tz, zone_name, seasons))
    return warnings


def _probes(after: datetime) -> tuple[datetime, datetime]:
    # Mid-January and mid-July of the coming year: one is winter and one
    # summer in either hemisphere.
    year = after.astimezone(UTC).year + 1
    return datetime(year, 1, 15, tzinfo=UTC), datetime(year, 7, 15, tzinfo=UTC)


def _season_times(
    schedule: Schedule, zone_name: str, winter: datetime, summer: datetime
) -> tuple[str, str] | None:
    """The first run after each probe, read as a wall time in
    ``zone_name``; None when both zones keep the same distance all year."""
    zone = load_zone(zone_name)
    distances = {
        schedule.zone.offset(u) - zone.offset(u)
        for u in (to_unix(winter), to_unix(summer))
    }
    if len(distances) == 1:
        return None
    times = []
    for probe in (winter, summer):
        runs = schedule.next_runs(probe, 1)
        if not runs:
            return None
        local = runs[0].utc.astimezone(zone.info)
        times.append(f"{local:%H:%M} {local.tzname()}")
    return times[0], times[1]


def _message(
    comment: str, runs_in: str, zone_name: str, seasons: tuple[str, str]
) -> str:
    shown = comment if len(comment) <= _SHOWN else comment[: _SHOWN - 1] + "…"
    winter, summer = seasons
    return (
        f"the comment {shown!r} converts between {runs_in} and {zone_name} "
        "time, which holds only part of the year: the two zones' offsets "
        f"differ by season, so a run reads {winter} in January and {summer} "
        f"in July; set spec.timeZone: {zone_name} to keep {zone_name} wall "
        "time all year"
    )
