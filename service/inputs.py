"""Reading request parameters: types, caps, and one error per parameter.

Views get plain, checked values from here; every refusal names the
parameter, says why, and carries the cap or the offending value, and all
of a request's problems are reported together.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from cronlab import CronlabError, Schedule, parse, validate_time_zone
from cronlab.offsets import parse_instant

from .errors import ApiError, field_error, invalid, library_error

# Runs are computed only from instants in this range: the Python datetime
# the answers are written with ends at year 9999, and a search from near
# there would run past it.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Fields:
    """Raw parameters of one request, and the problems found so far."""

    values: Mapping[str, Any]
    errors: list[dict[str, Any]]
    #: Query strings carry only text, so numbers are parsed from it; a JSON
    #: body has types of its own, and "5" there is a string, not a count.
    from_text: bool = False

    def has(self, name: str) -> bool:
        """True when the request gave ``name`` a non-null value."""
        return self.values.get(name) is not None

    def raise_if_invalid(self) -> None:
        """Refuse the request with every problem found, if any."""
        if self.errors:
            raise invalid(self.errors)


def json_fields(known: Sequence[str], required: Sequence[str] = ()) -> Fields:
    """The request's JSON object body, refusing unknown and missing keys."""
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            "the request body must be JSON (Content-Type: application/json): "
            f"{request.mimetype or 'none'!r}",
        )
    body = _json_body()
    if not isinstance(body, dict):
        message = f"the request body must be a JSON object: {shown(body)}"
        raise invalid([field_error("body", message)])

    errors = [
        field_error(key, _unknown_message(key, known))
        for key in body
        if key not in known
    ]
    errors += [
        field_error(key, f"{key} is required")
        for key in required
        if body.get(key) is None
    ]
    return Fields(body, errors)


def _json_body() -> Any:
    # Invalid JSON is a malformed request (bad_request); valid JSON of the
    # wrong shape is an invalid one, refused by the caller.
    raw = _body_bytes()
    try:
        return json.loads(raw)
    except RecursionError:
        # json refuses deep nesting by overflowing the stack, not with a
        # ValueError.
        message = "the request body nests too deeply to read"
        raise invalid([field_error("body", message)]) from None
    except json.JSONDecodeError as err:
        # json's own messages may end in "at" ("Unterminated string
        # starting at"), so the place follows a colon, as json writes it.
        message = (
            f"the request body is not valid JSON ({err.msg}: line "
            f"{err.lineno} column {err.colno})"
        )
        raise ApiError(400, "bad_request", message) from None
    except ValueError:  # bytes in no JSON encoding (RFC 8259 §8.1)
        message = "the request body is not valid JSON (it is not UTF-8 text)"
        raise ApiError(400, "bad_request", message) from None


def _body_bytes() -> bytes:
    raw = request.get_data(cache=True)
    # A body with a Content-Length over the cap is refused before it is
    # read; a chunked one has none, and werkzeug's capped stream stops at
    # the cap and returns what it read without complaint.  A byte beyond
    # the cap means the body was cut short: refuse it as too large, not as
    # the broken JSON its first part looks like.
    if _at_cap(len(raw)) and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return raw


def _at_cap(size: int) -> bool:
    cap = request.max_content_length
    return cap is not None and request.content_length is None and size >= cap


def query_fields(aliases: Mapping[str, str]) -> Fields:
    """Query parameters, renamed to the JSON names (``expr`` → ``expression``).

    Unknown query parameters are refused as unknown JSON keys are, so a
    misspelt one (``count`` as ``cnt``) is not silently ignored.
    """
    values: dict[str, Any] = {}
    errors = []
    for short, name in aliases.items():
        given = request.args.getlist(short)
        if len(given) > 1:
            # Taking the first or the last would silently drop one.
            message = f"{short} is given {len(given)} times: {given!r}"
            errors.append(field_error(name, message))
        elif given:
            values[name] = given[0]
    known = list(aliases)
    errors += [
        field_error(key, _unknown_message(key, known, aliases))
        for key in request.args
        if key not in aliases
    ]
    return Fields(values, errors, from_text=True)


def _unknown_message(
    key: str, known: Sequence[str], aliases: Mapping[str, str] | None = None
) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    if not close:
        close = [k for k in known if k.lower() == key.lower()]
    if not close and aliases:
        # A body's name in a query string: the query's short name for it.
        close = [k for k, name in aliases.items() if name.lower() == key.lower()]
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown parameter{hint}; known: {', '.join(known)}: {key!r}"


def shown(value: Any) -> str:
    """A request value as a message ends with it: a string quoted as the
    library quotes offending text, anything else as JSON (``true``,
    ``null``, ``2.5``), the way the client wrote it."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and not math.isfinite(value):
        # json reads 1e400 as infinity; say what was sent, not "inf".
        return "a number too large to read" if value == value else "NaN"
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return repr(value)


def text(fields: Fields, name: str, default: str | None = None) -> str | None:
    """A string parameter (or ``default`` when absent)."""
    value = fields.values.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        message = f"{name} must be a string: {shown(value)}"
        fields.errors.append(field_error(name, message))
        return default
    return value


def zone(fields: Fields, name: str = "timeZone") -> str | None:
    """A zone name; an empty one is refused as a manifest's would be,
    rather than read as UTC (leaving it out means UTC)."""
    value = text(fields, name)
    if value == "":
        message = f"{name} is empty: give an IANA zone name, or leave it out for UTC"
        fields.errors.append(field_error(name, message))
        return None
    return value


def integer(fields: Fields, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter within ``low..high``; query strings are parsed,
    a JSON body's value must be a JSON integer (not a string or a bool)."""
    value = fields.values.get(name)
    if value is None:
        return default
    if isinstance(value, str) and fields.from_text and value.strip().isascii():
        # An unparsable text is refused below; int() would also read other
        # scripts' digits ("５"), which no client means.
        with contextlib.suppress(ValueError):
            value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        message = f"{name} must be an integer: {shown(value)}"
        fields.errors.append(field_error(name, message))
        return default
    if not low <= value <= high:
        message = f"{name} must be between {low} and {high}: {shown(value)}"
        fields.errors.append(field_error(name, message))
        return default
    return value


def instant(fields: Fields, name: str) -> datetime | None:
    """An RFC 3339 date-time with its offset (``parse_instant``), or None."""
    raw = text(fields, name)
    if raw is None:
        return None
    try:
        moment = parse_instant(raw, name)
    except CronlabError as err:
        message = str(err)
        if fields.from_text and " " in raw.strip():
            # An unencoded '+' in a query string arrives as a space.
            message += "; in a query string write '+' as %2B"
        fields.errors.append(field_error(name, message))
        return None
    try:
        in_range = EARLIEST <= moment <= LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        message = (
            f"{name} must be between {EARLIEST:%Y-%m-%dT%H:%M:%SZ} and "
            f"{LATEST:%Y-%m-%dT%H:%M:%SZ}: {raw!r}"
        )
        fields.errors.append(field_error(name, message))
        return None
    return moment


def window(
    fields: Fields, start: datetime, until: datetime | None, max_days: int
) -> None:
    """Check that ``until`` is after ``start`` by at most ``max_days``."""
    if until is None:
        return
    days = (until - start).total_seconds() / 86400
    if days <= 0:
        message = f"until must be after from ({_iso(start)}): {_iso(until)!r}"
        fields.errors.append(field_error("until", message))
    elif days > max_days:
        message = f"until must be at most {max_days} days after from: {_iso(until)!r}"
        fields.errors.append(field_error("until", message))


def choice(fields: Fields, name: str, options: Sequence[str], default: str) -> str:
    """One of ``options``."""
    value = text(fields, name, default) or default
    if value not in options:
        message = f"{name} must be one of {', '.join(options)}: {value!r}"
        fields.errors.append(field_error(name, message))
        return default
    return value


def schedule(
    fields: Fields,
    expression: str | None,
    time_zone: str | None,
    dialect: str,
    parameters: tuple[str, str] = ("expression", "timeZone"),
) -> Schedule | None:
    """Parse the expression in its zone, reporting each refusal against
    the parameter at fault; None when either is refused."""
    expr_name, zone_name = parameters
    zone_ok = True
    if time_zone:
        try:
            validate_time_zone(time_zone)
        except CronlabError as err:
            fields.errors.append(library_error(zone_name, err))
            zone_ok = False
    if expression is None:
        return None
    try:
        return parse(expression, tz=time_zone if zone_ok else None, dialect=dialect)
    except CronlabError as err:
        fields.errors.append(library_error(expr_name, err))
        return None


def now() -> datetime:
    """The current instant, whole seconds (the default ``from``)."""
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
