"""Edges of the rules behind /alert and /days that mutation testing showed unpinned: when a
value counts as crossed, when a boundary's sample is too old, where weeks begin, what the
words may be."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.chat_alerts import (
    AlertKind,
    AlertStep,
    AlertWords,
    ChatAlert,
    after_value,
    beyond,
    split_alert_words,
)
from bot.core.days import (
    MAX_DAYS,
    DaysWords,
    daily_gains,
    gap_tolerance,
    plan_days,
    split_days_words,
)
from bot.core.model import Sample
from bot.core.stats import REFERENCE_TOLERANCE

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("kind", "threshold", "value", "crossed"),
    [
        (AlertKind.ABOVE, 100, 100, True),  # reaching the number counts
        (AlertKind.ABOVE, 100, 99, False),
        (AlertKind.BELOW, 100, 100, True),
        (AlertKind.BELOW, 100, 101, False),
        (AlertKind.CHANGE, 1, 1, True),  # a change of +1 a day, exactly
        (AlertKind.CHANGE, 1, 0, False),
        (AlertKind.CHANGE, -5, -5, True),  # a loss of 5, exactly
        (AlertKind.CHANGE, -5, -4, False),
    ],
)
def test_reaching_the_threshold_is_crossing_it(
    kind: AlertKind, threshold: int, value: int, crossed: bool
) -> None:
    assert beyond(kind, threshold, value) is crossed


def test_an_alert_fires_once_then_rearms_back_past_the_threshold_by_a_margin() -> None:
    armed = ChatAlert(1, 1, AlertKind.ABOVE, 100, True, "en")
    assert after_value(armed, None) == AlertStep(True, False)  # nothing known: no step
    assert after_value(armed, 100) == AlertStep(False, True)
    fired = ChatAlert(1, 1, AlertKind.ABOVE, 100, False, "en")
    assert after_value(fired, None) == AlertStep(False, False)
    assert after_value(fired, 150) == AlertStep(False, False)
    assert after_value(fired, 99) == AlertStep(False, False)  # a wobble of 1: not yet
    assert after_value(fired, 98) == AlertStep(True, False)  # back by the margin (2)
    below = ChatAlert(1, 1, AlertKind.BELOW, 100, True, "en")
    assert after_value(below, 150) == AlertStep(True, False)  # the kind decides the side


@pytest.mark.parametrize(
    ("kind", "threshold", "rearms_at", "not_yet"),
    [
        (AlertKind.ABOVE, 250_000, 249_750, 249_751),  # 0.1 % of the count
        (AlertKind.BELOW, 250_000, 250_250, 250_249),
        (AlertKind.ABOVE, 100, 98, 99),  # at least 2
        (AlertKind.CHANGE, 50, 45, 46),  # 10 % of a change
        (AlertKind.CHANGE, -50, -45, -46),
        (AlertKind.CHANGE, 1, -1, 0),
    ],
)
def test_rearming_needs_the_margin_exactly(
    kind: AlertKind, threshold: int, rearms_at: int, not_yet: int
) -> None:
    fired = ChatAlert(1, 1, kind, threshold, False, "en")
    assert after_value(fired, rearms_at) == AlertStep(True, False)
    assert after_value(fired, not_yet) == AlertStep(False, False)


def test_a_count_flickering_around_its_threshold_alerts_once() -> None:
    alert = ChatAlert(1, 1, AlertKind.ABOVE, 250_000, True, "en")
    fired = 0
    for value in [249_999, 250_000] * 60 + [250_003, 249_990, 250_001] * 20:
        step = after_value(alert, value)
        fired += step.fire
        alert = ChatAlert(1, 1, AlertKind.ABOVE, 250_000, step.armed, "en")
    assert fired == 1


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["above", "250_000"], AlertWords(False, None, AlertKind.ABOVE, 250_000)),
        (["kakao", "change", "−500"], AlertWords(False, "kakao", AlertKind.CHANGE, -500)),
        (["change", "+1"], AlertWords(False, None, AlertKind.CHANGE, 1)),
        (["off", "kakao", "above"], AlertWords(True, "kakao", AlertKind.ABOVE, None)),
        (["off"], AlertWords(True, None, None, None)),
        (["above", "above", "1"], None),
        (["off", "a", "b"], None),
        (["a", "b", "above", "1"], None),
        (["above", "1", "2"], None),
        (["above", "0"], None),
        (["below", "-3"], None),
        (["above", "١٢"], None),  # digits of another script
        (["above", "12x"], None),
        (["unusual"], AlertWords(False, None, AlertKind.UNUSUAL, 0)),
        (["kakao", "UNUSUAL"], AlertWords(False, "kakao", AlertKind.UNUSUAL, 0)),
        (["a", "b", "unusual"], None),
        (["unusual", "5"], None),
        (["kakao", "unusual", "5"], None),
        (["off", "unusual"], AlertWords(True, None, AlertKind.UNUSUAL, None)),
    ],
)
def test_alert_words(words: list[str], expected: AlertWords | None) -> None:
    assert split_alert_words(words) == expected


def test_a_boundary_may_be_as_old_as_90_minutes_or_two_intervals() -> None:
    assert gap_tolerance(30) == REFERENCE_TOLERANCE == timedelta(minutes=90)
    assert gap_tolerance(2 * 3600) == timedelta(hours=4)


def test_a_boundary_sample_exactly_at_the_tolerance_still_counts() -> None:
    now = datetime(2026, 11, 30, 12, tzinfo=SEOUL)  # a Monday
    plan = plan_days(now, SEOUL, 2)
    assert plan.days == (date(2026, 11, 29), date(2026, 11, 30))
    assert plan.week_start == date(2026, 11, 30) and plan.month_start == date(2026, 11, 1)
    midnights = plan.boundaries(SEOUL)
    tolerance = timedelta(minutes=90)
    on_edge = Sample(midnights[1] - tolerance, 200, approximate=True)
    too_old = Sample(midnights[1] - tolerance - timedelta(seconds=1), 200)
    first = Sample(midnights[0] - timedelta(minutes=1), 100)
    latest = Sample(now.astimezone(UTC), 260)
    gains = daily_gains(plan, SEOUL, [first, on_edge, on_edge, None], latest, tolerance)
    assert [(r.day.day, r.change, r.total, r.approximate, r.today) for r in gains.rows] == [
        (30, 60, 260, True, True),
        (29, 100, 200, True, False),
    ]
    assert (gains.week, gains.month, gains.approximate) == (60, None, True)
    gaps = daily_gains(plan, SEOUL, [first, too_old, too_old, first], latest, tolerance)
    assert [(r.change, r.total) for r in gaps.rows] == [(None, 260), (None, None)]
    assert (gaps.week, gaps.month) == (None, 160)


def test_weeks_begin_on_monday_in_the_local_zone() -> None:
    sunday_night_utc = datetime(2026, 11, 29, 16, tzinfo=UTC)  # Monday 01:00 in Seoul
    assert plan_days(sunday_night_utc, SEOUL, 1).week_start == date(2026, 11, 30)
    assert plan_days(sunday_night_utc, UTC, 1).week_start == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["1"], DaysWords(None, 1)),
        ([str(MAX_DAYS)], DaysWords(None, MAX_DAYS)),
        ([str(MAX_DAYS + 1)], None),
        (["0"], None),
        (["kakao", "7"], DaysWords("kakao", 7)),
        (["7", "kakao"], DaysWords("kakao", 7)),
        (["a", "b", "7"], None),
    ],
)
def test_days_words(words: list[str], expected: DaysWords | None) -> None:
    assert split_days_words(words) == expected
