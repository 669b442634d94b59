"""Stories of the CronJob controller, simulated, and properties of them."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronlab
from cronlab.durations import Cycle, Fixed
from cronlab.simulate import (
    MAX_HORIZON_DAYS,
    Scenario,
    SimulationError,
    Window,
    compare,
    comparison_to_dict,
    simulate,
)

MAY_1 = datetime(2024, 5, 1, tzinfo=UTC)
MINUTE = 60


def scenario(
    expr: str,
    minutes: float,
    *,
    tz: str | None = None,
    start: datetime = MAY_1,
    days: float = 1,
    **changes: object,
) -> Scenario:
    return Scenario(
        schedule=cronlab.parse(expr, tz=tz),
        start=start,
        horizon_seconds=days * 86400,
        duration=Fixed(minutes * MINUTE),
        **changes,  # type: ignore[arg-type]
    )


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()) * 1000


# --- overlap: a 40-minute Job every 30 minutes ------------------------------


def test_30_min_schedule_40_min_job_forbid_back_to_back_every_fourth_never_starts() -> (
    None
):
    # 00:30 starts on time and ends 01:10; 01:00 waits and starts 10 min
    # late, ends 01:50; 01:30 starts 20 min late, ends 02:30 -- just as
    # 02:00 is no longer the most recent start time but 02:30 is due.  So
    # of every four start times one is on time, two are late by 10 and
    # 20 minutes, and one never starts.
    result = simulate(scenario("*/30 * * * *", 40, days=7), "Forbid")
    figures = result.summary()

    assert figures["scheduled"] == 336
    assert figures["started"] == 252
    assert figures["skipped"] == 84
    assert figures["on_time"] == 84
    assert figures["late"] == 168
    assert figures["max_concurrent"] == 1
    assert figures["max_late_seconds"] == pytest.approx(1200.1)

    statuses = [slot.status for slot in result.slots[:8]]
    assert statuses == ["on_time", "late", "late", "skipped"] * 2
    lateness = [round(job.late_ms / 60_000) for job in result.jobs[:3]]
    assert lateness == [0, 10, 20]

    # Back to back: each Job starts the moment the previous one ends.
    for before, after in zip(result.jobs, result.jobs[1:], strict=False):
        assert after.created_ms == before.end_ms


def test_a_skipped_forbid_start_time_says_which_job_blocked_it() -> None:
    result = simulate(scenario("*/30 * * * *", 40), "Forbid")
    skipped = next(slot for slot in result.slots if slot.status == "skipped")
    assert skipped.why == "forbid"
    assert "still active (Forbid)" in skipped.reason
    assert "a later start time was due" in skipped.reason


def test_every_30_min_a_40_min_job_under_allow_overlaps_two_jobs_and_never_skips() -> (
    None
):
    figures = simulate(scenario("*/30 * * * *", 40, days=7), "Allow").summary()
    assert figures["started"] == figures["scheduled"] == 336
    assert figures["skipped"] == 0
    assert figures["max_concurrent"] == 2
    # Two Jobs run together for 10 minutes of every 30.
    assert figures["mean_concurrent"] == pytest.approx(4 / 3, abs=0.01)


def test_30_min_schedule_40_min_job_replace_kills_every_job_before_it_ends() -> None:
    figures = simulate(scenario("*/30 * * * *", 40, days=7), "Replace").summary()
    assert figures["started"] == 336
    assert figures["killed_by_replace"] == 335  # all but the last
    assert figures["completed"] == 0
    assert figures["completed_fraction"] == 0
    assert figures["max_concurrent"] == 1


def test_forbid_with_a_five_minute_deadline_runs_every_other_start_time_on_time() -> (
    None
):
    # The Job ends at 40 min, 10 min after the next start time: past the
    # 300 s deadline, so that start time is dropped and the one after runs.
    result = simulate(
        scenario("*/30 * * * *", 40, starting_deadline_seconds=300), "Forbid"
    )
    statuses = [slot.status for slot in result.slots[:6]]
    assert statuses == ["on_time", "missed_deadline"] * 3
    assert "startingDeadlineSeconds" in result.slots[1].reason
    figures = result.summary()
    assert figures["late"] == 0
    assert figures["skipped"] == 24
    # The last start time's blocker is still running when the day ends.
    assert figures["missed_deadline"] == 23
    assert "when the horizon ended" in result.slots[-1].reason


def test_a_job_shorter_than_the_period_runs_the_same_under_every_policy() -> None:
    results = compare(scenario("*/30 * * * *", 20))
    allow, forbid, replace = (sim.summary() for sim in results.values())
    assert allow == forbid == replace
    # The last Job is still running when the day ends.
    assert (allow["completed"], allow["running_at_end"]) == (47, 1)


# --- DST: the doubled fall-back run -----------------------------------------


FALL_BACK = datetime(
    2024, 11, 2, 12, tzinfo=UTC
)  # New York, 11-03 02:00 EDT -> 01:00 EST


def test_a_doubled_fall_back_run_overlaps_under_allow_and_waits_under_forbid() -> None:
    # 01:30 happens twice on 2024-11-03 (05:30Z EDT, 06:30Z EST).  A 90 min
    # Job from the first pass is still running at the second.
    fall = scenario("30 1 * * *", 90, tz="America/New_York", start=FALL_BACK, days=2)
    results = compare(fall)

    allow, forbid = results["Allow"], results["Forbid"]
    assert allow.summary()["max_concurrent"] == 2
    assert forbid.summary()["max_concurrent"] == 1
    second = next(
        s for s in forbid.slots if s.run and s.run.note.value == "fold_second"
    )
    assert second.status == "late"
    assert second.job is not None
    assert second.job.late_ms == 30 * 60_000 + 100  # when the first pass ends
    assert "Forbid" in second.reason


def test_a_doubled_fall_back_run_under_forbid_with_a_deadline_runs_once() -> None:
    fall = scenario(
        "30 1 * * *",
        90,
        tz="America/New_York",
        start=FALL_BACK,
        days=2,
        starting_deadline_seconds=600,
    )
    forbid = simulate(fall, "Forbid")
    second = next(
        s for s in forbid.slots if s.run and s.run.note.value == "fold_second"
    )
    assert second.status == "missed_deadline"
    assert simulate(fall, "Allow").summary()["started"] == 3


# --- downtime, suspend, the §6.2 estimate -----------------------------------


def test_after_downtime_only_the_most_recent_missed_hour_runs_late() -> None:
    down = Window(ms("2024-05-01T03:30:00Z"), ms("2024-05-01T07:45:00Z"))
    result = simulate(scenario("0 * * * *", 10, downtime=(down,)), "Allow")
    by_hour = {slot.run.utc.hour: slot for slot in result.slots if slot.run}

    assert by_hour[3].status == "on_time"
    for hour in (4, 5, 6):
        assert by_hour[hour].status == "skipped"
        assert by_hour[hour].why == "controller_down"
    assert by_hour[7].status == "late"
    assert by_hour[7].job is not None
    assert by_hour[7].job.late_ms == 45 * 60_000
    assert by_hour[8].status == "on_time"


def test_a_start_time_too_old_on_unsuspend_is_past_the_deadline() -> None:
    # §6.2: on un-suspend at 10:21:30 the controller looks back only 20 s,
    # so 10:21 (30 s old) is lost to the deadline, not to the estimate.
    held = Window(ms("2024-05-01T08:29:30Z"), ms("2024-05-01T10:21:30Z"))
    changes = {"suspended": (held,), "starting_deadline_seconds": 20}
    start = datetime(2024, 5, 1, 8, tzinfo=UTC)
    result = simulate(
        scenario("* * * * *", 1 / 6, start=start, days=0.125, **changes), "Allow"
    )
    by_time = {slot.scheduled_ms: slot for slot in result.slots}

    latest = by_time[ms("2024-05-01T10:21:00Z")]
    assert (latest.status, latest.why) == ("missed_deadline", "deadline")
    assert "30 s old, past the 20 s startingDeadlineSeconds" in latest.reason
    earlier = by_time[ms("2024-05-01T10:20:00Z")]
    assert (earlier.status, earlier.why) == ("skipped", "suspended")
    assert result.summary()["missed_deadline"] == 1


def test_a_return_into_a_suspension_says_so_and_waits_for_the_unsuspend() -> None:
    down = Window(ms("2024-05-01T01:00:00Z"), ms("2024-05-01T03:00:00Z"))
    held = Window(ms("2024-05-01T02:00:00Z"), ms("2024-05-01T04:00:00Z"))
    changes = {"downtime": (down,), "suspended": (held,)}
    result = simulate(scenario("0 * * * *", 10, days=0.25, **changes), "Allow")
    by_hour = {slot.run.utc.hour: slot for slot in result.slots if slot.run}

    for hour in (1, 2):
        assert by_hour[hour].why == "controller_down"
        assert "came back the CronJob was suspended" in by_hour[hour].reason
    assert by_hour[3].why == "suspended"
    assert by_hour[4].status == "on_time"


def test_forbid_holding_a_start_time_past_its_deadline_is_counted_as_such() -> None:
    start = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    changes = {"starting_deadline_seconds": 600}
    result = simulate(
        scenario("0 * * * *", 100, start=start, days=5 / 24, **changes), "Forbid"
    )
    held = [slot for slot in result.slots if slot.status == "missed_deadline"]

    assert len(held) == result.summary()["missed_deadline"] == 2
    assert {slot.why for slot in held} == {"forbid_deadline"}


def test_unsuspending_starts_one_job_for_the_most_recent_missed_time() -> None:
    held = Window(ms("2024-05-01T02:10:00Z"), ms("2024-05-01T05:20:00Z"))
    result = simulate(scenario("0 * * * *", 10, suspended=(held,)), "Forbid")
    by_hour = {slot.run.utc.hour: slot for slot in result.slots if slot.run}

    assert [by_hour[h].why for h in (3, 4)] == ["suspended", "suspended"]
    assert by_hour[5].status == "late"
    assert "un-suspended" in by_hour[5].reason


def test_the_controllers_estimate_drops_the_friday_catch_up() -> None:
    # SEMANTICS §6.2: "30 10,11,12 * * 1-5", back on Friday 16:30 after
    # Thursday 12:45: the estimate overshoots to Monday, so no Friday Job.
    thursday = datetime(2016, 5, 19, 10, tzinfo=UTC)
    down = Window(ms("2016-05-19T12:45:00Z"), ms("2016-05-20T16:30:00Z"))
    result = simulate(
        scenario("30 10,11,12 * * 1-5", 5, start=thursday, days=5, downtime=(down,)),
        "Allow",
    )
    friday = [s for s in result.slots if s.run and s.run.utc.day == 20]
    assert [s.status for s in friday] == ["skipped"] * 3
    assert all(s.why == "estimate" for s in friday)
    monday = next(s for s in result.slots if s.run and s.run.utc.day == 23)
    assert monday.status == "on_time"


def test_a_zero_deadline_never_starts_a_job() -> None:
    result = simulate(scenario("*/10 * * * *", 1, starting_deadline_seconds=0), "Allow")
    figures = result.summary()
    assert figures["started"] == 0
    assert figures["missed_deadline"] == figures["scheduled"]


def test_many_missed_start_times_warn_but_still_start_a_job() -> None:
    down = Window(ms("2024-05-01T01:00:00Z"), ms("2024-05-01T04:00:30Z"))
    result = simulate(scenario("* * * * *", 0.5, days=0.25, downtime=(down,)), "Allow")
    assert result.summary()["too_many_missed_warnings"] == 1
    catch_up = next(job for job in result.jobs if job.late_ms > 1000)
    assert catch_up.created_ms == down.end_ms


# --- the Job side: deadlines and back-off -----------------------------------


def test_active_deadline_kills_a_long_job_and_forbid_then_starts_on_time() -> None:
    result = simulate(
        scenario("*/30 * * * *", 40, active_deadline_seconds=1800), "Forbid"
    )
    figures = result.summary()
    assert figures["killed_by_deadline"] == figures["started"] - 1
    assert figures["skipped"] == 0
    assert figures["late"] == 0


def test_a_job_whose_pods_keep_failing_fails_after_the_backoff_limit() -> None:
    # Seven 1-minute pods (limit 6: the 7th failure fails the Job) and the
    # waits 10+20+40+80+160+320 s between them.
    result = simulate(scenario("0 * * * *", 1, pod_failures=10), "Allow")
    job = result.jobs[0]
    assert job.end_reason == "backoff"
    assert job.pods == 7
    assert job.end_ms - job.created_ms == (7 * 60 + 630) * 1000


def test_a_job_that_fails_twice_then_succeeds_completes_late() -> None:
    result = simulate(scenario("0 * * * *", 1, pod_failures=2), "Allow")
    job = result.jobs[0]
    assert job.end_reason == "completed"
    assert job.end_ms - job.created_ms == (3 * 60 + 30) * 1000


def test_a_cycled_duration_list_is_used_in_start_order() -> None:
    cycle = Scenario(cronlab.parse("0 * * * *"), MAY_1, 86400, Cycle((600.0, 1200.0)))
    jobs = simulate(cycle, "Allow").jobs
    assert [round((j.end_ms - j.created_ms) / 1000) for j in jobs[:4]] == [
        600,
        1200,
        600,
        1200,
    ]


# --- names, output, limits ----------------------------------------------------


def test_jobs_are_named_as_the_controller_names_them() -> None:
    job = simulate(scenario("0 * * * *", 1, name="backup"), "Allow").jobs[0]
    assert job.name == f"backup-{ms('2024-05-01T01:00:00Z') // 60_000}"


def test_the_json_form_puts_policies_side_by_side() -> None:
    data = comparison_to_dict(compare(scenario("*/30 * * * *", 40, days=0.5)))
    policies = data["policies"]
    assert set(policies) == {"Allow", "Forbid", "Replace"}  # type: ignore[arg-type]
    first = data["timeline"][0]  # type: ignore[index]
    assert set(first["outcomes"]) == {"Allow", "Forbid", "Replace"}


def test_a_horizon_beyond_a_year_is_refused() -> None:
    too_long = scenario("0 * * * *", 1, days=MAX_HORIZON_DAYS + 1)
    with pytest.raises(SimulationError, match="at most 366 days"):
        simulate(too_long, "Allow")


def test_a_horizon_past_the_calendars_end_is_refused_with_the_room_left() -> None:
    christmas = datetime(9999, 12, 25, tzinfo=UTC)
    with pytest.raises(SimulationError) as refused:
        simulate(scenario("0 0 * * *", 5, start=christmas, days=30), "Allow")
    assert str(refused.value) == (
        "the horizon must end by 9999-12-30T23:59:59Z, where the calendar ends: "
        "from 9999-12-25T00:00:00Z it may be at most 5d23h, not 30d"
    )


def test_a_horizon_up_to_the_calendars_end_runs_every_start_time_in_it() -> None:
    christmas = datetime(9999, 12, 25, tzinfo=UTC)
    last_day = scenario("0 0 * * *", 5, start=christmas, days=5.9)
    simulation = simulate(last_day, "Allow")
    assert len(simulation.jobs) == len(simulation.slots) == 5


def test_too_many_start_times_are_refused_with_the_limit_named() -> None:
    with pytest.raises(SimulationError, match="more than 100000"):
        simulate(scenario("* * * * *", 1, days=80), "Allow")


def test_a_refused_horizon_is_named_as_a_duration_not_a_fraction_of_days() -> None:
    with pytest.raises(SimulationError, match=r"shorten it: 80d$"):
        simulate(scenario("* * * * *", 1, days=80), "Allow")
    with pytest.raises(SimulationError, match=r"at most 366 days: 400d$"):
        simulate(scenario("0 * * * *", 1, days=400), "Allow")


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(SimulationError, match="concurrencyPolicy"):
        simulate(scenario("0 * * * *", 1), "Sometimes")


# --- properties ---------------------------------------------------------------

SCHEDULES = st.sampled_from(
    [
        ("*/15 * * * *", None),
        ("*/7 * * * *", None),
        ("0 * * * *", None),
        ("@every 45m", None),
        ("30 1 * * *", "America/New_York"),
        ("*/20 1,2 * * *", "Europe/London"),
    ]
)
DURATIONS = st.lists(st.integers(1, 180), min_size=1, max_size=4)
STARTS = st.sampled_from(
    [MAY_1, datetime(2024, 11, 2, 12, tzinfo=UTC), datetime(2024, 10, 26, tzinfo=UTC)]
)


def _random(
    schedule: tuple[str, str | None],
    minutes: list[int],
    start: datetime,
    **changes: object,
) -> Scenario:
    return Scenario(
        schedule=cronlab.parse(schedule[0], tz=schedule[1]),
        start=start,
        horizon_seconds=2 * 86400,
        duration=Cycle(tuple(m * 60.0 for m in minutes)),
        **changes,  # type: ignore[arg-type]
    )


@settings(max_examples=25, deadline=None)
@given(
    SCHEDULES,
    DURATIONS,
    STARTS,
    st.one_of(st.none(), st.integers(0, 7200)),
    st.integers(0, 600),
)
def test_forbid_and_replace_never_run_two_jobs_at_once(
    schedule: tuple[str, str | None],
    minutes: list[int],
    start: datetime,
    deadline: int | None,
    down_minutes: int,
) -> None:
    down_from = start + timedelta(hours=5)
    down = Window(
        int(down_from.timestamp()) * 1000,
        int((down_from + timedelta(minutes=down_minutes + 1)).timestamp()) * 1000,
    )
    case = _random(
        schedule, minutes, start, starting_deadline_seconds=deadline, downtime=(down,)
    )
    for policy in ("Forbid", "Replace"):
        result = simulate(case, policy)
        assert result.summary()["max_concurrent"] <= 1
        ordered = sorted(result.jobs, key=lambda job: job.created_ms)
        for before, after in itertools.pairwise(ordered):
            assert before.end_ms <= after.created_ms


@settings(max_examples=25, deadline=None)
@given(SCHEDULES, DURATIONS, STARTS, st.one_of(st.none(), st.integers(1, 7200)))
def test_allow_starts_a_job_for_every_start_time_within_the_deadline_rules(
    schedule: tuple[str, str | None],
    minutes: list[int],
    start: datetime,
    deadline: int | None,
) -> None:
    # The controller wakes 100 ms after each start time, so any deadline of
    # a second or more lets every start time through; 0 lets none.  But
    # "@every D" is not anchored: a deadline under D never runs (§6.5).
    case = _random(schedule, minutes, start, starting_deadline_seconds=deadline)
    figures = simulate(case, "Allow").summary()
    every = case.schedule.expression.every_seconds
    if every is not None and deadline is not None and deadline < every:
        assert figures["started"] == 0
        return
    assert figures["started"] == figures["scheduled"]
    assert figures["on_time"] == figures["scheduled"]

    never = _random(schedule, minutes, start, starting_deadline_seconds=0)
    assert simulate(never, "Allow").summary()["started"] == 0


@settings(max_examples=15, deadline=None)
@given(SCHEDULES, DURATIONS, STARTS)
def test_every_start_time_either_makes_one_job_or_says_why_not(
    schedule: tuple[str, str | None], minutes: list[int], start: datetime
) -> None:
    for result in compare(_random(schedule, minutes, start)).values():
        started = [slot for slot in result.slots if slot.job is not None]
        assert len(started) == len(result.jobs)
        for slot in result.slots:
            assert slot.job is not None or slot.reason


def test_two_start_times_in_one_minute_share_a_job_name_so_one_makes_no_job() -> None:
    # SEMANTICS §6.6: the name holds whole minutes, so "@every 30s" makes
    # at most one Job per minute; the other create finds the name taken.
    every = Scenario(cronlab.parse("@every 30s"), MAY_1, 600, Fixed(10))
    for result in compare(every).values():
        names = [job.name for job in result.jobs]
        assert len(names) == len(set(names)) == 11
        clashes = [slot for slot in result.slots if slot.job is None]
        assert len(clashes) == 9
        assert all(slot.why == "name_clash" for slot in clashes)
