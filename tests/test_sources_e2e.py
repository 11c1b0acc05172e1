"""Managing sources from the chat, end to end: the real Application polls the fake Bot API,
sources are real pages on the local source server, time is the hand-moved clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import failures as failure_store
from storage import samples, sources, subscriptions
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.running import SEOUL, RunningBot, running_bot, wait_until

ADMIN = 42
USER = 1001
GROUP = -100500
FIXTURES = Path(__file__).parent / "fixtures"
START = datetime(2026, 11, 25, 8, 0, tzinfo=SEOUL)


def tme_page(count_text: str) -> Response:
    html = (FIXTURES / "telegram" / "tme_channel.html").read_text(encoding="utf-8")
    return Response(body=html.replace("10 612 280", count_text).encode())


async def latest_value(bot: RunningBot, label: str) -> tuple[datetime, int] | None:
    source = await sources.source_by_label(bot.deps.db, label)
    if source is None:
        return None
    latest = await samples.latest_sample(bot.deps.db, source.id)
    return None if latest is None else (latest.ts, latest.value)


async def sampled_at(bot: RunningBot, label: str, moment: datetime, value: int) -> bool:
    return await latest_value(bot, label) == (moment, value)


def admin_settings(settings: Settings) -> Settings:
    return replace(settings, admin_user_ids=frozenset({ADMIN}))


async def test_admin_tracks_a_channel_and_both_sources_are_sampled_side_by_side(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/durov", tme_page("10 612 280"))
    fast = replace(admin_settings(settings), sample_interval_seconds=5)
    async with running_bot(fast, clock) as bot:
        await wait_until(lambda: sampled_at(bot, "kakao", START, 1_234))

        # In a group, the admin is recognised by who sends, whatever the chat.
        telegram.send_command("/track telegram:durov every 5s", chat_id=GROUP, user_id=ADMIN)
        (reply,) = await telegram.await_messages(GROUP, 1)
        assert reply.text == (
            "Now tracking Durov's Channel (durov): 10,612,280 subscribers, sampled every 5 s. "
            "/now durov shows it."
        )
        assert await latest_value(bot, "durov") == (START, 10_612_280)  # sampled at once
        (job,) = bot.application.job_queue.get_jobs_by_name("sample:2")
        assert job.job.trigger.interval == timedelta(seconds=5)

        # Both scheduled jobs take their next samples, each from its own page.
        clock.advance(timedelta(seconds=10))
        source_server.set_kakao_count("_xdhKKT", 1_240)
        source_server.set("/durov", tme_page("10 612 300"))
        later = START + timedelta(seconds=10)
        await wait_until(lambda: sampled_at(bot, "kakao", later, 1_240))
        await wait_until(lambda: sampled_at(bot, "durov", later, 10_612_300))

        telegram.send_command("/now", chat_id=GROUP, user_id=USER, chat_type="group")
        replies = await telegram.await_messages(GROUP, 2)
        assert replies[1].text == (
            "2 tracked counts:\n"
            "• 배민커넥트 (kakao): 1,240 friends\n"
            "• Durov's Channel (durov): 10,612,300 subscribers\n"
            "\n"
            "/now <label> shows one in full."
        )

        telegram.send_command("/now DUROV", chat_id=GROUP, user_id=USER, language_code="ko")
        replies = await telegram.await_messages(GROUP, 3)
        assert replies[2].text is not None
        assert replies[2].text.startswith("Durov's Channel: 구독자 10,612,300\n")

        telegram.send_command("/sources", chat_id=GROUP, user_id=USER)
        replies = await telegram.await_messages(GROUP, 4)
        assert replies[3].text == (
            "Tracked sources (2):\n"
            "\n"
            "• 배민커넥트 (kakao) — kakao:_xdhKKT, every 5 s\n"
            "  Last value: 1,240 friends · last success 0 s ago\n"
            "  Last error: none\n"
            "  Share: https://t.me/counter_test_bot?start=sub_kakao\n"
            "\n"
            "• Durov's Channel (durov) — telegram:durov, every 5 s\n"
            "  Last value: 10,612,300 subscribers · last success 0 s ago\n"
            "  Last error: none\n"
            "  Share: https://t.me/counter_test_bot?start=sub_durov"
        )

        telegram.send_command("/chart durov 24h", chat_id=GROUP, user_id=USER)
        replies = await telegram.await_messages(GROUP, 5)
        assert replies[4].method == "sendPhoto"
        assert replies[4].text == "Durov's Channel: 10,612,300 subscribers · last 24 hours"

        telegram.send_command("/chart", chat_id=GROUP, user_id=USER)
        replies = await telegram.await_messages(GROUP, 6)
        assert replies[5].method == "sendPhoto"
        assert replies[5].text == (
            "배민커넥트 (kakao): 1,240 friends\n"
            "Durov's Channel (durov): 10,612,300 subscribers\n"
            "all history"
        )

        # /untrack stops the job at once and forgets the history.
        telegram.send_command("/untrack durov", chat_id=GROUP, user_id=ADMIN)
        replies = await telegram.await_messages(GROUP, 7)
        assert (
            replies[6].text
            == "Stopped tracking Durov's Channel (durov); its 2 samples are deleted."
        )
        # Removed before the reply was sent (a job whose source is gone would also remove itself,
        # but only at its next run).
        names = {job.name for job in bot.application.job_queue.jobs()}
        assert names == {"sample:1", "summary:daily", "summary:check", "retention"}
        assert await sources.source_by_label(bot.deps.db, "durov") is None

        telegram.send_command("/now durov", chat_id=GROUP, user_id=USER)
        replies = await telegram.await_messages(GROUP, 8)
        assert replies[7].text == "No source is labelled durov. Tracked: kakao."


async def test_management_commands_are_for_admins_only(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/durov", tme_page("10 612 280"))
    async with running_bot(admin_settings(settings), clock) as bot:
        # A chat whose id happens to be the admin's id does not make its members admins.
        telegram.send_command("/track telegram:durov", chat_id=ADMIN, user_id=USER)
        telegram.send_command("/untrack kakao", chat_id=ADMIN, user_id=USER, language_code="ko")
        replies = await telegram.await_messages(ADMIN, 2)
        assert {r.text for r in replies} == {
            "Sorry, only the bot's admins can do that. /sources shows what is tracked.",
            "죄송해요, 이 명령은 봇 관리자만 쓸 수 있어요. "
            "/sources 로 추적 중인 출처를 볼 수 있어요.",
        }
        assert [s.label for s in await sources.list_sources(bot.deps.db)] == ["kakao"]
        assert source_server.requests_to("/durov") == 0

        # Admins see their commands in /help; others do not.
        telegram.send_command("/help", chat_id=USER, user_id=USER)
        telegram.send_command("/help", chat_id=ADMIN, user_id=ADMIN)
        (user_help,) = await telegram.await_messages(USER, 1)
        admin_help = (await telegram.await_messages(ADMIN, 3))[2]
        assert user_help.text is not None and "/track" not in user_help.text
        assert admin_help.text is not None and "/track <kind:target>" in admin_help.text


async def test_without_admins_configured_the_refusal_says_how_to_set_one(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    async with running_bot(settings, clock):
        telegram.send_command("/track telegram:durov", user_id=ADMIN, chat_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text is not None and "ADMIN_USER_IDS" in reply.text


async def test_track_refuses_what_does_not_yield_a_number(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    bot_page = (FIXTURES / "telegram" / "tme_bot.html").read_bytes()
    source_server.set("/counter_test_bot", Response(body=bot_page))
    source_server.set("/stats", Response(body=(FIXTURES / "web" / "stats.html").read_bytes()))
    async with running_bot(admin_settings(settings), clock) as bot:
        telegram.send_command("/track telegram:counter_test_bot", chat_id=ADMIN, user_id=ADMIN)
        telegram.send_command(
            f"/track web:{source_server.url}/stats css:#posts", chat_id=ADMIN, user_id=ADMIN
        )
        telegram.send_command("/track telegram:durov 7d", chat_id=ADMIN, user_id=ADMIN)
        telegram.send_command("/track kakao:_xdhKKT", chat_id=ADMIN, user_id=ADMIN)
        replies = await telegram.await_messages(ADMIN, 4)
        texts = sorted(r.text or "" for r in replies)
        assert texts == sorted(
            [
                "I could not read a number from telegram:counter_test_bot, so it is not tracked: "
                "it is not a public channel or group",
                f"I could not read a number from web:{source_server.url}/stats, so it is not "
                "tracked: what the extractor finds is not a count",
                "7d cannot be a label: use up to 32 letters, digits, _ or -, not only digits, and "
                "not a chart range (24h, 7d, 30d, all).",
                "That is already tracked as kakao.",
            ]
        )
        assert [s.label for s in await sources.list_sources(bot.deps.db)] == ["kakao"]


async def test_a_web_page_is_tracked_with_its_extractor(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/stats", Response(body=(FIXTURES / "web" / "stats.html").read_bytes()))
    async with running_bot(admin_settings(settings), clock) as bot:
        telegram.send_command(
            f'/track web:{source_server.url}/stats css:"section.stats #members" 동네 every 1h',
            chat_id=ADMIN,
            user_id=ADMIN,
            language_code="ko",
        )
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == (
            "이제 동네를 추적해요: 48,213, 1시간마다 수집해요. /now 동네 로 볼 수 있어요."
        )
        source = await sources.source_by_label(bot.deps.db, "동네")
        assert source is not None and source.interval_seconds == 3600
        assert source.options == '{"extractor": "css", "expression": "section.stats #members"}'


async def test_private_addresses_are_refused_by_default(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    strict = replace(admin_settings(settings), allow_private_sources=False)
    source_server.set("/stats", Response(body=(FIXTURES / "web" / "stats.html").read_bytes()))
    port = source_server.url.rsplit(":", 1)[1]
    async with running_bot(strict, clock) as bot:
        telegram.send_command(
            f"/track web:http://localhost:{port}/stats css:#members", chat_id=ADMIN, user_id=ADMIN
        )
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == (
            "I won't fetch that URL: localhost points to 127.0.0.1, which is not a public address. "
            "Sources must be public addresses."
        )
        assert source_server.requests_to("/stats") == 0
        assert [s.label for s in await sources.list_sources(bot.deps.db)] == ["kakao"]
        # The default source on 127.0.0.1 is refused too: recorded as a failure, not a number.
        kakao = await sources.source_by_label(bot.deps.db, "kakao")
        assert kakao is not None
        await wait_until(lambda: _has_failure(bot, kakao.id))
        (failure,) = await failure_store.recent_failures(bot.deps.db, kakao.id, limit=1)
        assert "127.0.0.1, a loopback address" in failure.detail


async def _has_failure(bot: RunningBot, source_id: int) -> bool:
    return bool(await failure_store.recent_failures(bot.deps.db, source_id, limit=1))


async def test_subscribing_without_a_label_covers_every_source_in_one_summary(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/durov", tme_page("10 612 280"))
    async with running_bot(admin_settings(settings), clock) as bot:
        telegram.send_command("/track telegram:durov", chat_id=ADMIN, user_id=ADMIN)
        await telegram.await_messages(ADMIN, 1)
        await wait_until(lambda: sampled_at(bot, "kakao", START, 1_234))

        telegram.set_role(GROUP, USER, "administrator")  # what belongs to a group is its admins'
        telegram.send_command("/subscribe", chat_id=GROUP, user_id=USER, chat_type="group")
        (reply,) = await telegram.await_messages(GROUP, 1)
        assert reply.text == (
            "Subscribed: a summary of 배민커넥트, Durov's Channel arrives here every day at "
            "09:00 (Asia/Seoul).\nChanged by @tester."
        )
        telegram.send_command("/unsubscribe kakao", chat_id=GROUP, user_id=USER)
        await telegram.await_messages(GROUP, 2)  # updates run concurrently: keep the order
        telegram.send_command("/subscribe kakao", chat_id=GROUP, user_id=USER)
        replies = await telegram.await_messages(GROUP, 3)
        assert replies[1].text == "Unsubscribed from 배민커넥트: its summary no longer comes here."

        clock.set(START + timedelta(hours=1, seconds=5))  # 09:00:05
        replies = await telegram.await_messages(GROUP, 4)
        summary = replies[3]
        assert summary.method == "sendPhoto"
        assert summary.text is not None
        assert "배민커넥트: 1,234 friends" in summary.text
        assert "Durov's Channel: 10,612,280 subscribers" in summary.text

        # Untracking a source takes it out of every chat's summary.
        telegram.send_command("/untrack durov", chat_id=ADMIN, user_id=ADMIN)
        await telegram.await_messages(ADMIN, 2)
        remaining = [
            sub for sub in await subscriptions.subscriptions(bot.deps.db) if sub.chat_id == GROUP
        ]
        assert [sub.source_id for sub in remaining] == [1]
