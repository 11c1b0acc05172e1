"""Shared fixtures: real local servers for every outside party, a hand-moved clock, settings.

What tests call themselves (running the bot, waiting for a condition) is in tests/running.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, TOKEN


@pytest.fixture
def source_server() -> Iterator[SourceServer]:
    with SourceServer() as server:
        yield server


@pytest.fixture
def telegram() -> Iterator[FakeTelegramAPI]:
    api = FakeTelegramAPI(TOKEN)
    api.start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 8, 0, tzinfo=SEOUL))


@pytest.fixture
def settings(tmp_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        telegram_api_url=telegram.root_url,
        kakao_api_url=source_server.url,
        telegram_web_url=source_server.url,
        # The source server is on 127.0.0.1; the default (refusing it) is tested on its own.
        allow_private_sources=True,
        # One /chart per chat per 10 s would get in the way of tests that draw several in a
        # row; the cooldown has its own tests (tests/test_faults_people.py).
        chart_cooldown_seconds=0.0,
        # No web server unless a test asks for one (on a free port: tests/test_web.py).
        web_port=0,
        sample_spread_seconds=1.0,
        database_path=tmp_path / "data" / "counter.db",
        request_timeout_seconds=2.0,
        summary_check_seconds=0.2,
        poll_timeout_seconds=1,
    )
