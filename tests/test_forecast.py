"""/forecast: the Theil–Sen trend against series whose answer is known (linear, noisy, flat,
declining), the round targets, the words, and the command end to end on a month of history."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from bot.core.forecast import (
    Declined,
    Forecast,
    ForecastWords,
    NoForecast,
    forecast,
    percentile,
    round_above,
    round_below,
    split_forecast_words,
)
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.days import format_date
from bot.settings import Settings
from storage import samples
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, default_source_db, running_bot, wait_until

CHAT = 1001


def series(per_day: float, days: int = 14, start: int = 240_000) -> list[tuple[int, int]]:
    return [(d, round(start + per_day * d)) for d in range(days)]


def test_linear_series_gives_its_slope_and_a_tight_range() -> None:
    points = series(1_000)
    result = forecast(points, 253_500)
    assert isinstance(result, Forecast)
    assert result.target == 300_000  # the next round number above 253,500 (steps of 50,000)
    assert result.per_day == pytest.approx(1_000)
    assert result.per_day_low == result.per_day_high == pytest.approx(1_000)
    assert result.days == pytest.approx(46.5)
    result = forecast(points, 253_500, 260_000)
    assert isinstance(result, Forecast)
    assert result.days == result.days_soonest == result.days_latest == pytest.approx(6.5)


def test_noisy_series_and_one_spike_move_the_trend_little() -> None:
    rng = random.Random(7)
    points = [(d, v + rng.randint(-300, 300)) for d, v in series(2_300)]
    points[9] = (9, points[9][1] + 20_000)  # a campaign spike on one day
    result = forecast(points, 270_000, 300_000)
    assert isinstance(result, Forecast)
    assert 2_150 < result.per_day < 2_450
    assert result.per_day_low < result.per_day < result.per_day_high
    assert result.days_latest is not None
    assert result.days_soonest < result.days < result.days_latest
    assert 12 < result.days < 14


def test_flat_series_declines() -> None:
    result = forecast(series(0), 240_000)
    assert result == NoForecast(Declined.FLAT, None, 0.0, 14)


def test_declining_series_heads_for_the_round_number_below_and_not_above() -> None:
    result = forecast(series(-500), 233_500)
    assert isinstance(result, Forecast)
    assert result.target == 200_000
    assert result.days == pytest.approx(67)
    away = forecast(series(-500), 233_500, 250_000)
    assert isinstance(away, NoForecast)
    assert away.reason is Declined.AWAY
    assert away.per_day == pytest.approx(-500)


def test_too_short_and_reached() -> None:
    assert forecast(series(100, days=2), 240_200).reason is Declined.TOO_SHORT  # type: ignore[union-attr]
    assert forecast([], 1).reason is Declined.TOO_SHORT  # type: ignore[union-attr]
    reached = forecast(series(100), 241_300, 241_300)
    assert isinstance(reached, NoForecast) and reached.reason is Declined.REACHED
    passed = forecast(series(100), 241_300, 226_000)  # below the count, on its way up: passed
    assert isinstance(passed, NoForecast) and passed.reason is Declined.REACHED
    down = forecast(series(-100), 238_700, 226_000)  # below, on its way down: a forecast
    assert isinstance(down, Forecast)


def test_a_target_more_than_ten_years_away_is_too_far_not_an_overflow() -> None:
    far = forecast(series(1), 240_013, 2_000_000_000)
    assert isinstance(far, NoForecast) and far.reason is Declined.TOO_FAR
    near = forecast(series(1_000), 253_500, 253_500 + 3_000_000)
    assert isinstance(near, Forecast)


def test_a_date_carries_its_year_when_not_obvious() -> None:
    today = date(2026, 11, 30)
    assert format_date(date(2026, 12, 5), "en", today) == "Sat, Dec 5"
    assert format_date(date(2027, 1, 4), "en", today) == "Mon, Jan 4, 2027"
    assert format_date(date(2027, 1, 4), "ko", today) == "2027년 1월 4일 (월)"
    assert format_date(date(2026, 1, 5), "ko", date(2026, 12, 30)) == "2026년 1월 5일 (월)"
    assert format_date(date(2026, 3, 9), "ko", date(2026, 12, 30)) == "3월 9일 (월)"


def test_only_the_last_14_days_count() -> None:
    old_then_new = [(d, 1_000 * d) for d in range(20)] + [
        (d, 20_000 + 10 * d) for d in range(20, 34)
    ]
    result = forecast(old_then_new, 20_400, 21_000)
    assert isinstance(result, Forecast)
    assert result.per_day == pytest.approx(10)


@pytest.mark.parametrize(
    ("value", "above", "below"),
    [
        (0, 1, None),
        (1, 2, None),
        (7, 8, 6),
        (10, 11, 9),
        (1_000, 1_250, 750),
        (87_683, 90_000, 80_000),
        (248_100, 250_000, 200_000),
        (250_000, 300_000, 200_000),
        (199_999, 200_000, 175_000),
        (200_000, 250_000, 150_000),
        (10_600_000, 12_500_000, 10_000_000),
    ],
)
def test_round_numbers(value: int, above: int, below: int | None) -> None:
    assert round_above(value) == above
    assert round_below(value) == below


def test_percentile_matches_linear_interpolation() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([1, 2, 3, 4], 0.25) == 1.75
    assert percentile([5], 0.75) == 5


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], ForecastWords(None, None)),
        (["250000"], ForecastWords(None, 250_000)),
        (["250,000", "kakao"], ForecastWords("kakao", 250_000)),
        (["kakao"], ForecastWords("kakao", None)),
        (["a", "b"], None),
        (["1", "2"], None),
        (["0"], None),
        (["a", "b", "c"], None),
    ],
)
def test_forecast_words(words: list[str], expected: ForecastWords | None) -> None:
    assert split_forecast_words(words) == expected


NOW = datetime(2026, 11, 30, 15, 0, tzinfo=SEOUL)
START = NOW - timedelta(days=20)


def value_at(moment: datetime) -> int:
    """+2,400 a day, evenly: 180,000 at START."""
    return 180_000 + round(2_400 * (moment - START) / timedelta(days=1))


async def latest_is(bot: object, moment: datetime) -> bool:
    latest = await samples.latest_sample(bot.deps.db, 1)  # type: ignore[attr-defined]
    return latest is not None and latest.ts == moment


async def test_forecast_end_to_end(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(NOW)
    rows = [
        Sample(START + timedelta(minutes=10) * k, value_at(START + timedelta(minutes=10) * k))
        for k in range(20 * 144)
    ]
    async with default_source_db(settings, START) as (db, src):
        await samples.insert_samples(db, src.id, rows)
    source_server.set_kakao_count("_xdhKKT", value_at(NOW))  # 228,000
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot, NOW))
        telegram.send_command("/forecast 240000")
        (reply,) = await telegram.await_messages(CHAT, 1)
        # 12,000 to go at 2,400 a day: 5 days, Saturday the 5th.
        assert reply.text == (
            "배민커넥트: 240,000 in about 5 days, around Sat, Dec 5\n"
            "Trend: +2,400/day (middle 50% of daily gains: +2,400 to +2,400), "
            "from 14 days"
        )
        telegram.send_command("/forecast", language_code="ko")
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text is not None
        assert replies[1].text.startswith(
            "배민커넥트: 약 9일 뒤 250,000 도달 예상 (12월 9일 (수) 무렵)"
        )
        telegram.send_command("/forecast 100000")
        replies = await telegram.await_messages(CHAT, 3)
        assert replies[2].text == "배민커넥트 already reached 100,000: first on Tue, Nov 10."
        telegram.send_command("/forecast 260000", language_code="ko")
        replies = await telegram.await_messages(CHAT, 4)
        assert replies[3].text is not None
        telegram.send_command("/forecast a b c")
        replies = await telegram.await_messages(CHAT, 5)
        assert replies[4].text == "Usage: /forecast [label] [target], e.g. /forecast 250000"
        said = []
        for n, (command, lang) in enumerate(
            [("200000", "ko"), ("1000000", "en"), ("1000000", "ko"), ("9000000", "en")], start=6
        ):
            telegram.send_command(f"/forecast {command}", language_code=lang)
            said.append((await telegram.await_messages(CHAT, n))[-1].text or "")
        # 20,000 above the first sample at 2,400 a day: passed on the 9th day, Wednesday the 18th
        assert said[0] == "배민커넥트: 이미 200,000에 도달했어요 (11월 18일 (수)에 처음 도달)."
        # 772,000 to go: 322 days, next year's October; the year is said
        assert said[1].startswith(
            "배민커넥트: 1,000,000 in about 322 days, around Mon, Oct 18, 2027"
        )
        assert said[2].startswith(
            "배민커넥트: 약 322일 뒤 1,000,000 도달 예상 (2027년 10월 18일 (월) 무렵)"
        )
        assert said[3] == (
            "배민커넥트: at +2,400/day, 9,000,000 is more than 10 years away, too far for a date "
            "to mean anything."
        )


def test_a_target_past_the_horizon_is_declined_not_dated() -> None:
    from bot.core.forecast import MAX_FORECAST_DAYS, Declined, NoForecast, forecast

    points = [(d, 1000 + 10 * d) for d in range(10)]
    far = forecast(points, 1090, 1090 + 10 * (MAX_FORECAST_DAYS + 5))
    assert isinstance(far, NoForecast) and far.reason is Declined.TOO_FAR
    assert not isinstance(forecast(points, 1090, 1090 + 10 * (MAX_FORECAST_DAYS - 5)), NoForecast)
