"""Runs say the same instant whichever way they are read."""

from __future__ import annotations

from datetime import UTC, datetime

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
