"""Reaching the Bot API at start, while sampling goes on.

PTB's own bootstrap (`run_polling(bootstrap_retries=-1)`) retries silently and runs nothing
until Telegram answers. Here the sources are already sampling (bot/app.py opens them first), and
each failed try is logged at WARNING with the reason and when the next one is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from telegram.error import InvalidToken, NetworkError, RetryAfter

from bot.chat.context import BotApplication
from bot.presentation.numbers import format_duration

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0
MOST_DELAY = 30.0


def why(exc: Exception) -> str:
    """The reason as an operator reads it: the error's own words, or at least its kind."""
    detail = str(exc).strip()
    return detail or type(exc).__name__


async def reach_telegram(
    application: BotApplication,
    stop: asyncio.Event,
    *,
    first_delay: float = FIRST_DELAY,
    most_delay: float = MOST_DELAY,
) -> bool:
    """Initialize the Application (getMe) until it works; False if `stop` is set first.

    A refused token (InvalidToken) is not retried: it is raised.
    """
    delay, failed = first_delay, 0
    while not stop.is_set():
        try:
            await application.initialize()
        except InvalidToken:
            raise
        except (NetworkError, RetryAfter) as exc:
            failed += 1
            wait = delay
            if isinstance(exc, RetryAfter):
                retry_after = exc.retry_after
                wait = max(
                    wait,
                    retry_after.total_seconds()
                    if isinstance(retry_after, timedelta)
                    else float(retry_after),
                )
            at = datetime.now().astimezone() + timedelta(seconds=wait)
            log.warning(
                "Telegram's Bot API cannot be reached (%s); sampling goes on meanwhile; "
                "next try in %s, at %s",
                why(exc),
                format_duration(max(1, round(wait)), "en"),
                at.strftime("%H:%M:%S"),
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), wait)
            delay = min(delay * 2, most_delay)
            continue
        if failed:
            log.info("Telegram's Bot API answered after %d failed tries", failed)
        return True
    return False
