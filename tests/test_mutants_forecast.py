"""Rules of forecast pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.days import DailyGains, DayRow
from bot.core.forecast import (
    FLAT_PER_DAY,
    MAX_DAYS,
    MAX_FORECAST_DAYS,
    MIN_DAYS,
    Declined,
    Forecast,
    ForecastWords,
    NoForecast,
    Reach,
    Trend,
    forecast,
    pairwise_slopes,
    percentile,
    points_from_days,
    reach,
    round_below,
    round_step,
    split_forecast_words,
    trend,
)


def test_constants() -> None:
    assert (MIN_DAYS, MAX_DAYS, FLAT_PER_DAY) == (3, 14, 0.5)


@pytest.mark.parametrize(
    ("value", "step"),
    [
        (0, 1),
        (7, 1),
        (20, 5),
        (39, 5),
        (40, 10),
        (99, 10),
        (100, 25),
        (-100, 25),
        (200, 50),
        (400, 100),
        (87_683, 10_000),
        (248_100, 50_000),
        (10_600_000, 2_500_000),
    ],
)
def test_round_step(value: int, step: int) -> None:
    result = round_step(value)
    assert result == step
    assert type(result) is int


def test_round_below_edges() -> None:
    assert round_below(1) is None
    assert round_below(2) == 1
    assert round_below(250_000) == 200_000


def test_percentile_edges() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)
    assert percentile([1, 2, 3, 4], 1.0) == 4
    assert percentile([1, 2, 3, 4], 0.0) == 1
    assert percentile([10, 20], 0.5) == 15
    assert percentile([0, 10, 40], 0.75) == 25


def test_pairwise_slopes_skip_same_day_pairs() -> None:
    assert pairwise_slopes([(0, 0), (0, 5), (2, 10)]) == [2.5, 5.0]
    assert pairwise_slopes([(3, 9), (1, 1)]) == [4.0]
    assert pairwise_slopes([(1, 1)]) == []


def test_trend_exact() -> None:
    assert trend([(0, 0), (0, 5), (1, 7)]) is None  # two distinct days only
    assert trend([(2, 20), (0, 0), (1, 10)]) == Trend(10.0, 10.0, 10.0, 3, 2)
    found = trend([(0, 0), (1, 10), (2, 30), (3, 30)])
    # slopes: 0, 10, 10, 10, 15, 20 -> median 10, q1 (1.25) 10, q3 (3.75) 13.75
    assert found == Trend(10.0, 10.0, 13.75, 4, 3)
    many = trend([(d, 5 * d) for d in range(20)])
    assert many is not None and (many.based_on, many.span_days) == (14, 13)


def test_reach() -> None:
    assert reach(0, 2.0, 1.0, 3.0) is None
    assert reach(10, -2.0, -3.0, -1.0) is None
    assert reach(10, 0.0, -1.0, 1.0) is None
    assert reach(10, 2.0, 1.0, 4.0) == Reach(5.0, 2.5, 10.0)
    assert reach(10, 2.0, -1.0, 4.0) == Reach(5.0, 2.5, None)
    assert reach(10, 2.0, 0.0, 4.0) == Reach(5.0, 2.5, None)
    assert reach(-10, -2.0, -4.0, -1.0) == Reach(5.0, 2.5, 10.0)
    assert reach(-10, -2.0, -4.0, 1.0) == Reach(5.0, 2.5, None)


def test_forecast_at_the_flat_edge_still_dates() -> None:
    points = [(0, 0), (2, 1), (4, 2)]  # exactly half a count a day
    assert forecast(points, 2) == Forecast(3, 2, 0.5, 0.5, 0.5, 2.0, 2.0, 2.0, 3)
    slower = [(0, 0), (2, 1), (5, 2)]
    assert forecast(slower, 2) == NoForecast(Declined.FLAT, None, 0.4, 3)
    assert forecast(slower, 2, 10) == NoForecast(Declined.FLAT, 10, 0.4, 3)


def test_forecast_declines() -> None:
    same_day = [(0, i) for i in range(20)]
    assert forecast(same_day, 5, 10) == NoForecast(Declined.TOO_SHORT, 10, based_on=14)
    assert forecast([(0, 0), (1, 1)], 5) == NoForecast(Declined.TOO_SHORT, None, based_on=2)
    falling = [(0, 3), (1, 2), (2, 1)]
    assert forecast(falling, 1) == NoForecast(Declined.AWAY, None, -1.0, 3)
    assert forecast(falling, 1, 0) == Forecast(0, 1, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 3)
    assert forecast(falling, 1, 1) == NoForecast(Declined.REACHED, 1, -1.0, 3)
    assert forecast(falling, 1, 5) == NoForecast(Declined.AWAY, 5, -1.0, 3)


def test_forecast_range_ends_toward_the_target() -> None:
    points = [(0, 0), (1, 10), (2, 30), (3, 30)]  # per day 10, q1 10, q3 13.75
    assert forecast(points, 30, 305) == Forecast(305, 30, 10.0, 10.0, 13.75, 27.5, 20.0, 27.5, 4)
    down = [(0, 30), (1, 20), (2, 0), (3, 0)]  # per day -10, q1 -13.75, q3 -10
    assert forecast(down, 0, -275) == Forecast(-275, 0, -10.0, -10.0, -13.75, 27.5, 20.0, 27.5, 4)


@pytest.mark.parametrize(
    ("words", "parsed"),
    [
        ([], ForecastWords(None, None)),
        (["kakao"], ForecastWords("kakao", None)),
        (["1000"], ForecastWords(None, 1000)),
        (["1"], ForecastWords(None, 1)),
        (["1000", "kakao"], ForecastWords("kakao", 1000)),
        (["kakao", "0"], None),
        (["1,2"], None),
        (["5", "6"], None),
        (["a", "b"], None),
        (["a", "5", "b"], None),
        (["-5"], ForecastWords("-5", None)),
        (["١٢"], ForecastWords("١٢", None)),
    ],
)
def test_split_forecast_words(words: list[str], parsed: ForecastWords | None) -> None:
    assert split_forecast_words(words) == parsed


def test_points_from_days_take_finished_days_with_a_total() -> None:
    d = date(2026, 12, 1)
    gains = DailyGains(
        rows=(
            DayRow(date(2026, 12, 3), 5, 130, False, True),
            DayRow(date(2026, 12, 2), None, 125, False, False),
            DayRow(d, None, None, False, False),
        ),
        week=None,
        month=None,
        week_start=d,
        month_start=d,
        approximate=False,
    )
    assert points_from_days(gains) == [(date(2026, 12, 2).toordinal() + 1, 125)]


def test_one_count_away_still_orders_the_range() -> None:
    points = [(0, 0), (1, 10), (2, 30), (3, 30)]  # per day 10, q1 10, q3 13.75
    ahead = forecast(points, 30, 31)
    assert isinstance(ahead, Forecast)
    assert (ahead.per_day_low, ahead.per_day_high) == (10.0, 13.75)


def test_slopes_skip_pairs_of_the_same_day() -> None:
    assert pairwise_slopes([(1, 5), (1, 7), (2, 9)]) == [2.0, 4.0]
    with pytest.raises(ValueError, match=r"^no values$"):
        percentile([], 0.5)


def test_a_distance_of_one_takes_the_steep_end_as_the_soonest() -> None:
    assert reach(1.0, 1.0, 0.5, 2.0) == Reach(days=1.0, soonest=0.5, latest=2.0)
    assert reach(0.5, 1.0, 0.5, 2.0) == Reach(days=0.5, soonest=0.25, latest=1.0)


def test_a_target_below_a_count_falling_at_exactly_the_flat_pace_is_dated() -> None:
    points = [(0, 100), (2, 99), (4, 98)]  # -0.5 a day: not flat, and heading down to it
    assert forecast(points, 98, 90) == Forecast(90, 98, -0.5, -0.5, -0.5, 16.0, 16.0, 16.0, 3)


def test_a_target_below_a_flat_count_is_reached() -> None:
    points = [(0, 100), (1, 100), (2, 100)]
    assert forecast(points, 100, 90) == NoForecast(Declined.REACHED, 90, 0.0, 3)
    assert forecast([(1, 5)], 100, 50) == NoForecast(Declined.REACHED, 50, None, 0)


def test_exactly_ten_years_away_is_still_dated_and_past_it_too_far() -> None:
    points = [(0, 0), (1, 1), (2, 2)]
    dated = forecast(points, 2, 2 + MAX_FORECAST_DAYS)
    assert isinstance(dated, Forecast) and dated.days == MAX_FORECAST_DAYS
    assert forecast(points, 2, 3 + MAX_FORECAST_DAYS) == NoForecast(
        Declined.TOO_FAR, 3 + MAX_FORECAST_DAYS, 1.0, 3
    )


def test_the_slow_end_is_dated_up_to_ten_years_and_not_past_them() -> None:
    points = [(0, 0), (1, 1), (2, 4), (3, 3), (4, 8)]  # 2 a day; the slow end 1 a day
    at_the_edge = forecast(points, 8, 8 + MAX_FORECAST_DAYS)
    assert isinstance(at_the_edge, Forecast)
    assert (at_the_edge.days, at_the_edge.days_latest) == (MAX_FORECAST_DAYS / 2, MAX_FORECAST_DAYS)
    past_it = forecast(points, 8, 9 + MAX_FORECAST_DAYS)
    assert isinstance(past_it, Forecast) and past_it.days_latest is None


def test_a_slow_end_that_does_not_head_there_gives_no_latest_date() -> None:
    points = [(0, 0), (1, 20), (2, 0), (3, 20), (4, 10)]  # 1.25 a day; slopes from -2.5 to 6.25
    assert forecast(points, 10, 20) == Forecast(20, 10, 1.25, -2.5, 6.25, 8.0, 1.6, None, 5)
