"""Replies first: the Bot API rate limiter with two lanes over Telegram's flood limits.

Telegram allows about 30 messages a second overall and 20 a minute in one group. Every send
with a chat takes a slot of the overall rate (spaced evenly, `telegram_buckets`); when several
wait, the next slot goes by lane (`LaneQueue`): a reply to a person's own command or button
first (texts and edits, then photos and files), then bulk sends (the Outbox's summaries,
milestones and alerts, marked by `bulk_sends()`) with what is left. While replies keep coming,
bulk still gets one slot in `BULK_SHARE`, so a rush of commands slows a broadcast but never
stops it. A group's own 20 a minute is kept per group, as PTB's AIORateLimiter does; a send
with `allow_paid_broadcast` goes by Telegram's paid rate (1,000/s) and takes no slot of the
free one. Chat actions ("uploading photo...") are hints, not messages: they take no slot.
A 429 pauses every send for its Retry-After, then the send tries again (`max_retries`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.chat.ratelimit import BULK_SHARE, Lane, LaneQueue, LeakyBucket

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
PAID_PER_SECOND = 1000.0  # Telegram's paid broadcast (allow_paid_broadcast)
_MEDIA = frozenset({"sendPhoto", "sendDocument", "sendMediaGroup", "editMessageMedia"})
_UNPACED = frozenset({"sendChatAction"})
_MAX_GROUPS = 512

_bulk: ContextVar[bool] = ContextVar("bulk_sends", default=False)


@contextlib.contextmanager
def bulk_sends() -> Iterator[None]:
    """Sends made inside go in the bulk lane (what the Outbox sends, nobody's reply)."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


def lane_of(endpoint: str, *, bulk: bool) -> Lane:
    if bulk:
        return Lane.BULK
    return Lane.REPLY_MEDIA if endpoint in _MEDIA else Lane.REPLY


class Pacer:
    """One slot every `interval` seconds, given by lane when several wait."""

    def __init__(
        self,
        interval: float,
        *,
        bulk_share: int = BULK_SHARE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self._monotonic = monotonic
        self._queue: LaneQueue[asyncio.Future[None]] = LaneQueue(bulk_share)
        self._next = 0.0
        self._pump: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        return len(self._queue)

    async def slot(self, lane: Lane) -> None:
        now = self._monotonic()
        if not len(self._queue) and now >= self._next:
            self._next = now + self.interval
            return
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.push(lane, ready)
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._give_slots())
        await ready  # a cancelled waiter is skipped when its turn comes

    async def _give_slots(self) -> None:
        while len(self._queue):
            delay = self._next - self._monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            ready = self._queue.pop()
            if ready is None or ready.done():
                continue
            self._next = max(self._next, self._monotonic()) + self.interval
            ready.set_result(None)


class LanedRateLimiter(BaseRateLimiter[int]):
    """PTB's rate limiter seam, filled with `Pacer` (overall), per-group limiters and retries."""

    def __init__(self, overall: LeakyBucket, group: LeakyBucket, *, max_retries: int = 0) -> None:
        paced = overall.max_rate > 0 and overall.time_period > 0
        self.pacer = Pacer(overall.time_period / overall.max_rate) if paced else None
        self._group = group if group.max_rate > 0 and group.time_period > 0 else None
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paid = AsyncLimiter(PAID_PER_SECOND, 1)
        self._max_retries = max_retries
        self._no_pause = asyncio.Event()
        self._no_pause.set()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _group_limiter(self, group: int | str) -> AsyncLimiter:
        assert self._group is not None
        if len(self._groups) > _MAX_GROUPS:  # forget groups whose bucket is empty again
            for key, limiter in list(self._groups.items()):
                if key != group and limiter.has_capacity(limiter.max_rate):
                    del self._groups[key]
        if group not in self._groups:
            self._groups[group] = AsyncLimiter(self._group.max_rate, self._group.time_period)
        return self._groups[group]

    async def _once(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        lane: Lane,
    ) -> JSONResult:
        chat_id = data.get("chat_id")
        if chat_id is None or endpoint in _UNPACED:
            await self._no_pause.wait()
            return await callback(*args, **kwargs)
        if data.get("allow_paid_broadcast"):
            async with self._paid:
                await self._no_pause.wait()
                return await callback(*args, **kwargs)
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)
        if self._group is not None and (
            isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
        ):
            await self._group_limiter(chat_id).acquire()
        if self.pacer is not None:
            await self.pacer.slot(lane)
        await self._no_pause.wait()
        return await callback(*args, **kwargs)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        retries = rate_limit_args or self._max_retries
        lane = lane_of(endpoint, bulk=_bulk.get())
        for attempt in range(retries + 1):
            try:
                return await self._once(callback, args, kwargs, endpoint, data, lane)
            except RetryAfter as exc:
                if attempt == retries:
                    log.warning("Telegram's flood limit hit %d times; giving up", attempt + 1)
                    raise
                seconds = exc._retry_after.total_seconds()  # as PTB's AIORateLimiter reads it
                log.info("Telegram's flood limit hit; every send waits %.1f s", seconds + 0.1)
                self._no_pause.clear()
                try:
                    await asyncio.sleep(seconds + 0.1)
                finally:
                    self._no_pause.set()
        raise AssertionError("unreachable")
