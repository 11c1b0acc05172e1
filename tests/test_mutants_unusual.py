"""Rules of unusual pinned exactly where mutation testing found them loose."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from bot.core.unusual import STOP_MIN_HOURS, EventKind, Movement, Pace, PaceChange, Span, Stop
from bot.core.unusual_news import NEWS_WINDOW, announce_key, found_at, news_since
from bot.core.unusual_pace import PACE_DAY_MIN_CHANGE, PACE_MIN_DAYS, _run
from bot.core.unusual_series import (
    HOUR,
    MAD_TO_SIGMA,
    Floats,
    HourBaseline,
    HourRow,
    Series,
    _offsets,
    build_series,
    column_quantiles,
    daily_gains,
    hour_baselines,
    rounding_step,
    weekday_factors,
)

T0 = datetime(2026, 12, 1, 5, tzinfo=UTC)


def jump(start: datetime, hours: int = 1) -> Movement:
    return Movement(EventKind.JUMP, start, hours, Span.HOUR, 500, 20, 15, 25, 25.0, False, False)


def test_an_event_is_found_when_its_rule_can_first_name_it() -> None:
    assert found_at(jump(T0, hours=3)) == T0 + timedelta(hours=3)
    assert STOP_MIN_HOURS == 3
    stop = Stop(EventKind.STOP, T0, 10, 50, True, False)
    assert found_at(stop) == T0 + timedelta(hours=3)
    assert PACE_MIN_DAYS == 3
    pace = PaceChange(EventKind.PACE_CHANGE, T0, Pace.FASTER, 100.0, 200.0, 5, False)
    assert found_at(pace) == T0 + timedelta(days=3)
    assert timedelta(days=4) == NEWS_WINDOW


def test_news_is_what_was_found_after_the_moment_in_the_order_given() -> None:
    newer, older = jump(T0 + timedelta(hours=2)), jump(T0)
    assert news_since([newer, older], T0) == [newer, older]
    assert news_since([newer, older], T0 + timedelta(hours=1)) == [newer]  # found exactly then
    assert news_since([newer, older], T0 + timedelta(hours=3)) == []


def test_the_announce_key_is_the_kind_and_the_start_second() -> None:
    assert announce_key(jump(T0)) == ("jump", int(T0.timestamp()))
    step = Movement(EventKind.STEP, T0, 1, Span.HOUR, 500, 20, 15, 25, 25.0, True, False)
    assert announce_key(step) == ("jump", int(T0.timestamp()))
    stop = Stop(EventKind.STOP, T0, 10, 50, True, False)
    assert announce_key(stop) == ("stop", int(T0.timestamp()))


def test_a_run_of_changed_days_counts_from_the_first_while_each_stays_fifteen_percent_off() -> None:
    faster, slower = 1 + PACE_DAY_MIN_CHANGE, 1 - PACE_DAY_MIN_CHANGE
    assert _run(np.array([1.5, 1.4, 1.3, faster, 1.0, 1.5]), 1) == 4
    assert _run(np.array([1.5, 1.4, 1.3, 1.3, 1.3]), 1) == 5
    assert _run(np.array([0.5, 0.6, 0.7, slower, 1.0, 0.5]), -1) == 4
    assert _run(np.array([1.5, 0.9, 1.5, 1.5]), 1) == 3  # never fewer than PACE_MIN_DAYS
    assert _run(np.array([0.9, 0.9, 0.9, 0.9]), 1) == 3


# --- unusual_series: the hourly series, daily gains, weekday factors and hour baselines ---

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
SPRING_FORWARD = 492_487  # the UTC hour New York's clocks went from 2:00 to 3:00, 8 March 2026
H0 = int(datetime(2026, 12, 1, 0, tzinfo=SEOUL).timestamp()) // HOUR  # a Tuesday, local 0:00


def row(hour: int, value: int) -> HourRow:
    return HourRow(hour, value, value, value)


def test_a_series_needs_two_rows_and_spreads_a_gap_over_its_hours() -> None:
    assert build_series([row(H0, 100)], SEOUL, H0 + 5) is None
    series = build_series([row(H0, 100), row(H0 + 3, 130)], SEOUL, H0 + 6)
    assert series is not None
    assert series.h0 == H0
    nan = float("nan")
    np.testing.assert_array_equal(series.value, [100, nan, nan, 130, nan, nan])
    np.testing.assert_array_equal(series.rate, [nan, 10, 10, 10, nan, nan])  # none guessed after
    np.testing.assert_array_equal(series.span, [0, 0, 0, 3, 0, 0])


def test_a_series_is_placed_on_the_local_calendar() -> None:
    start = H0 - 1  # Monday 23:00 in Seoul
    series = build_series([row(start, 1), row(start + 2, 3)], SEOUL, start + 26)
    assert series is not None
    assert list(series.day[:3]) == [0, 1, 1] and series.day[-1] == 2
    assert list(series.hod[:3]) == [23, 0, 1]
    assert list(series.weekday[:3]) == [0, 1, 1]  # Monday, then Tuesday
    assert series.days == (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2))


def test_offsets_follow_a_dst_switch_to_the_hour_wherever_it_falls() -> None:
    def truth(h: int) -> int:
        offset = datetime.fromtimestamp(h * HOUR, UTC).astimezone(NEW_YORK).utcoffset()
        assert offset is not None
        return int(offset.total_seconds())

    for before in range(26):
        start = SPRING_FORWARD - before
        hours = np.arange(start, start + 50, dtype=np.int64)
        assert list(_offsets(hours, NEW_YORK)) == [truth(int(h)) for h in hours], before
    summer = np.arange(SPRING_FORWARD + 24 * 60, SPRING_FORWARD + 24 * 61, dtype=np.int64)
    assert set(_offsets(summer, NEW_YORK)) == {-4 * HOUR}


def series_of(rates: list[float], *, start: int = H0, days: int | None = None) -> Series:
    """A series from `start` gaining rates[k] in its k-th hour (NaN: no sample that hour)."""
    value, rows = 1000.0, [row(start, 1000)]
    for k, rate in enumerate(rates):
        if np.isnan(rate):
            continue
        value += rate
        rows.append(row(start + k + 1, int(value)))
    end = start + 1 + (len(rates) if days is None else days * 24)
    series = build_series(rows, SEOUL, end)
    assert series is not None
    return series


def test_a_day_with_half_its_hours_known_is_extrapolated_and_with_fewer_unknown() -> None:
    # From 0:00: the first local day (open at its start) is never whole.
    twelve = [10.0] * 23 + [10.0] * 24 + [20.0] * 12 + [float("nan")] * 12
    gains = daily_gains(series_of(twelve))
    assert np.isnan(gains[0])
    assert list(gains[1:3]) == [240.0, 480.0]  # 12 hours of 20, times 24/12
    eleven = [10.0] * 23 + [10.0] * 24 + [20.0] * 11 + [float("nan")] * 13
    assert np.isnan(daily_gains(series_of(eleven))[2])


def test_the_last_day_counts_only_once_closed() -> None:
    closed = daily_gains(series_of([10.0] * (23 + 48)))
    assert list(closed[1:]) == [240.0, 240.0]
    still_open = daily_gains(series_of([10.0] * (23 + 47)))
    assert closed[1] == still_open[1] and np.isnan(still_open[2])


def week_days(count: int) -> list[date]:
    return [date(2026, 11, 2) + timedelta(days=d) for d in range(count)]  # from a Monday


def test_a_weekday_factor_is_its_median_day_over_the_median_day() -> None:
    # Two weeks: weekdays gain 100, Saturdays 40, Sundays 300 (limited to ×2); a NaN day left out.
    gains = np.array([100.0] * 5 + [40.0, 300.0] + [100.0] * 4 + [np.nan, 40.0, 300.0])
    factors = weekday_factors(gains, week_days(14), 14)
    np.testing.assert_allclose(factors, [1, 1, 1, 1, 1, 0.5, 2.0])
    one_saturday = weekday_factors(gains, week_days(14), 7)
    np.testing.assert_array_equal(one_saturday, np.ones(7))  # one of each: not trusted yet
    small = np.array([1.0] * 5 + [2.0, 1.0] + [1.0] * 5 + [2.0, 1.0])
    np.testing.assert_allclose(weekday_factors(small, week_days(14), 14), [1] * 5 + [2.0, 1])
    nothing = np.array([np.nan] * 14)
    np.testing.assert_array_equal(weekday_factors(nothing, week_days(14), 14), np.ones(7))
    flat = np.zeros(14)
    np.testing.assert_array_equal(weekday_factors(flat, week_days(14), 14), np.ones(7))


def test_a_weekday_factor_is_limited_to_half() -> None:
    gains = np.array([100.0] * 5 + [10.0, 100.0] + [100.0] * 5 + [30.0, 100.0])
    factors = weekday_factors(gains, week_days(14), 14)
    np.testing.assert_allclose(factors, [1, 1, 1, 1, 1, 0.5, 1])


def baseline_day(
    rates: list[float], factors: Floats, *, rounded: bool = False, first_day: int = 4
) -> HourBaseline:
    """Day k of the series gains rates[k] every hour; the baselines from `first_day` on."""
    hourly = [rates[0]] * 23 + [r for r in rates[1:] for _ in range(24)]
    series = series_of(hourly)
    return hour_baselines(series, factors, 4, first_day, rounded=rounded)


def noon(day: int) -> int:
    return day * 24 + 12  # the series index of local 12:00 on day `day` (index 0: day 0, 0:00)


def test_an_hours_usual_is_the_median_and_spread_of_its_pool() -> None:
    # Days 0-3 gain 0, 10, 30 and 40 an hour: each hour's pool holds those, three hours a day.
    # (Day 0 starts at 1:00, so its first hour is no pool's.)
    pool = [0.0, 10.0, 30.0, 40.0] * 3
    base = baseline_day([0.0, 10.0, 30.0, 40.0, 50.0], np.ones(7))
    at = noon(4)
    assert base.median[at] == np.percentile(pool, 50) == 20.0
    assert base.low[at] == np.percentile(pool, 10)
    assert base.high[at] == np.percentile(pool, 90)
    mad = np.percentile(np.abs(np.array(pool) - 20.0), 50)
    assert base.sigma[at] == pytest.approx(mad * MAD_TO_SIGMA)
    assert base.grows[at] == 0.75
    assert np.isnan(base.median[noon(3)])  # before the first judged day


def test_an_hours_usual_is_scaled_to_its_weekday() -> None:
    # Day 4 (Saturday 5 December) has a factor of 2: its usual is twice the pool's; the pool's
    # days are divided by their own factors first (Wednesday, day 1, has 0.5: its 10 is 20).
    factors = np.array([1.0, 1.0, 0.5, 1, 1, 2.0, 1])
    base = baseline_day([1.0, 10.0, 30.0, 40.0, 50.0], factors)
    at = noon(4)
    assert date(2026, 12, 5).weekday() == 5 and date(2026, 12, 2).weekday() == 2
    pool = [1.0, 20.0, 30.0, 40.0] * 3
    assert base.median[at] == 2 * np.percentile(pool, 50)
    assert base.high[at] == 2 * np.percentile(pool, 90)
    assert base.low[at] == pytest.approx(2 * np.percentile(pool, 10))
    mad = np.percentile(np.abs(np.array(pool) - np.percentile(pool, 50)), 50)
    assert base.sigma[at] == pytest.approx(2 * mad * MAD_TO_SIGMA)
    assert base.grows[at] == 1.0  # a gain of 1 is growth


def test_an_hours_pool_wraps_around_midnight_within_each_day() -> None:
    # Day k gains 100k + h at hour h: hour 0's pool is hours 23, 0 and 1 of the same days.
    hourly = [100.0 * ((k + 1) // 24) + (k + 1) % 24 for k in range(23 + 4 * 24)]
    base = hour_baselines(series_of(hourly), np.ones(7), 4, 4)
    days = range(4)
    midnight_pool = [100.0 * d + h for d in days for h in (23, 0, 1) if (d, h) != (0, 0)]
    at = 4 * 24
    assert base.median[at] == np.percentile(midnight_pool, 50)
    assert base.low[at] == pytest.approx(np.percentile(midnight_pool, 10))
    assert base.high[at] == pytest.approx(np.percentile(midnight_pool, 90))
    late_pool = [100.0 * d + h for d in days for h in (22, 23, 0) if (d, h) != (0, 0)]
    assert base.median[at + 23] == np.percentile(late_pool, 50)


def test_hours_across_a_gap_are_in_no_pool_and_a_day_without_a_pool_is_skipped() -> None:
    # Nothing from 0:00 on day 0 until day 1 0:00 (one gap), then 10 an hour; on day 3, 1:00 to
    # 3:00 is another gap, its 20 spread over the two hours.
    rows = [row(H0, 0)] + [row(H0 + 24 + k, 10 * k) for k in range(24 * 4)]
    rows = [r for r in rows if r.hour not in (H0 + 72 + 1, H0 + 72 + 2)]
    series = build_series(rows, SEOUL, H0 + 24 * 5)
    assert series is not None
    base = hour_baselines(series, np.ones(7), 4, 1)
    assert np.isnan(base.median[24 + 12])  # day 1: its pool, day 0, had only the gap
    assert base.median[2 * 24 + 12] == 10.0  # day 2 from day 1
    assert base.grows[4 * 24 + 2] == 1.0 and base.median[4 * 24 + 2] == 10.0
    from_day_3 = hour_baselines(series, np.ones(7), 1, 4)
    assert np.isnan(from_day_3.median[4 * 24 + 2])  # its pool is day 3's 1:00 to 3:00: the gap
    assert from_day_3.median[4 * 24 + 12] == 10.0


def test_a_rounded_sources_usual_is_the_mean() -> None:
    pool = np.array([0.0, 10.0, 30.0, 40.0] * 3)
    base = baseline_day([0.0, 10.0, 30.0, 40.0, 50.0], np.ones(7), rounded=True)
    at = noon(4)
    assert base.median[at] == pool.mean() == 20.0
    assert base.sigma[at] == pytest.approx(pool.std())
    assert (base.low[at], base.high[at]) == (0.0, 40.0)


def test_an_hours_pool_is_its_own_hour_and_the_one_either_side() -> None:
    # Every day gains 1 at 11:00, 2 at 12:00, 4 at 13:00 and 0 otherwise.
    by_hod = {11: 1.0, 12: 2.0, 13: 4.0}
    hourly = [by_hod.get((k + 1) % 24, 0.0) for k in range(23 + 4 * 24)]
    base = hour_baselines(series_of(hourly), np.ones(7), 4, 1)
    at = noon(4)
    assert base.median[at] == 2.0
    assert base.low[at] == pytest.approx(np.percentile([1.0, 2.0, 4.0] * 4, 10))
    assert base.median[at + 1] == pytest.approx(np.percentile([2.0, 4.0, 0.0] * 4, 50))
    assert base.median[noon(1)] == 2.0  # day 1 from day 0 alone


def test_column_quantiles_are_numpys_linear_ones_without_the_nans() -> None:
    rng = np.random.default_rng(5)
    pool = rng.integers(0, 100, size=(9, 6)).astype(np.float64)
    pool[rng.random((9, 6)) < 0.3] = np.nan
    pool[:, 0] = np.nan  # no value at all
    pool[1:, 1] = np.nan  # one value
    pool[2:, 2] = np.nan  # two values
    qs = (10.0, 50.0, 90.0, 100.0, 0.0)
    got = column_quantiles(pool, qs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        want = [np.nanpercentile(pool, q, axis=0) for q in qs]
    for g, w in zip(got, want, strict=True):
        np.testing.assert_allclose(g, w)


def test_the_rounding_step_is_capped_at_the_largest_count() -> None:
    assert rounding_step([row(0, 10**6)]) == 10**6
    assert rounding_step([row(0, 10**17)]) == 10**15
    assert rounding_step([row(0, 0), row(1, 12_300)]) == 100  # a zero says nothing
    assert rounding_step([]) == 1
