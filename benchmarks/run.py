"""Time cronlab against croniter and cronsim on the same inputs.

    python benchmarks/run.py [--reps N] [--only W1,W2] [--libs cronlab,croniter]

Workloads (inputs in ``benchmarks/workloads``, built by
``make_workloads.py``):

- W1: the 20,000 random cases of the Kubernetes oracle, 12 runs each
  (parse, then expand; every library gets each case in its zone);
- W2: ``*/5 * * * *`` in America/New_York for one year (105,120 runs);
- W3: ``30 2 * * *`` for ten years in ten zones with DST (36,500 runs);
- W4: 20,000 distinct expressions parsed and validated.

Each repetition runs every (workload, library) pair in a fresh interpreter,
libraries interleaved, so no cache carries over from one repetition to the
next and a busy machine slows all of them alike.  Inputs are read and zones
loaded before the clock starts; the clock is the process's CPU time, which
other load on a shared machine disturbs far less than wall time.  Each
worker times its workload twice: the first run (cold: zone tables still
being extended, memos empty) and a second, warm one.  The tables give
medians and how many times faster cronlab is; a last line gives the peak
memory of lazily expanding a year of every-minute runs with
``Schedule.iter_runs``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
WORKLOADS = HERE / "workloads"
LIBRARIES = ("cronlab", "croniter", "cronsim")
NAMES = {
    "W1": "W1 oracle cases, 12 runs each",
    "W2": "W2 */5 New York, one year",
    "W3": "W3 30 2 * * *, 10 zones x 10 years",
    "W4": "W4 parse + validate 20,000",
}

W2_RUNS = 105_120
W3_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Athens",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Santiago",
)
W3_RUNS = 3_650
START = datetime(2025, 1, 1)

Job = Callable[[], int]


# -- workloads: each builder reads its inputs and returns the timed job,
# -- which returns how many runs (or expressions) failed.


def w1_cases() -> list[tuple[str, str, datetime]]:
    path = WORKLOADS / "w1-cases.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return [
        (row["expr"], row["tz"], datetime.fromisoformat(row["start"])) for row in rows
    ]


def w4_expressions() -> list[str]:
    path = WORKLOADS / "w4-expressions.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [line.rstrip("\n") for line in lines]


def build(library: str, workload: str) -> Job:
    builder = globals()[f"_{library}_{workload.lower()}"]
    job: Job = builder()
    return job


def _cronlab_w1() -> Job:
    import cronlab

    cases = w1_cases()
    _load_cronlab_zones(tz for _, tz, _ in cases)

    def job() -> int:
        failed = 0
        for expr, tz, start in cases:
            try:
                cronlab.parse(expr, tz=tz or None).next_runs(start, 12)
            except cronlab.CronlabError:
                failed += 1
        return failed

    return job


def _croniter_w1() -> Job:
    from croniter import croniter

    cases = [(e, s.astimezone(ZoneInfo(tz or "UTC"))) for e, tz, s in w1_cases()]

    def job() -> int:
        failed = 0
        for expr, start in cases:
            try:
                found = croniter(expr, start)
                for _ in range(12):
                    found.get_next(datetime)
            except Exception:  # croniter refuses or gives up: count it
                failed += 1
        return failed

    return job


def _cronsim_w1() -> Job:
    from cronsim import CronSim

    cases = [(e, s.astimezone(ZoneInfo(tz or "UTC"))) for e, tz, s in w1_cases()]

    def job() -> int:
        failed = 0
        for expr, start in cases:
            try:
                found = CronSim(expr, start)
                for _ in range(12):
                    next(found)
            except Exception:  # cronsim refuses or finds nothing: count it
                failed += 1
        return failed

    return job


def _cronlab_w2() -> Job:
    import cronlab

    start = START.replace(tzinfo=ZoneInfo("America/New_York"))
    _load_cronlab_zones(["America/New_York"])

    def job() -> int:
        schedule = cronlab.parse("*/5 * * * *", tz="America/New_York")
        return W2_RUNS - len(schedule.next_runs(start, W2_RUNS))

    return job


def _croniter_w2() -> Job:
    from croniter import croniter

    start = START.replace(tzinfo=ZoneInfo("America/New_York"))

    def job() -> int:
        found = croniter("*/5 * * * *", start)
        runs = [found.get_next(datetime) for _ in range(W2_RUNS)]
        return W2_RUNS - len(runs)

    return job


def _cronsim_w2() -> Job:
    from cronsim import CronSim

    start = START.replace(tzinfo=ZoneInfo("America/New_York"))

    def job() -> int:
        found = CronSim("*/5 * * * *", start)
        runs = [next(found) for _ in range(W2_RUNS)]
        return W2_RUNS - len(runs)

    return job


def _cronlab_w3() -> Job:
    import cronlab

    starts = [START.replace(tzinfo=ZoneInfo(zone)) for zone in W3_ZONES]
    _load_cronlab_zones(W3_ZONES)

    def job() -> int:
        missing = 0
        for zone, start in zip(W3_ZONES, starts, strict=True):
            schedule = cronlab.parse("30 2 * * *", tz=zone)
            missing += W3_RUNS - len(schedule.next_runs(start, W3_RUNS))
        return missing

    return job


def _croniter_w3() -> Job:
    from croniter import croniter

    starts = [START.replace(tzinfo=ZoneInfo(zone)) for zone in W3_ZONES]

    def job() -> int:
        for start in starts:
            found = croniter("30 2 * * *", start)
            for _ in range(W3_RUNS):
                found.get_next(datetime)
        return 0

    return job


def _cronsim_w3() -> Job:
    from cronsim import CronSim

    starts = [START.replace(tzinfo=ZoneInfo(zone)) for zone in W3_ZONES]

    def job() -> int:
        for start in starts:
            found = CronSim("30 2 * * *", start)
            for _ in range(W3_RUNS):
                next(found)
        return 0

    return job


def _cronlab_w4() -> Job:
    import cronlab

    expressions = w4_expressions()

    def job() -> int:
        failed = 0
        for expr in expressions:
            try:
                cronlab.parse(expr)
            except cronlab.CronlabError:
                failed += 1
        return failed

    return job


def _croniter_w4() -> Job:
    from croniter import croniter

    expressions = w4_expressions()
    base = START.replace(tzinfo=ZoneInfo("UTC"))

    def job() -> int:
        failed = 0
        for expr in expressions:
            try:
                croniter(expr, base)
            except Exception:  # croniter refuses it: count it
                failed += 1
        return failed

    return job


def _cronsim_w4() -> Job:
    from cronsim import CronSim

    expressions = w4_expressions()
    base = START.replace(tzinfo=ZoneInfo("UTC"))

    def job() -> int:
        failed = 0
        for expr in expressions:
            try:
                CronSim(expr, base)
            except Exception:  # cronsim refuses it: count it
                failed += 1
        return failed

    return job


def _load_cronlab_zones(names: Any) -> None:
    from cronlab.zones import load_zone

    for name in set(names):
        if name:
            load_zone(name)


def memory_peak() -> tuple[int, int]:
    """(runs, peak bytes) of lazily walking a year of every-minute runs."""
    import cronlab

    schedule = cronlab.parse("* * * * *", tz="Europe/Berlin")
    start = START.replace(tzinfo=ZoneInfo("Europe/Berlin"))
    stop = (start + timedelta(days=365)).timestamp()
    tracemalloc.start()
    count = 0
    for run in schedule.iter_runs(start):
        if run.unix > stop:
            break
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, peak


# -- driver


def worker(library: str, workload: str) -> None:
    """Time one (library, workload) pair in this process; print JSON."""
    if workload == "memory":
        count, peak = memory_peak()
        print(json.dumps({"runs": count, "peak": peak}))
        return
    job = build(library, workload)
    timings = []
    for _ in range(2):  # a fresh process's first run, then a warm one
        began = time.process_time()
        failed = job()
        timings.append(time.process_time() - began)
    print(json.dumps({"seconds": timings[0], "warm": timings[1], "failed": failed}))


def installed(library: str) -> bool:
    """Whether ``library`` can be timed; says so on stderr when it cannot."""
    if library not in LIBRARIES:
        sys.exit(f"unknown library {library!r}: choose from {', '.join(LIBRARIES)}")
    if importlib.util.find_spec(library) is not None:
        return True
    print(
        f"{library} is not installed, so it is left out "
        "(pip install -e '.[bench]' adds it)",
        file=sys.stderr,
    )
    return False


def spawn(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"the {' '.join(args)} worker failed: {last}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--only", default="W1,W2,W3,W4")
    parser.add_argument("--libs", default=",".join(LIBRARIES))
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return

    workloads = args.only.split(",")
    libraries = [lib for lib in args.libs.split(",") if installed(lib)]
    times: dict[tuple[str, str], list[float]] = {}
    warm: dict[tuple[str, str], list[float]] = {}
    failed: dict[tuple[str, str], int] = {}
    for rep in range(args.reps):
        for workload in workloads:
            for library in libraries:
                result = spawn(library, workload)
                times.setdefault((library, workload), []).append(result["seconds"])
                warm.setdefault((library, workload), []).append(result["warm"])
                failed[(library, workload)] = result["failed"]
        print(f"repetition {rep + 1}/{args.reps} done", file=sys.stderr)

    print(machine())
    print(f"\nFirst run in a fresh process (median of {args.reps}, CPU seconds):\n")
    print(table(workloads, libraries, times, failed))
    print("\nSecond run in the same process (zone tables and caches warm):\n")
    print(table(workloads, libraries, warm, failed))
    memory = spawn("cronlab", "memory")
    print(
        f"\nmemory: Schedule.iter_runs over a year of every-minute runs "
        f"({memory['runs']:,} runs) peaks at {memory['peak'] / 1024:.0f} KiB"
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"CPU: {cpu}; Python {platform.python_version()}"


def table(
    workloads: list[str],
    libraries: list[str],
    times: dict[tuple[str, str], list[float]],
    failed: dict[tuple[str, str], int],
) -> str:
    others = [lib for lib in libraries if lib != "cronlab"]
    head = ["workload", *(f"{lib} (s)" for lib in libraries)]
    head += [f"vs {lib}" for lib in others if "cronlab" in libraries]
    rows = [head, ["---"] * len(head)]
    for workload in workloads:
        medians = {lib: statistics.median(times[(lib, workload)]) for lib in libraries}
        row = [NAMES.get(workload, workload)]
        for lib in libraries:
            note = (
                f" ({failed[(lib, workload)]} failed)"
                if failed[(lib, workload)]
                else ""
            )
            row.append(f"{medians[lib]:.3f}{note}")
        if "cronlab" in libraries:
            row += [f"{medians[lib] / medians['cronlab']:.1f}x" for lib in others]
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


if __name__ == "__main__":
    main()
