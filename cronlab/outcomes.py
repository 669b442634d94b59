"""What became of each start time of a simulation, and why.

A start time either made a Job (on time, or late, with the wake-up that
started it) or did not: the controller was down, the CronJob suspended,
Forbid held it back, its Job name clashed, a later start time superseded
it, the deadline passed, or the missed-schedule estimate overshot it
(SEMANTICS §6).  :func:`outcomes` reads that off the wake-ups the
simulation recorded; :func:`comparison_to_dict` lays several policies'
outcomes side by side.
"""

from __future__ import annotations

import bisect

from .controller import format_ms
from .run import Run
from .simulation import Job, Simulation, Slot, SyncRecord, Window

# An on-time start is the 100 ms requeue plus clock noise, not a delay.
_ON_TIME_MS = 1_000


def outcomes(simulation: Simulation, runs: list[Run]) -> list[Slot]:
    slots = {run.unix * 1000: Slot(run.unix * 1000, run) for run in runs}
    forbidden = _forbidden(simulation)
    for job in simulation.jobs:
        slot = slots.get(job.scheduled_ms)
        if slot is None:
            slot = slots[job.scheduled_ms] = Slot(job.scheduled_ms, None)
            slot.in_schedule = False
        slot.job = job
        slot.status = "on_time" if job.late_ms < _ON_TIME_MS else "late"
        if slot.status == "late":
            slot.reason = _late_reason(job, forbidden.get(job.scheduled_ms))

    starts = sorted(slots)
    explain = _Explainer(simulation, forbidden, starts)
    ordered = [slots[key] for key in starts]
    for slot in ordered:
        if slot.job is None:
            explain(slot)
    return ordered


_CAUSES = {
    "created": "when the CronJob was created",
    "controller back": "when the controller came back",
    "unsuspended": "when the CronJob was un-suspended",
    "requeue": "at a requeue",
}


def _late_reason(job: Job, blocked: SyncRecord | None) -> str:
    if blocked is not None and blocked.outcome == "forbidden":
        return f"postponed while Job {blocked.blocked_by} was active (Forbid)"
    cause = _CAUSES.get(job.cause, f"when {job.cause}")
    return f"started {cause}"


_HELD = ("forbidden", "already processed", "already exists", "adopted")


def _forbidden(simulation: Simulation) -> dict[int, SyncRecord]:
    # The first wake-up that weighed a start time and made no Job for it.
    found: dict[int, SyncRecord] = {}
    for record in simulation.syncs:
        if record.considered_ms is not None and record.outcome in _HELD:
            found.setdefault(record.considered_ms, record)
    return found


class _Explainer:
    """Says why a start time made no Job, from the wake-ups around it."""

    def __init__(
        self,
        simulation: Simulation,
        forbidden: dict[int, SyncRecord],
        starts: list[int],
    ) -> None:
        self.scenario = simulation.scenario
        self.syncs = simulation.syncs
        self.times = [record.at_ms for record in simulation.syncs]
        self.jobs = {job.name: job for job in simulation.jobs}
        self.forbidden = forbidden
        self.starts = starts

    def __call__(self, slot: Slot) -> None:
        scenario = self.scenario
        at = slot.scheduled_ms
        down = next((w for w in scenario.downtime if w.holds(at)), None)
        held = next((w for w in scenario.suspended if w.holds(at)), None)
        if down is not None:
            self._away(slot, down, "controller_down", "the controller was down")
        elif held is not None:
            self._away(slot, held, "suspended", "the CronJob was suspended")
        elif at in self.forbidden:
            self._forbid(slot, self.forbidden[at])
        else:
            self._later(slot)

    def _away(self, slot: Slot, window: Window, why: str, what: str) -> None:
        # On return the controller makes at most one Job, for the most
        # recent missed time, if its estimate finds one (SEMANTICS §6.5).
        # Wake-ups while the CronJob is (still) suspended decide nothing.
        i = bisect.bisect_left(self.times, window.end_ms)
        slot.why, slot.reason = why, what
        if i < len(self.syncs) and self.syncs[i].outcome == "suspended":
            slot.reason += "; when the controller came back the CronJob was suspended"
        while i < len(self.syncs) and self.syncs[i].outcome == "suspended":
            i += 1
        if i == len(self.syncs):
            return
        back = self.syncs[i]
        if back.considered_ms is not None:
            slot.reason += "; on return only the latest start time due is run"
            return
        latest = self._latest_before(back.at_ms)
        sds = self.scenario.starting_deadline_seconds
        if sds is not None and back.at_ms - latest > sds * 1000:
            # §6.2: the controller looks back only startingDeadlineSeconds,
            # so no missed time is left to catch up.
            waited = (back.at_ms - latest) / 1000
            if slot.scheduled_ms == latest:
                slot.status, slot.why = "missed_deadline", "deadline"
                slot.reason += (
                    f"; on return it was {waited:g} s old, past the {sds} s "
                    "startingDeadlineSeconds"
                )
            else:
                slot.reason += (
                    f"; on return even the latest missed time was past the "
                    f"{sds} s startingDeadlineSeconds"
                )
            return
        slot.why = "estimate"
        slot.reason += (
            "; on return the controller's missed-schedule estimate found no "
            "start time, so none is made up (SEMANTICS §6.2)"
        )

    def _latest_before(self, at_ms: int) -> int:
        """The latest start time at or before ``at_ms``."""
        return self.starts[bisect.bisect_right(self.starts, at_ms) - 1]

    def _forbid(self, slot: Slot, record: SyncRecord) -> None:
        if record.outcome != "forbidden":
            slot.why = "name_clash"
            slot.reason = (
                "its Job name (the start time in whole minutes) was already "
                "taken by an earlier start time, so the create failed "
                "(SEMANTICS §6.6)"
            )
            return
        sds = self.scenario.starting_deadline_seconds
        blocker = self.jobs.get(record.blocked_by or "")
        slot.why = "forbid"
        slot.reason = f"Job {record.blocked_by} was still active (Forbid)"
        if blocker and blocker.end_reason == "running":
            slot.reason += " when the horizon ended"
        elif (
            sds is not None
            and blocker
            and blocker.end_ms > slot.scheduled_ms + sds * 1000
        ):
            slot.status, slot.why = "missed_deadline", "forbid_deadline"
            slot.reason += f" until after the {sds} s startingDeadlineSeconds"
        else:
            slot.reason += "; when it ended a later start time was due"

    def _later(self, slot: Slot) -> None:
        at = slot.scheduled_ms
        sds = self.scenario.starting_deadline_seconds
        i = bisect.bisect_left(self.times, at)
        if i == len(self.times):
            slot.why = "no_wake_up"
            slot.reason = "the controller did not wake up again within the horizon"
            return
        after = self.syncs[i]
        waited = after.at_ms - at
        if sds is not None and waited > sds * 1000:
            slot.status, slot.why = "missed_deadline", "deadline"
            slot.reason = (
                f"the controller looked {waited / 1000:g} s later, past the "
                f"{sds} s startingDeadlineSeconds"
            )
        elif after.considered_ms is not None and after.considered_ms > at:
            slot.why = "superseded"
            slot.reason = (
                "a later start time was due when the controller looked; it "
                "starts only the most recent"
            )
        else:
            slot.why = "estimate"
            slot.reason = (
                "the controller's missed-schedule estimate overshot it, so it "
                "is never made up (SEMANTICS §6.2)"
            )


# --- summary figures --------------------------------------------------------


def comparison_to_dict(simulations: dict[str, Simulation]) -> dict[str, object]:
    """Per-policy figures and Jobs, and one timeline of start times with
    each policy's outcome side by side."""
    policies: dict[str, object] = {}
    merged: dict[int, dict[str, object]] = {}
    for policy, simulation in simulations.items():
        policies[policy] = {
            **simulation.summary(),
            "warnings": simulation.warnings,
            "jobs": [job.to_dict() for job in simulation.jobs],
        }
        for slot in simulation.slots:
            entry = merged.setdefault(slot.scheduled_ms, _slot_head(slot))
            outcomes = entry.setdefault("outcomes", {})
            assert isinstance(outcomes, dict)
            outcomes[policy] = slot.to_dict()
    timeline = [merged[key] for key in sorted(merged)]
    return {"policies": policies, "timeline": timeline}


def _slot_head(slot: Slot) -> dict[str, object]:
    head: dict[str, object] = {"scheduled": format_ms(slot.scheduled_ms)}
    if slot.run is not None:
        head["local"] = slot.run.local.isoformat()
        head["note"] = slot.run.note.value
    if not slot.in_schedule:
        head["in_schedule"] = False
    return head
