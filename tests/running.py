"""What tests run the bot with: its token and zone, the bot started in the test's own loop, its
database opened beforehand, a free port, and a bounded wait for a condition (never a bare sleep).
Fixtures are in tests/conftest.py."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.app import build_application
from bot.chat.context import BotData
from bot.core.model import Source
from bot.services.default_source import ensure_default_source
from bot.services.deps import Deps
from bot.settings import Settings
from storage.database import open_database
from tests.fakes.clock import FakeClock

TOKEN = "123456789:TEST-token_abcdefghijklmnopqrstuvwxyz"
SEOUL = ZoneInfo("Asia/Seoul")


class RunningBot:
    """A started Application and handles on what tests look at."""

    def __init__(self, application: Any) -> None:
        self.application = application

    @property
    def data(self) -> BotData:
        data = self.application.bot_data
        assert isinstance(data, BotData)
        return data

    @property
    def deps(self) -> Deps:
        return self.data.deps


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, clock: FakeClock) -> AsyncIterator[RunningBot]:
    """The same lifecycle as Application.run_polling, without taking over the event loop."""
    app = build_application(settings, clock=clock)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    assert app.updater is not None
    if settings.telegram_webhook_url is None:  # webhook mode: updates come to the web server
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    try:
        yield RunningBot(app)
    finally:
        if app.updater.running:
            await app.updater.stop()
        await app.stop()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)


@contextlib.asynccontextmanager
async def default_source_db(
    settings: Settings, created_at: datetime
) -> AsyncIterator[tuple[aiosqlite.Connection, Source]]:
    """The bot's database, opened before the bot runs, with the `.env` Kakao source in it."""
    db = await open_database(settings.database_path)
    try:
        yield db, await ensure_default_source(db, settings, created_at)
    finally:
        await db.close()


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def wait_until(predicate: Any, timeout: float = 10.0, interval: float = 0.05) -> None:  # noqa: ASYNC109
    """Poll an async or sync predicate until it is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
