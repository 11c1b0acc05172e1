"""The daily summary does each source's work once per broadcast, not once per chat: the same
facts and chart serve every chat, so its database work does not grow with the audience."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.chat.outbox import TelegramOutbox
from bot.core.model import Sample
from bot.settings import Settings
from storage import samples, subscriptions
from tests.conftest import SEOUL, default_source_db, running_bot
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_api import FakeTelegramAPI

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL)


async def sample_reads_for(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock, chats: int
) -> int:
    """Statements that read samples while one broadcast goes to `chats` chats."""
    settings = replace(settings, database_path=settings.database_path.with_name(f"c{chats}.db"))
    async with default_source_db(settings, NOW - timedelta(days=8)) as (db, src):
        rows = [
            Sample(NOW - timedelta(days=8) + timedelta(minutes=10 * k), 1000 + k)
            for k in range(8 * 144)
        ]
        await samples.insert_samples(db, src.id, rows)
        for chat in range(1, chats + 1):
            await subscriptions.subscribe(db, chat, src.id, "en", NOW - timedelta(days=1))
    async with running_bot(settings, clock) as bot:
        await bot.application.job_queue.stop()  # the broadcast below is the only one
        statements: list[str] = []
        await bot.deps.db.set_trace_callback(statements.append)
        sent = await bot.data.summaries.send_due(TelegramOutbox(bot.application.bot))
        await bot.deps.db.set_trace_callback(None)
        assert sent == chats
    return sum(1 for s in statements if "samples" in s and s.lstrip().upper().startswith("SELECT"))


async def test_facts_and_chart_are_gathered_once_whatever_the_number_of_chats(
    settings: Settings, telegram: FakeTelegramAPI
) -> None:
    clock = FakeClock(NOW)
    few = await sample_reads_for(settings, telegram, clock, 2)
    many = await sample_reads_for(settings, telegram, clock, 12)
    assert few > 0
    assert many == few
