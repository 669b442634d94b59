"""Runs say the same instant whichever way they are read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronlab

ZONES = [
    "UTC",
    "Asia/Kolkata",
    "America/New_York",
    "Africa/Monrovia",
    "Pacific/Chatham",
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=datetime(1960, 1, 1), max_value=datetime(2090, 1, 1)),
)
def test_json_form_matches_the_datetimes(zone: str, start: datetime) -> None:
    # Monrovia kept an offset with seconds (-00:44:30) until 1972.
    schedule = cronlab.parse("*/7 * * * *", tz=zone)
    for run in schedule.next_runs(start.replace(tzinfo=UTC), 20):
        data = run.to_dict()
        assert data["utc"] == run.utc.isoformat().replace("+00:00", "Z")
        assert data["local"] == run.local.isoformat()
        assert run.local.utcoffset() == run.offset


def test_a_run_is_immutable_hashable_and_equal_by_value() -> None:
    from cronlab.run import Note, Run, normal_run, normal_runs
    from cronlab.zones import load_zone

    zone = load_zone("Europe/Berlin")
    run = Run(1_700_000_000, 3600, zone)
    assert run == normal_run(1_700_000_000, 3600, zone)
    assert list(normal_runs([1_700_000_000], 3600, zone)) == [run]
    assert hash(run) == hash(normal_run(1_700_000_000, 3600, zone))
    assert isinstance(normal_run(0, 0, zone), Run)
    assert (run.note, run.reason, run.intended) == (Note.NORMAL, None, None)
    assert run != Run(1_700_000_000, 3600, zone, Note.FOLD_FIRST, "twice")
    with pytest.raises(AttributeError):
        run.unix = 0  # type: ignore[misc]
