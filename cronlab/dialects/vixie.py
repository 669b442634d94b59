"""The ``vixie`` dialect: what Debian's cron daemon does.

Grammar: the five crontab time fields of Debian cron (SEMANTICS.md §11):
weekday 0–7 (both ends are Sunday), three-letter names in any case, lists,
ranges, and steps after ``*`` or after a range.  There is no ``?``, no
``L``/``W``/``#``, no seconds and no year.  A bare ``N/S`` is refused: the
crontab(5) page defines a step only "following a range" (or ``*``), and a
line whose meaning differs between cron implementations is better refused
than guessed (cronsim reads it as ``N-max/S``, robfig too).

Expansion: the daemon wakes every minute and compares wall-clock minutes,
so a job is wall-clock matching plus Debian's rules for a clock that jumps
(§11): a fixed-time job (neither minute nor hour starts with ``*``) whose
time a forward jump of less than three hours skipped runs once at the first
minute after the jump, and is not repeated when the clock goes back by less
than three hours; wildcard jobs follow real time; a jump of three hours or
more is a clock reset, after which only the new time counts.
"""

from __future__ import annotations

import functools
import heapq

from ..engine import (
    DAY,
    WallMatch,
    civil_from_days,
    days_from_civil,
    days_in_month,
    iter_wall_matches,
    weekday_of,
)
from ..errors import ExpressionError, excerpt
from ..expression import Expression, Field
from ..run import Note, Run, SearchEnd
from ..zones import Transition, Zone
from . import Expansion
from .grammar import Bounds, Token, five_fields, items_of, tokenize

DIALECT = "vixie"

BOUNDS = five_fields(highest_weekday=7)

DESCRIPTORS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

#: A clock jump at least this long is a reset for Debian cron (§11).
RESET_JUMP = 3 * 3600

# How far a search looks past the last run before giving up.  A schedule
# that names no real calendar day is caught before any search (see
# _names_a_real_day); this bound only keeps every search finite, and is as
# long as cronsim's own give-up window.
_WINDOW_DAYS = 50 * 366
_LAST_DAY = days_from_civil(9999, 12, 31)


# -- grammar ---------------------------------------------------------------


def parse(text: str) -> Expression:
    """Parse ``text`` as a Debian crontab time specification.

    Raises :class:`ExpressionError` naming the field, column and text at
    fault, with a hint where the fix is clear.
    """
    body = text.strip()
    if not body:
        raise ExpressionError(
            "empty schedule",
            expression=text,
            hint="give five fields: minute hour day-of-month month day-of-week",
        )
    if body.startswith("@"):
        return _descriptor(text, body, len(text) - len(text.lstrip()) + 1)

    tokens = tokenize(text)
    if len(tokens) != 5:
        raise _field_count_error(text, tokens)
    return _expression(text, tokens)


def is_fixed_time(expr: Expression) -> bool:
    """Whether Debian cron treats the job as fixed-time (§11): neither its
    minute nor its hour field starts with ``*``."""
    return not (expr.minute.star or expr.hour.star)


def _descriptor(text: str, body: str, column: int) -> Expression:
    if body == "@reboot":
        raise ExpressionError(
            "@reboot runs once when the daemon starts and has no times",
            expression=text,
            field="descriptor",
            text=body,
            column=column,
            hint="give a time schedule such as @daily or '0 3 * * *'",
        )
    if body not in DESCRIPTORS:
        raise ExpressionError(
            "unrecognized descriptor",
            expression=text,
            field="descriptor",
            text=body,
            column=column,
            hint=_descriptor_hint(body),
        )
    tokens = [Token(t, column) for t in DESCRIPTORS[body].split()]
    return _expression(text, tokens, body)


def _expression(
    text: str, tokens: list[Token], descriptor: str | None = None
) -> Expression:
    minute, hour, dom, month, dow = (
        _field(text, t, b) for t, b in zip(tokens, BOUNDS, strict=True)
    )
    return Expression(
        text, DIALECT, minute, hour, dom, month, dow, descriptor=descriptor
    )


def _descriptor_hint(body: str) -> str:
    word = body.split()[0]
    if word.lower() in DESCRIPTORS or word.lower() == "@reboot":
        if word != body:
            return "a descriptor stands alone, with nothing after it"
        return f"descriptors are lower case: {word.lower()}"
    if word.startswith("@every"):
        return "Debian cron has no @every; use a step such as */10"
    return "known: " + ", ".join(DESCRIPTORS)


def _field_count_error(text: str, tokens: list[Token]) -> ExpressionError:
    count = len(tokens)
    if count > 5:
        hint = (
            "Debian cron takes five time fields (no seconds, no year); "
            "in a crontab line the sixth field starts the command"
        )
        return ExpressionError(
            f"expected exactly 5 fields, found {count}",
            expression=text,
            text=tokens[5].text,
            column=tokens[5].column,
            hint=hint,
        )
    return ExpressionError(
        f"expected exactly 5 fields, found {count}",
        expression=text,
        hint="give five fields: minute hour day-of-month month day-of-week",
    )


def _field(text: str, token: Token, bounds: Bounds) -> Field:
    # Debian sets its *_STAR flags when a field's text starts with '*'; the
    # day flags choose AND or OR (§11), the minute and hour flags make a
    # job a wildcard job.  Field.star records exactly that flag.
    values: set[int] = set()
    column = token.column
    for piece in token.text.split(","):
        if not piece:
            raise ExpressionError(
                "empty item in a list",
                expression=text,
                field=bounds.name,
                text=token.text,
                column=column,
                hint="separate values with single commas, e.g. 1,15",
            )
        column += len(piece) + 1
    for item in items_of(token):
        values |= _item(text, item, bounds)
    if bounds.name == "day-of-week" and 7 in values:
        values = (values - {7}) | {0}  # 7 is Sunday too
    star = token.text.startswith("*")
    return Field.of(bounds.name, token.text, token.column, values, star)


def _item(text: str, item: Token, bounds: Bounds) -> set[int]:
    def refuse(reason: str, hint: str | None = None) -> ExpressionError:
        return ExpressionError(
            reason,
            expression=text,
            field=bounds.name,
            text=item.text,
            column=item.column,
            hint=hint,
        )

    base, slash, step_text = item.text.partition("/")
    if "/" in step_text:
        raise refuse("too many slashes", "a step is range/step, e.g. */15")
    if base == "*":
        low, high = bounds.low, bounds.high
    elif base.startswith("*"):
        raise refuse("nothing but a /step may follow '*'", "write '*' or '*/step'")
    elif base.startswith(("-", "+")):
        raise refuse("numbers take no sign", _takes(bounds) + "; no signs")
    elif "-" in base:
        first, _, last = base.partition("-")
        if "-" in last:
            raise refuse("too many hyphens", "a range is low-high, e.g. 1-5")
        low = _value(first, item.text, bounds, refuse)
        high = _value(last, item.text, bounds, refuse)
        if low > high:
            raise refuse(
                f"range start {low} is beyond its end {high}",
                "ranges do not wrap around; split it, e.g. 22-23,0-2",
            )
    else:
        low = high = _value(base, item.text, bounds, refuse)
        if slash:
            raise refuse(
                "a step must follow a range or '*'",
                "Debian cron reads no bare N/step; write "
                + excerpt(f"{base}-{bounds.high}/{step_text or 'S'}", quote=False),
            )

    if not slash:
        return set(range(low, high + 1))
    if not step_text.isdigit() or not step_text.isascii():
        raise refuse(f"not a step number: {excerpt(step_text)}", "e.g. */15")
    step = _number(step_text)
    if step == 0:
        raise refuse("a step must be a positive number", "use a step of 1 or more")
    return set(range(low, high + 1, step))


def _value(piece: str, whole: str, bounds: Bounds, refuse: object) -> int:
    assert callable(refuse)
    if bounds.names is not None and piece.lower() in bounds.names:
        return bounds.names[piece.lower()]
    if not piece:
        raise refuse("a number is missing", "a range is low-high, e.g. 1-5")
    if not piece.isascii() or not piece.isdigit():
        reason = (
            "not a number" if piece == whole else f"{excerpt(piece)} is not a number"
        )
        raise refuse(reason, _word_hint(piece, bounds))
    value = _number(piece)
    if value < bounds.low:
        raise refuse(f"{value} is below the minimum {bounds.low}", _takes(bounds))
    if value > bounds.high:
        shown = excerpt(piece.lstrip("0"), quote=False)
        raise refuse(f"{shown} is above the maximum {bounds.high}", _takes(bounds))
    return value


def _number(digits: str) -> int:
    # Python's int() refuses texts of more than 4300 digits; any number of
    # ten digits or more is far above every bound and step range anyway.
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) < 10 else 10**10


def _takes(bounds: Bounds) -> str:
    names = " or names" if bounds.names else ""
    return f"{bounds.name} takes {bounds.low}-{bounds.high}{names}"


def _word_hint(piece: str, bounds: Bounds) -> str:
    upper = piece.upper()
    if piece == "?":
        return "Debian cron has no '?'; use '*'"
    if "#" in upper:
        return "Debian cron has no nth-weekday '#' extension"
    if "L" in upper or "W" in upper:
        known = bounds.names or {}
        if upper.lower()[:3] not in known:
            return "Debian cron has no L or W extension"
    if bounds.names and piece.isalpha() and piece[:3].lower() in bounds.names:
        return f"names are three letters: use {piece[:3].lower()!r}"
    if piece.startswith(("-", "+")):
        return _takes(bounds) + "; no signs"
    return _takes(bounds)


# -- expansion -------------------------------------------------------------


def expand(expr: Expression, zone: Zone, after: int) -> Expansion:
    """Runs strictly after Unix second ``after``, as Debian cron runs them.

    Wall-clock matches come from the engine one local day at a time; each
    becomes zero, one or two runs by Debian's clock-jump rules.  Runs are
    released in instant order once no later wall time can precede them.
    Returns (as the generator's value) why the search ended: a schedule
    that names no real day, or no run within fifty years.
    """
    if not _names_a_real_day(expr):
        return SearchEnd.EXHAUSTED, (
            "the schedule names no calendar day that exists (such as 31 "
            "February): Debian cron accepts it and never runs it"
        )

    fixed = is_fixed_time(expr)
    low, _high = _offset_range(zone, after)
    day = (after + low) // DAY - 1
    give_up = day + _WINDOW_DAYS
    pending: list[tuple[int, int, str, Run]] = []
    while day <= min(give_up, _LAST_DAY):
        for match in iter_wall_matches(expr, zone, day, day + 1):
            for rank, run in _runs_of(match, zone, fixed):
                if run.unix > after:
                    heapq.heappush(pending, (run.unix, rank, run.intended or "", run))
        day += 1

        # A wall time on a later day reads at least day * DAY, so its
        # instant is at least that minus the largest offset nearby.
        _low, high = _offset_range(zone, day * DAY)
        ready = day * DAY - high
        while pending and pending[0][0] < ready:
            yield _merge_same_instant(pending)
            give_up = day + _WINDOW_DAYS

    while pending:
        yield _merge_same_instant(pending)
    if day > _LAST_DAY:
        return SearchEnd.EXHAUSTED, "no run before the end of year 9999"
    return SearchEnd.EXHAUSTED, "no run within fifty years of the last one"


def _runs_of(match: WallMatch, zone: Zone, fixed: bool) -> list[tuple[int, Run]]:
    # Rank 0 runs at their own wall time, rank 1 stands in for a skipped
    # one; when both land on one instant the daemon runs the job once.
    if match.in_gap:
        shifted = _gap_run(match.local, zone) if fixed else None
        return [(1, shifted)] if shifted else []

    if match.in_fold:
        first, second = match.instants
        reset = _jump(zone, first, second + 1) >= RESET_JUMP
        if fixed and not reset:
            why = (
                "the wall time happens twice; Debian cron does not repeat a "
                "fixed-time job when the clock goes back"
            )
            return [(0, Run(first, zone.offset(first), zone, Note.FOLD_FIRST, why))]
        why = (
            "the wall time happens twice; Debian cron runs a wildcard job "
            "in both passes"
            if not reset
            else "the clock went back three hours or more, which Debian cron "
            "treats as a reset and runs the repeated times again"
        )
        return [
            (0, Run(first, zone.offset(first), zone, Note.FOLD_FIRST, why)),
            (0, Run(second, zone.offset(second), zone, Note.FOLD_SECOND, why)),
        ]

    (u,) = match.instants
    return [(0, Run(u, zone.offset(u), zone))]


def _gap_run(local: int, zone: Zone) -> Run | None:
    """The run Debian cron makes for a fixed-time job whose wall time
    ``local`` a forward jump skipped, or ``None`` after a clock reset."""
    jump = _gap_transition(zone, local)
    if jump is None or jump.delta >= RESET_JUMP:
        return None

    # The daemon notices the jump at the first whole wall minute after it
    # and runs the skipped fixed-time jobs then (§11).
    landing = -(-(jump.at + jump.after) // 60) * 60
    u = landing - jump.after
    intended = _wall_text(local)
    reason = (
        f"{intended[11:]} did not exist (the clock jumped forward); Debian "
        f"cron runs the skipped fixed-time job at the first minute after "
        "the jump"
    )
    return Run(u, zone.offset(u), zone, Note.GAP_SHIFTED, reason, intended)


def _gap_transition(zone: Zone, local: int) -> Transition | None:
    for jump in zone.transitions(local - 2 * DAY, local + 2 * DAY):
        if jump.is_gap and jump.at + jump.before <= local < jump.at + jump.after:
            return jump
    return None


def _jump(zone: Zone, start: int, end: int) -> int:
    """The largest clock jump (seconds, either way) at instants in
    ``start <= at < end``."""
    return max((abs(t.delta) for t in zone.transitions(start, end)), default=0)


def _offset_range(zone: Zone, u: int) -> tuple[int, int]:
    # Offsets in force within two days of u: enough to bound where a wall
    # time of a neighbouring day can fall (offsets change far less often).
    offsets = {zone.offset(u - 2 * DAY)}
    for jump in zone.transitions(u - 2 * DAY, u + 2 * DAY):
        offsets.add(jump.after)
    return min(offsets), max(offsets)


def _merge_same_instant(pending: list[tuple[int, int, str, Run]]) -> Run:
    # Several wall times can come to one instant (a gap's skipped jobs and
    # the job of the first minute after it); Debian runs the job once.
    unix, _rank, _intended, run = heapq.heappop(pending)
    merged: list[str] = []
    while pending and pending[0][0] == unix:
        extra = heapq.heappop(pending)[3]
        if extra.intended:
            merged.append(extra.intended[11:])
    if not merged:
        return run
    also = ", ".join(merged)
    note = f"the jump skipped {also}; Debian cron runs the job once for it here"
    reason = f"{run.reason}; {note}" if run.reason else note
    return Run(run.unix, run.offset_seconds, run.zone, run.note, reason, run.intended)


def _wall_text(local: int) -> str:
    days, secs = divmod(local, DAY)
    y, mo, d = civil_from_days(days)
    return f"{y:04d}-{mo:02d}-{d:02d}T{secs // 3600:02d}:{secs % 3600 // 60:02d}"


def _names_a_real_day(expr: Expression) -> bool:
    return _calendar_has_day(
        expr.day_of_month.mask, expr.month.mask, expr.day_of_week.mask, _and(expr)
    )


def _and(expr: Expression) -> bool:
    return expr.day_of_month.star or expr.day_of_week.star


@functools.lru_cache(maxsize=256)
def _calendar_has_day(doms: int, months: int, dows: int, and_rule: bool) -> bool:
    """Whether some real date matches the day fields.

    The Gregorian calendar, weekdays included, repeats every 400 years
    (146,097 days is a whole number of weeks), so one cycle decides it.
    """
    for year in range(2000, 2400):
        for month in range(1, 13):
            if not months >> month & 1:
                continue
            first = days_from_civil(year, month, 1)
            for day in range(1, days_in_month(year, month) + 1):
                dom = bool(doms >> day & 1)
                dow = bool(dows >> weekday_of(first + day - 1) & 1)
                if (dom and dow) if and_rule else (dom or dow):
                    return True
    return False
