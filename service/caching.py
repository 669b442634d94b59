"""HTTP caching of deterministic answers.

An answer is deterministic when it depends only on the request and the
pinned tzdata release: a preview with an explicit ``from``, the zone list,
the OpenAPI document.  Those carry ``Cache-Control: public`` and a strong
``ETag`` (a GET with a matching ``If-None-Match`` gets 304); answers that
depend on the clock say ``no-store``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from flask import Response, request


def json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON, as every API answer is written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def etag_of(body: bytes) -> str:
    """A strong validator for ``body``."""
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def json_response(
    body: bytes, *, max_age: int | None, etag: str | None = None
) -> Response:
    """A 200 JSON answer; cacheable for ``max_age`` seconds when given.

    ``max_age=None`` marks an answer that changes with the clock.
    """
    response = Response(body, mimetype="application/json")
    if max_age is None:
        response.headers["Cache-Control"] = "no-store"
        return response

    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.set_etag(etag or etag_of(body))
    if request.method in ("GET", "HEAD"):
        response.make_conditional(request)
    return response


class ResponseCache:
    """The most recently used deterministic answers of one worker.

    A hit skips parsing and expansion entirely, so a dashboard polling the
    same preview costs only the HTTP handling.  Only answers that depend
    on nothing but the request are put here.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[bytes, str] | None:
        """The body and ETag kept for ``key``, if any."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, body: bytes) -> tuple[bytes, str]:
        """Keep ``body`` for ``key``; return it with its ETag."""
        entry = (body, etag_of(body))
        if self.size <= 0:
            return entry
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry
