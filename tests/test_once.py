"""Once: single flight per key, a byte budget, forgetting on new data, failures not kept."""

from __future__ import annotations

import asyncio

import pytest

from bot.services.once import Once


def _bytes_cache(
    max_bytes: int = 100, ttl: float | None = None, now: list[float] | None = None
) -> Once[str, bytes]:
    clock = now if now is not None else [0.0]
    return Once(max_bytes=max_bytes, size_of=len, ttl=ttl, monotonic=lambda: clock[0])


async def test_concurrent_requests_for_one_key_share_one_making() -> None:
    cache = _bytes_cache()
    started = asyncio.Event()
    release = asyncio.Event()
    calls = 0

    async def make() -> bytes:
        nonlocal calls
        calls += 1
        started.set()
        await release.wait()
        return b"png"

    waiters = [asyncio.ensure_future(cache.get("k", make)) for _ in range(50)]
    await started.wait()
    release.set()
    assert await asyncio.gather(*waiters) == [b"png"] * 50
    assert calls == 1
    assert cache.made == 1
    assert await cache.get("k", make) == b"png"
    assert calls == 1


async def test_the_budget_is_in_bytes_and_the_least_recently_used_goes_first() -> None:
    cache = _bytes_cache(max_bytes=10)

    async def of(n: int) -> bytes:
        return b"x" * n

    await cache.get("a", lambda: of(4))
    await cache.get("b", lambda: of(4))
    assert cache.peek("a") == b"xxxx"  # a is now the most recently used
    await cache.get("c", lambda: of(4))
    assert cache.peek("b") is None
    assert cache.peek("a") is not None and cache.peek("c") is not None
    assert cache.bytes == 8
    assert len(cache) == 2


async def test_a_value_over_the_budget_is_served_but_not_kept() -> None:
    cache = _bytes_cache(max_bytes=3)

    async def big() -> bytes:
        return b"abcd"

    assert await cache.get("k", big) == b"abcd"
    assert cache.peek("k") is None
    assert cache.bytes == 0


async def test_a_failure_reaches_every_waiter_and_is_not_kept() -> None:
    cache = _bytes_cache()
    release = asyncio.Event()

    async def broken() -> bytes:
        await release.wait()
        raise RuntimeError("no")

    waiters = [asyncio.ensure_future(cache.get("k", broken)) for _ in range(3)]
    await asyncio.sleep(0)
    release.set()
    results = await asyncio.gather(*waiters, return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)

    async def fine() -> bytes:
        return b"ok"

    assert await cache.get("k", fine) == b"ok"


async def test_one_cancelled_waiter_does_not_cancel_the_others() -> None:
    cache = _bytes_cache()
    release = asyncio.Event()

    async def make() -> bytes:
        await release.wait()
        return b"v"

    first = asyncio.ensure_future(cache.get("k", make))
    second = asyncio.ensure_future(cache.get("k", make))
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == b"v"
    with pytest.raises(asyncio.CancelledError):
        await first


async def test_clear_forgets_what_was_kept_and_what_is_being_made() -> None:
    cache = _bytes_cache()
    release = asyncio.Event()

    async def old() -> bytes:
        await release.wait()
        return b"old"

    async def new() -> bytes:
        return b"new"

    await cache.get("done", new)
    stale = asyncio.ensure_future(cache.get("k", old))
    await asyncio.sleep(0)
    cache.clear()
    assert cache.peek("done") is None
    assert await cache.get("k", new) == b"new"  # not the making that began before the new data
    release.set()
    assert await stale == b"old"
    assert cache.peek("k") == b"new"


async def test_ttl_expires_a_kept_value() -> None:
    now = [0.0]
    cache = _bytes_cache(ttl=5.0, now=now)

    async def make() -> bytes:
        return b"v"

    await cache.get("k", make)
    now[0] = 5.0
    assert cache.peek("k") == b"v"
    now[0] = 5.01
    assert cache.peek("k") is None
    assert cache.bytes == 0


def test_put_keeps_a_value_made_elsewhere_and_replaces_its_size() -> None:
    cache = _bytes_cache(max_bytes=10)
    cache.put("k", b"12345")
    cache.put("k", b"12")
    assert cache.bytes == 2
    assert "k" in cache
