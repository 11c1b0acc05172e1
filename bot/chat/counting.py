"""Counting what the Telegram edge does, for /metrics: updates handled, messages the Bot API
accepted, and its 429s (each attempt, including those the limiter retries)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import TypeHandler

from bot.chat.context import BotContext
from bot.chat.lanes import LanedRateLimiter
from bot.chat.ratelimit import LeakyBucket
from bot.services.metrics import Metrics

_SENDS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage", "forwardMessage"}
)
JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class CountingRateLimiter(LanedRateLimiter):
    def __init__(
        self, metrics: Metrics, overall: LeakyBucket, group: LeakyBucket, *, max_retries: int = 0
    ) -> None:
        super().__init__(overall, group, max_retries=max_retries)
        self.metrics = metrics

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        metrics = self.metrics

        async def counted(*a: Any, **kw: Any) -> JSONResult:
            try:
                result = await callback(*a, **kw)
            except RetryAfter:
                metrics.telegram_429 += 1
                raise
            if endpoint in _SENDS:
                metrics.messages_sent += 1
            return result

        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)


async def _count_update(update: Update, context: BotContext) -> None:
    if context.bot_data.is_open:
        context.bot_data.deps.metrics.updates += 1


# In a group of its own before the features' handlers, so every update is counted once.
COUNT_UPDATES = TypeHandler(Update, _count_update, block=False)
COUNT_GROUP = -1
