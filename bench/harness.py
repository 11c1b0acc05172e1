"""The real bot, assembled for a benchmark: the Application from bot/app.py, its post_init
(database, HTTP client, jobs) and shutdown, pointed at local fakes. No polling unless asked.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.chat.context import BotApplication, BotData
from bot.settings import Settings
from tests.fakes.clock import FakeClock

TOKEN = "123456789:BENCH-token_abcdefghijklmnopqrstuvwxyz"
_message_ids = iter(range(1, 2**62))


def bench_settings(database: Path, telegram_url: str, source_url: str, **extra: Any) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        telegram_api_url=telegram_url,
        kakao_api_url=source_url,
        database_path=database,
        allow_private_sources=True,  # the source server is on 127.0.0.1
        chart_cooldown_seconds=0.0,  # bench 6 asks one chat for 200 charts in a row
        request_timeout_seconds=5.0,
        poll_timeout_seconds=1,
        **{"web_port": 0, **extra},  # no status page unless a bench asks for one
    )


def quiet_logs() -> None:
    """Only the table: overload steps of bench 4 make jobs fail on purpose, and say so."""
    logging.basicConfig(level=logging.CRITICAL)


@contextlib.asynccontextmanager
async def bot_app(
    settings: Settings, clock: FakeClock, *, jobs: bool = False, polling: bool = False
) -> AsyncIterator[tuple[BotApplication, BotData]]:
    """The Application initialised and its resources open; its jobs run only when `jobs`."""
    app = build_application(settings, clock=clock)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    if polling:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
    if jobs or polling:
        await app.start()
    try:
        yield app, app.bot_data
    finally:
        if polling and app.updater is not None:
            await app.updater.stop()
        if jobs or polling:
            await app.stop()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)


def command_update(app: BotApplication, text: str, *, chat_id: int, at: datetime) -> Update:
    """A user's command as Telegram delivers it (the shape bot/demo/bot_api/ sends)."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Bench", "language_code": "en"}
    message = {
        "message_id": next(_message_ids),
        "date": int(at.timestamp()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Bench"},
        "from": user,
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
    }
    update = Update.de_json({"update_id": next(_message_ids), "message": message}, app.bot)
    assert update is not None
    return update
