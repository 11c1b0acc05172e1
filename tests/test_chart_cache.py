"""Charts are drawn once per new sample and sent again by Telegram's file id; a cached chart is
never stale: a new sample, another language or another range gives a new one."""

from __future__ import annotations

from datetime import timedelta

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import samples, sources, subscriptions
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import default_source_db, running_bot
from tests.test_faults_sources import quiet_scheduler

CHAT = 1001


async def test_a_chart_is_drawn_once_per_sample_and_resent_by_file_id(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 200_000)
    async with running_bot(settings, clock) as bot:
        quiet_scheduler(bot)
        (source,) = await sources.list_sources(bot.deps.db)
        await bot.data.sampler.sample_once(source)
        cache = bot.data.charts.cache

        async def chart(command: str, *, lang: str = "en", count: int) -> None:
            telegram.send_command(command, chat_id=CHAT, language_code=lang)
            await telegram.await_messages(CHAT, count)

        await chart("/chart 24h", count=1)
        await chart("/chart 24h", count=2)
        first, again = telegram.messages_to(CHAT)
        assert first.photo is not None  # uploaded
        assert again.photo is None and again.photo_file_id == first.photo_file_id
        assert cache.made == 1

        clock.advance(timedelta(seconds=30))
        source_server.set_kakao_count("_xdhKKT", 200_010)
        await bot.data.sampler.sample_once(source)
        await chart("/chart 24h", count=3)
        fresh = telegram.messages_to(CHAT)[2]
        assert fresh.photo is not None and fresh.photo_file_id != first.photo_file_id
        assert "200,010" in (fresh.text or "")
        assert cache.made == 2

        await chart("/chart 24h", lang="ko", count=4)  # another language: another chart
        await chart("/chart 7d", count=5)  # another range: another chart
        korean, week = telegram.messages_to(CHAT)[3:5]
        assert korean.photo is not None and week.photo is not None
        assert cache.made == 4 and len(cache) == 4


async def test_a_chart_of_many_sources_draws_the_most_followed_and_says_how_many_are_left_out(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    now = clock.now()
    async with default_source_db(settings, now - timedelta(days=1)) as (db, first):
        added = [first]
        for k in range(1, 7):
            added.append(
                await sources.add_source(
                    db,
                    kind=SourceKind.WEB,
                    target=f"https://x{k}.example/",
                    label=f"x{k}",
                    interval_seconds=60,
                    created_at=now - timedelta(days=1),
                )
            )
        for k, source in enumerate(added):
            await samples.insert_sample(db, source.id, Sample(now - timedelta(minutes=5), 100 * k))
        # x2, x4, x5, x6 are followed (x6 by most); the rest by nobody.
        for chat, label in [(1, "x6"), (2, "x6"), (3, "x2"), (4, "x4"), (5, "x5"), (6, "x4")]:
            source = next(s for s in added if s.label == label)
            await subscriptions.subscribe(db, chat, source.id, "en", now)
    async with running_bot(settings, clock) as bot:
        quiet_scheduler(bot)
        telegram.send_command("/chart", chat_id=CHAT)
        (reply,) = await telegram.await_messages(CHAT, 1)
    caption = reply.text or ""
    assert [line.split(":")[0] for line in caption.splitlines()[:4]] == ["x2", "x4", "x5", "x6"]
    assert "…and 3 more sources (those most subscribed to are drawn)" in caption
