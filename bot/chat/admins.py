"""Telling the bot's admins (the user ids in ADMIN_USER_IDS) something, in a private message."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot
from telegram.constants import MessageLimit
from telegram.error import TelegramError

log = logging.getLogger(__name__)


async def tell_admins(bot: Bot, admin_ids: Iterable[int], body: str) -> int:
    """Send `body` to every admin; one who cannot be reached is logged, not retried."""
    told = 0
    for user_id in sorted(admin_ids):
        try:
            await bot.send_message(user_id, body[: MessageLimit.MAX_TEXT_LENGTH])
            told += 1
        except TelegramError as exc:
            log.warning("could not tell admin %s: %s", user_id, type(exc).__name__)
    return told
