"""/days end to end: 20 days of generated history with a gap; each day's change and total equal
the differences of the stored samples at local midnights; the week's and month's totals; the
words /days takes; the pure parts on their own."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.days import (
    DEFAULT_DAYS,
    DaysWords,
    daily_gains,
    midnight_of,
    plan_days,
    split_days_words,
)
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.days import format_day
from bot.presentation.numbers import format_delta
from bot.settings import Settings
from storage import samples
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, default_source_db, running_bot, wait_until

CHAT = 1001
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=SEOUL)  # a Monday
START = NOW - timedelta(days=20)
STEP = timedelta(minutes=10)
STEPS = 20 * 144
# No sampling from 22:00 on Saturday the 21st to 03:00 on the 22nd: the nearest sample before
# Sunday's midnight is 130 minutes old, beyond the ±90 minutes of the seed's rule.
GAP = (datetime(2026, 11, 21, 22, 0, tzinfo=SEOUL), datetime(2026, 11, 22, 3, 0, tzinfo=SEOUL))


def value(k: int) -> int:
    """Growth that differs from day to day: +3 per 10 minutes and a slowly rising extra."""
    return 180_000 + 3 * k + k * k // 1000


def history() -> list[Sample]:
    rows = [Sample(START + STEP * k, value(k)) for k in range(STEPS)]
    return [s for s in rows if not GAP[0] <= s.ts < GAP[1]]


def at_midnight(rows: list[Sample], day: date) -> int | None:
    """The stored sample at or before local midnight, if within 90 minutes of it."""
    moment = datetime(day.year, day.month, day.day, tzinfo=SEOUL)
    before = [s for s in rows if s.ts <= moment]
    if not before or moment - before[-1].ts > timedelta(minutes=90):
        return None
    return before[-1].value


async def latest_is(bot: object, moment: datetime) -> bool:
    latest = await samples.latest_sample(bot.deps.db, 1)  # type: ignore[attr-defined]
    return latest is not None and latest.ts == moment


async def test_days_are_differences_of_the_samples_at_local_midnights(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    async with default_source_db(settings, START) as (db, src):
        await samples.insert_samples(db, src.id, history())
    source_server.set_kakao_count("_xdhKKT", value(STEPS))
    stored = [*history(), Sample(NOW, value(STEPS))]

    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))

        telegram.send_command("/days 20")
        (reply,) = await telegram.await_messages(CHAT, 1)
        assert reply.text is not None
        lines = reply.text.splitlines()
        assert lines[0] == "배민커넥트 — change per day (Asia/Seoul)"
        today = NOW.date()
        expected = []
        for back in range(20):
            day = today - timedelta(days=back)
            start = at_midnight(stored, day)
            end = value(STEPS) if back == 0 else at_midnight(stored, day + timedelta(days=1))
            change = format_delta(end - start) if start is not None and end is not None else "gap"
            total = f"{end:,}" if end is not None else "gap"
            suffix = " (so far today)" if back == 0 else ""
            expected.append(f"{format_day(day, 'en')}: {change} · {total}{suffix}")
        assert lines[1:21] == expected
        assert lines[21:] == [
            "",
            f"This week (since Mon, Nov 30): {format_delta(value(STEPS) - value(STEPS - 90))}",
            "This month (since Nov 1): not enough history yet",
        ]
        # Exact lines around the gap, and the first and last rows worked out by hand:
        # k = 2880 at NOW, 2790 at today's midnight, 54 and 198 at the 11th's and 12th's.
        assert "Sat, Nov 21: gap · gap" in lines
        assert f"Sun, Nov 22: gap · {at_midnight(stored, date(2026, 11, 23)):,}" in lines
        assert lines[1] == "Mon, Nov 30: +780 · 196,934 (so far today)"
        assert lines[20] == "Wed, Nov 11: +469 · 180,633"

        telegram.send_command("/days kakao 3", language_code="ko")
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text == (
            "배민커넥트 — 일별 변화 (Asia/Seoul)\n"
            "11월 30일 (월): +780 · 196,934 (오늘 지금까지)\n"
            "11월 29일 (일): +1,215 · 196,154\n"
            "11월 28일 (토): +1,173 · 194,939\n"
            "\n"
            "이번 주(11월 30일 월요일부터): +780\n"
            "이번 달(11월 1일부터): 아직 기록이 부족해요"
        )

        telegram.send_command("/days 61")
        replies = await telegram.await_messages(CHAT, 3)
        assert replies[2].text == (
            "Usage: /days [label] [N] with N from 1 to 60 days, e.g. /days 7"
        )
        telegram.send_command("/days", language_code="ko")
        replies = await telegram.await_messages(CHAT, 4)
        assert replies[3].text is not None
        assert len(replies[3].text.splitlines()) == 1 + DEFAULT_DAYS + 3
        telegram.send_command("/days nowhere 3", language_code="ko")
        replies = await telegram.await_messages(CHAT, 5)
        assert replies[4].text == (
            "사용법: /days [라벨] [N] (N은 1~60일, 예: /days 7)\n"
            "라벨이 nowhere인 출처가 없어요. 추적 중: kakao."
        )

        # An edited /days is not a new request: it is not answered again (a new /days 3 and
        # then a quick usage reply are, and nothing in between).
        telegram.send_command("/days 2", edited=True)
        await wait_until(lambda: telegram.pending_updates() == 0)  # the bot has it
        telegram.send_command("/days 3")
        replies = await telegram.await_messages(CHAT, 6)
        assert replies[5].text is not None
        assert len(replies[5].text.splitlines()) == 1 + 3 + 3  # the new /days 3, not the edit
        telegram.send_command("/days 61")
        replies = await telegram.await_messages(CHAT, 7)
        assert replies[6].text is not None and replies[6].text.startswith("Usage: /days")
        assert len(telegram.messages_to(CHAT)) == 7


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], DaysWords(None, 14)),
        (["7"], DaysWords(None, 7)),
        (["durov", "30"], DaysWords("durov", 30)),
        (["30", "durov"], DaysWords("durov", 30)),
        (["60"], DaysWords(None, 60)),
        (["61"], None),
        (["0"], None),
        (["7", "8"], None),
        (["a", "b"], None),
        (["a", "7", "b"], None),
    ],
)
def test_days_words(words: list[str], expected: DaysWords | None) -> None:
    assert split_days_words(words) == expected


def test_korean_dates_carry_the_weekday() -> None:
    assert format_day(date(2026, 11, 30), "ko") == "11월 30일 (월)"
    assert format_day(date(2026, 11, 1), "ko", weekday=False) == "11월 1일"
    assert format_day(date(2026, 11, 29), "en") == "Sun, Nov 29"


def test_a_day_across_a_time_zone_change_uses_that_days_own_midnights() -> None:
    """Berlin's clocks go back on 25 October 2026: that day is 25 hours long."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 10, 26, 12, 0, tzinfo=berlin)
    plan = plan_days(now, berlin, 2)
    moments = plan.boundaries(berlin)
    assert moments[1] - moments[0] == timedelta(hours=25)
    assert moments[0] == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    values = [Sample(m, 1_000 + 25 * i) for i, m in enumerate(moments)]
    gains = daily_gains(plan, berlin, values, Sample(now, 1_040), timedelta(minutes=90))
    assert [(r.day.day, r.change, r.total) for r in gains.rows] == [
        (26, 15, 1_040),
        (25, 25, 1_025),
    ]
    assert midnight_of(date(2026, 10, 26), berlin) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
