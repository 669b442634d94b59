"""The kubernetes dialect agrees with the controller's own schedule code.

Every record of the oracle files was computed by robfig/cron v3.0.1 as the
CronJob controller calls it, on tzdata 2026f.  Agreement must be total:
the same accept/reject decision and every run instant.
"""

from __future__ import annotations

import pytest

import cronlab
from cronlab import SearchEnd

from .shared import instant, iso_z, read_jsonl_gz


def _disagreement(case: dict[str, object]) -> str | None:
    expr, tz = str(case["expr"]), str(case["tz"]) or None
    try:
        schedule = cronlab.parse(expr, tz=tz, dialect="kubernetes")
    except cronlab.CronlabError as err:
        return None if "error" in case else f"refused: {err}"
    if "error" in case:
        return "accepted what the controller refuses"

    count = int(str(case["count"]))
    runs = schedule.next_runs(instant(str(case["start"])), count)
    if case.get("hang"):
        # The controller never returns here; cronlab must stop and say so.
        return None if runs.end is SearchEnd.HANG else f"no hang reported: {runs.end}"
    got = [iso_z(run.utc) for run in runs]
    if runs.end is SearchEnd.STALLED:
        # The controller's chain repeats the instant it is stuck on.
        got += got[-1:] * (count - len(got))
    return None if got == case["runs"] else f"runs {got}"


@pytest.mark.parametrize(
    "name", ["kubernetes-syntax", "kubernetes-dst", "kubernetes-random"]
)
def test_every_oracle_case_agrees_with_the_controller(name: str) -> None:
    failures = []
    total = 0
    for case in read_jsonl_gz("oracle", f"{name}.jsonl.gz"):
        total += 1
        problem = _disagreement(case)
        if problem:
            failures.append(f"{case['expr']!r} {case['tz']} {case['start']}: {problem}")
    assert total > 0
    assert not failures, f"{len(failures)}/{total} disagree:\n" + "\n".join(
        failures[:20]
    )
