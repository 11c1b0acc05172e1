"""Faults to inject: Telegram errors, blocked, forgotten and migrated chats, stalls, latency."""

from __future__ import annotations

from collections import deque

from bot.demo.bot_api.errors import DropConnectionError
from bot.demo.bot_api.state import MESSAGE_METHODS, ApiState, Failure, JSONDict


class Faults(ApiState):
    """What goes wrong, on request; flood limits (checked in ApiState._check_rate)."""

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str,
        times: int = 1,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with this Telegram error."""
        failure = Failure(status, description, retry_after, migrate_to_chat_id)
        with self._lock:
            self._failures.setdefault(method.lower(), deque()).extend([failure] * times)

    def block_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.add(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        with self._lock:
            self._forgotten.add(chat_id)

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        with self._lock:
            self._migrated[old_chat_id] = new_chat_id
            old = self.chats.get(old_chat_id)
            if old is not None and new_chat_id not in self.chats:
                self.chats[new_chat_id] = {**old, "id": new_chat_id, "type": "supergroup"}

    def set_rate_limits(
        self,
        *,
        global_per_second: float | None = 30.0,
        per_chat_per_minute: int | None = 20,
        group_only_per_chat: bool = True,
    ) -> None:
        """Enforce Telegram's flood limits on message sends (``None`` disables one)."""
        with self._lock:
            self._global_per_second = global_per_second
            self._per_chat_per_minute = per_chat_per_minute
            self._group_only_per_chat = group_only_per_chat
            self._global_sends.clear()
            self._chat_sends.clear()

    def stall_chat(self, chat_id: int, stalled: bool = True) -> None:
        """Sends to this chat hang until it is released (or the fake stops), then the connection
        is dropped unanswered and nothing is delivered: the request never reached Telegram.
        Lets a test kill the bot at a known point in the middle of a broadcast."""
        with self._cond:
            if stalled:
                self._stalled_chats.add(chat_id)
            else:
                self._stalled_chats.discard(chat_id)
            self._cond.notify_all()

    def _hold_if_stalled(self, name: str, params: JSONDict) -> None:
        chat_id = params.get("chat_id")
        if name not in MESSAGE_METHODS or chat_id not in self._stalled_chats:
            return
        with self._cond:
            self.stalled_calls += 1
            self._cond.notify_all()
            while chat_id in self._stalled_chats and not self._stopping:
                self._cond.wait(0.1)
        raise DropConnectionError

    def set_latency(self, seconds: float) -> None:
        """Answer every request this much later, like a server a network round trip away."""
        with self._lock:
            self._latency = max(0.0, seconds)

    def set_unreachable(self, unreachable: bool) -> None:
        with self._cond:
            self._unreachable = unreachable
            self._cond.notify_all()
