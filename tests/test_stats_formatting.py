"""Deltas, rates, best hour and the exact text people read: plain function calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.facts import NowFacts, SummaryFacts
from bot.core.figures import now_figures, summary_figures
from bot.core.kinds import SourceKind
from bot.core.model import FailureRecord, Sample, Source
from bot.core.reasons import Reason
from bot.core.stats import (
    BestHour,
    best_hour,
    delta,
    hour_boundaries,
    local_midnight,
    rate_per_hour,
)
from bot.presentation.now import format_now
from bot.presentation.numbers import format_delta, format_duration
from bot.presentation.summary import format_summary

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 25, 12, 0, 30, tzinfo=SEOUL).astimezone(UTC)
SRC = Source(1, SourceKind.KAKAO, "_xdhKKT", "kakao", "배민커넥트", 30)


def now_text(facts: NowFacts, lang: str, interval: int, *, tz: ZoneInfo | None = None) -> str:
    """/now's text: its figures, drawn."""
    return format_now(now_figures(facts, tz, interval), lang)


def at(minutes_ago: float, value: int) -> Sample:
    return Sample(NOW - timedelta(minutes=minutes_ago), value)


def test_local_midnight_is_seoul_midnight() -> None:
    assert local_midnight(NOW, SEOUL) == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    just_after = datetime(2026, 11, 25, 0, 0, 1, tzinfo=SEOUL)
    assert local_midnight(just_after, SEOUL) == datetime(2026, 11, 25, 0, 0, tzinfo=SEOUL)


def test_delta_and_zero() -> None:
    assert delta(at(0, 10), at(60, 10)) == 0
    assert delta(at(0, 10), None) is None
    assert format_delta(0) == "0"
    assert format_delta(720) == "+720"
    assert format_delta(-1234) == "-1,234"


def test_rate_uses_the_earliest_sample_of_the_window() -> None:
    assert rate_per_hour(at(0, 130), at(30, 100)) == 60.0
    assert rate_per_hour(at(0, 130), at(0, 130)) is None
    assert rate_per_hour(at(0, 130), None) is None


def test_durations() -> None:
    assert format_duration(12, "en") == "12 s"
    assert format_duration(300, "en") == "5 min"
    assert format_duration(3 * 3600 + 300, "en") == "3 h 5 min"
    assert format_duration(3600, "en") == "1 h"
    assert format_duration(2 * 86400 + 3 * 3600, "ko") == "2일 3시간"
    assert format_duration(12, "ko") == "12초"


def test_now_full_english() -> None:
    facts = NowFacts(
        source=SRC,
        now=NOW,
        latest=at(0.2, 223_456),
        day_ago=at(24 * 60, 222_736),
        midnight=at(12 * 60, 223_156),
        rate_from=at(60, 223_426),
        failures=(),
    )
    assert now_text(facts, "en", 30) == (
        "배민커넥트: 223,456 friends\n"
        "24 h: +720\n"
        "Since midnight: +300\n"
        "Rate: +30.1/h (last 1 h)\n"
        "Last sample: 12 s ago"
    )


def test_now_korean_with_zero_and_missing_history() -> None:
    facts = NowFacts(SRC, NOW, at(0.5, 1000), None, at(5, 1000), None, ())
    assert now_text(facts, "ko", 30) == (
        "배민커넥트: 친구 1,000\n"
        "24시간 전 대비: 아직 기록이 부족해요\n"
        "오늘 0시 이후: 0\n"
        "최근 1시간 속도: 기록이 부족해요\n"
        "마지막 수집: 30초 전"
    )


def test_a_rate_needs_at_least_30_minutes_of_samples() -> None:
    """Three minutes of samples (+23.1 in 3 min) would project "+462.0/h": it says so instead."""
    short = NowFacts(SRC, NOW, at(0.5, 1_023), None, at(5, 1_000), at(3.5, 1_000), ())
    assert now_text(short, "en", 30).splitlines()[3] == (
        "Rate: not enough history yet (3 min of samples)"
    )
    assert now_text(short, "ko", 30).splitlines()[3] == (
        "최근 1시간 속도: 아직 기록이 부족해요 (수집한 지 3분)"
    )
    almost = NowFacts(SRC, NOW, at(0.5, 1_029), None, None, at(29.5, 1_000), ())
    assert "Rate: not enough history yet (29 min of samples)" in now_text(almost, "en", 30)
    enough = NowFacts(SRC, NOW, at(0.5, 1_030), None, None, at(30.5, 1_000), ())
    assert "Rate: +60.0/h (last 30 min)" in now_text(enough, "en", 30)
    assert "최근 30분 속도: 시간당 +60.0" in now_text(enough, "ko", 30)


def test_now_stale_says_why() -> None:
    failure = FailureRecord(NOW, Reason.HTTP, "answered HTTP 503", 503)
    facts = NowFacts(SRC, NOW, at(10, 1000), None, None, None, (failure,), 20)
    text = now_text(facts, "en", 30)
    assert "Last sample: 10 min ago" in text
    assert "⚠️ This figure is stale: no good sample for 10 min." in text
    assert text.endswith(
        "\nWhy: the last 20 attempts failed — latest: the source had a server error (HTTP 503)."
    )
    ko = now_text(facts, "ko", 30)
    assert ko.endswith(
        "이유: 수집이 20회 연속 실패했어요 — 마지막 이유: 출처 서버에 오류가 있었어요 (HTTP 503)."
    )


def test_now_without_any_sample() -> None:
    facts = NowFacts(SRC, NOW, None, None, None, None, ())
    assert now_text(facts, "en", 30) == (
        "No sample of 배민커넥트 yet; the first one comes within 30 s."
    )


def test_best_hour_averages_each_local_hour() -> None:
    end = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # 09:00 in Seoul
    bounds = hour_boundaries(end, 48)
    values: list[Sample | None] = []
    total = 0
    for b in bounds:
        values.append(Sample(b, total))
        local_hour = b.astimezone(SEOUL).hour
        total += 50 if local_hour == 20 else 10  # the hour 20:00-21:00 grows most
    got = best_hour(bounds, values, SEOUL)
    assert got == BestHour(hour=20, average_gain=50.0, days=2)
    assert best_hour(bounds, [None] * len(bounds), SEOUL) is None


def test_summary_text() -> None:
    latest = at(0, 223_456)
    facts = SummaryFacts(
        SRC, NOW, latest, at(24 * 60, 222_736), None, BestHour(hour=20, average_gain=50.0, days=7)
    )
    assert format_summary([summary_figures(facts)], "en", NOW.astimezone(SEOUL).date()) == (
        "Daily summary · 2026-11-25\n"
        "\n"
        "배민커넥트: 223,456 friends\n"
        "Last 24 h: +720\n"
        "Last 7 days: not enough history yet\n"
        "Best hour: 20:00–21:00 (avg +50.0 friends over 7 days)"
    )


def test_since_midnight_says_when_today_really_started() -> None:
    first_today = Sample(datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL), 900)
    facts = NowFacts(SRC, NOW, at(0.5, 1000), None, first_today, None, ())
    assert "Since midnight: +100 (first sample today at 09:30)" in now_text(
        facts, "en", 30, tz=SEOUL
    )
    assert "오늘 0시 이후: +100 (오늘 첫 기록 09:30부터)" in now_text(facts, "ko", 30, tz=SEOUL)
    on_time = Sample(datetime(2026, 11, 25, 0, 4, tzinfo=SEOUL), 900)
    facts = NowFacts(SRC, NOW, at(0.5, 1000), None, on_time, None, ())
    assert "Since midnight: +100\n" in now_text(facts, "en", 30, tz=SEOUL)
