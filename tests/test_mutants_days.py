"""/days arithmetic pinned exactly: which boundary ends which day, gaps, and what is approximate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.days import (
    DEFAULT_DAYS,
    MAX_DAYS,
    DailyGains,
    DayPlan,
    DayRow,
    DaysWords,
    daily_gains,
    gap_tolerance,
    midnight_of,
    plan_days,
    split_days_words,
)
from bot.core.model import Sample

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)  # a Thursday
TOLERANCE = timedelta(minutes=90)


def at(day: int, hour: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_constants() -> None:
    assert (DEFAULT_DAYS, MAX_DAYS) == (14, 60)


def test_midnight_of_is_local() -> None:
    seoul = ZoneInfo("Asia/Seoul")
    assert midnight_of(date(2026, 12, 3), seoul) == datetime(2026, 12, 2, 15, tzinfo=UTC)
    assert midnight_of(date(2026, 12, 3), UTC) == at(3)
    assert midnight_of(date(2026, 12, 3), seoul).tzinfo is UTC  # UTC, not the host's zone


def test_gap_tolerance_is_two_intervals_past_90_minutes() -> None:
    assert gap_tolerance(2700) == timedelta(minutes=90)
    assert gap_tolerance(3600) == timedelta(hours=2)
    assert gap_tolerance(0) == timedelta(minutes=90)


def test_plan_days() -> None:
    plan = plan_days(NOW, UTC, 3)
    assert plan == DayPlan((date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)),
                           date(2026, 11, 30), date(2026, 12, 1))  # fmt: skip
    assert plan.boundaries(UTC) == [at(1), at(2), at(3), at(30, month=11), at(1)]
    assert plan_days(NOW, UTC, 1).days == (date(2026, 12, 3),)
    # Late on the 3rd in UTC is already the 4th in Seoul, a Friday.
    seoul = plan_days(NOW, ZoneInfo("Asia/Seoul"), 2)
    assert seoul.days == (date(2026, 12, 3), date(2026, 12, 4))
    assert seoul.week_start == date(2026, 11, 30)
    # Every boundary in the local zone: Seoul's midnights are 15:00 UTC the day before.
    assert seoul.boundaries(ZoneInfo("Asia/Seoul")) == [
        datetime(2026, 12, 2, 15, tzinfo=UTC),
        datetime(2026, 12, 3, 15, tzinfo=UTC),
        datetime(2026, 11, 29, 15, tzinfo=UTC),
        datetime(2026, 11, 30, 15, tzinfo=UTC),
    ]


def gains(at_boundaries: list[Sample | None], latest: Sample | None) -> DailyGains:
    return daily_gains(plan_days(NOW, UTC, 3), UTC, at_boundaries, latest, TOLERANCE)


def test_each_day_ends_at_the_next_midnight_and_today_at_the_latest() -> None:
    result = gains(
        [Sample(at(1), 100), Sample(at(2), 150), Sample(at(3), 170),
         Sample(at(30, month=11), 50), Sample(at(1), 100)],
        Sample(at(3, 14), 200),
    )  # fmt: skip
    assert result == DailyGains(
        rows=(
            DayRow(date(2026, 12, 3), 30, 200, False, True),
            DayRow(date(2026, 12, 2), 20, 170, False, False),
            DayRow(date(2026, 12, 1), 50, 150, False, False),
        ),
        week=150,
        month=100,
        week_start=date(2026, 11, 30),
        month_start=date(2026, 12, 1),
        approximate=False,
    )


def test_approximate_follows_the_samples_used() -> None:
    result = gains(
        [Sample(at(1), 100), Sample(at(2), 150, approximate=True), Sample(at(3), 170),
         Sample(at(30, month=11), 50), Sample(at(1), 100)],
        Sample(at(3, 14), 200),
    )  # fmt: skip
    assert [r.approximate for r in result.rows] == [False, True, True]
    assert result.approximate is False
    for latest, week, month in [(True, False, False), (False, True, False), (False, False, True)]:
        flagged = gains(
            [Sample(at(1), 100), Sample(at(2), 150), Sample(at(3), 170),
             Sample(at(30, month=11), 50, week), Sample(at(1), 100, month)],
            Sample(at(3, 14), 200, latest),
        )  # fmt: skip
        assert flagged.approximate is True
        assert [r.approximate for r in flagged.rows] == [latest, False, False]


def test_a_stale_boundary_is_a_gap_on_both_sides() -> None:
    stale = Sample(at(1, 22), 140)  # two hours before the 2nd's midnight
    edge = Sample(at(2, 22, month=12) - timedelta(days=1) + timedelta(minutes=30), 141)
    assert at(2) - edge.ts == TOLERANCE
    result = gains([Sample(at(1), 100), stale, Sample(at(3), 170), None, None], None)
    assert result.rows == (
        DayRow(date(2026, 12, 3), None, None, False, True),
        DayRow(date(2026, 12, 2), None, 170, False, False),
        DayRow(date(2026, 12, 1), None, None, False, False),
    )
    assert (result.week, result.month) == (None, None)
    at_edge = gains([Sample(at(1), 100), edge, Sample(at(3), 170), None, None], None)
    assert [r.change for r in at_edge.rows] == [None, 29, 41]


def test_days_before_the_first_sample_are_left_out() -> None:
    result = gains([None, None, None, None, None], Sample(at(3, 14), 200))
    assert result.rows == (DayRow(date(2026, 12, 3), None, 200, False, True),)
    assert (result.week, result.month) == (None, None)
    kept = gains([None, None, Sample(at(3), 170), None, None], Sample(at(3, 14), 200))
    assert kept.rows == (
        DayRow(date(2026, 12, 3), 30, 200, False, True),
        DayRow(date(2026, 12, 2), None, 170, False, False),
    )
    one_day = gains([None, Sample(at(2), 150), Sample(at(3), 170), None, None], None)
    assert one_day.rows[1:] == (
        DayRow(date(2026, 12, 2), 20, 170, False, False),
        DayRow(date(2026, 12, 1), None, 150, False, False),  # ends at a sample: shown, a gap
    )


def test_days_words_edges() -> None:
    assert split_days_words([]) == DaysWords(None, DEFAULT_DAYS)
    assert split_days_words(["0007"]) == DaysWords(None, 7)
    assert split_days_words(["00007"]) is None
    assert split_days_words(["1"]) == DaysWords(None, 1)
    assert split_days_words(["60"]) == DaysWords(None, 60)
    assert split_days_words(["61"]) is None
    assert split_days_words(["0"]) is None
    assert split_days_words(["7일", "kakao"]) == DaysWords("kakao", 7)
    assert split_days_words(["kakao", "7"]) == DaysWords("kakao", 7)
    assert split_days_words(["١٢"]) == DaysWords("١٢", DEFAULT_DAYS)
    assert split_days_words(["7", "8"]) is None
    assert split_days_words(["a", "b"]) is None
    assert split_days_words(["a", "7", "b"]) is None


def test_a_sample_list_not_matching_the_boundaries_is_refused() -> None:
    """One sample per boundary: an extra one would shift every day's start, so it is an error."""
    extra: list[Sample | None] = [None] * 6
    with pytest.raises(ValueError, match="zip"):
        gains(extra, None)
