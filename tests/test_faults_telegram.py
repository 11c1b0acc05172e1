"""Telegram misbehaves: the real PTB stack against the fake Bot API with its faults switched on
(flood limits, 429 retry after, blocked users, deleted chats, migrated groups, an unreachable
server) during the daily summary broadcast and during long polling."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI, SentMessage
from bot.settings import Settings
from storage import samples
from storage import subscriptions as subs
from storage.database import open_database
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import SEOUL, TOKEN, default_source_db, running_bot, wait_until

BEFORE = datetime(2026, 11, 25, 8, 0, tzinfo=SEOUL)
DUE = datetime(2026, 11, 25, 9, 0, 5, tzinfo=SEOUL)
PRIVATE = [10_000 + k for k in range(45)]
GROUPS = [-1_001_000_000_000 - k for k in range(20)]


async def seed(settings: Settings, chats: list[int], *, lang: str = "en") -> None:
    """Two days of history and `chats` subscribed since before today's summary time."""
    async with default_source_db(settings, BEFORE) as (db, src):
        start = BEFORE - timedelta(days=2)
        rows = [Sample(start + timedelta(minutes=10 * k), 1000 + k) for k in range(288)]
        await samples.insert_samples(db, src.id, rows)
        for chat in chats:
            await subs.subscribe(db, chat, src.id, lang, BEFORE)


def summaries(telegram: FakeTelegramAPI, chat: int) -> list[SentMessage]:
    return [
        m
        for m in telegram.messages_to(chat)
        if m.text is not None and m.text.startswith(("Daily summary", "일일 요약"))
    ]


def busiest_second(telegram: FakeTelegramAPI) -> int:
    times = sorted(m.at for m in telegram.sent)
    return max((sum(1 for t in times if a <= t < a + 1.0) for a in times), default=0)


async def subscribed(settings: Settings) -> set[int]:
    db = await open_database(settings.database_path)
    try:
        return {s.chat_id for s in await subs.subscriptions(db)}
    finally:
        await db.close()


async def test_broadcast_stays_under_flood_limits_and_uploads_the_chart_once(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chats = PRIVATE + GROUPS
    await seed(settings, chats)
    source_server.set_kakao_count("_xdhKKT", 2000)
    telegram.set_rate_limits(global_per_second=30, per_chat_per_minute=20)
    telegram.set_latency(0.02)  # so sends overlap, as they do over the internet
    clock.set(DUE)
    caplog.set_level(logging.DEBUG, logger="bot.services.summary")
    started = time.monotonic()
    async with running_bot(settings, clock) as bot:
        for chat in chats:
            await telegram.await_messages(chat, 1, timeout=20)
        await summary_checks_ran(bot)
        for chat in chats:  # recorded, so neither a later check nor a restart sends it again
            assert await subs.summary_sent(bot.deps.db, chat, DUE.date())
    took = time.monotonic() - started
    assert telegram.rate_limited == 0  # not one 429: the limiter kept under both limits
    assert busiest_second(telegram) <= 30
    assert all(len(summaries(telegram, chat)) == 1 for chat in chats)
    assert Counter(m.chat_id for m in telegram.sent if m.chat_id in chats) == Counter(chats)
    assert all(m.method == "sendPhoto" for m in telegram.sent if m.chat_id in chats)
    uploads = [m for m in telegram.sent if m.method == "sendPhoto" and m.photo is not None]
    by_file_id = [m for m in telegram.sent if m.method == "sendPhoto" and m.photo is None]
    assert len(uploads) == 1 and len(by_file_id) == len(chats) - 1
    assert {m.params["photo"] for m in by_file_id} == {uploads[0].photo_file_id}
    renders = [r for r in caplog.records if r.getMessage().startswith("rendered the summary")]
    assert len(renders) == 1
    assert took > (len(chats) - 30) / 30  # paced, not one burst


async def test_retry_after_is_waited_out_and_nothing_is_sent_twice(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    chats = PRIVATE[:3]
    await seed(settings, chats)
    telegram.fail_next(
        "sendPhoto", status=429, description="Too Many Requests: retry after 1", retry_after=1
    )
    clock.set(DUE)
    async with running_bot(settings, clock) as bot:
        for chat in chats:
            await telegram.await_messages(chat, 1, timeout=10)
        await summary_checks_ran(bot)
    assert [len(summaries(telegram, c)) for c in chats] == [1, 1, 1]
    photo_calls = telegram.calls_to("sendPhoto")
    assert len(photo_calls) == 4  # the refused one, its retry after ~1 s, two more chats


async def test_blocked_deleted_and_migrated_chats(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    fine, blocked, deleted, group, supergroup = 501, 502, 503, -504, -1_000_000_000_504
    await seed(settings, [fine, blocked, deleted, group])
    telegram.block_chat(blocked)  # the user blocked the bot: 403
    telegram.forget_chat(deleted)  # 400 chat not found
    telegram.migrate_chat(group, supergroup)  # 400 with migrate_to_chat_id
    clock.set(DUE)
    async with running_bot(settings, clock) as bot:
        await telegram.await_messages(fine, 1)
        await telegram.await_messages(supergroup, 1)  # followed to its new id, later that day
        await summary_checks_ran(bot)  # several more checks: nothing more is sent
    assert len(summaries(telegram, fine)) == 1
    assert len(summaries(telegram, supergroup)) == 1
    assert telegram.messages_to(blocked) == telegram.messages_to(deleted) == []
    assert await subscribed(settings) == {fine, supergroup}


async def test_a_network_outage_leaves_subscriptions_and_is_retried_later_that_day(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    chats = PRIVATE[:4]
    await seed(settings, chats)
    async with running_bot(settings, clock) as bot:
        telegram.set_unreachable(True)
        clock.set(DUE)
        await summary_checks_ran(bot, 3)  # several checks (every 0.2 s) fail on the network
        assert telegram.sent == []
        assert await subscribed(settings) == set(chats)
        clock.advance(timedelta(hours=2))  # 11:00, still the same day
        telegram.set_unreachable(False)
        for chat in chats:
            await telegram.await_messages(chat, 1, timeout=15)
        await summary_checks_ran(bot)
    assert [len(summaries(telegram, c)) for c in chats] == [1, 1, 1, 1]


async def test_long_polling_survives_the_bot_api_going_away_and_catches_up(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    # Minutes in production; seconds here. PTB backs off 1, 1.5, 2.25 s ... up to 30 s, so after
    # a long outage the bot is back within 30 s of the Bot API.
    source_server.set_kakao_count("_xdhKKT", 77)
    tuned = replace(settings, sample_interval_seconds=1)
    async with running_bot(tuned, clock) as bot:
        telegram.send_command("/help", chat_id=1)
        await telegram.await_messages(1, 1)
        telegram.set_unreachable(True)
        await asyncio.sleep(0.3)
        for chat in range(2, 7):
            telegram.send_command("/now", chat_id=chat, user_id=chat)
        # Sampling does not depend on Telegram: it goes on during the outage. Two more samples
        # are waited for (a loaded machine runs the jobs late), the clock moving on so each has
        # its own time.
        before = await samples.count_samples(bot.deps.db, 1)

        async def sampled_twice() -> bool:
            clock.advance(timedelta(seconds=1))
            return await samples.count_samples(bot.deps.db, 1) >= before + 2

        await wait_until(sampled_twice, timeout=30, interval=0.5)
        assert await samples.count_samples(bot.deps.db, 1) >= before + 2
        telegram.set_unreachable(False)
        for chat in range(2, 7):
            (reply,) = await telegram.await_messages(chat, 1, timeout=15)
            assert reply.text is not None and reply.text.startswith("배민커넥트: 77 friends")
        # A later /now answered: the bot has polled and handled every update before it, so a
        # command delivered twice would have been answered twice by now.
        telegram.send_command("/now", chat_id=7, user_id=7)
        await telegram.await_messages(7, 1, timeout=15)
    assert all(len(telegram.messages_to(c)) == 1 for c in range(1, 7))


async def test_the_token_never_reaches_logs_errors_or_replies(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Everything logged at DEBUG, tracebacks included, through network errors, a handler
    failure and a server error: the token (or its secret half) appears nowhere."""
    caplog.set_level(logging.DEBUG)
    source_server.set("/rocket-web/web/v2/profiles/_xdhKKT", Response(status=500, body=b"no"))
    async with running_bot(replace(settings, sample_interval_seconds=1), clock):
        telegram.send_command("/now")
        await telegram.await_messages(1001, 1)
        telegram.set_unreachable(True)
        await asyncio.sleep(1.2)
        telegram.set_unreachable(False)
        telegram.fail_next("sendMessage", status=500, description="Internal Server Error")
        telegram.send_command("/help")
        await telegram.await_messages(1001, 2, timeout=15)  # the error reply after the failure
    logged = caplog.text
    assert "Traceback" in logged and "NetworkError" in logged  # the errors were in there
    assert (
        "Set Bot API URL: " in logged and "/bot<redacted>" in logged
    )  # PTB's DEBUG line, redacted
    secret = TOKEN.split(":", 1)[1]
    for record in caplog.records:
        assert TOKEN not in record.getMessage() and secret not in record.getMessage()
    assert TOKEN not in logged and secret not in logged
    assert all(secret not in (m.text or "") for m in telegram.sent)
