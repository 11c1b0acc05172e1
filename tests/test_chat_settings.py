"""A chat's own settings end to end, through the fake Bot API and the injected clock:
/settings shows and sets the time zone and language (kept across a restart), replies follow the
chat's language over the sender's, and /subscribe HH:MM sets when the summary comes — in the
chat's own zone, once per the chat's local day, even when the bot's zone has already moved on."""

from __future__ import annotations

from datetime import timedelta

from bot.demo.bot_api import FakeTelegramAPI
from bot.services.chat_settings import find_zone, prefs_of
from bot.settings import Settings
from storage.chat_settings import ChatSettings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import running_bot, wait_until
from tests.test_e2e import CHAT, NOW, history_value, latest_is, seed_history


async def test_settings_replies_and_a_summary_in_the_chats_own_zone(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)  # 08:59 in Seoul on the 25th = 00:59 in Berlin
    await seed_history(settings)
    source_server.set_kakao_count("_xdhKKT", history_value(8 * 288))

    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))
        telegram.send_command("/settings")
        (shown,) = await telegram.await_messages(CHAT, 1)
        assert shown.text == (
            "This chat: time zone Asia/Seoul · language each sender's own · daily summary at 09:00"
        )
        telegram.send_command("/settings tz Mars/Olympus")
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text == (
            "Mars/Olympus is not a time zone I know: use a name like Europe/Berlin or Asia/Seoul."
        )
        telegram.send_command("/settings tz europe/berlin")
        replies = await telegram.await_messages(CHAT, 3)
        assert replies[2].text == (
            "Saved.\nThis chat: time zone Europe/Berlin · language each sender's own · "
            "daily summary at 09:00"
        )
        # The chat's language wins over the sender's (English here), from the answer on.
        telegram.send_command("/settings lang ko")
        replies = await telegram.await_messages(CHAT, 4)
        assert replies[3].text == (
            "저장했어요.\n이 채팅 — 시간대: Europe/Berlin · 언어: 한국어 · 일일 요약: 09:00"
        )
        telegram.send_command("/subscribe kakao 08:30")
        replies = await telegram.await_messages(CHAT, 5)
        assert replies[4].text == (
            "구독했어요: 매일 08:30(Europe/Berlin)에 배민커넥트 요약을 보내 드릴게요."
        )
        telegram.send_command("/subscribe 25:00")
        replies = await telegram.await_messages(CHAT, 6)
        assert replies[5].text == "사용법: /subscribe [라벨] [HH:MM] (예: /subscribe 08:30)"

        # 09:00:05 in Seoul, the bot's default summary time: this chat's is Berlin's 08:30.
        clock.set(NOW + timedelta(minutes=1, seconds=5))
        await summary_checks_ran(bot)
        assert len(telegram.messages_to(CHAT)) == 6

    # A restart keeps the settings.
    clock.set(NOW + timedelta(hours=7, minutes=32))  # 16:31 in Seoul = 08:31 in Berlin
    async with running_bot(settings, clock) as bot:
        replies = await telegram.await_messages(CHAT, 7)
        summary = replies[6]
        assert summary.text is not None and summary.text.startswith("일일 요약 · 2026-11-25")
        await summary_checks_ran(bot)
        telegram.send_command("/settings")
        replies = await telegram.await_messages(CHAT, 8)
        assert (
            replies[7].text == "이 채팅 — 시간대: Europe/Berlin · 언어: 한국어 · 일일 요약: 08:30"
        )
        # /now counts "since midnight" from Berlin's (08:00 in Seoul), not from Seoul's.
        telegram.send_command("/now")
        replies = await telegram.await_messages(CHAT, 9)
        assert replies[8].text is not None and "오늘 0시 이후: +33\n" in replies[8].text, replies[8]

    # 00:30 on the 26th in Seoul, past the bot's 09:00 there is a day later in Seoul, but still
    # the 25th (16:30) in Berlin: no second summary.
    clock.set(NOW + timedelta(hours=15, minutes=31))
    async with running_bot(settings, clock) as bot:
        await summary_checks_ran(bot)
    assert len(telegram.messages_to(CHAT)) == 9

    # Berlin's next morning at 08:30: the next one, once.
    clock.set(NOW + timedelta(days=1, hours=7, minutes=32))
    async with running_bot(settings, clock) as bot:
        replies = await telegram.await_messages(CHAT, 10)
        await summary_checks_ran(bot)
    messages = telegram.messages_to(CHAT)
    assert len(messages) == 10
    assert messages[9].text is not None and messages[9].text.startswith("일일 요약 · 2026-11-26")


def test_prefs_fill_in_the_defaults_and_read_only_known_zones(settings: Settings) -> None:
    assert find_zone("EUROPE/berlin") is not None
    assert find_zone("../../etc/passwd") is None
    assert find_zone("") is None
    prefs = prefs_of(ChatSettings(), settings)
    assert (prefs.timezone, prefs.lang, prefs.summary_time) == (
        settings.timezone,
        None,
        settings.daily_summary_time,
    )
    # A stored value that no longer reads falls back to the default.
    prefs = prefs_of(ChatSettings("Gone/Zone", "fr", "99:99"), settings)
    assert (prefs.timezone, prefs.lang, prefs.summary_time) == (
        settings.timezone,
        None,
        settings.daily_summary_time,
    )


async def test_in_a_group_only_its_admins_change_its_settings(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    group, member, admin, owner = -100_500, 2001, 2002, 2003
    telegram.chat_roles[(group, admin)] = "administrator"
    telegram.chat_roles[(group, owner)] = "creator"
    async with running_bot(settings, clock):

        async def say(words: str, user: int, count: int) -> str:
            telegram.send_command(words, chat_id=group, user_id=user, chat_type="group")
            replies = await telegram.await_messages(group, count)
            return replies[-1].text or ""

        assert await say("/settings tz Europe/Berlin", member, 1) == (
            "In a group, only its admins can change its settings. /settings shows them."
        )
        assert "Asia/Seoul" in await say("/settings", member, 2)  # anyone may look
        assert (await say("/settings tz Europe/Berlin", admin, 3)).startswith("Saved.")
        assert (await say("/settings tz UTC", owner, 4)).startswith("Saved.")
        assert "UTC" in await say("/settings", member, 5)
