"""Made once per key, served many times.

Many people ask for the same chart, page card or series at once. `Once` makes each key's value
once (single flight: requests for a key being made wait for that making), keeps what was made
within a byte budget (least recently used out first, so a few large charts cannot crowd memory the
way slot counts let them), and forgets everything when new data makes it stale (`clear`) or after
`ttl` seconds. A failure is not kept: every waiter of that making sees it, the next request tries
again.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(slots=True)
class _Kept(Generic[V]):
    value: V
    size: int
    made_at: float


class Once(Generic[K, V]):
    """A byte-bounded, single-flight cache of values made by async functions."""

    def __init__(
        self,
        *,
        max_bytes: int,
        size_of: Callable[[V], int],
        ttl: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_bytes < 0:
            raise ValueError("max_bytes must be >= 0")
        self._kept: OrderedDict[K, _Kept[V]] = OrderedDict()
        self._making: dict[K, asyncio.Future[V]] = {}
        self._max_bytes = max_bytes
        self._size_of = size_of
        self._ttl = ttl
        self._monotonic = monotonic
        self._bytes = 0
        self._generation = 0
        self.made = 0  # values made (not served from here): what a test or a bench counts

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: object) -> bool:
        return self.peek(key) is not None  # type: ignore[arg-type]

    def peek(self, key: K) -> V | None:
        """The kept value for `key`, if fresh; never makes one."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        if self._ttl is not None and self._monotonic() - kept.made_at > self._ttl:
            self._drop(key)
            return None
        self._kept.move_to_end(key)
        return kept.value

    async def get(self, key: K, make: Callable[[], Awaitable[V]]) -> V:
        """`key`'s value: kept, being made (wait for it), or made now by `make()`."""
        kept = self.peek(key)
        if kept is not None:
            return kept
        making = self._making.get(key)
        if making is None:
            making = asyncio.ensure_future(self._make(key, make, self._generation))
            self._making[key] = making
        # One impatient waiter (a cancelled request) must not cancel everyone's making.
        return await asyncio.shield(making)

    def put(self, key: K, value: V) -> None:
        """Keep a value made elsewhere (e.g. Telegram's file id once a chart is uploaded)."""
        self._keep(key, value)

    def clear(self) -> None:
        """New data: nothing kept is current any more. Makings under way finish for their
        waiters but are not kept."""
        self._kept.clear()
        self._making.clear()
        self._bytes = 0
        self._generation += 1

    async def _make(self, key: K, make: Callable[[], Awaitable[V]], generation: int) -> V:
        me = asyncio.current_task()
        try:
            value = await make()
            self.made += 1
            if generation == self._generation:
                self._keep(key, value)
            return value
        finally:
            if self._making.get(key) is me:
                del self._making[key]

    def _keep(self, key: K, value: V) -> None:
        size = max(0, self._size_of(value))
        self._drop(key)
        if size > self._max_bytes:
            return  # served to its waiters, too large to keep
        self._kept[key] = _Kept(value, size, self._monotonic())
        self._bytes += size
        while self._bytes > self._max_bytes:
            oldest = next(iter(self._kept))
            self._drop(oldest)

    def _drop(self, key: K) -> None:
        kept = self._kept.pop(key, None)
        if kept is not None:
            self._bytes -= kept.size
