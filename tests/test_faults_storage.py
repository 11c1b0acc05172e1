"""The database misbehaves: another connection holds the write lock (a backup, a sqlite3 shell),
so every write the bot tries fails after its busy timeout. The bot reports it once, keeps
answering from what is stored, holds samples and deliveries in memory, and saves them after."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.model import Reading
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import deliveries, samples, sources
from storage import subscriptions as subs
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import SEOUL, RunningBot, default_source_db, running_bot

ADMIN = 4242
USER = 1001
DUE = datetime(2026, 11, 25, 9, 0, 30, tzinfo=SEOUL)


def quiet_scheduler(bot: RunningBot) -> None:
    for job in bot.application.job_queue.jobs():
        if job.name and job.name.startswith("sample:"):
            job.schedule_removal()


async def test_a_locked_database_is_reported_once_and_nothing_is_lost_or_sent_twice(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = replace(
        settings,
        admin_user_ids=frozenset({ADMIN}),
        db_busy_timeout_seconds=0.2,
        sample_attempts=1,
    )
    clock.set(DUE - timedelta(hours=1))
    source_server.set_kakao_count("_xdhKKT", 100)
    async with running_bot(tuned, clock) as bot:
        quiet_scheduler(bot)
        (source,) = await sources.list_sources(bot.deps.db)
        await bot.data.sampler.sample_once(source)
        telegram.send_command("/subscribe", chat_id=USER)
        await telegram.await_messages(USER, 1)

        locker = sqlite3.connect(settings.database_path, isolation_level=None, timeout=0)
        locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock from now on
        try:
            for k in range(1, 4):
                clock.advance(timedelta(seconds=30))
                source_server.set_kakao_count("_xdhKKT", 100 + k)
                assert await bot.data.sampler.sample_once(source) == Reading(
                    100 + k, name="배민커넥트"
                )
            (alert,) = await telegram.await_messages(ADMIN, 1)
            # Reads still work: /now answers from what is stored.
            telegram.send_command("/now", chat_id=USER)
            replies = await telegram.await_messages(USER, 2)
            # A write a user asked for fails politely.
            telegram.send_command("/unsubscribe", chat_id=USER)
            replies = await telegram.await_messages(USER, 3)
            # 09:00 comes while locked: the summary goes out once, though it cannot be recorded.
            clock.set(DUE)
            replies = await telegram.await_messages(USER, 4)
            await summary_checks_ran(bot, 5)  # five more checks: none sends it again
            assert len(telegram.messages_to(USER)) == 4
            assert len(telegram.messages_to(ADMIN)) == 1  # one alert, however many writes failed
            assert bot.deps.db_health.pending() == 3
        finally:
            locker.execute("ROLLBACK")
            locker.close()

        clock.advance(timedelta(seconds=30))
        source_server.set_kakao_count("_xdhKKT", 104)
        await bot.data.sampler.sample_once(source)
        (_, recovered) = await telegram.await_messages(ADMIN, 2)
        # the next summary check records the delivery held in memory
        await summary_checks_ran(bot, 1)
        values = [s.value async for s in samples.iter_samples(bot.deps.db, source.id)]
        assert values == [100, 101, 102, 103, 104]  # nothing lost
        assert await subs.summary_sent(bot.deps.db, USER, DUE.date())
    assert alert.text is not None
    assert alert.text.startswith("⚠️ The database cannot be written: database is locked.")
    assert replies[1].text is not None and replies[1].text.startswith("배민커넥트: 100 friends")
    assert replies[2].text == (
        "Sorry, I couldn't save that just now (a storage problem; the admins are told). "
        "Please try again later."
    )
    assert replies[3].text is not None and replies[3].text.startswith("Daily summary · 2026-11-25")
    assert recovered.text is not None
    assert recovered.text.startswith(
        "✅ The database can be written again; 3 samples held in memory were saved."
    )
    assert len(telegram.messages_to(USER)) == 4


async def test_a_chat_whose_summary_keeps_killing_the_bot_is_skipped_for_the_day(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    poison, fine = 666, 777
    async with default_source_db(settings, DUE - timedelta(days=1)) as (db, src):
        for chat in (poison, fine):
            await subs.subscribe(db, chat, src.id, "en", DUE - timedelta(days=1))
        # What three runs that died while sending to `poison` leave behind: a marker each time.
        for run in ("run-a", "run-b", "run-c"):
            await deliveries.mark_in_flight(db, poison, DUE.date(), run, DUE)
    clock.set(DUE)
    source_server.set_kakao_count("_xdhKKT", 5)
    async with running_bot(replace(settings, admin_user_ids=frozenset({ADMIN})), clock) as bot:
        await telegram.await_messages(fine, 1)
        (alert,) = await telegram.await_messages(ADMIN, 1)
        await summary_checks_ran(bot)
    assert telegram.messages_to(poison) == []
    assert len(telegram.messages_to(ADMIN)) == 1
    assert alert.text is not None
    assert alert.text.startswith(
        "⚠️ The bot stopped 3 times while sending chat 666 its daily summary; "
        "that chat is skipped until tomorrow."
    )
