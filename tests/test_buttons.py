"""Buttons, through the fake Bot API: /chart's ranges and sources edit the same photo in place,
/now refreshes its text, and a stale or forged press gets a polite answer, never an error."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import samples
from storage import sources as source_store
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, default_source_db, running_bot, wait_until

NOW = datetime(2026, 11, 25, 8, 59, tzinfo=SEOUL)
START = NOW - timedelta(days=8)
CHAT = 1001


async def seed(settings: Settings, *, second: bool) -> None:
    """Eight days of 5-minute samples of the `.env` source (and of a second one)."""
    async with default_source_db(settings, START) as (db, src):
        rows = [Sample(START + timedelta(minutes=5 * k), 200_000 + 3 * k) for k in range(8 * 288)]
        await samples.insert_samples(db, src.id, rows)
        if second:
            other = await source_store.add_source(
                db,
                kind=SourceKind.KAKAO,
                target="_other",
                label="other",
                interval_seconds=3600,
                created_at=START,
                name="Other",
            )
            rows = [Sample(START + timedelta(hours=k), 5_000 + k) for k in range(8 * 24)]
            await samples.insert_samples(db, other.id, rows)
        await db.commit()


async def sampled(bot: Any, sources: int) -> bool:
    for source_id in range(1, sources + 1):
        latest = await samples.latest_sample(bot.deps.db, source_id)
        if latest is None or latest.ts != NOW:
            return False
    return True


def labels(markup: dict[str, Any]) -> list[list[str]]:
    return [[b["text"] for b in row] for row in markup["inline_keyboard"]]


def data_of(markup: dict[str, Any], label: str) -> str:
    for row in markup["inline_keyboard"]:
        for b in row:
            if b["text"] == label:
                return str(b["callback_data"])
    raise AssertionError(f"no button {label!r} in {labels(markup)}")


async def test_chart_buttons_edit_the_same_photo(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=True)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    source_server.set_kakao_count("_other", 5_200)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 2))  # no new sample in the middle of the test
        telegram.send_command("/chart kakao 7d")
        (photo,) = await telegram.await_messages(CHAT, 1)
        shown = telegram.message(CHAT, photo.message_id)
        markup = shown["reply_markup"]
        assert labels(markup) == [
            ["24h", "• 7d", "30d", "all", "days"],
            ["All", "• kakao", "other"],
        ]
        first_file = shown["photo"][-1]["file_id"]

        # 24h: the same message gets a new photo, with 24h marked.
        query = telegram.press_button(CHAT, photo.message_id, data_of(markup, "24h"))
        assert (await telegram.await_answer(telegram.callback_answers, query)).get("text") is None
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 1)
        edited = telegram.message(CHAT, photo.message_id)
        assert edited["photo"][-1]["file_id"] != first_file
        assert edited["caption"].endswith("last 24 hours")
        assert labels(edited["reply_markup"])[0] == ["• 24h", "7d", "30d", "all", "days"]

        # Back to 7d: Telegram has that chart already, so it goes by file id, no upload.
        query = telegram.press_button(CHAT, photo.message_id, data_of(edited["reply_markup"], "7d"))
        await telegram.await_answer(telegram.callback_answers, query)
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 2)
        media = telegram.calls_to("editMessageMedia")[-1]["media"]
        assert media["media"] == first_file
        assert telegram.message(CHAT, photo.message_id)["photo"][-1]["file_id"] == first_file

        # Every source at once, in Korean.
        markup = telegram.message(CHAT, photo.message_id)["reply_markup"]
        query = telegram.press_button(
            CHAT, photo.message_id, data_of(markup, "All"), language_code="ko"
        )
        await telegram.await_answer(telegram.callback_answers, query)
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 3)
        edited = telegram.message(CHAT, photo.message_id)
        assert labels(edited["reply_markup"]) == [
            ["24시간", "• 7일", "30일", "전체 기간", "일별"],
            ["• 전체", "kakao", "other"],
        ]
        assert len(telegram.messages_to(CHAT)) == 1  # no trail of photos

        # The daily bars: the same photo again, the change per day (from the values /days uses).
        query = telegram.press_button(
            CHAT, photo.message_id, data_of(edited["reply_markup"], "일별"), language_code="ko"
        )
        await telegram.await_answer(telegram.callback_answers, query)
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 4)
        edited = telegram.message(CHAT, photo.message_id)
        assert edited["caption"].endswith("최근 14일 일별 변화")
        assert labels(edited["reply_markup"])[0] == ["24시간", "7일", "30일", "전체 기간", "• 일별"]
        assert len(telegram.messages_to(CHAT)) == 1
        assert telegram.errors == []


async def test_days_offers_its_bars_and_chart_days_draws_them(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 1))
        telegram.send_command("/days kakao 7")
        (table,) = await telegram.await_messages(CHAT, 1)
        markup = telegram.message(CHAT, table.message_id)["reply_markup"]
        assert labels(markup) == [["📊 As bars"]]
        assert data_of(markup, "📊 As bars") == "c1|1|days"
        # A press under the text sends the bars as a new photo, with the chart's buttons.
        query = telegram.press_button(CHAT, table.message_id, "c1|1|days")
        await telegram.await_answer(telegram.callback_answers, query)
        (_, photo) = await telegram.await_messages(CHAT, 2)
        assert photo.method == "sendPhoto"
        assert photo.text is not None and photo.text.endswith("change per day, last 14 days")
        shown = telegram.message(CHAT, photo.message_id)
        assert labels(shown["reply_markup"])[0] == ["24h", "7d", "30d", "all", "• days"]

        telegram.send_command("/chart days", language_code="ko")
        replies = await telegram.await_messages(CHAT, 3)
        assert replies[2].method == "sendPhoto"
        assert replies[2].text is not None and replies[2].text.endswith("최근 14일 일별 변화")
        assert telegram.errors == []


async def test_stale_forged_and_untracked_presses_are_answered_politely(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(settings, clock):
        telegram.send_command("/chart")
        (photo,) = await telegram.await_messages(CHAT, 1)
        markup = telegram.message(CHAT, photo.message_id)["reply_markup"]
        assert labels(markup) == [
            ["24h", "7d", "30d", "• all", "days"]
        ]  # one source: no source row

        stale = "This button is from an older message; please send the command again."
        for data in ("c0|1|7d", "c1|1|8d", "zz", "n1|x|1", "c1|1|7d|extra"):
            query = telegram.press_button(CHAT, photo.message_id, data)
            assert (await telegram.await_answer(telegram.callback_answers, query))["text"] == stale
        query = telegram.press_button(CHAT, photo.message_id, "c1|999|7d")
        answer = await telegram.await_answer(telegram.callback_answers, query)
        assert answer["text"] == "That source is no longer tracked. /sources lists what is."
        # A message too old for the bot to see (an InaccessibleMessage).
        query = telegram.press_button(CHAT, 424242, "c1|*|7d")
        assert (await telegram.await_answer(telegram.callback_answers, query))["text"] == stale
        assert telegram.calls_to("editMessageMedia") == []
        assert len(telegram.messages_to(CHAT)) == 1
        assert telegram.errors == []


async def test_chart_buttons_respect_the_cooldown(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(replace(settings, chart_cooldown_seconds=30.0), clock):
        telegram.send_command("/chart")
        (photo,) = await telegram.await_messages(CHAT, 1)
        markup = telegram.message(CHAT, photo.message_id)["reply_markup"]
        query = telegram.press_button(CHAT, photo.message_id, data_of(markup, "7d"))
        answer = await telegram.await_answer(telegram.callback_answers, query)
        assert answer["text"].startswith("One chart per 30 s")
        assert telegram.calls_to("editMessageMedia") == []
        clock.advance(timedelta(seconds=31))
        query = telegram.press_button(CHAT, photo.message_id, data_of(markup, "7d"))
        await telegram.await_answer(telegram.callback_answers, query)
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 1)


async def test_now_refresh_edits_the_text_or_says_nothing_is_new(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 1))
        telegram.send_command("/now")
        (reply,) = await telegram.await_messages(CHAT, 1)
        assert reply.text is not None and reply.text.startswith("배민커넥트: 206,912 friends")
        markup = telegram.message(CHAT, reply.message_id)["reply_markup"]
        assert labels(markup) == [["↻ Refresh"]]

        query = telegram.press_button(CHAT, reply.message_id, data_of(markup, "↻ Refresh"))
        answer = await telegram.await_answer(telegram.callback_answers, query)
        assert answer["text"] == "Nothing new since 08:59."
        assert telegram.calls_to("editMessageText") == []

        clock.set(NOW + timedelta(minutes=5))
        await samples.insert_samples(bot.deps.db, 1, [Sample(clock.now(), 207_000)])
        query = telegram.press_button(CHAT, reply.message_id, data_of(markup, "↻ Refresh"))
        assert (await telegram.await_answer(telegram.callback_answers, query)).get("text") is None
        await wait_until(lambda: len(telegram.calls_to("editMessageText")) == 1)
        edited = telegram.message(CHAT, reply.message_id)
        assert edited["text"].startswith("배민커넥트: 207,000 friends")
        assert "Last sample: 0 s ago" in edited["text"]

        # The refreshed button knows what it showed: pressing it again has nothing new.
        markup = edited["reply_markup"]
        query = telegram.press_button(
            CHAT, reply.message_id, data_of(markup, "↻ Refresh"), language_code="ko"
        )
        answer = await telegram.await_answer(telegram.callback_answers, query)
        assert answer["text"] == "09:04 이후 새 기록이 없어요."
        assert len(telegram.calls_to("editMessageText")) == 1
        assert len(telegram.messages_to(CHAT)) == 1
        assert telegram.errors == []
