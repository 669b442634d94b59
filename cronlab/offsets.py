"""UTC-offset changes: when a zone's wall clock jumps, and by how much.

Every change of offset in the pinned tzdata counts, not only DST: a zone
moving its standard time (Europe/Moscow 2011, Africa/Casablanca 2026) or
skipping a whole day (Pacific/Apia, 2011-12-30) too.  Wall times are
"local seconds", the wall-clock reading counted as if it were UTC, as in
``cronlab.engine``.  The DST report (``cronlab.dst``) builds on these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .engine import DAY, civil_from_days
from .errors import CronlabError
from .run import format_offset
from .zones import Zone, load_zone, to_unix

#: The longest window a report may cover, in years.
MAX_YEARS = 50
#: Days per report year: a year of 366 days holds each yearly change
#: whatever day the window starts on.
YEAR_DAYS = 366


#: No window reaches past this instant (9990-01-01T00:00:00Z): a day either
#: side of it must still be a valid date for the zone lookups.
LAST_INSTANT = 253086768000

# Causes of an offset change.
DST_START = "dst_start"
DST_END = "dst_end"
RULE_CHANGE = "rule_change"


@dataclass(frozen=True, slots=True)
class OffsetChange:
    """One change of a zone's UTC offset, with its local span.

    At instant ``at`` the offset goes from ``before`` to ``after`` seconds
    east of UTC.  ``local_before`` is the wall reading the old clock
    reaches at that instant and ``local_after`` the reading the new clock
    shows (both "local seconds": the wall time counted as if it were UTC).
    In a gap the wall times ``[local_before, local_after)`` never happen; in
    a fold ``[local_after, local_before)`` happen twice.
    """

    zone: Zone
    at: int
    before: int
    after: int
    cause: str

    @property
    def is_gap(self) -> bool:
        """True when clocks go forward and some wall times do not exist."""
        return self.after > self.before

    @property
    def kind(self) -> str:
        """``gap`` or ``fold``."""
        return "gap" if self.is_gap else "fold"

    @property
    def length(self) -> int:
        """How many seconds of wall time are missing or repeated."""
        return abs(self.after - self.before)

    @property
    def local_before(self) -> int:
        """The wall reading at the change, on the old clock."""
        return self.at + self.before

    @property
    def local_after(self) -> int:
        """The wall reading at the change, on the new clock."""
        return self.at + self.after

    @property
    def span(self) -> tuple[int, int]:
        """The wall times missing (gap) or repeated (fold), half-open."""
        low, high = sorted((self.local_before, self.local_after))
        return low, high

    @property
    def utc(self) -> datetime:
        """The instant of the change."""
        return datetime.fromtimestamp(self.at, UTC)

    @property
    def abbreviations(self) -> tuple[str, str]:
        """The zone's abbreviations just before and at the change."""
        return _abbreviation(self.zone, self.at - 1), _abbreviation(self.zone, self.at)

    def describe(self) -> str:
        """One line: e.g. ``clocks go forward 1 h: 02:00 CET → 03:00 CEST``."""
        way = "forward" if self.is_gap else "back"
        old, new = self.abbreviations
        before, after = self.local_before, self.local_after
        # A jump onto another day names both dates (São Paulo's clocks went
        # back from 2019-02-17 00:00 to 2019-02-16 23:00).
        show = _dated if before // DAY != after // DAY else wall_text
        return (
            f"clocks go {way} {format_length(self.length)}: "
            f"{show(before)} {old} → {show(after)} {new}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (shape documented in docs/dst.md)."""
        old, new = self.abbreviations
        low, high = self.span
        return {
            "at": iso_utc(self.at),
            "kind": self.kind,
            "cause": self.cause,
            "length_seconds": self.length,
            "length": format_length(self.length),
            "offset_before": format_offset(self.before),
            "offset_after": format_offset(self.after),
            "abbreviation_before": old,
            "abbreviation_after": new,
            "local_before": wall_text(self.local_before, date=True),
            "local_after": wall_text(self.local_after, date=True),
            "span": [wall_text(low, date=True), wall_text(high, date=True)],
        }


def offset_changes(
    zone: Zone | str, start: datetime, end: datetime
) -> list[OffsetChange]:
    """Every UTC-offset change at instants ``start <= at < end``.

    ``zone`` is a :class:`~cronlab.zones.Zone` or an IANA name.
    """
    zone = zone_of(zone)
    return changes_between(zone, to_unix(start), min(to_unix(end), LAST_INSTANT))


def changes_between(zone: Zone, start: int, end: int) -> list[OffsetChange]:
    """The offset changes at Unix seconds ``start <= at < end``."""
    return [
        OffsetChange(zone, t.at, t.before, t.after, _cause(zone, t.at))
        for t in zone.transitions(start, end)
    ]


def _cause(zone: Zone, at: int) -> str:
    # The standard offset (UTC offset minus the DST saving) tells a rule
    # change from a DST switch: Apia 2011 kept DST but moved its standard
    # time a day east.
    old = datetime.fromtimestamp(at - 1, zone.info)
    new = datetime.fromtimestamp(at, zone.info)
    old_dst, new_dst = old.dst(), new.dst()
    old_off, new_off = old.utcoffset(), new.utcoffset()
    assert old_dst is not None and new_dst is not None
    assert old_off is not None and new_off is not None
    if old_off - old_dst != new_off - new_dst or old_dst == new_dst:
        return RULE_CHANGE
    return DST_START if new_dst else DST_END


def zone_of(zone: Zone | str) -> Zone:
    """A zone, loaded by name if need be."""
    return zone if isinstance(zone, Zone) else load_zone(zone)


def window(start: datetime | None, years: int) -> tuple[int, int]:
    """The Unix seconds ``[begin, end)`` of a window of ``years`` × 366
    days from ``start`` (default now).

    Raises :class:`CronlabError` for a length outside 1–:data:`MAX_YEARS`
    or a window reaching past :data:`LAST_INSTANT`.
    """
    check_years(years)
    begin = to_unix(datetime.now(UTC) if start is None else start)
    end = begin + years * YEAR_DAYS * DAY
    if end > LAST_INSTANT:
        raise CronlabError(
            "the window must end before 9990-01-01, where zone data and "
            f"dates run out: from {iso_utc(begin)} for {years} year(s)"
        )
    return begin, end


def check_years(years: int) -> None:
    """Refuse a window length outside 1 to :data:`MAX_YEARS` years."""
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise CronlabError(f"years must be a whole number from 1: {years!r}")
    if years > MAX_YEARS:
        raise CronlabError(f"years must be at most {MAX_YEARS}: {years!r}")


def _abbreviation(zone: Zone, u: int) -> str:
    return datetime.fromtimestamp(u, zone.info).tzname() or format_offset(
        zone.offset(u)
    )


def wall_text(local: int, *, date: bool = False) -> str:
    """Local seconds as ``HH:MM`` (``YYYY-MM-DDTHH:MM`` with ``date``);
    seconds are shown only when there are some."""
    secs = local % DAY
    hour, rest = divmod(secs, 3600)
    minute, second = divmod(rest, 60)
    text = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    return f"{date_text(local)}T{text}" if date else text


def span_text(low: int, high: int) -> str:
    """The wall times ``[low, high)`` in words: ``02:00–03:00`` within a
    day; with dates when the span crosses midnight or lasts a day or more,
    where the times alone would read as nothing (``00:00–00:00``).

    >>> span_text(2 * 3600, 3 * 3600)
    '02:00–03:00'
    >>> span_text(DAY, 2 * DAY)
    'the whole of 1970-01-02'
    >>> span_text(DAY - 1800, DAY + 1800)
    '1970-01-01 23:30 to 1970-01-02 00:30'
    """
    days, rest = divmod(high - low, DAY)
    if low % DAY == 0 and days and not rest:
        last = "" if days == 1 else f" to {date_text(high - DAY)}"
        return f"the whole of {date_text(low)}{last}"
    if not days and low // DAY == (high - 1) // DAY:
        return f"{wall_text(low)}–{wall_text(high)}"
    return f"{_dated(low)} to {_dated(high)}"


def jump_text(low: int, high: int) -> str:
    """``from 02:00 to 03:00``: a clock jump, with dates when it lands on
    another day."""
    if low // DAY == high // DAY:
        return f"from {wall_text(low)} to {wall_text(high)}"
    return f"from {_dated(low)} to {_dated(high)}"


def _dated(local: int) -> str:
    return f"{date_text(local)} {wall_text(local)}"


def date_text(local: int) -> str:
    """The ``YYYY-MM-DD`` date of local seconds."""
    year, month, day = civil_from_days(local // DAY)
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_utc(u: int) -> str:
    """A Unix second as RFC 3339 UTC with a ``Z``, the year in four digits.

    >>> iso_utc(-62135596800)
    '0001-01-01T00:00:00Z'
    """
    hour, rest = divmod(u % DAY, 3600)
    return f"{date_text(u)}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}Z"


def parse_instant(text: str, name: str) -> datetime:
    """An RFC 3339 instant, e.g. ``2026-03-07T00:00Z`` or
    ``2026-03-07T00:00-05:00`` (``t``/``z`` and a space for the ``T``
    accepted as RFC 3339 allows); ``name`` names it in errors.

    A date-time without an offset is refused, not guessed: it is a wall
    time, and which instant it stands for depends on a zone the text does
    not give (a reader in New York and the UTC default differ by hours).

    >>> parse_instant("2026-03-07T00:00z", "--from").isoformat()
    '2026-03-07T00:00:00+00:00'
    """
    cleaned = text.strip()
    try:
        moment = datetime.fromisoformat(cleaned.upper().replace("Z", "+00:00"))
    except ValueError:
        raise CronlabError(
            f"{name} must be an ISO 8601 date-time such as 2026-03-07T00:00Z: {text!r}"
        ) from None
    if moment.tzinfo is None:
        example = cleaned + "Z" if "T" in cleaned.upper() else cleaned + "T00:00Z"
        raise CronlabError(
            f"{name} has no UTC offset: {text!r}; add Z for UTC or the "
            f"zone's offset, e.g. {example!r}"
        )
    return moment


def day_text(moment: datetime) -> str:
    """The ``YYYY-MM-DD`` date of a datetime, the year in four digits.

    ``strftime("%Y")`` writes year 1 as ``1`` on glibc, so dates are
    formatted here rather than by the platform.

    >>> day_text(datetime(1, 1, 2, tzinfo=UTC))
    '0001-01-02'
    """
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"


def format_length(seconds: int) -> str:
    """A duration as ``1 h``, ``30 min``, ``1 h 30 min`` or ``24 h``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)
