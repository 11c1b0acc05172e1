"""Observing: what the bot sent, as Telegram recorded it, and waiting for it."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from bot.demo.bot_api.state import ApiState, JSONDict, SentMessage


class Observing(ApiState):
    """The record of sends and calls, and bounded waits on it."""

    def message(self, chat_id: int, message_id: int) -> JSONDict:
        """The bot's message as Telegram holds it now (after any edits)."""
        with self._lock:
            return json.loads(json.dumps(self._messages[(chat_id, message_id)]))  # type: ignore[no-any-return]

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.sent if m.chat_id == chat_id]

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Params of every call of ``method`` (extension; handy for setMyCommands etc.)."""
        with self._lock:
            return [params for name, params in self.calls if name == method]

    def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Block until ``count`` messages reached ``chat_id``; never call it on the event loop."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                messages = [m for m in self.sent if m.chat_id == chat_id]
                if len(messages) >= count:
                    return messages
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
                self._cond.wait(remaining)

    async def await_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - public surface mirrors wait_for_messages
    ) -> list[SentMessage]:
        """Like :meth:`wait_for_messages` but yields to the loop so the bot can run."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages_to(chat_id)
            if len(messages) >= count:
                return messages
            if time.monotonic() >= deadline:
                with self._lock:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
            await asyncio.sleep(0.01)

    def _timeout_report(self, chat_id: int, count: int, timeout: float) -> str:
        mine = [m for m in self.sent if m.chat_id == chat_id]
        lines = [
            f"expected {count} message(s) to chat {chat_id} within {timeout}s, got {len(mine)}:",
            *(f"  {m.method} #{m.message_id}: {m.text!r}" for m in mine),
            f"all sent ({len(self.sent)}):",
            *(f"  -> {m.chat_id} {m.method}: {m.text!r}" for m in self.sent[-20:]),
            "last calls:",
            *(f"  {name} {params!r:.200}" for name, params in self.calls[-10:]),
        ]
        if self.errors:
            lines += ["fake errors:", *self.errors]
        return "\n".join(lines)

    def clear(self) -> None:
        """Forget observations (sent, calls, rate_limited); faults and pending updates stay."""
        with self._lock:
            self.sent.clear()
            self.calls.clear()
            self.rate_limited = 0
            self.paid_messages = 0
            self.errors.clear()
