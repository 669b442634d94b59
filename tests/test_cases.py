"""Bug-report cases and real transitions, for every dialect they name.

``cases/bug-cases.json`` holds cases cut down from public bug reports
against cron tools, each with the right runs per dialect.  A case stands
for a kind of fault; it stays here as a test once the kind is fixed.  The
``controller`` and ``describe`` checks of a case belong to the controller
simulation and description tests.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

import cronlab
from cronlab import Note, RunList
from cronlab.cronjob import validate_schedule
from cronlab.dialects import croniter as croniter_dialect

from .shared import instant, iso_z, read_json


@functools.cache
def bug_cases() -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in read_json("cases", "bug-cases.json")}


def case_dialects() -> list[tuple[str, str]]:
    try:
        cases = bug_cases()
    except pytest.skip.Exception:
        return []
    return [
        (cid, dialect) for cid, case in cases.items() for dialect in case["expected"]
    ]


def schedule_for(case: dict[str, Any], dialect: str) -> cronlab.Schedule:
    tz = case["tz"] or None
    options = case.get("options", {}).get(dialect, {})
    if options:
        # Only croniter has options (day_or, implement_cron_bug).
        assert dialect == "croniter"
        return croniter_dialect.schedule(case["expr"], tz=tz, **options)
    return cronlab.parse(case["expr"], tz=tz, dialect=dialect)


@pytest.mark.parametrize(("case_id", "dialect"), case_dialects())
def test_bug_case_gives_the_right_runs(case_id: str, dialect: str) -> None:
    case = bug_cases()[case_id]
    expected = case["expected"][dialect]
    if expected == {"error": True}:
        with pytest.raises(cronlab.CronlabError):
            schedule_for(case, dialect)
        return

    schedule = schedule_for(case, dialect)
    start = instant(case["start"])
    wanted = max(len(expected), 1)
    found: RunList = (
        schedule.prev_runs(start, wanted)
        if case["direction"] == "prev"
        else schedule.next_runs(start, wanted)
    )
    assert [iso_z(run.utc) for run in found] == expected
    if case.get("never_fires"):
        # "Never" must be said, not just implied by an empty list.
        assert found.end is not None
        assert found.end_reason


def valid_cases() -> list[str]:
    try:
        cases = bug_cases()
    except pytest.skip.Exception:
        return []
    return [cid for cid, case in cases.items() if "kubernetes" in case.get("valid", {})]


@pytest.mark.parametrize("case_id", valid_cases())
def test_bug_case_is_admitted_by_the_api_server_or_not(case_id: str) -> None:
    case = bug_cases()[case_id]
    _schedule, problems = validate_schedule(case["expr"], case["tz"] or None)
    has_error = any(problem.level == "error" for problem in problems)
    assert has_error is not case["valid"]["kubernetes"]


# -- every dialect at real transitions ---------------------------------------

# (zone, expression, start, {dialect: [(UTC run, note), ...]}).  Each row is
# one real offset change; the comment gives its local span.
TRANSITIONS: list[tuple[str, str, str, dict[str, list[tuple[str, Note]]]]] = [
    # America/New_York 2024-03-10 02:00 EST -> 03:00 EDT (07:00Z).
    (
        "America/New_York",
        "30 2 * * *",
        "2024-03-09T12:00:00Z",
        {
            "kubernetes": [("2024-03-11T06:30:00Z", Note.NORMAL)],
            "vixie": [
                ("2024-03-10T07:00:00Z", Note.GAP_SHIFTED),
                ("2024-03-11T06:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-03-10T07:00:00Z", Note.GAP_SHIFTED),
                ("2024-03-11T06:30:00Z", Note.NORMAL),
            ],
        },
    ),
    # America/New_York 2024-11-03 02:00 EDT -> 01:00 EST (06:00Z).
    (
        "America/New_York",
        "30 1 * * *",
        "2024-11-02T12:00:00Z",
        {
            "kubernetes": [
                ("2024-11-03T05:30:00Z", Note.FOLD_FIRST),
                ("2024-11-03T06:30:00Z", Note.FOLD_SECOND),
            ],
            "vixie": [
                ("2024-11-03T05:30:00Z", Note.FOLD_FIRST),
                ("2024-11-04T06:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-11-03T05:30:00Z", Note.FOLD_FIRST),
                ("2024-11-03T06:30:00Z", Note.FOLD_SECOND),
            ],
        },
    ),
    # Europe/London 2024-03-31 01:00 GMT -> 02:00 BST (01:00Z).
    (
        "Europe/London",
        "30 1 * * *",
        "2024-03-30T12:00:00Z",
        {
            "kubernetes": [("2024-04-01T00:30:00Z", Note.NORMAL)],
            "vixie": [
                ("2024-03-31T01:00:00Z", Note.GAP_SHIFTED),
                ("2024-04-01T00:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-03-31T01:00:00Z", Note.GAP_SHIFTED),
                ("2024-04-01T00:30:00Z", Note.NORMAL),
            ],
        },
    ),
    # Europe/London 2024-10-27 02:00 BST -> 01:00 GMT (01:00Z).
    (
        "Europe/London",
        "30 1 * * *",
        "2024-10-26T12:00:00Z",
        {
            "kubernetes": [
                ("2024-10-27T00:30:00Z", Note.FOLD_FIRST),
                ("2024-10-27T01:30:00Z", Note.FOLD_SECOND),
            ],
            "vixie": [
                ("2024-10-27T00:30:00Z", Note.FOLD_FIRST),
                ("2024-10-28T01:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-10-27T00:30:00Z", Note.FOLD_FIRST),
                ("2024-10-27T01:30:00Z", Note.FOLD_SECOND),
            ],
        },
    ),
    # Australia/Lord_Howe 2024-10-06 02:00 +10:30 -> 02:30 +11 (15:30Z on
    # the 5th): a 30-minute gap; Kubernetes also makes its phantom 02:45
    # run (SEMANTICS §9.3).
    (
        "Australia/Lord_Howe",
        "15 2 * * *",
        "2024-10-05T00:00:00Z",
        {
            "kubernetes": [("2024-10-06T15:15:00Z", Note.NORMAL)],
            "vixie": [
                ("2024-10-05T15:30:00Z", Note.GAP_SHIFTED),
                ("2024-10-06T15:15:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-10-05T15:30:00Z", Note.GAP_SHIFTED),
                ("2024-10-06T15:15:00Z", Note.NORMAL),
            ],
        },
    ),
    (
        "Australia/Lord_Howe",
        "45 1 * * *",
        "2024-10-05T00:00:00Z",
        {
            "kubernetes": [
                ("2024-10-05T15:15:00Z", Note.NORMAL),
                ("2024-10-05T15:45:00Z", Note.ANOMALY),
            ],
            "vixie": [
                ("2024-10-05T15:15:00Z", Note.NORMAL),
                ("2024-10-06T14:45:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2024-10-05T15:15:00Z", Note.NORMAL),
                ("2024-10-06T14:45:00Z", Note.NORMAL),
            ],
        },
    ),
    # Australia/Lord_Howe 2025-04-06 02:00 +11 -> 01:30 +10:30 (15:00Z on
    # the 5th): a 30-minute fold.
    (
        "Australia/Lord_Howe",
        "45 1 * * *",
        "2025-04-05T00:00:00Z",
        {
            "kubernetes": [
                ("2025-04-05T14:45:00Z", Note.FOLD_FIRST),
                ("2025-04-05T15:15:00Z", Note.FOLD_SECOND),
            ],
            "vixie": [
                ("2025-04-05T14:45:00Z", Note.FOLD_FIRST),
                ("2025-04-06T15:15:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2025-04-05T14:45:00Z", Note.FOLD_FIRST),
                ("2025-04-05T15:15:00Z", Note.FOLD_SECOND),
            ],
        },
    ),
    # America/Sao_Paulo 2018-11-04 00:00 -03 -> 01:00 -02 (03:00Z):
    # midnight vanished.
    (
        "America/Sao_Paulo",
        "0 0 * * *",
        "2018-11-03T12:00:00Z",
        {
            "kubernetes": [("2018-11-05T02:00:00Z", Note.NORMAL)],
            "vixie": [
                ("2018-11-04T03:00:00Z", Note.GAP_SHIFTED),
                ("2018-11-05T02:00:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2018-11-04T03:00:00Z", Note.GAP_SHIFTED),
                ("2018-11-05T02:00:00Z", Note.NORMAL),
            ],
        },
    ),
    # America/Santiago 2022-09-11 00:00 -04 -> 01:00 -03 (04:00Z).
    (
        "America/Santiago",
        "0 0 * * *",
        "2022-09-10T12:00:00Z",
        {
            "kubernetes": [("2022-09-12T03:00:00Z", Note.NORMAL)],
            "vixie": [
                ("2022-09-11T04:00:00Z", Note.GAP_SHIFTED),
                ("2022-09-12T03:00:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2022-09-11T04:00:00Z", Note.GAP_SHIFTED),
                ("2022-09-12T03:00:00Z", Note.NORMAL),
            ],
        },
    ),
    # America/Santiago 2023-04-02 00:00 -03 -> 2023-04-01 23:00 -04 (03:00Z).
    (
        "America/Santiago",
        "30 23 * * *",
        "2023-04-01T12:00:00Z",
        {
            "kubernetes": [
                ("2023-04-02T02:30:00Z", Note.FOLD_FIRST),
                ("2023-04-02T03:30:00Z", Note.FOLD_SECOND),
            ],
            "vixie": [
                ("2023-04-02T02:30:00Z", Note.FOLD_FIRST),
                ("2023-04-03T03:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2023-04-02T02:30:00Z", Note.FOLD_FIRST),
                ("2023-04-02T03:30:00Z", Note.FOLD_SECOND),
            ],
        },
    ),
    # Pacific/Apia 2011-12-29 24:00 -10 -> 2011-12-31 00:00 +14 (10:00Z):
    # 30 December never happened.  Debian sees a clock reset; croniter
    # moves the missing noon to the first minute of the 31st.
    (
        "Pacific/Apia",
        "0 12 * * *",
        "2011-12-29T12:00:00Z",
        {
            "kubernetes": [
                ("2011-12-29T22:00:00Z", Note.NORMAL),
                ("2011-12-30T22:00:00Z", Note.NORMAL),
            ],
            "vixie": [
                ("2011-12-29T22:00:00Z", Note.NORMAL),
                ("2011-12-30T22:00:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2011-12-29T22:00:00Z", Note.NORMAL),
                ("2011-12-30T10:00:00Z", Note.GAP_SHIFTED),
            ],
        },
    ),
    # Africa/Casablanca 2025-02-23 03:00 +01 -> 02:00 +00 (02:00Z), the
    # Ramadan fold.
    (
        "Africa/Casablanca",
        "30 2 * * *",
        "2025-02-22T12:00:00Z",
        {
            "kubernetes": [
                ("2025-02-23T01:30:00Z", Note.FOLD_FIRST),
                ("2025-02-23T02:30:00Z", Note.FOLD_SECOND),
            ],
            "vixie": [
                ("2025-02-23T01:30:00Z", Note.FOLD_FIRST),
                ("2025-02-24T02:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2025-02-23T01:30:00Z", Note.FOLD_FIRST),
                ("2025-02-23T02:30:00Z", Note.FOLD_SECOND),
            ],
        },
    ),
    # Africa/Casablanca 2025-04-06 02:00 +00 -> 03:00 +01 (02:00Z).
    (
        "Africa/Casablanca",
        "30 2 * * *",
        "2025-04-05T12:00:00Z",
        {
            "kubernetes": [("2025-04-07T01:30:00Z", Note.NORMAL)],
            "vixie": [
                ("2025-04-06T02:00:00Z", Note.GAP_SHIFTED),
                ("2025-04-07T01:30:00Z", Note.NORMAL),
            ],
            "croniter": [
                ("2025-04-06T02:00:00Z", Note.GAP_SHIFTED),
                ("2025-04-07T01:30:00Z", Note.NORMAL),
            ],
        },
    ),
]


def transition_rows() -> list[Any]:
    return [
        pytest.param(
            zone, expr, start, dialect, runs, id=f"{zone}-{start[:10]}-{dialect}"
        )
        for zone, expr, start, per_dialect in TRANSITIONS
        for dialect, runs in per_dialect.items()
    ]


@pytest.mark.parametrize(
    ("zone", "expr", "start", "dialect", "wanted"), transition_rows()
)
def test_runs_at_a_real_transition_carry_their_annotation(
    zone: str, expr: str, start: str, dialect: str, wanted: list[tuple[str, Note]]
) -> None:
    schedule = cronlab.parse(expr, tz=zone, dialect=dialect)
    found = schedule.next_runs(instant(start), len(wanted))
    assert [(iso_z(run.utc), run.note) for run in found] == wanted
    for run in found:
        if run.note is Note.GAP_SHIFTED:
            # The wall time it was meant for is kept, and it never existed.
            assert run.intended is not None
            assert run.intended != run.local.strftime("%Y-%m-%dT%H:%M")
        if run.note is not Note.NORMAL:
            assert run.reason
