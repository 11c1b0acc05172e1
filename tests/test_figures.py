"""The figures of an answer, computed once (bot/core/figures.py), and every rendering drawing
the same ones: /now's text and the status page's card say the same thing in the same words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.facts import NowFacts, SummaryFacts
from bot.core.figures import (
    Change,
    Count,
    NowFigures,
    Rate,
    ShortRate,
    change,
    counts_of,
    now_figures,
    summary_figures,
)
from bot.core.kinds import SourceKind
from bot.core.model import FailureRecord, Sample, Source
from bot.core.reasons import Reason
from bot.core.stats import BestHour
from bot.presentation.captions import chart_caption
from bot.presentation.now import format_now
from bot.presentation.page import card

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 25, 12, 0, 30, tzinfo=SEOUL).astimezone(UTC)
SRC = Source(1, SourceKind.KAKAO, "_xdhKKT", "kakao", "배민커넥트", 30)
ROUNDED = Source(2, SourceKind.TELEGRAM, "durov", "durov", "Durov", 60)


def at(minutes_ago: float, value: int, approximate: bool = False) -> Sample:
    return Sample(NOW - timedelta(minutes=minutes_ago), value, approximate)


def test_the_figures_of_a_full_answer() -> None:
    facts = NowFacts(
        SRC, NOW, at(0.2, 223_456), at(24 * 60, 222_736), at(12 * 60, 223_156),
        at(60, 223_426), (),
    )  # fmt: skip
    fig = now_figures(facts, SEOUL)
    assert isinstance(fig.rate, Rate)
    assert fig.rate.per_hour == pytest.approx(30 * 60 / 59.8)  # +30 over 59.8 minutes
    assert replace(fig, rate=None) == NowFigures(
        source=SRC,
        interval_seconds=30,
        count=Count(223_456),
        latest_ts=NOW - timedelta(minutes=0.2),
        day=Change(720),
        midnight=Change(300),
        midnight_since=None,
        rate=None,
        age_seconds=12.0,
        stale=False,
        failures=(),
        failure_count=0,
    )


def test_anything_computed_from_a_rounded_sample_is_approximate() -> None:
    facts = NowFacts(
        ROUNDED, NOW, at(1, 10_600_000, approximate=True), at(24 * 60, 10_500_000),
        at(60 * 11, 10_550_000), at(59, 10_590_000), (),
    )  # fmt: skip
    fig = now_figures(facts, SEOUL)
    assert fig.count == Count(10_600_000, approximate=True)
    assert fig.day == Change(100_000, approximate=True)
    assert fig.midnight == Change(50_000, approximate=True)
    assert isinstance(fig.rate, Rate) and fig.rate.approximate
    # ... and only that: exact ends make an exact change.
    assert change(at(0, 5), at(1, 3)) == Change(2, approximate=False)
    assert change(at(0, 5), at(1, 3, approximate=True)) == Change(2, approximate=True)
    assert change(None, at(1, 3)) is None
    assert change(at(0, 5), None) is None


def test_a_rate_needs_half_an_hour_and_a_second_sample() -> None:
    short = now_figures(NowFacts(SRC, NOW, at(0.5, 1_023), None, None, at(3.5, 1_000), ()))
    assert short.rate == ShortRate(180.0)
    enough = now_figures(NowFacts(SRC, NOW, at(0.5, 1_030), None, None, at(30.5, 1_000), ()))
    assert enough.rate == Rate(60.0, False, 30)
    alone = now_figures(NowFacts(SRC, NOW, at(0.5, 1_030), None, None, at(0.5, 1_030), ()))
    assert alone.rate is None
    none = now_figures(NowFacts(SRC, NOW, at(0.5, 1_030), None, None, None, ()))
    assert none.rate is None


def test_staleness_follows_the_interval_it_is_given() -> None:
    facts = NowFacts(SRC, NOW, at(2, 1_000), None, None, None, ())
    assert now_figures(facts).stale  # 120 s > 3 × the source's 30 s
    assert not now_figures(facts, interval_seconds=60).stale  # 120 s ≤ 3 × 60 s
    assert now_figures(facts).age_seconds == 120.0
    nothing = now_figures(NowFacts(SRC, NOW, None, None, None, None, ()))
    assert nothing.stale and nothing.count is None and nothing.age_seconds is None


def test_a_late_first_sample_today_is_reported_only_with_a_zone() -> None:
    late = Sample(datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL), 900)
    facts = NowFacts(SRC, NOW, at(0.5, 1000), None, late, None, ())
    assert now_figures(facts, SEOUL).midnight_since == late.ts.astimezone(SEOUL)
    assert now_figures(facts).midnight_since is None
    # Within LATE_FIRST_SAMPLE (15 min) of midnight is on time.
    on_time = Sample(datetime(2026, 11, 25, 0, 15, tzinfo=SEOUL), 900)
    facts = NowFacts(SRC, NOW, at(0.5, 1000), None, on_time, None, ())
    assert now_figures(facts, SEOUL).midnight_since is None


def test_summary_figures() -> None:
    best = BestHour(hour=20, average_gain=50.0, days=7)
    facts = SummaryFacts(SRC, NOW, at(0, 223_456), at(24 * 60, 222_736), None, best)
    assert summary_figures(facts).count == Count(223_456)
    assert summary_figures(facts).day == Change(720)
    assert summary_figures(facts).week is None
    assert summary_figures(facts).best == best


LATE_TODAY = Sample(datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL), 900)
FAILURE = FailureRecord(NOW, Reason.HTTP, "answered HTTP 503", 503)
CASES = {
    "full": NowFacts(
        SRC, NOW, at(0.2, 223_456), at(24 * 60, 222_736), at(12 * 60, 223_156), at(60, 1), ()
    ),
    "rounded": NowFacts(
        ROUNDED, NOW, at(1, 10_600_000, True), at(24 * 60, 10_500_000), None, None, ()
    ),
    "stale and failing": NowFacts(SRC, NOW, at(10, 1000), None, None, None, (FAILURE,), 20),
    "late start": NowFacts(SRC, NOW, at(0.5, 1000), None, LATE_TODAY, None, ()),
    "empty": NowFacts(SRC, NOW, None, None, None, None, (FAILURE,), 1),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", CASES)
def test_the_page_card_and_the_now_text_draw_the_same_figures(case: str, lang: str) -> None:
    fig = now_figures(CASES[case], SEOUL)
    body = format_now(fig, lang).split("\n")
    c = card(fig, lang)
    # The card's raw numbers are the figures themselves...
    assert c.count == (fig.count.value if fig.count else None)
    assert c.approximate == (fig.count.approximate if fig.count else False)
    assert c.day_delta == (fig.day.value if fig.day else None)
    assert c.midnight_delta == (fig.midnight.value if fig.midnight else None)
    assert (c.age_seconds, c.stale) == (fig.age_seconds, fig.stale)
    # ... and each of its sentences is the /now line drawn from them, word for word.
    if fig.count is None:
        assert [c.day_text, c.failing_text] == body
        return
    assert c.count_text in body[0]
    assert body[1:5] == [c.day_text, c.midnight_text, body[3], c.age_text]
    rest = [line for line in (c.stale_text, c.failing_text) if line]
    assert body[5 : 5 + len(rest)] == rest


def test_a_chart_caption_draws_each_count_from_its_figures() -> None:
    latest = [(SRC, at(0, 206_912)), (ROUNDED, at(1, 10_600_000, approximate=True))]
    assert counts_of(latest) == [(SRC, Count(206_912)), (ROUNDED, Count(10_600_000, True))]
    caption = chart_caption(counts_of(latest), "en", "last 7 days")
    assert caption.splitlines() == [
        "배민커넥트 (kakao): 206,912 friends",
        "Durov: ≈10,600,000 subscribers",
        "last 7 days",
    ]
