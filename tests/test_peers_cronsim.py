"""The vixie dialect against cronsim's own test table (peers/cronsim.json).

cronsim models Debian cron, DST rules included, but it also accepts
extensions Debian's crontab refuses: ``L``, ``LW``, ``nL``, ``n#k``, a
sixth (seconds) field and a bare ``N/step``.  Where it does, the vixie
dialect follows Debian and refuses the line; where cronsim refuses an
impossible date (30 February) that Debian installs and never runs, the
vixie dialect accepts it and reports no run.  Every other case must agree
exactly, offsets included.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest

import cronlab
from cronlab import SearchEnd

from .shared import instant, read_json

# cronsim's extensions: L / W / # in a day field (weekday names aside), a
# sixth field, and a bare 'N/step' (Debian's crontab(5) takes a step only
# after a range or '*'; cronsim reads 5/15 as 5-59/15).
_EXTENSION = re.compile(r"[LW#]", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"sun|mon|tue|wed|thu|fri|sat", re.IGNORECASE)
_BARE_STEP = re.compile(r"(^|,)[0-9A-Za-z]+/")


@functools.cache
def table() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = read_json("peers", "cronsim.json")["cases"]
    return cases


def cases(kind: str) -> list[dict[str, Any]]:
    return [case for case in table() if case["kind"] == kind]


def debian_refuses(expr: str) -> bool:
    fields = expr.split()
    if len(fields) != 5:
        return True  # a sixth field starts the command in a crontab line
    if any(_BARE_STEP.search(field) for field in fields):
        return True
    day_fields = (fields[2], _WEEKDAY_NAME.sub("", fields[4]))
    return any(_EXTENSION.search(field) for field in day_fields)


def case_ids(kind: str) -> list[str]:
    try:
        return [case["id"] for case in cases(kind)]
    except pytest.skip.Exception:
        return []


def by_id(case_id: str) -> dict[str, Any]:
    (case,) = [
        c for c in read_json("peers", "cronsim.json")["cases"] if c["id"] == case_id
    ]
    return case


@pytest.mark.parametrize("case_id", case_ids("iterate"))
def test_iteration_agrees_with_cronsim_where_debian_accepts_the_line(
    case_id: str,
) -> None:
    case = by_id(case_id)
    if debian_refuses(case["expr"]):
        with pytest.raises(cronlab.ExpressionError):
            cronlab.parse(case["expr"], tz=case["tz"], dialect="vixie")
        return

    schedule = cronlab.parse(case["expr"], tz=case["tz"], dialect="vixie")
    expected = [instant(text) for text in case["expected"]]
    asked = len(expected) + (1 if case.get("exhausted") else 0)
    start = instant(case["start"])
    # cronsim's reverse iteration is prev_runs: newest first.
    found = (
        schedule.prev_runs(start, asked)
        if case["reverse"]
        else schedule.next_runs(start, asked)
    )
    assert [run.utc for run in found][: len(expected)] == expected
    # Offsets too: the Riga cases tell the passes of a fold apart by them.
    assert [run.local.utcoffset() for run in found][: len(expected)] == [
        moment.utcoffset() for moment in expected
    ]
    if case.get("exhausted"):
        assert len(found) == len(expected)
        assert found.end is SearchEnd.EXHAUSTED


# Impossible dates: cronsim refuses them, Debian cron installs the line and
# the job never runs.
_NEVER = {"* * 30 2 *", "* * 31 4 *"}


@pytest.mark.parametrize("case_id", case_ids("error"))
def test_what_cronsim_refuses_debian_refuses_too(case_id: str) -> None:
    case = by_id(case_id)
    if case["expr"] in _NEVER:
        schedule = cronlab.parse(case["expr"], tz="UTC", dialect="vixie")
        found = schedule.next_runs(instant("2024-01-01T00:00:00Z"), 1)
        assert found == []
        assert found.end is SearchEnd.EXHAUSTED
        return
    with pytest.raises(cronlab.ExpressionError) as caught:
        cronlab.parse(case["expr"], tz="UTC", dialect="vixie")
    # cronsim names the field ("Bad minute"); so does the vixie error.
    contains = case.get("error_contains")
    if contains and contains.startswith("Bad "):
        assert caught.value.field == contains.removeprefix("Bad ")


_PARSE_FIELDS = {
    "minutes": "minute",
    "hours": "hour",
    "days": "day_of_month",
    "months": "month",
    "weekdays": "day_of_week",
}


@pytest.mark.parametrize("case_id", case_ids("parse"))
def test_field_sets_agree_with_cronsim(case_id: str) -> None:
    case = by_id(case_id)
    expr = case["expr"]
    if debian_refuses(expr):
        with pytest.raises(cronlab.ExpressionError):
            cronlab.parse(expr, dialect="vixie")
        return

    parsed = cronlab.parse(expr, dialect="vixie").expression
    for key, values in case["expected_fields"].items():
        if key == "day_and":
            assert (parsed.day_rule is cronlab.DayRule.AND) == values
            continue
        if key == "weekdays":
            # The vixie dialect keeps Sunday as 0 only (7 is read as 0).
            values = sorted({0 if v == 7 else v for v in values})
        assert list(getattr(parsed, _PARSE_FIELDS[key]).values) == values
