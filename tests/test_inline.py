"""Inline mode through the fake Bot API: `@bot` and `@bot kakao` offer the count as an article
and the chart as a cached photo once Telegram has it; results are cached briefly."""

from __future__ import annotations

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import running_bot, wait_until
from tests.test_buttons import CHAT, NOW, sampled, seed


async def test_inline_query_offers_count_and_cached_chart(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    telegram.supports_inline_queries = True
    clock.set(NOW)
    await seed(settings, second=True)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    source_server.set_kakao_count("_other", 5_200)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 2))

        # No chart sent yet: articles only (an inline result cannot upload a photo).
        query = telegram.send_inline_query("")
        answer = await telegram.await_answer(telegram.inline_answers, query)
        assert answer["cache_time"] == 30
        # (the fake Kakao server names every channel 배민커넥트)
        assert sorted((r["type"], r["id"]) for r in answer["results"]) == [
            ("article", "n1"),
            ("article", "n2"),
        ]
        (article,) = (r for r in answer["results"] if r["id"] == "n1")
        assert article["description"] == "배민커넥트: 206,912 friends · 24 h: +864"
        assert article["input_message_content"]["message_text"].startswith(
            "배민커넥트: 206,912 friends\n24 h: +864\n"
        )

        telegram.send_command("/chart kakao")
        (photo,) = await telegram.await_messages(CHAT, 1)
        query = telegram.send_inline_query("KAK", language_code="ko")
        answer = await telegram.await_answer(telegram.inline_answers, query)
        kinds = [r["type"] for r in answer["results"]]
        assert kinds == ["article", "photo"]
        cached = answer["results"][1]
        assert cached["photo_file_id"] == photo.photo_file_id
        assert cached["caption"].startswith("배민커넥트")
        assert answer["results"][0]["description"].startswith("배민커넥트: 친구 206,912")

        query = telegram.send_inline_query("nothing-like-it")
        answer = await telegram.await_answer(telegram.inline_answers, query)
        assert answer["results"] == []
        assert answer["button"]["text"] == "No tracked source matches that."
        assert telegram.errors == []
