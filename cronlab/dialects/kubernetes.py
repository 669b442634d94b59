"""The ``kubernetes`` dialect: what the CronJob controller computes.

Grammar: robfig/cron v3 ``ParseStandard`` (SEMANTICS.md §1).  Expansion:
robfig's ``SpecSchedule.Next`` run on Go's time arithmetic (§3), fed its own
results the way the controller feeds back ``lastScheduleTime``.  Its DST
behaviour, anomalies included, follows from that arithmetic (§4); nothing
here special-cases a zone.
"""

from __future__ import annotations

import re

from ..engine import DAY, civil_from_days, instants_of_wall, wall_seconds, weekday_of
from ..errors import ExpressionError, TimeZoneError
from ..expression import Expression, Field
from ..fastpath import Shortcut, fill_steady, plan_of, steady_runs
from ..run import Note, Run, RunList, SearchEnd, normal_run
from ..zones import UTC_NAME, Zone, load_zone
from . import Expansion
from .golang import parse_duration
from .grammar import Token
from .robfig_fields import (
    BOUNDS,
    RefusalError,
    cached_field,
    field_at,
    field_of,
)

DIALECT = "kubernetes"

DESCRIPTORS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

# Go's unicode.IsSpace, which strings.Fields and strings.TrimSpace use.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_TOKEN = re.compile(f"[^{_GO_SPACE}]+")


def parse(text: str) -> Expression:
    """Parse ``text`` exactly as robfig/cron ``ParseStandard`` does.

    Raises :class:`ExpressionError` for every text the controller's parser
    refuses, and for ``TZ=name`` without a following space (where Go
    panics).
    """
    plain = _plain_parse(text)
    if plain is not None:
        return plain
    if text == "":
        raise ExpressionError("empty schedule", expression=text)

    zone_name, kind, body_start = _zone_prefix(text)
    body = text[body_start:]
    offset = 0
    if zone_name is not None:
        # Only text after a zone prefix is trimmed; a bare " @daily" is one
        # field and "@daily " an unknown descriptor, as in robfig.
        lead = len(body) - len(body.lstrip(_GO_SPACE_CHARS))
        body = body.strip(_GO_SPACE_CHARS)
        offset = body_start + lead

    if body.startswith("@"):
        return _descriptor(text, body, offset, zone_name, kind)

    pieces = [(m.group(), m.start() + 1 + offset) for m in _TOKEN.finditer(body)]
    if len(pieces) != 5:
        raise _field_count_error(text, [Token(*piece) for piece in pieces])
    fields = [
        field_at(text, piece, column, bounds.name)
        for (piece, column), bounds in zip(pieces, BOUNDS, strict=True)
    ]
    return Expression.of(text, DIALECT, fields, zone_prefix=zone_name, prefix_kind=kind)


_NAMES = tuple(bounds.name for bounds in BOUNDS)


def _plain_parse(text: str) -> Expression | None:
    # The commonest shape, five fields between single spaces in printable
    # ASCII with no zone prefix or descriptor, is what the general path
    # makes of it: Go's only space in printable ASCII is " ", so these are
    # the tokens and each column follows from the lengths before it.
    # ``None`` for any other shape.
    pieces = text.split(" ")
    if len(pieces) != 5 or "" in pieces:
        return None
    if not (text.isascii() and text.isprintable()):
        return None
    if text.startswith(("TZ=", "CRON_TZ=", "@")):
        return None
    minute, hour, day, month, weekday = pieces
    at_hour = len(minute) + 2
    at_day = at_hour + len(hour) + 1
    at_month = at_day + len(day) + 1
    at_weekday = at_month + len(month) + 1
    try:
        fields = [
            cached_field(minute, 1, "minute"),
            cached_field(hour, at_hour, "hour"),
            cached_field(day, at_day, "day-of-month"),
            cached_field(month, at_month, "month"),
            cached_field(weekday, at_weekday, "day-of-week"),
        ]
    except RefusalError:
        return None  # the general path words the error
    return Expression.of(text, DIALECT, fields)


_GO_SPACE_CHARS = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _zone_prefix(text: str) -> tuple[str | None, str | None, int]:
    # robfig reads a zone only from a prefix at byte 0, case-sensitively; the
    # name runs from the first '=' to the first space.
    for kind in ("TZ=", "CRON_TZ="):
        if text.startswith(kind):
            break
    else:
        return None, None, 0
    space = text.find(" ")
    if space == -1:
        raise ExpressionError(
            "a zone prefix must be followed by a space and the schedule",
            expression=text,
            field="time zone",
            hint="write 'TZ=Europe/Berlin 0 9 * * *', or better use spec.timeZone",
        )
    name = text[text.index("=") + 1 : space]
    try:
        load_location(name)
    except TimeZoneError as err:
        raise ExpressionError(
            f"unknown zone in the schedule's prefix ({err.reason})",
            expression=text,
            field="time zone",
            text=name,
            column=text.index("=") + 2,
        ) from err
    return name, kind[:-1], space


def load_location(name: str) -> Zone:
    """Load a zone the way Go's ``time.LoadLocation`` resolves names.

    ``""`` and ``UTC`` are UTC; ``Local`` is the controller's own zone, UTC
    in the usual containerised kube-controller-manager.
    """
    if name in ("", "UTC", "Local"):
        return load_zone(UTC_NAME)
    return load_zone(name)


def _descriptor(
    text: str, body: str, offset: int, zone: str | None, kind: str | None
) -> Expression:
    if body.startswith("@every "):
        seconds = _go_duration(text, body[len("@every ") :], offset + 8)
        empty = [Field.of(b.name, "", offset + 1, set(), False) for b in BOUNDS]
        return Expression.of(
            text,
            DIALECT,
            empty,
            descriptor="@every",
            every_seconds=seconds,
            zone_prefix=zone,
            prefix_kind=kind,
        )
    if body not in DESCRIPTORS:
        hint = _descriptor_hint(body)
        raise ExpressionError(
            "unrecognized descriptor",
            expression=text,
            field="descriptor",
            text=body,
            column=offset + 1,
            hint=hint,
        )
    tokens = [Token(t, offset + 1) for t in DESCRIPTORS[body].split()]
    fields = [field_of(text, t, b) for t, b in zip(tokens, BOUNDS, strict=True)]
    return Expression.of(
        text,
        DIALECT,
        fields,
        descriptor=body,
        zone_prefix=zone,
        prefix_kind=kind,
    )


def _descriptor_hint(body: str) -> str:
    if body.strip().lower() in DESCRIPTORS:
        fixed = body.strip().lower()
        return f"descriptors are lower case with nothing around them: {fixed}"
    if body.startswith("@reboot"):
        return "Kubernetes has no @reboot; a CronJob runs on a schedule only"
    return "known: " + ", ".join(DESCRIPTORS) + ", @every <duration>"


def _go_duration(text: str, value: str, column: int) -> int:
    """Seconds of a Go duration string, as ``@every`` uses it: robfig
    turns anything below one second (zero and negatives included) into
    one second and drops the sub-second part."""
    nanos = parse_duration(value)
    if nanos is None:
        raise ExpressionError(
            "not a Go duration",
            expression=text,
            field="@every duration",
            text=value,
            column=column,
            hint="write e.g. '@every 1h30m' (units h, m, s, ms, us, ns)",
        )
    return max(1, nanos // 1_000_000_000)


def _field_count_error(text: str, tokens: list[Token]) -> ExpressionError:
    count = len(tokens)
    if count == 6:
        hint = "Kubernetes takes five fields: no seconds and no year"
    elif count > 6:
        hint = (
            "Kubernetes takes five fields: minute hour day-of-month month day-of-week"
        )
    else:
        hint = "give five fields: minute hour day-of-month month day-of-week"
    column = tokens[5].column if count > 5 else 1
    return ExpressionError(
        f"expected exactly 5 fields, found {count}",
        expression=text,
        text=tokens[5].text if count > 5 else text,
        column=column,
        hint=hint,
    )


class HangError(Exception):
    """Go's Next would loop forever from here (a day skipped by the zone)."""


# A WRAP pass per month is at most 12 + 31 + 24 + 60 steps; five years of
# them is far below this bound, which exists only so no search can spin.
_MAX_STEPS = 500_000


def next_instant(
    expr: Expression, zone: Zone, t: int, shortcut: Shortcut | None = None
) -> int | None:
    """robfig ``SpecSchedule.Next`` for whole second ``t`` (SEMANTICS §3).

    Returns the Unix second of the next activation, or ``None`` where Go
    returns its zero time (nothing within five years).  Raises ``HangError``
    where Go would never return.  A ``shortcut`` (``cronlab.fastpath``)
    may cross steady stretches of the zone in one move; the answer is the
    same (its invariants say why).
    """
    if expr.every_seconds is not None:
        return t + expr.every_seconds

    off = zone.offset
    months = expr.month.mask
    hours = expr.hour.mask
    minutes = expr.minute.mask
    and_rule = expr.day_of_month.star or expr.day_of_week.star
    doms = expr.day_of_month.mask
    dows = expr.day_of_week.mask

    def fields(u: int) -> tuple[int, int, int, int, int, int, int]:
        local = u + off(u)
        days, secs = divmod(local, DAY)
        y, mo, d = civil_from_days(days)
        h, rest = divmod(secs, 3600)
        mi, s = divmod(rest, 60)
        return y, mo, d, h, mi, s, weekday_of(days)

    def go_date(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> int:
        # Go's time.Date: offset at the wall time read as UTC, then one
        # re-lookup one offset earlier (SEMANTICS §3.1).
        w = wall_seconds(y, mo, d, h, mi, s)
        return w - off(w - off(w))

    def day_ok(d: int, wd: int) -> bool:
        dom = doms >> d & 1
        dow = dows >> wd & 1
        return bool(dom and dow) if and_rule else bool(dom or dow)

    u = t + 1
    added = False
    year_limit = fields(u)[0] + 5
    steps = 0
    while True:  # WRAP
        y, mo, d, h, mi, s, wd = fields(u)
        if y > year_limit:
            return None
        if shortcut is not None:
            jump = shortcut(u, added, year_limit)
            if jump is not None:
                if jump.done:
                    return jump.at
                assert jump.at is not None
                u, added = jump.at, True
                continue
        wrapped = False

        while not months >> mo & 1:
            if not added:
                added = True
                u = go_date(y, mo, 1)
            y, mo, d, h, mi, s, wd = fields(u)
            u = go_date(y, mo + 1, d, h, mi, s)
            y, mo, d, h, mi, s, wd = fields(u)
            steps += 1
            if mo == 1:
                wrapped = True
                break
        if wrapped:
            continue

        while not day_ok(d, wd):
            if not added:
                added = True
                u = go_date(y, mo, d)
            y, mo, d, h, mi, s, wd = fields(u)
            before = u
            u = go_date(y, mo, d + 1, h, mi, s)
            if u == before:
                raise HangError
            # robfig's DST fix-up: pull a day start that is no longer at
            # midnight back to it, once, without re-checking.
            h = fields(u)[3]
            if h != 0:
                u = u + (24 - h) * 3600 if h > 12 else u - h * 3600
            y, mo, d, h, mi, s, wd = fields(u)
            steps += 1
            if steps > _MAX_STEPS:
                raise HangError
            if d == 1:
                wrapped = True
                break
            if shortcut is not None:
                # A clean day start here is as good as a fresh pass.
                jump = shortcut(u, added, year_limit)
                if jump is not None:
                    if jump.done:
                        return jump.at
                    assert jump.at is not None
                    u = jump.at
                    wrapped = True
                    break
        if wrapped:
            continue

        while not hours >> h & 1:
            if not added:
                added = True
                u = go_date(y, mo, d, h)
            u += 3600
            y, mo, d, h, mi, s, wd = fields(u)
            if h == 0:
                wrapped = True
                break
            if shortcut is not None:
                # So is a clean hour start (the shortcut checks it is).
                jump = shortcut(u, added, year_limit)
                if jump is not None:
                    if jump.done:
                        return jump.at
                    assert jump.at is not None
                    u = jump.at
                    wrapped = True
                    break
        if wrapped:
            continue

        while not minutes >> mi & 1:
            if not added:
                added = True
                u -= u % 60
            u += 60
            y, mo, d, h, mi, s, wd = fields(u)
            if mi == 0:
                wrapped = True
                break
        if wrapped:
            continue

        if s != 0:
            # Seconds are always {0}: step to the next whole local minute.
            added = True
            u += 60 - s
            y, mo, d, h, mi, s, wd = fields(u)
            continue
        return u


def expand(expr: Expression, zone: Zone, after: int) -> Expansion:
    """Runs strictly after Unix second ``after``, as the controller chains
    them: each result of ``Next`` is the input of the next call.

    Returns (as the generator's value) why it stopped, if it did.  Steps
    through steady stretches of the zone are served by the fast path
    (``cronlab.fastpath``, whose invariants make them equal to
    ``next_instant``'s); every other step is emulated exactly here.
    """
    plan = None if expr.every_seconds is not None else plan_of(expr)
    shortcut = None if plan is None else Shortcut(plan, zone)
    current = after
    while True:
        if plan is not None:
            current = yield from steady_runs(plan, zone, current)
        run = _next_run(expr, zone, current, shortcut)
        if not isinstance(run, Run):
            return run
        yield run
        current = run.unix


def collect_runs(expr: Expression, zone: Zone, after: int, count: int) -> RunList:
    """The first ``count`` runs of :func:`expand`, built straight into a
    list (``Schedule.next_runs`` uses it: no generator step per run)."""
    plan = None if expr.every_seconds is not None else plan_of(expr)
    shortcut = None  # made when first needed: most lists never need it
    runs = RunList()
    current = after
    while len(runs) < count:
        if plan is not None:
            current = fill_steady(plan, zone, current, runs, count)
            if len(runs) >= count:
                break
            if shortcut is None:
                shortcut = Shortcut(plan, zone)
        run = _next_run(expr, zone, current, shortcut)
        if not isinstance(run, Run):
            runs.end, runs.end_reason = run
            return runs
        runs.append(run)
        current = run.unix
    return runs


def _next_run(
    expr: Expression, zone: Zone, current: int, shortcut: Shortcut | None
) -> Run | tuple[SearchEnd, str]:
    # One call of Next from the previous run: the next run, or why the
    # chain ends there.
    if shortcut is not None:
        # Settled before the search moves: a plain wall-clock match inside
        # a steady stretch, a normal run (fastpath invariants 1, 4).
        jump = shortcut.first_step(current)
        if jump is not None and jump.done:
            if jump.at is None:
                return _exhausted(current)
            return normal_run(jump.at, zone.offset(jump.at), zone)
    try:
        found = next_instant(expr, zone, current, shortcut)
    except HangError:
        return SearchEnd.HANG, (
            f"the controller's search never returns after {_iso(current)}: "
            f"{zone.name} skips a whole calendar day there"
        )
    if found is None:
        return _exhausted(current)
    if found <= current:
        # Go returns its own input here (SEMANTICS §4.3); the controller
        # then refuses the schedule or spins, so nothing runs after it.
        return SearchEnd.STALLED, (
            f"the controller's search returns {_iso(found)} again and "
            "again: the CronJob is stuck there (robfig/cron DST fault)"
        )
    return annotate(expr, zone, found)


def _exhausted(current: int) -> tuple[SearchEnd, str]:
    return SearchEnd.EXHAUSTED, (
        f"no run within the controller's five-year search window after {_iso(current)}"
    )


def annotate(expr: Expression, zone: Zone, u: int) -> Run:
    """Classify a run the controller makes at Unix second ``u``."""
    offset = zone.offset(u)
    local = u + offset
    days, secs = divmod(local, DAY)
    _, month, day = civil_from_days(days)
    hour, minute = secs // 3600, secs % 3600 // 60
    if expr.every_seconds is not None:
        return Run(u, offset, zone)
    if not expr.matches_wall(month, day, weekday_of(days), hour, minute):
        return Run(
            u,
            offset,
            zone,
            Note.ANOMALY,
            f"the controller runs at {hour:02d}:{minute:02d}, a wall time the "
            "schedule does not name: its search crosses the offset change "
            "without re-checking the hour (robfig/cron DST fault)",
        )
    passes = instants_of_wall(zone, local)
    if len(passes) == 2:
        note = Note.FOLD_FIRST if u == passes[0] else Note.FOLD_SECOND
        return Run(
            u,
            offset,
            zone,
            note,
            "the wall time happens twice; Kubernetes runs both passes",
        )
    return Run(u, offset, zone)


def _iso(u: int) -> str:
    days, secs = divmod(u, DAY)
    y, mo, d = civil_from_days(days)
    h, rest = divmod(secs, 3600)
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{rest // 60:02d}:{rest % 60:02d}Z"
