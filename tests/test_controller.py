"""The controller's decisions against the Kubernetes controller's own tests.

Every case of ``peers/kubernetes-controller.json`` (utils_test.go and
cronjob_controllerv2_test.go, resolved to concrete instants) runs here, plus
the ``controller`` blocks of ``cases/bug-cases.json`` and the worked
examples of SEMANTICS §9.7.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

import cronlab
from cronlab.controller import (
    ChildJob,
    ClusterView,
    CronJobState,
    InvalidScheduleError,
    MissedSchedules,
    controller_schedule,
    format_ms,
    job_name,
    jobs_to_clean_up,
    most_recent_schedule_time,
    next_schedule_time,
    next_schedule_time_duration,
    scheduled_timestamp,
    sort_jobs_by_start,
    sync_cronjob,
    update_requeue_ms,
)

from .shared import read_json_when_collecting

_FRACTION = re.compile(r"\.(\d+)")


def ms(text: str | None) -> int | None:
    """An RFC 3339 instant (any fraction digits) in Unix milliseconds."""
    if text is None:
        return None
    fraction = _FRACTION.search(text)
    digits = fraction.group(1) if fraction else ""
    whole = _FRACTION.sub("", text).replace("Z", "+00:00")
    seconds = int(datetime.fromisoformat(whole).timestamp())
    return seconds * 1000 + int((digits + "000")[:3])


def at(text: str) -> int:
    """Like :func:`ms` for a value known to be present."""
    value = ms(text)
    assert value is not None
    return value


def peer_cases(kind: str) -> list[Any]:
    table = read_json_when_collecting("peers", "kubernetes-controller.json")
    cases = table["cases"] if table else []
    return [
        pytest.param(c, id=f"{c['id']} {c['name']}") for c in cases if c["kind"] == kind
    ]


def schedule_of(case_input: dict[str, Any]) -> cronlab.Schedule:
    return controller_schedule(case_input["schedule"], case_input["time_zone"])


# --- mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration ---


@pytest.mark.parametrize("case", peer_cases("most_recent_schedule_time"))
def test_most_recent_schedule_time_matches_the_controller(case: dict[str, Any]) -> None:
    given, expected = case["input"], case["expected"]

    def compute() -> Any:
        return most_recent_schedule_time(
            schedule_of(given),
            at(given["now"]),
            creation_ms=at(given["creation_timestamp"]),
            last_schedule_ms=ms(given["last_schedule_time"]),
            starting_deadline_seconds=given["starting_deadline_seconds"],
            include_deadline=given["include_starting_deadline_seconds"],
        )

    if expected.get("error"):
        with pytest.raises(InvalidScheduleError, match="less than 1 second"):
            compute()
        return
    window = compute()
    assert window.earliest_ms == ms(expected["earliest_time"])
    assert window.most_recent_ms == ms(expected["most_recent_time"])
    assert window.missed == MissedSchedules(expected["missed_schedules"])


@pytest.mark.parametrize("case", peer_cases("next_schedule_time"))
def test_next_schedule_time_matches_the_controller(case: dict[str, Any]) -> None:
    given, expected = case["input"], case["expected"]

    def compute() -> int | None:
        scheduled, _ = next_schedule_time(
            schedule_of(given),
            at(given["now"]),
            creation_ms=at(given["creation_timestamp"]),
            last_schedule_ms=ms(given["last_schedule_time"]),
            starting_deadline_seconds=given["starting_deadline_seconds"],
        )
        return scheduled

    if expected.get("error"):
        with pytest.raises(InvalidScheduleError):
            compute()
        return
    scheduled = compute()
    check = expected["schedule_time_check"]
    if check == "exact":
        assert scheduled == ms(expected["schedule_time"])
    elif check == "non_null":
        assert scheduled is not None
    else:
        assert scheduled is None


@pytest.mark.parametrize("case", peer_cases("next_schedule_time_duration"))
def test_requeue_delay_matches_the_controller(case: dict[str, Any]) -> None:
    given = case["input"]
    delay = next_schedule_time_duration(
        schedule_of(given),
        at(given["now"]),
        creation_ms=at(given["creation_timestamp"]),
        last_schedule_ms=ms(given["last_schedule_time"]),
    )
    assert delay == case["expected"]["requeue_after_ms"]


# --- syncCronJob ----------------------------------------------------------


def _child(job: dict[str, Any]) -> ChildJob:
    return ChildJob(
        name=job["name"],
        condition=job.get("condition") if job["finished"] else None,
        completion_ms=ms(job.get("completion_time")),
        owned=job["owned_by_this_cronjob"],
    )


def _cronjob(given: dict[str, Any], active: list[str]) -> CronJobState:
    return CronJobState(
        name=given["cronjob_name"],
        schedule=given["schedule"],
        time_zone=given["time_zone"],
        concurrency_policy=given["concurrency_policy"],
        suspend=given["suspend"],
        starting_deadline_seconds=given["starting_deadline_seconds"],
        creation_ms=at(given["creation_timestamp"]),
        last_schedule_ms=ms(given["last_schedule_time"]),
        active=tuple(active),
    )


def _sync_inputs(given: dict[str, Any]) -> tuple[CronJobState, ClusterView]:
    jobs = given["jobs"]
    cronjob = _cronjob(
        given, [j["name"] for j in jobs if j["in_cronjob_status_active"]]
    )
    # The re-read copy is the one the test took before setting the times.
    copy = given["apiserver_cronjob"]
    fresh = replace_state(
        cronjob,
        creation_ms=at(copy["creation_timestamp"]),
        last_schedule_ms=ms(copy["last_schedule_time"]),
        active=tuple(copy["active"]),
    )
    view = ClusterView(
        jobs=tuple(_child(j) for j in jobs if j["in_job_lister"]),
        live=frozenset(j["name"] for j in jobs if j["returned_by_job_get"]),
        fresh=fresh,
        create_error=given["job_create_error"],
        get_error=given["job_get_error"],
    )
    return cronjob, view


def replace_state(state: CronJobState, **changes: Any) -> CronJobState:
    return replace(state, **changes)


@pytest.mark.parametrize("case", peer_cases("sync_cronjob"))
def test_sync_matches_the_controller(case: dict[str, Any]) -> None:
    given, expected = case["input"], case["expected"]
    cronjob, view = _sync_inputs(given)

    result = sync_cronjob(cronjob, view, at(given["now"]))

    assert (result.created is not None) == expected["job_created"]
    assert bool(result.deleted) == expected["active_job_deleted"]
    assert result.update_status == expected["update_status"]
    assert len(result.events) == expected["events_total"]
    assert len(result.reasons("Warning")) == expected["warning_events"]
    assert result.reasons("Normal") == expected["normal_event_reasons"]
    # The warning reasons come from reading the controller, not the test.
    assert result.reasons("Warning") == expected["warning_event_reasons_hint"]
    if expected["requeue_asserted"]:
        assert result.requeue_after_ms == expected["requeue_after_ms"]
    if expected["error"]:
        assert result.error is not None
    if "last_successful_time" in expected:
        assert result.state.last_successful_ms == ms(expected["last_successful_time"])


@pytest.mark.parametrize("case", peer_cases("job_already_exists"))
def test_an_existing_job_is_adopted_only_when_this_cronjob_owns_it(
    case: dict[str, Any],
) -> None:
    given, expected = case["input"], case["expected"]
    existing = given["existing_job"]
    cronjob = _cronjob({**given, "cronjob_name": "mycronjob"}, given["active"])
    view = ClusterView(
        create_error=given["job_create_error"],
        existing=ChildJob(existing["name"], owned=existing["owned_by_this_cronjob"]),
    )

    result = sync_cronjob(cronjob, view, at(given["now"]))

    assert int(result.update_status) == expected["status_updates"]
    if "active_after_update" in expected:
        assert list(result.state.active) == expected["active_after_update"]


@pytest.mark.parametrize("case", peer_cases("update_cronjob_requeue"))
def test_an_update_is_requeued_as_the_controller_does(case: dict[str, Any]) -> None:
    given = case["input"]

    def state(side: dict[str, Any]) -> CronJobState:
        return CronJobState(
            name="mycronjob",
            schedule=side["schedule"],
            time_zone=side["time_zone"],
            creation_ms=ms(side["creation_timestamp"]) or 0,
            last_schedule_ms=ms(side["last_schedule_time"]),
        )

    delay = update_requeue_ms(
        state(given["old"]), state(given["new"]), at(given["now"])
    )
    # The peer reads the queue's recorded delay: 0 when nothing was queued
    # after a delay (an unparseable new schedule queues nothing at all).
    assert (delay or 0) == case["expected"]["enqueue_after_ms"]


def test_an_unparseable_new_schedule_queues_nothing() -> None:
    old = CronJobState("c", "0 * * * *")
    assert update_requeue_ms(old, CronJobState("c", ""), 0) is None


@pytest.mark.parametrize("case", peer_cases("cleanup_finished_jobs"))
def test_history_cleanup_deletes_the_oldest_beyond_the_limit(
    case: dict[str, Any],
) -> None:
    given = case["input"]
    finished = [
        ChildJob(j["name"], condition=j["condition"], start_ms=ms(j["start_time"]))
        for j in given["finished_jobs"]
    ]
    doomed = jobs_to_clean_up(finished, given["successful_jobs_history_limit"], None)
    assert doomed == case["expected"]["deleted_jobs"]


@pytest.mark.parametrize("case", peer_cases("job_ordering"))
def test_jobs_sort_by_start_time_with_unstarted_last(case: dict[str, Any]) -> None:
    jobs = [
        ChildJob(j["name"], start_ms=ms(j["start_time"])) for j in case["input"]["jobs"]
    ]
    ordered = [job.name for job in sort_jobs_by_start(jobs)]
    assert ordered == [j["name"] for j in case["expected"]["sorted"]]


@pytest.mark.parametrize("case", peer_cases("scheduled_timestamp_annotation"))
def test_the_scheduled_timestamp_is_written_in_the_cronjobs_zone(
    case: dict[str, Any],
) -> None:
    given, expected = case["input"], case["expected"]
    scheduled = at(given["scheduled_time"])
    assert scheduled_timestamp(scheduled, given["time_zone"]) == expected["value"]
    assert job_name("mycronjob", scheduled).startswith(expected["job_name_prefix"])


# --- bug reports and SEMANTICS §9.7 ---------------------------------------


def _bug_cases() -> list[Any]:
    cases = read_json_when_collecting("cases", "bug-cases.json") or []
    return [pytest.param(c, id=c["id"]) for c in cases if "controller" in c]


@pytest.mark.parametrize("case", _bug_cases())
def test_missed_start_times_are_counted_as_the_controller_counts(
    case: dict[str, Any],
) -> None:
    block = case["controller"]
    schedule = cronlab.parse(case["expr"], tz=case["tz"] or None)

    scheduled, window = next_schedule_time(
        schedule,
        at(block["now"]),
        creation_ms=at(block["last_schedule_time"]),
        last_schedule_ms=at(block["last_schedule_time"]),
        starting_deadline_seconds=block["starting_deadline_seconds"],
    )

    assert window.count == block["missed"]
    assert window.too_many_missed == block["too_many_missed"]
    assert scheduled == ms(block["most_recent"])


def _utc(text: str) -> int:
    return at(text)


def test_every_minute_after_downtime_creates_one_job_and_warns() -> None:
    # SEMANTICS §9.7 D: down 08:29 to 10:21:30, no deadline.
    schedule = cronlab.parse("*/1 * * * *")
    last = _utc("2016-05-19T08:29:00Z")
    now = _utc("2016-05-19T10:21:30Z")

    scheduled, window = next_schedule_time(
        schedule, now, creation_ms=last, last_schedule_ms=last
    )
    assert format_ms(scheduled or 0) == "2016-05-19T10:21:00Z"
    assert window.too_many_missed
    assert window.count == 112

    _, window = next_schedule_time(
        schedule,
        now,
        creation_ms=last,
        last_schedule_ms=last,
        starting_deadline_seconds=200,
    )
    assert window.count == 3
    assert not window.too_many_missed


def test_the_estimate_drops_the_catch_up_across_a_spring_forward() -> None:
    # SEMANTICS §9.7 E: New York 2024-03-10 02:00 EST -> 03:00 EDT.  The
    # first interval after 03-08 is 24 h, the next 23 h, so the guess
    # overshoots and the 03-10 run is never caught up.
    schedule = cronlab.parse("0 9 * * *", tz="America/New_York")
    last = _utc("2024-03-08T14:00:00Z")

    scheduled, window = next_schedule_time(
        schedule, _utc("2024-03-11T12:30:00Z"), creation_ms=last, last_schedule_ms=last
    )
    assert scheduled is None
    assert window.missed is MissedSchedules.FEW

    last = _utc("2024-03-15T13:00:00Z")
    scheduled, _ = next_schedule_time(
        schedule, _utc("2024-03-18T12:30:00Z"), creation_ms=last, last_schedule_ms=last
    )
    assert format_ms(scheduled or 0) == "2024-03-17T13:00:00Z"


def test_every_with_a_deadline_shorter_than_its_period_never_runs() -> None:
    # SEMANTICS §6.5 / §9.7 F: Next is not anchored, so Next(now - SDS) is
    # always after now.
    schedule = cronlab.parse("@every 1h")
    created = _utc("2024-01-01T00:00:00Z")
    for hours in range(1, 30):
        now = created + hours * 3_600_000 + 100
        scheduled, _ = next_schedule_time(
            schedule, now, creation_ms=created, starting_deadline_seconds=600
        )
        assert scheduled is None


def test_a_zero_deadline_never_runs_and_a_one_second_deadline_does() -> None:
    # SEMANTICS §9.7 G: the wake-up comes 100 ms after the slot.
    schedule = cronlab.parse("0 * * * *")
    created = _utc("2024-01-01T00:30:00Z")
    now = _utc("2024-01-01T01:00:00Z") + 100
    never, _ = next_schedule_time(
        schedule, now, creation_ms=created, starting_deadline_seconds=0
    )
    runs, _ = next_schedule_time(
        schedule, now, creation_ms=created, starting_deadline_seconds=1
    )
    assert never is None
    assert format_ms(runs or 0) == "2024-01-01T01:00:00Z"


def test_a_job_is_named_after_its_start_time_in_unix_minutes() -> None:
    # SEMANTICS §6.6: the two New York fall-back 01:30 runs differ.
    assert job_name("backup", _utc("2024-11-03T05:30:00Z")) == "backup-28843530"
    assert job_name("backup", _utc("2024-11-03T06:30:00Z")) == "backup-28843590"


def test_the_scheduled_timestamp_keeps_the_wall_offset_of_a_fold() -> None:
    second_pass = _utc("2024-11-03T06:30:00Z")
    assert scheduled_timestamp(second_pass, "America/New_York") == (
        "2024-11-03T01:30:00-05:00"
    )


def test_an_impossible_date_is_an_invalid_schedule_without_requeue() -> None:
    # SEMANTICS §9.7 I.
    cronjob = CronJobState(
        "c", "59 23 31 2 *", creation_ms=_utc("2024-01-01T00:00:00Z")
    )
    result = sync_cronjob(cronjob, ClusterView(), _utc("2024-02-01T00:00:00Z"))
    assert result.reasons("Warning") == ["InvalidSchedule"]
    assert result.requeue_after_ms is None


def test_forbid_postpones_the_start_time_until_the_active_job_ends() -> None:
    # SEMANTICS §9.7 A: hourly, a Job still running at 11:00 ends at 11:40.
    last = _utc("2024-01-01T10:00:00Z")
    running = CronJobState(
        "c",
        "0 * * * *",
        concurrency_policy="Forbid",
        creation_ms=last,
        last_schedule_ms=last,
        active=("c-28411800",),
    )
    blocked = sync_cronjob(
        running,
        ClusterView(jobs=(ChildJob("c-28411800"),)),
        _utc("2024-01-01T11:00:00Z") + 100,
    )
    assert blocked.reasons("Normal") == ["JobAlreadyActive"]
    assert blocked.state.last_schedule_ms == last

    done = ChildJob(
        "c-28411800", condition="Complete", completion_ms=_utc("2024-01-01T11:40:00Z")
    )
    late = sync_cronjob(
        running, ClusterView(jobs=(done,)), _utc("2024-01-01T11:40:00Z")
    )
    assert late.created == job_name("c", _utc("2024-01-01T11:00:00Z"))
    assert late.requeue_after_ms == 20 * 60_000 + 100

    with_deadline = replace_state(running, starting_deadline_seconds=600)
    dropped = sync_cronjob(
        with_deadline, ClusterView(jobs=(done,)), _utc("2024-01-01T11:40:00Z")
    )
    assert dropped.created is None
    assert dropped.requeue_after_ms == 20 * 60_000 + 100


def test_a_suspended_cronjob_does_nothing_and_waits_for_an_event() -> None:
    cronjob = CronJobState("c", "* * * * *", suspend=True)
    result = sync_cronjob(cronjob, ClusterView(), _utc("2024-01-01T00:10:00Z"))
    assert result.created is None
    assert result.requeue_after_ms is None
    assert result.events == []


def test_now_is_printed_to_the_millisecond_only_when_needed() -> None:
    assert format_ms(1_000) == "1970-01-01T00:00:01Z"
    assert format_ms(1_100) == "1970-01-01T00:00:01.100Z"
    assert datetime.fromtimestamp(0, UTC).year == 1970
