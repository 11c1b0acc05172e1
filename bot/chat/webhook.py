"""Webhook mode (TELEGRAM_WEBHOOK_URL): Telegram POSTs updates to the bot's own web server
(bot/web/server.py checks the secret token) and they go into the Application's update queue,
as python-telegram-bot's custom-webhook examples do. Long polling stays the default."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Update

from bot.chat.context import BotApplication

DEFAULT_PATH = "/telegram"


def webhook_path(url: str) -> str:
    """The path the web server answers on: the URL's own, or /telegram when it has none."""
    path = urlsplit(url).path.rstrip("/")
    return path or DEFAULT_PATH


def webhook_secret(configured: str | None) -> str:
    """TELEGRAM_WEBHOOK_SECRET, or a new one for this run (Telegram allows A-Z a-z 0-9 _ -)."""
    return configured or secrets.token_urlsafe(32)


def receiver(application: BotApplication) -> Callable[[dict[str, object]], Awaitable[None]]:
    """What the web server calls with each update's JSON: into the update queue."""

    async def receive(data: dict[str, object]) -> None:
        try:
            update = Update.de_json(data, application.bot)
        except (TypeError, KeyError, AttributeError, ValueError) as exc:
            raise ValueError(f"not an update: {type(exc).__name__}") from None
        await application.update_queue.put(update)

    return receive


async def set_webhook(application: BotApplication, url: str, secret: str) -> None:
    """Tell Telegram where to send updates, and the secret they must carry."""
    await application.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
