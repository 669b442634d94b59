"""Derive the benchmark inputs from the Kubernetes oracle.

W1 is the oracle's 20,000 random cases, inputs only (expression, zone,
start; never the expected runs).  W4 is 20,000 distinct expressions: every
distinct one of W1, topped up with seeded random ones in the same style.

    python benchmarks/make_workloads.py [path/to/kubernetes-random.jsonl.gz]

The files it writes are committed, so the benchmark runs without the
oracle; rerun this only to rebuild them.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKLOADS = HERE / "workloads"
ORACLE = HERE.parent.parent / "shared" / "oracle" / "kubernetes-random.jsonl.gz"

W4_SIZE = 20_000

# Field texts for the top-up expressions of W4, in the oracle's style.
_FIELDS = (
    ("*", "0", "5", "15", "30", "45", "*/5", "*/10", "*/15", "0,30", "10-40/5"),
    ("*", "0", "1", "2", "6", "9", "12", "18", "23", "*/2", "*/6", "9-17"),
    ("*", "*", "1", "15", "28", "31", "*/2", "1-7", "10,20", "?"),
    ("*", "*", "*", "1", "6", "12", "*/3", "jan", "mar-oct", "1,7"),
    ("*", "*", "*", "0", "1-5", "mon", "sat,sun", "*/2", "5", "?"),
)


def main(argv: list[str]) -> None:
    oracle = Path(argv[1]) if len(argv) > 1 else ORACLE
    with gzip.open(oracle, "rt", encoding="utf-8") as lines:
        cases = [json.loads(line) for line in lines]
    WORKLOADS.mkdir(exist_ok=True)

    w1 = [{"expr": c["expr"], "tz": c["tz"], "start": c["start"]} for c in cases]
    _write(WORKLOADS / "w1-cases.jsonl.gz", (json.dumps(case) for case in w1))

    distinct = list(dict.fromkeys(c["expr"] for c in cases))
    seen = set(distinct)
    rng = random.Random("cronlab W4")
    while len(distinct) < W4_SIZE:
        expr = " ".join(rng.choice(choices) for choices in _FIELDS)
        if expr not in seen:
            seen.add(expr)
            distinct.append(expr)
    _write(WORKLOADS / "w4-expressions.txt.gz", distinct[:W4_SIZE])
    print(f"W1: {len(w1)} cases; W4: {min(len(distinct), W4_SIZE)} expressions")


def _write(path: Path, lines: Iterable[str]) -> None:
    # mtime=0 keeps the gzip bytes identical from run to run.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
    ):
        for line in lines:
            packed.write(f"{line}\n".encode())


if __name__ == "__main__":
    main(sys.argv)
