"""Where to move jobs that start together: one assignment for all herds.

Each herd could be spread on its own, but a job in two herds would then
be told two different minutes, and two jobs could be sent to the same
free minute.  So the moves are decided once, greedily over the jobs in
the report's order (title, then source): a job keeps its minute unless
one of its starts meets a start some job already placed keeps or moved
to; otherwise it moves by the smallest offset whose starts meet no other
job's start, placed or not yet placed.  Every suggestion can then be
applied at once, and the same input gives the same moves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Move:
    """One job's move: ``minutes`` later (earlier if negative), and the
    schedule text that does it when its minute field is one number."""

    title: str
    schedule_text: str
    minutes: int
    moved_text: str | None


def offsets(minute: int | None) -> list[int]:
    """The offsets tried, in order: whole ten minutes later then earlier,
    then five, then any; within the hour when the minute is known."""
    span = range(-59, 60)
    if minute is not None:
        span = range(-minute, 60 - minute)
    return sorted(
        (d for d in span if d),
        key=lambda d: (d % 10 != 0, d % 5 != 0, d < 0, abs(d)),
    )


def single_minute(schedule_text: str) -> int | None:
    """The minute of a five-field schedule whose minute field is one
    number, else ``None``."""
    fields = schedule_text.split()
    if len(fields) == 5 and fields[0].isdigit() and int(fields[0]) <= 59:
        return int(fields[0])
    return None


def assign_moves(
    starts: Sequence[Iterable[int]],
    titles: Sequence[str],
    texts: Sequence[str],
    movable: Iterable[int],
) -> dict[int, Move]:
    """The move of every job in ``movable`` (indices into the sequences)
    that must move, by index; ``starts`` are each job's start minutes
    (Unix seconds) in the week, for every job the herds count."""
    minutes = [{u - u % 60 for u in job} for job in starts]
    unplaced = Counter(m for job in minutes for m in job)
    placed: set[int] = set()
    moves: dict[int, Move] = {}
    for index in sorted(set(movable)):
        own = minutes[index]
        unplaced.subtract(own)
        if not own & placed:
            placed |= own
            continue
        minute = single_minute(texts[index])
        taken = placed | {m for m, n in unplaced.items() if n > 0}
        free = (d for d in offsets(minute) if not {m + d * 60 for m in own} & taken)
        delta = next(free, None)
        if delta is None:  # the hour is full: no move would help
            placed |= own
            continue
        placed |= {m + delta * 60 for m in own}
        moves[index] = _move(titles[index], texts[index], minute, delta)
    return moves


def _move(title: str, text: str, minute: int | None, delta: int) -> Move:
    moved = None
    if minute is not None:
        moved = " ".join([str(minute + delta), *text.split()[1:]])
    return Move(title, text, delta, moved)
