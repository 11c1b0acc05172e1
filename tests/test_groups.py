"""Groups and channels end to end through the fake Bot API: in a group, members read and its
admins (getChatMember, kept a minute), its anonymous admin and the bot's admins change; a
change says who made it; a bot admin has the summary posted to a channel where the bot may
post; a channel that removed the bot is dropped once, and the admins hear of it; /sources
shows a web address's key only to the bot's admins."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import aiosqlite

from bot.core.kinds import SourceKind
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import chat_alerts
from storage import sources as source_store
from storage import subscriptions as subs
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import default_source_db, running_bot, wait_until
from tests.test_faults_telegram import BEFORE, DUE, seed, subscribed, summaries

ADMIN = 4242  # the bot's admin (ADMIN_USER_IDS)
GROUP = -1_000_000_000_190
MEMBER, ALICE, OWNER = 2001, 2002, 2003
CHANNEL, QUIET, TEAM = -1_000_000_000_191, -1_000_000_000_192, -1_000_000_000_193
CLUB = -1_000_000_000_194
REFUSED = (
    "In this group only its admins (or the bot's admins) can change that. "
    "Anyone can read: /now, /chart, /alerts, /settings."
)
REFUSED_KO = (
    "이 그룹에서는 그룹 관리자(또는 봇 관리자)만 바꿀 수 있어요. "
    "보기는 누구나 할 수 있어요: /now, /chart, /alerts, /settings"
)


async def named(db: aiosqlite.Connection) -> bool:
    source = await source_store.source_by_id(db, 1)
    return source is not None and source.name is not None


def admins_of(settings: Settings) -> Settings:
    return replace(settings, admin_user_ids=frozenset({ADMIN}))


async def test_in_a_group_members_read_and_its_admins_change(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = admins_of(settings)
    clock.set(BEFORE)
    await seed(tuned, [GROUP])
    source_server.set_kakao_count("_xdhKKT", 1300)
    telegram.add_chat(GROUP, "supergroup", "Team")
    telegram.set_role(GROUP, ALICE, "administrator")
    telegram.set_role(GROUP, OWNER, "creator")
    async with running_bot(tuned, clock) as bot:
        db = bot.deps.db
        said: list[str] = []

        async def say(words: str, user: int, **kw: object) -> str:
            telegram.send_command(words, chat_id=GROUP, user_id=user, chat_type="supergroup", **kw)  # type: ignore[arg-type]
            said.append(words)
            replies = await telegram.await_messages(GROUP, len(said))
            return replies[-1].text or ""

        set_by_alice = await say("/alert kakao above 5000", ALICE, username="alice")
        assert set_by_alice.startswith("Alert set: ")
        assert set_by_alice.endswith("threshold is passed.\nChanged by @alice.")
        moved = await say("/subscribe 21:00", ALICE, username="alice")
        assert moved.startswith("Moved to 21:00 (Asia/Seoul): the summary of kakao ")
        assert moved.endswith("instead of 09:00.\nSummary moved to 21:00 by @alice.")
        # A member changes nothing, and is told who can, in their language.
        assert await say("/subscribe 03:17", MEMBER) == REFUSED
        assert await say("/alert off", MEMBER) == REFUSED
        assert await say("/unsubscribe", MEMBER, language_code="ko") == REFUSED_KO
        assert (await say("/settings lang ko", MEMBER)).startswith("In a group, only its admins")
        assert bot.data.prefs(GROUP).summary_time.strftime("%H:%M") == "21:00"
        assert {s.chat_id for s in await subs.subscriptions(db)} == {GROUP}
        assert len(await chat_alerts.chat_alerts(db, GROUP)) == 1
        # Reading stays open.
        assert await say("/alerts", MEMBER) != REFUSED
        assert "Asia/Seoul" in await say("/settings", MEMBER)
        assert await say("/now", MEMBER) != REFUSED
        # The group's anonymous admin, then the bot's own admin (a plain member of the group).
        assert await say("/alert off", 1087968824, anonymous=True) == (
            "Removed 1 alert.\nChanged by an anonymous admin."
        )
        assert await say("/unsubscribe", ADMIN, username="boss", language_code="ko") == (
            "구독을 해지했어요. 이제 일일 요약을 보내지 않아요.\n바꾼 사람: @boss"
        )
        assert await subs.subscriptions(db) == []
        # Who runs a group is asked once a minute per person: a demoted owner keeps the right
        # until then, and not after. (Another group: Telegram allows 20 messages a minute in one.)
        telegram.add_chat(CLUB, "supergroup", "Club")
        telegram.set_role(CLUB, OWNER, "creator")
        asked = len(telegram.calls_to("getChatMember"))
        club: list[str] = []

        async def in_club(words: str) -> str:
            telegram.send_command(
                words, chat_id=CLUB, user_id=OWNER, chat_type="supergroup", username=None
            )
            club.append(words)
            return (await telegram.await_messages(CLUB, len(club)))[-1].text or ""

        assert (await in_club("/alert kakao above 50000")).endswith("\nChanged by Test.")
        telegram.set_role(CLUB, OWNER, "member")
        assert (await in_club("/alert off")).startswith("Removed 1 alert.")
        assert len(telegram.calls_to("getChatMember")) == asked + 1
        clock.advance(timedelta(seconds=61))
        assert await in_club("/subscribe 08:00") == REFUSED
        assert len(telegram.calls_to("getChatMember")) == asked + 2
    assert telegram.errors == []


async def test_a_bot_admin_has_the_summary_posted_to_a_channel(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = admins_of(settings)
    clock.set(BEFORE)
    await seed(tuned, [])
    source_server.set_kakao_count("_xdhKKT", 1300)
    telegram.add_chat(CHANNEL, "channel", "News", "newsroom")
    telegram.add_chat(QUIET, "channel", "Quiet", "quiet")
    telegram.add_chat(TEAM, "supergroup", "Team", "teamchat")
    telegram.set_role(CHANNEL, telegram.bot_id, "administrator")
    telegram.set_role(QUIET, telegram.bot_id, "administrator", can_post_messages=False)
    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: named(bot.deps.db))  # the source's name is known
        said: list[str] = []

        async def say(words: str, user: int = ADMIN, lang: str = "en") -> str:
            telegram.send_command(words, chat_id=user, user_id=user, language_code=lang)
            said.append(words)
            replies = await telegram.await_messages(user, len(said))
            return replies[-1].text or ""

        assert await say("/subscribe @newsroom", user=ADMIN + 1) == (
            "Only the bot's admins can have the summary posted to a channel."
        )
        said.clear()
        assert await say("/subscribe @nosuch") == (
            "I can't find @nosuch: check the name, and add me to the channel as an admin first."
        )
        assert await say("/subscribe @teamchat") == (
            "@teamchat is not a channel. For a group, send /subscribe in the group itself."
        )
        assert await say("/subscribe @quiet", lang="ko") == (
            "@quiet에 글을 올릴 수 없어요. 저를 '메시지 게시' 권한이 있는 관리자로 추가한 뒤 "
            "다시 해 주세요."
        )
        telegram.set_role(QUIET, telegram.bot_id, "member")
        assert (await say("/subscribe @quiet")).startswith("I can't post in @quiet: make me")
        assert await say("/subscribe @newsroom kakao 09:00") == (
            "@newsroom is subscribed: a summary of 배민커넥트 is posted there every day at 09:00 "
            "(Asia/Seoul)."
        )
        assert await say("/subscriptions") == (
            "Where I post the daily summary:\n• @newsroom: 배민커넥트 at 09:00 (Asia/Seoul)"
        )
        assert telegram.messages_to(CHANNEL) == []
        clock.set(DUE)
        await telegram.await_messages(CHANNEL, 1)
        await summary_checks_ran(bot)
        assert len(summaries(telegram, CHANNEL)) == 1
        # The channel's own posts (by its admins) read and change it too.
        telegram.send_command("/subscriptions", chat_id=CHANNEL, chat_type="channel")
        await telegram.await_messages(CHANNEL, 2)
        telegram.send_command("/unsubscribe", chat_id=CHANNEL, chat_type="channel")
        posts = await telegram.await_messages(CHANNEL, 3)
        assert await say("/unsubscribe @newsroom") == "@newsroom was not subscribed."
    assert [p.text for p in posts[1:]] == [
        "Where I post the daily summary:\n• @newsroom: 배민커넥트 at 09:00 (Asia/Seoul)",
        "Unsubscribed: no more daily summaries here.\nChanged by the channel's admins.",
    ]
    assert await subscribed(tuned) == set()
    assert telegram.errors == []


async def test_a_channel_that_removed_the_bot_is_dropped_once_and_admins_told(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = admins_of(settings)
    await seed(tuned, [CHANNEL])
    telegram.add_chat(CHANNEL, "channel", "News", "newsroom")
    telegram.block_chat(CHANNEL)  # 403: the bot is no longer in the channel
    clock.set(DUE)
    async with running_bot(tuned, clock) as bot:
        (note,) = await telegram.await_messages(ADMIN, 1)
        await summary_checks_ran(bot, 3)
    assert await subscribed(tuned) == set()
    assert len(telegram.messages_to(ADMIN)) == 1
    assert note.text == (
        f"Chat {CHANNEL} removed me or is gone: its daily summary, milestones and alerts were "
        f"dropped.\n\n채팅 {CHANNEL}에서 제가 빠졌거나 채팅이 없어졌어요: 그 채팅의 매일 요약, "
        "기념 수치, 알림을 멈췄어요."
    )


async def test_sources_show_a_web_address_key_only_to_the_bots_admins(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = admins_of(settings)
    async with default_source_db(tuned, BEFORE) as (db, _):
        await source_store.add_source(
            db,
            kind=SourceKind.WEB,
            target="http://127.0.0.1:9/s?key=SECRET",
            label="stats",
            interval_seconds=3600,
            created_at=BEFORE,
        )
        await db.commit()
    clock.set(BEFORE)
    async with running_bot(tuned, clock):
        telegram.send_command("/sources", chat_id=1001, user_id=1001)
        telegram.send_command("/sources", chat_id=ADMIN, user_id=ADMIN)
        (public,) = await telegram.await_messages(1001, 1)
        (full,) = await telegram.await_messages(ADMIN, 1)
    assert public.text is not None and full.text is not None
    assert "web:http://127.0.0.1:9/s, every" in public.text and "SECRET" not in public.text
    assert "web:http://127.0.0.1:9/s?key=SECRET" in full.text
