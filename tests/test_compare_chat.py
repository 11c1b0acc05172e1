"""/compare end to end through the fake Bot API, on two imported linear histories whose answer is
arithmetic: the table in both languages, the catch-up day, the chart and its range buttons."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.core.callbacks import ComparePress, compare_data, parse
from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.core.ranges import RANGES
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import samples
from storage import sources as source_store
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, default_source_db, running_bot, wait_until

CHAT = 1001
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=SEOUL)
START = NOW - timedelta(days=35)
STEP = timedelta(minutes=10)


def baemin(at: datetime) -> int:
    """+288 a day (2 every 10 minutes): 96,080 at NOW."""
    return 86_000 + 2 * round((at - START) / STEP)


def coupang(at: datetime) -> int:
    """+144 a day: 105,040 at NOW; the gap of 8,960 closes by 144 a day: 62.2 days."""
    return 100_000 + round((at - START) / STEP)


async def seed(settings: Settings) -> None:
    moments = [START + STEP * k for k in range(35 * 144)]  # up to 10 minutes before NOW
    async with default_source_db(settings, START) as (db, src):
        await samples.insert_samples(db, src.id, [Sample(t, baemin(t)) for t in moments])
        other = await source_store.add_source(
            db,
            kind=SourceKind.KAKAO,
            target="_coupang",
            label="coupang",
            interval_seconds=600,
            created_at=START,
            name="Coupang Eats",
        )
        await samples.insert_samples(db, other.id, [Sample(t, coupang(t)) for t in moments])
        await db.commit()


async def sampled(bot: Any) -> bool:
    for source_id in (1, 2):
        latest = await samples.latest_sample(bot.deps.db, source_id)
        if latest is None or latest.ts != NOW:
            return False
    return True


EN = """Compared (all 2) · Asia/Seoul
1. Coupang Eats 105,040
   24 h +144 · 7 d +1,008 · 30 d +4,320
   +144/day (+0.14%/day) over 30 d
   rank: 24 h #2 · 7 d #2 · 30 d #2 · a day #2 · growth #2
2. 배민커넥트 96,080
   24 h +288 · 7 d +2,016 · 30 d +8,640
   +288/day (+0.30%/day) over 30 d
   rank: 24 h #1 · 7 d #1 · 30 d #1 · a day #1 · growth #1

배민커넥트 catches Coupang Eats in about 62 days, around 31 Jan 2027
Ranges are the middle half of the day-to-day trends: likely, not certain."""

KO = """비교 (고른 것) · Asia/Seoul
1. Coupang Eats 105,040
   24시간 +144 · 7일 +1,008 · 30일 +4,320
   30일 평균 하루 +144 (하루 +0.14%)
   순위: 24시간 2위 · 7일 2위 · 30일 2위 · 하루 2위 · 성장률 2위
2. 배민커넥트 96,080
   24시간 +288 · 7일 +2,016 · 30일 +8,640
   30일 평균 하루 +288 (하루 +0.30%)
   순위: 24시간 1위 · 7일 1위 · 30일 1위 · 하루 1위 · 성장률 1위

배민커넥트가 Coupang Eats를 약 62일 뒤 따라잡아요, 2027년 1월 31일쯤
범위는 하루 추세의 가운데 절반이에요: 가능성이 높다는 뜻이지 확실하다는 뜻은 아니에요."""


def test_compare_buttons_fit_and_read_back() -> None:
    data = compare_data("30d", [999_999_999_999] * 4)
    assert len(data.encode()) <= 64
    assert parse(data) == ComparePress(RANGES["30d"], (999_999_999_999,) * 4)
    assert parse("k1|days|1") is None
    assert parse("k1|7d|1,x") is None
    assert parse("k1|7d|1,2,3,4,5") is None


async def test_compare_end_to_end(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    telegram.supports_inline_queries = True
    await seed(settings)
    source_server.set_kakao_count("_xdhKKT", baemin(NOW))
    source_server.set_kakao_count("_coupang", coupang(NOW), name="Coupang Eats")
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot))
        telegram.send_command("/compare")
        table, photo = await telegram.await_messages(CHAT, 2)
        assert table.text == EN
        assert photo.method == "sendPhoto" and photo.photo is not None
        assert photo.text is not None and photo.text.startswith("Lines indexed to 100")
        assert photo.text.endswith("last 30 days")
        keyboard = photo.params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for b in keyboard[0]] == ["24h", "7d", "• 30d", "all"]
        week = next(b["callback_data"] for b in keyboard[0] if b["text"] == "7d")
        assert week == "k1|7d|1,2"

        telegram.press_button(CHAT, photo.message_id, week)
        await wait_until(lambda: len(telegram.calls_to("editMessageMedia")) == 1)
        edited = telegram.message(CHAT, photo.message_id)
        assert edited["caption"].endswith("last 7 days")

        telegram.send_command("/compare coupang KAKAO 7일", language_code="ko")
        replies = await telegram.await_messages(CHAT, 4)
        assert replies[2].text == KO
        assert replies[3].text is not None and replies[3].text.endswith("최근 7일")

        telegram.send_command("/compare nosuch")
        replies = await telegram.await_messages(CHAT, 5)
        assert replies[4].text == (
            "Usage: /compare [label …] [24h|7d|30d|all], e.g. /compare baemin coupang\n"
            "Not tracked: nosuch. Tracked: kakao, coupang."
        )

        query = telegram.send_inline_query("비교 kakao coupang", language_code="ko")
        answer = await telegram.await_answer(telegram.inline_answers, query)
        assert answer is not None
        first = answer["results"][0]
        assert first["id"] == "compare"
        assert first["title"] == "비교: 배민커넥트, Coupang Eats"
        assert first["input_message_content"]["message_text"] == KO
