"""The daily summary to many chats at once: sent concurrently, yet once per chat, with the
chart uploaded once and then sent by file_id, under Telegram's flood limits."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from bot.core.model import Sample
from bot.settings import Settings
from storage import samples
from storage import subscriptions as subs
from tests.conftest import SEOUL, default_source_db, running_bot
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.test_e2e import wait_for_checks

NOW = datetime(2026, 11, 25, 9, 0, 30, tzinfo=SEOUL)
CHATS = [10_000 + i if i % 5 else -1_000_000_000 - i for i in range(60)]


async def test_every_chat_gets_one_summary_and_the_chart_is_uploaded_once(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    start = NOW - timedelta(days=8)
    async with default_source_db(settings, start) as (db, src):
        await samples.insert_samples(
            db, src.id, [Sample(start + timedelta(minutes=5 * k), 1000 + k) for k in range(2300)]
        )
        for chat in CHATS:
            await subs.subscribe(db, chat, src.id, "en", NOW - timedelta(days=1))
    source_server.set_kakao_count("_xdhKKT", 5000)
    telegram.set_rate_limits()  # Telegram's limits, answered with 429s
    telegram.set_latency(0.02)  # so sends overlap, as they do over the internet

    async with running_bot(settings, clock) as bot:
        for chat in CHATS:
            await telegram.await_messages(chat, 1, timeout=20)
        await wait_for_checks()
        for chat in CHATS:
            assert await subs.summary_sent(bot.deps.db, chat, NOW.date())

    per_chat = Counter(m.chat_id for m in telegram.sent if m.chat_id in CHATS)
    assert per_chat == Counter(CHATS)  # each exactly once
    summaries = [m for m in telegram.sent if m.chat_id in CHATS]
    assert all(m.method == "sendPhoto" for m in summaries)
    assert sum(1 for m in summaries if m.photo is not None) == 1  # uploaded once...
    file_ids = {m.photo_file_id for m in summaries}
    assert len(file_ids) == 1  # ...then sent by its file_id
    assert telegram.rate_limited == 0  # evenly spaced sends never trip the 30/s limit
