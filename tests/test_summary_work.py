"""The daily summary does each source's work once per broadcast, not once per chat: the same
facts and chart serve every chat, so its database work does not grow with the audience."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.chat.outbox import TelegramOutbox
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings, load_settings
from storage import samples, subscriptions
from tests.fakes.clock import FakeClock
from tests.running import SEOUL, default_source_db, running_bot

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL)


async def sample_reads_for(
    settings: Settings,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    chats: int,
    *,
    table: str | None = "samples",
) -> int:
    """Statements that read `table` (any table with None) while one broadcast goes to `chats`
    chats."""
    name = f"c{chats}{'-paid' if settings.paid_broadcast else ''}.db"
    settings = replace(settings, database_path=settings.database_path.with_name(name))
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
        outbox = TelegramOutbox(bot.application.bot, paid=settings.paid_broadcast)
        sent = await bot.data.summaries.send_due(outbox)
        await bot.deps.db.set_trace_callback(None)  # type: ignore[arg-type]  # sqlite3 takes None
        assert sent == chats
    return sum(
        1
        for s in statements
        if (table is None or table in s) and s.lstrip().upper().startswith("SELECT")
    )


async def test_facts_and_chart_are_gathered_once_whatever_the_number_of_chats(
    settings: Settings, telegram: FakeTelegramAPI
) -> None:
    clock = FakeClock(NOW)
    few = await sample_reads_for(settings, telegram, clock, 2)
    many = await sample_reads_for(settings, telegram, clock, 12)
    assert few > 0
    assert many == few


async def test_a_broadcast_reads_the_same_few_times_whatever_the_number_of_chats(
    settings: Settings, telegram: FakeTelegramAPI
) -> None:
    """Who is due (subscriptions with each chat's settings), what was sent and what is in flight
    today, the sources: each read once per pass, not once per chat."""
    clock = FakeClock(NOW)
    few = await sample_reads_for(settings, telegram, clock, 2, table=None)
    many = await sample_reads_for(settings, telegram, clock, 12, table=None)
    assert many == few


async def test_paid_broadcast_is_opt_in_and_marks_every_summary(
    settings: Settings, telegram: FakeTelegramAPI
) -> None:
    """Off by default (nothing billed); with PAID_BROADCAST on, every summary message goes with
    allow_paid_broadcast, and nothing else does."""
    clock = FakeClock(NOW)
    await sample_reads_for(settings, telegram, clock, 3)
    assert telegram.paid_messages == 0
    assert all("allow_paid_broadcast" not in m.params for m in telegram.sent)
    telegram.clear()
    paid = replace(settings, paid_broadcast=True)
    await sample_reads_for(paid, telegram, clock, 3)
    summaries = [m for m in telegram.sent if m.method == "sendPhoto"]
    assert len(summaries) == 3
    assert all(m.params.get("allow_paid_broadcast") is True for m in summaries)
    assert telegram.paid_messages == 3


def test_paid_broadcast_is_read_from_the_environment() -> None:
    base = {"TELEGRAM_BOT_TOKEN": "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}
    assert load_settings(base).paid_broadcast is False
    assert load_settings({**base, "PAID_BROADCAST": "true"}).paid_broadcast is True
