"""/why end to end through the local Bot API on planted histories (a jump, a loss, a step, a
slowdown, a clean history, too short a history), in both languages; and its words."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.kinds import SourceKind
from bot.core.model import ChartLine, ChartPoint
from bot.core.unusual import EventKind, Movement, Span, Unusual, detect_unusual
from bot.core.unusual_news import announce_key
from bot.core.unusual_series import HOUR, HourRow
from bot.core.why_words import WhyWords, split_why_words
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.charts.trend import build_trend_figure
from bot.presentation.why import chart_marks
from bot.settings import Settings
from storage import samples
from storage.sources import add_source, source_by_label
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.planted import HISTORIES, NOW, SEOUL
from tests.running import RunningBot, default_source_db, running_bot

CHAT = 1001
WEEK, MONTH = timedelta(days=7), timedelta(days=30)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], WhyWords(None, WEEK)),
        (["30d"], WhyWords(None, MONTH)),
        (["30일"], WhyWords(None, MONTH)),
        (["shop", "7일"], WhyWords("shop", WEEK)),
        (["month", "shop"], WhyWords("shop", MONTH)),
        (["24h"], None),
        (["all"], None),
        (["a", "b"], None),
        (["7d", "30d"], None),
    ],
)
def test_why_words(words: list[str], expected: WhyWords | None) -> None:
    assert split_why_words(words) == expected


EXPECTED = {
    "jump": (
        "jump: unusual in the last 7 days, newest first\n"
        "• Tue 1 Dec 21:00: +879 in one hour, about 45× the usual hour (usual +17 to +23)",
        "jump: 최근 7일 동안의 특별한 움직임 (최신순)\n"
        "• 12월 1일 (화) 21시: 한 시간에 +879, 평소 한 시간의 약 45배 (평소 +17~+23)",
    ),
    "loss": (
        "loss: unusual in the last 7 days, newest first\n"
        "• Tue 1 Dec 03:00: -417 in one hour (usual +3 to +5)",
        "loss: 최근 7일 동안의 특별한 움직임 (최신순)\n"
        "• 12월 1일 (화) 3시: 한 시간에 -417 (평소 +3~+5)",
    ),
    "step": (
        "step: unusual in the last 7 days, newest first\n"
        "• Sun 29 Nov 21:00: +879 in one hour and it stayed (usual +17 to +23)",
        "step: 최근 7일 동안의 특별한 움직임 (최신순)\n"
        "• 11월 29일 (일) 21시: 한 시간에 +879, 그대로 유지됐어요 (평소 +17~+23)",
    ),
    "slow": (
        "slow: unusual in the last 7 days, newest first\n"
        "• Since Thu 26 Nov growth slowed from about 320 a day to about 130 a day",
        "slow: 최근 7일 동안의 특별한 움직임 (최신순)\n"
        "• 11월 26일 (목)부터 하루 약 320에서 약 130으로 느려졌어요",
    ),
    "clean": (
        "clean: nothing unusual in the last 7 days (usual hour +4 to +23, usual day +311 to +329)",
        "clean: 최근 7일 동안 특별한 움직임이 없었어요 (보통 시간당 +4~+23, 하루 +311~+329)",
    ),
    "new": (
        "new: not enough history yet to tell what is unusual: needs 10 more days.",
        "new: 아직 평소를 판단할 기록이 부족해요. 10일 더 필요해요.",
    ),
}


async def plant_histories(settings: Settings) -> None:
    """Each planted history as a source of its own (its target unknown to the source server:
    the bot's own samples of it fail and add nothing)."""
    start = NOW - timedelta(days=40)
    async with default_source_db(settings, start) as (db, _):
        for label, rows in HISTORIES.items():
            source = await add_source(
                db,
                kind=SourceKind.KAKAO,
                target=f"_planted_{label}",
                label=label,
                interval_seconds=86_400,
                created_at=start,
            )
            await samples.insert_samples(db, source.id, rows)


async def test_why_end_to_end_in_both_languages(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    await plant_histories(settings)
    async with running_bot(settings, clock):
        sent = 0
        for label, (english, korean) in EXPECTED.items():
            for lang, expected in (("en", english), ("ko", korean)):
                telegram.send_command(f"/why {label}", language_code=lang)
                sent += 1
                replies = await telegram.await_messages(CHAT, sent)
                assert replies[-1].text == expected, replies[-1].text
        telegram.send_command("/why jump 30일")
        sent += 1
        replies = await telegram.await_messages(CHAT, sent)
        assert replies[-1].text is not None
        assert replies[-1].text.startswith("jump: unusual in the last 30 days")
        telegram.send_command("/why jump 24h", language_code="ko")
        sent += 1
        replies = await telegram.await_messages(CHAT, sent)
        assert replies[-1].text == "사용법: /why [라벨] [7일|30일] (예: /why 30일)"


async def test_the_daily_summary_says_the_newest_unusual_event_once(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    await plant_histories(settings)
    async with running_bot(settings, clock):
        telegram.send_command("/subscribe jump 00:05")
        telegram.send_command(
            "/subscribe loss 00:05", chat_id=1002, user_id=1002, language_code="ko"
        )
        telegram.send_command("/subscribe clean 00:05", chat_id=1003, user_id=1003)
        await telegram.await_messages(1003, 1)
        clock.set(NOW + timedelta(minutes=5))
        english = (await telegram.await_messages(CHAT, 2))[1].text
        korean = (await telegram.await_messages(1002, 2))[1].text
        clean = (await telegram.await_messages(1003, 2))[1].text
    assert english is not None and korean is not None and clean is not None
    assert english.splitlines()[-2] == (
        "Unusual: Tue 1 Dec 21:00: +879 in one hour, about 44× the usual hour (usual +17 to +23)"
    )
    assert korean.splitlines()[-2] == (
        "특별한 움직임: 12월 1일 (화) 3시: 한 시간에 -417 (평소 +3~+5)"
    )
    assert not any(line.startswith("Unusual") for line in clean.splitlines())


def test_a_jump_that_holds_keeps_its_announce_key() -> None:
    jump = Movement(
        EventKind.JUMP, NOW, 1, Span.HOUR, 860, 20, 15, 25, 43.0, False, approximate=False
    )
    assert announce_key(replace(jump, kind=EventKind.STEP, settled=True)) == announce_key(jump)
    assert announce_key(replace(jump, kind=EventKind.LOSS)) != announce_key(jump)


async def sample_jump(bot: RunningBot, clock: FakeClock, hours: int = 1) -> None:
    """An hour later, a sample of the planted `jump` (its count a little past its history's)."""
    clock.advance(timedelta(hours=hours))
    source = await source_by_label(bot.deps.db, "jump")
    assert source is not None
    await bot.data.sampler.sample_once(source)


async def test_alert_unusual_tells_a_chat_of_an_event_once(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    await plant_histories(settings)
    source_server.set_kakao_count("_planted_jump", HISTORIES["jump"][-1].value + 5)
    async with running_bot(settings, clock) as bot:
        telegram.send_command("/alert jump unusual")
        telegram.send_command("/alert jump unusual", chat_id=1002, user_id=1002, language_code="ko")
        (set_en,) = await telegram.await_messages(CHAT, 1)
        (set_ko,) = await telegram.await_messages(1002, 1)
        assert set_en.text == (
            "Alert set: each unusual movement of jump, once, as it is found (what /why shows)."
        )
        assert set_ko.text == (
            "알림 설정: jump의 특별한 움직임을 찾을 때마다 한 번씩 알려 드릴게요 (/why 참고)."
        )
        await sample_jump(bot, clock)
        (_, told_en) = await telegram.await_messages(CHAT, 2)
        (_, told_ko) = await telegram.await_messages(1002, 2)
        assert told_en.text == (
            "🔔 jump, unusual: Tue 1 Dec 21:00: +879 in one hour, about 44× the usual hour "
            "(usual +17 to +23)"
        )
        assert told_ko.text == (
            "🔔 jump 특별한 움직임: 12월 1일 (화) 21시: 한 시간에 +879, 평소 한 시간의 약 44배 "
            "(평소 +17~+23)"
        )
        await sample_jump(bot, clock, hours=0)  # the same hour: not judged again
        await sample_jump(bot, clock)  # judged again: already told
    async with running_bot(settings, clock) as bot:  # a restart does not repeat it
        await sample_jump(bot, clock)
        await telegram.await_messages(CHAT, 2)
    assert len(telegram.messages_to(CHAT)) == 2
    assert len(telegram.messages_to(1002)) == 2


def test_the_trend_chart_marks_each_event_with_its_short_label() -> None:
    rows = HISTORIES["jump"]
    points = tuple(ChartPoint(s.ts, s.value) for s in rows if s.ts >= NOW - WEEK)
    result = detect_unusual(
        [HourRow(int(s.ts.timestamp()) // HOUR, s.value, s.value, s.value) for s in rows],
        SEOUL,
        NOW,
    )
    assert isinstance(result, Unusual)
    for lang in ("en", "ko"):
        fig = build_trend_figure(
            [ChartLine("jump", points)],
            title="jump",
            tz=SEOUL,
            lang=lang,
            marks=chart_marks(result.events, lang),
        )
        (ax,) = fig.axes
        assert "+879" in [t.get_text() for t in ax.texts]


async def test_chart_of_one_source_carries_the_marks_in_both_languages(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    clock.set(NOW)
    await plant_histories(settings)
    async with running_bot(settings, clock):
        telegram.send_command("/chart step 7d")
        telegram.send_command("/chart slow 30d", chat_id=1002, user_id=1002, language_code="ko")
        (english,) = await telegram.await_messages(CHAT, 1)
        (korean,) = await telegram.await_messages(1002, 1)
    for name, reply in (("step_en", english), ("slow_ko", korean)):
        assert reply.method == "sendPhoto" and reply.photo is not None
        assert reply.photo.startswith(b"\x89PNG")
        (tmp_path / f"{name}.png").write_bytes(reply.photo)  # looked at: docs/UNUSUAL.md
