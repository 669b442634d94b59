"""The per-worker cache of deterministic answers."""

from __future__ import annotations

from service.caching import ResponseCache, etag_of


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResponseCache(2)
    cache.put("a", b"A")
    cache.put("b", b"B")
    cache.get("a")

    cache.put("c", b"C")

    assert cache.get("b") is None
    assert cache.get("a") == (b"A", etag_of(b"A"))
    assert cache.get("c") == (b"C", etag_of(b"C"))


def test_a_cache_of_size_zero_keeps_nothing() -> None:
    cache = ResponseCache(0)

    assert cache.put("a", b"A") == (b"A", etag_of(b"A"))
    assert cache.get("a") is None
