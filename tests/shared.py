"""Reading the shared reference data (oracle, peers, cases, manifests)."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The reference data (oracle, peers, cases, real manifests) sits beside the
# checkout; CRONLAB_SHARED points elsewhere when it does not.
SHARED = Path(os.environ.get("CRONLAB_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path inside the shared reference data; skip if it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared reference data not found: {path}")
    return path


def read_jsonl_gz(*parts: str) -> Iterator[dict[str, Any]]:
    """Records of a gzipped JSON-lines file in the shared data."""
    with gzip.open(shared_path(*parts), "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def read_json(*parts: str) -> Any:
    """A JSON file of the shared data."""
    return json.loads(shared_path(*parts).read_text("utf-8"))


def read_json_when_collecting(*parts: str) -> Any | None:
    """A JSON file of the shared data read while tests are collected, or
    None when it is absent: the tests parametrised from it then collect
    empty and are reported skipped, instead of breaking collection."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        return None
    return json.loads(path.read_text("utf-8"))


def instant(text: str) -> datetime:
    """An RFC 3339 instant as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso_z(moment: datetime) -> str:
    """An aware datetime as RFC 3339 UTC with a Z, seconds precision."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
