"""Whose export runs now: one at a time per chat, and a few at once overall (each holds a CSV
worker). Those who must wait are told so once (`on_wait`), then served in turn."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

from bot.services.csv_workers import WORKERS

PER_CHAT = 2  # one running and one waiting; a third is refused (TooManyExports)


class TooManyExportsError(RuntimeError):
    """The chat already has an export running and one waiting."""


class ExportTurns:
    def __init__(self, at_once: int = WORKERS, per_chat: int = PER_CHAT) -> None:
        self.per_chat = per_chat
        self._slots = asyncio.Semaphore(at_once)
        self._chats: dict[int, asyncio.Lock] = {}
        self._pending: Counter[int] = Counter()

    @contextlib.asynccontextmanager
    async def turn(
        self, chat_id: int, on_wait: Callable[[], Awaitable[object]]
    ) -> AsyncIterator[None]:
        """The chat's turn; `on_wait` is awaited first when it must wait for it."""
        if self._pending[chat_id] >= self.per_chat:
            raise TooManyExportsError(chat_id)
        lock = self._chats.setdefault(chat_id, asyncio.Lock())
        self._pending[chat_id] += 1
        try:
            if lock.locked() or self._slots.locked():
                await on_wait()
            async with lock, self._slots:
                yield
        finally:
            self._pending[chat_id] -= 1
            if not self._pending[chat_id]:
                del self._pending[chat_id]
                self._chats.pop(chat_id, None)
