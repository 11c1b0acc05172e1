"""The core end to end: a real Application polls a local fake Bot API and samples a local Kakao
server; a user sends /now, /chart and /subscribe; the daily summary arrives once, across restarts.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import samples
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import SEOUL, default_source_db, running_bot, wait_until

PNG = b"\x89PNG\r\n\x1a\n"
NOW = datetime(2026, 11, 25, 8, 59, tzinfo=SEOUL)
START = NOW - timedelta(days=8)
CHAT = 1001


def history_value(k: int) -> int:
    """+3 friends every 5 minutes: +36 per hour."""
    return 200_000 + 3 * k


async def seed_history(settings: Settings) -> None:
    """Eight days of 5-minute samples up to 5 minutes before NOW, as an earlier run left them."""
    async with default_source_db(settings, START) as (db, src):
        rows = [Sample(START + timedelta(minutes=5 * k), history_value(k)) for k in range(8 * 288)]
        await samples.insert_samples(db, src.id, rows)


async def latest_is(bot: object, moment: datetime) -> bool:
    rt = bot.deps  # type: ignore[attr-defined]
    latest = await samples.latest_sample(rt.db, 1)
    return latest is not None and latest.ts == moment


async def test_now_chart_subscribe_and_daily_summary(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    await seed_history(settings)
    source_server.set_kakao_count("_xdhKKT", history_value(8 * 288))  # 206,912 at NOW

    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))
        assert [c["command"] for c in telegram.my_commands] == [
            "now",
            "chart",
            "days",
            "forecast",
            "compare",
            "why",
            "alert",
            "subscribe",
            "unsubscribe",
            "subscriptions",
            "settings",
            "sources",
            "export",
            "whoami",
            "help",
        ]
        clock.advance(timedelta(seconds=12))

        telegram.send_command("/now")
        (reply,) = await telegram.await_messages(CHAT, 1)
        assert reply.text == (
            "배민커넥트: 206,912 friends\n"
            "24 h: +864\n"
            "Since midnight: +321\n"
            "Rate: +36.0/h (last 1 h)\n"
            "Last sample: 12 s ago"
        )

        telegram.send_command("/now", language_code="ko")
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text == (
            "배민커넥트: 친구 206,912\n"
            "24시간 전 대비: +864\n"
            "오늘 0시 이후: +321\n"
            "최근 1시간 속도: 시간당 +36.0\n"
            "마지막 수집: 12초 전"
        )

        telegram.send_command("/chart 7d")
        replies = await telegram.await_messages(CHAT, 3)
        photo = replies[2]
        assert photo.method == "sendPhoto"
        assert photo.photo is not None and photo.photo.startswith(PNG)
        assert photo.text == "배민커넥트: 206,912 friends · last 7 days"

        telegram.send_command("/chart forever")
        replies = await telegram.await_messages(CHAT, 4)
        assert replies[3].text == (
            "Usage: /chart [label] [24h|7d|30d|all|days], e.g. /chart days\n"
            "No source is labelled forever. Tracked: kakao."
        )

        telegram.send_command("/subscribe")
        replies = await telegram.await_messages(CHAT, 5)
        assert replies[4].text == (
            "Subscribed: a summary of 배민커넥트 arrives here every day at 09:00 (Asia/Seoul)."
        )

        # 08:59:12 — not due yet: several checks pass, nothing is sent.
        await summary_checks_ran(bot)
        assert len(telegram.messages_to(CHAT)) == 5

        clock.set(NOW + timedelta(minutes=1, seconds=5))  # 09:00:05
        replies = await telegram.await_messages(CHAT, 6)
        summary = replies[5]
        assert summary.method == "sendPhoto"
        assert summary.photo is not None and summary.photo.startswith(PNG)
        assert summary.text == (
            "Daily summary · 2026-11-25\n"
            "\n"
            "배민커넥트: 206,912 friends\n"
            "Last 24 h: +864\n"
            "Last 7 days: +6,048\n"
            "Best hour: 00:00–01:00 (avg +36.0 friends over 7 days)\n"
            "Share: https://t.me/counter_test_bot?start=sub_kakao"
        )
        await summary_checks_ran(bot)
        assert len(telegram.messages_to(CHAT)) == 6

    # A restart later the same day does not repeat it.
    clock.set(NOW + timedelta(minutes=31))
    async with running_bot(settings, clock) as bot:
        await summary_checks_ran(bot)
    assert len(telegram.messages_to(CHAT)) == 6

    # The next morning it comes again, once.
    clock.set(NOW + timedelta(days=1, minutes=2))
    async with running_bot(settings, clock) as bot:
        await telegram.await_messages(CHAT, 7)
        await summary_checks_ran(bot)
    messages = telegram.messages_to(CHAT)
    assert len(messages) == 7
    assert messages[6].text is not None and messages[6].text.startswith(
        "Daily summary · 2026-11-26"
    )


async def test_summary_missed_while_down_is_sent_when_back_the_same_day(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW - timedelta(hours=1))  # 07:59
    source_server.set_kakao_count("_xdhKKT", 1234)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, clock.now()))
        telegram.send_command("/subscribe", language_code="ko")
        (reply,) = await telegram.await_messages(CHAT, 1)
        assert reply.text == "구독했어요: 매일 09:00(Asia/Seoul)에 배민커넥트 요약을 보내 드릴게요."

    # Down through 09:00; back at 14:00.
    clock.set(NOW + timedelta(hours=5))
    async with running_bot(settings, clock) as bot:
        replies = await telegram.await_messages(CHAT, 2)
        await summary_checks_ran(bot)
    assert len(telegram.messages_to(CHAT)) == 2
    assert replies[1].text is not None
    assert replies[1].text.startswith("일일 요약 · 2026-11-25\n\n배민커넥트: 친구 1,234")


async def test_subscribing_after_todays_time_starts_tomorrow(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW + timedelta(hours=3))  # 11:59
    source_server.set_kakao_count("_xdhKKT", 1234)
    async with running_bot(replace(settings), clock) as bot:
        telegram.send_command("/subscribe")
        await telegram.await_messages(CHAT, 1)
        await summary_checks_ran(bot)
        assert len(telegram.messages_to(CHAT)) == 1
        clock.set(NOW + timedelta(days=1, seconds=61))
        await telegram.await_messages(CHAT, 2)


async def test_start_help_unknown_and_groups_without_leaking_the_token(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", 223_456)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))
        telegram.send_command("/start")
        (reply,) = await telegram.await_messages(CHAT, 1)
        assert reply.text is not None
        assert reply.text.startswith(
            "Hello! I track 배민커넥트: friends sampled every 30 s.\n\n"
            "I watch public counts and tell you how they move."
        )
        telegram.send_command("/help", language_code="ko")
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text is not None
        assert replies[1].text.startswith("공개된 숫자를 지켜보고")
        assert "매일 09:00(Asia/Seoul)에 요약 받기" in replies[1].text

        telegram.send_command("/frobnicate")
        replies = await telegram.await_messages(CHAT, 3)
        assert replies[2].text == "I don't know that command. /help lists what I can do."

        group = -100500
        telegram.send_command("/frobnicate", chat_id=group, chat_type="supergroup")
        telegram.send_command("/now@someone_else_bot", chat_id=group, chat_type="supergroup")
        telegram.send_command("/now@counter_test_bot", chat_id=group, chat_type="supergroup")
        (group_reply,) = await telegram.await_messages(group, 1)
        assert group_reply.text is not None
        assert group_reply.text.startswith("배민커넥트: 223,456 friends\n")
        # A later command answered: the bot has handled the two it ignores, sent before it.
        telegram.send_command("/help", chat_id=group + 1, chat_type="supergroup")
        await telegram.await_messages(group + 1, 1)
        assert len(telegram.messages_to(group)) == 1

    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert settings.telegram_bot_token not in logged
    assert settings.telegram_bot_token.split(":")[1] not in logged
    assert "getUpdates" not in logged or "bot" + settings.telegram_bot_token not in logged


async def test_a_chart_being_drawn_does_not_hold_up_now_for_someone_else(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    await seed_history(settings)
    source_server.set_kakao_count("_xdhKKT", history_value(8 * 288))
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))
        telegram.send_command("/chart all", chat_id=1, user_id=1)
        telegram.send_command("/now", chat_id=2, user_id=2)
        (chart_reply,) = await telegram.await_messages(1, 1)
        (now_reply,) = await telegram.await_messages(2, 1)
        assert chart_reply.method == "sendPhoto"
        assert now_reply.at < chart_reply.at
