"""Rules of figures pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.facts import NowFacts, SummaryFacts
from bot.core.figures import (
    LATE_FIRST_SAMPLE,
    Change,
    Count,
    NowFigures,
    Rate,
    ShortRate,
    SummaryFigures,
    change,
    count_of,
    counts_of,
    now_figures,
    summary_figures,
)
from bot.core.kinds import SourceKind
from bot.core.model import Sample, Source
from bot.core.stats import BestHour
from bot.core.unusual import EventKind, Stop

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SOURCE = Source(1, SourceKind.WEB, "https://example.com", "k", None, 60)
MIN = timedelta(minutes=1)


def facts(
    latest: Sample | None,
    *,
    rate_from: Sample | None = None,
    midnight: Sample | None = None,
    day_ago: Sample | None = None,
) -> NowFacts:
    return NowFacts(SOURCE, T0 + 10 * MIN, latest, day_ago, midnight, rate_from, (), 3)


def test_now_figures_exact() -> None:
    latest = Sample(T0, 1000)
    got = now_figures(
        facts(
            latest,
            rate_from=Sample(T0 - 60 * MIN, 940),
            midnight=Sample(T0 - 5 * 60 * MIN, 950, approximate=True),
            day_ago=Sample(T0 - 24 * 60 * MIN, 900),
        ),
        UTC,
    )
    assert got == NowFigures(
        source=SOURCE,
        interval_seconds=60,
        count=Count(1000, False),
        latest_ts=T0,
        day=Change(100, False),
        midnight=Change(50, True),
        midnight_since=T0 - 5 * 60 * MIN,
        rate=Rate(60.0, False, 60),
        age_seconds=600.0,
        stale=True,
        failures=(),
        failure_count=3,
    )
    assert now_figures(facts(latest), None, 300).stale is False
    assert now_figures(facts(latest), None, 300).interval_seconds == 300
    assert now_figures(facts(latest), None, 199).stale is True


def test_nothing_sampled_yet() -> None:
    got = now_figures(facts(None), UTC)
    assert (got.count, got.latest_ts, got.day, got.midnight) == (None, None, None, None)
    assert (got.rate, got.age_seconds, got.midnight_since, got.stale) == (None, None, None, True)


def test_rate_edges() -> None:
    latest = Sample(T0, 1000, approximate=True)
    assert now_figures(facts(latest)).rate is None
    assert now_figures(facts(latest, rate_from=Sample(T0, 990))).rate is None
    short = now_figures(facts(latest, rate_from=Sample(T0 - 29 * MIN, 990))).rate
    assert short == ShortRate(29 * 60.0)
    at_edge = now_figures(facts(latest, rate_from=Sample(T0 - 30 * MIN, 990))).rate
    assert at_edge == Rate(20.0, True, 30)
    rounded = now_figures(
        facts(Sample(T0, 1000), rate_from=Sample(T0 - 30 * MIN - 40 * MIN / 60, 990))
    )
    assert isinstance(rounded.rate, Rate) and rounded.rate.minutes == 31
    assert rounded.rate.approximate is False
    approx_start = now_figures(facts(Sample(T0, 1000), rate_from=Sample(T0 - 60 * MIN, 990, True)))
    assert isinstance(approx_start.rate, Rate) and approx_start.rate.approximate is True


def test_late_first_sample_edges() -> None:
    midnight = datetime(2026, 12, 1, tzinfo=UTC)
    assert LATE_FIRST_SAMPLE == 15 * MIN
    latest = Sample(T0, 1000)
    on_time = Sample(midnight + 15 * MIN, 990)
    late = Sample(midnight + 15 * MIN + timedelta(seconds=1), 990)
    assert now_figures(facts(latest, midnight=on_time), UTC).midnight_since is None
    assert now_figures(facts(latest, midnight=late), None).midnight_since is None
    seoul = ZoneInfo("Asia/Seoul")
    # Seoul's midnight of Dec 2 is 15:00 UTC on Dec 1; now (12:10 UTC) is still Dec 1 there.
    seoul_midnight = datetime(2026, 11, 30, 15, tzinfo=UTC)
    since = now_figures(facts(latest, midnight=Sample(seoul_midnight + 16 * MIN, 990)), seoul)
    assert since.midnight_since == seoul_midnight + 16 * MIN
    assert since.midnight_since is not None and since.midnight_since.utcoffset() == timedelta(
        hours=9
    )
    got = now_figures(facts(latest, midnight=late), UTC).midnight_since
    assert got == late.ts


def test_changes_counts_and_summary() -> None:
    a, b = Sample(T0, 10), Sample(T0 - MIN, 4, approximate=True)
    assert change(a, b) == Change(6, True)
    assert change(b, a) == Change(-6, True)
    assert change(a, Sample(T0, 10)) == Change(0, False)
    assert change(None, a) is None and change(a, None) is None
    assert count_of(b) == Count(4, True) and count_of(None) is None
    assert counts_of([(SOURCE, a), (SOURCE, None)]) == [(SOURCE, Count(10)), (SOURCE, None)]
    best = BestHour(9, 12.5, 7)
    summary = summary_figures(SummaryFacts(SOURCE, T0, a, Sample(T0, 7), b, best))
    assert summary == SummaryFigures(SOURCE, Count(10), Change(3), Change(6, True), best)


def test_the_summary_carries_the_unusual_event_it_was_given() -> None:
    event = Stop(EventKind.STOP, T0 - timedelta(hours=5), 4, 60, False, False)
    a = Sample(T0, 10)
    summary = summary_figures(SummaryFacts(SOURCE, T0, a, None, None, None, event))
    assert summary == SummaryFigures(SOURCE, Count(10), None, None, None, event)
