"""A clear start: the bot's @name, each source with its interval, the summary time, the database."""

from __future__ import annotations

import logging
import re

import pytest

from bot.app import file_size, where_from
from bot.core.kinds import SourceKind
from bot.core.model import Source
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.running import running_bot


async def test_a_start_logs_who_what_when_and_where(
    settings: Settings,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.app")
    async with running_bot(settings, clock) as bot:
        username = bot.application.bot.username
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.app"]
    assert lines[:3] == [
        f"started as @{username}",
        "source kakao (kakao:_xdhKKT) every 30 s",
        "daily summary at 09:00 Asia/Seoul",
    ]
    # The file and its write-ahead log, in whole KiB pages at this size.
    database = re.escape(str(settings.database_path.resolve()))
    assert re.fullmatch(rf"database {database} \(\d+\.\d KiB\)", lines[3]), lines[3]
    assert username == "counter_test_bot"
    assert all(r.levelno == logging.INFO for r in caplog.records if r.getMessage() in lines[:4])


def test_sizes_and_web_sources_read_as_an_operator_needs() -> None:
    assert [file_size(n) for n in (0, 1023, 4096, 4 * 1024 * 1024 + 1)] == [
        "0 B",
        "1023 B",
        "4.0 KiB",
        "4.0 MiB",
    ]
    web = Source(1, SourceKind.WEB, "https://api.example.org/v1?key=SECRET", "api", None, 3600)
    assert where_from(web) == "web:api.example.org"
