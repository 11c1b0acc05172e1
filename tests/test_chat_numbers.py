"""Numbers typed after a command: Korean units, separators, signs, and the bound."""

from __future__ import annotations

import pytest

from bot.core.chat_numbers import parse_typed_number
from bot.core.numbers import MAX_COUNT


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("250000", 250_000),
        ("250,000", 250_000),
        ("25만", 250_000),
        ("25만명", 250_000),
        ("1.2만", 12_000),
        ("3억", 300_000_000),
        ("1.5천", 1_500),
        ("10k", 10_000),
        ("10K", 10_000),
        ("2.5M", 2_500_000),
        ("1_000", 1_000),
        (str(MAX_COUNT), MAX_COUNT),
    ],
)
def test_whole_numbers_people_type(word: str, value: int) -> None:
    assert parse_typed_number(word) == value


@pytest.mark.parametrize(
    "word",
    [
        "kakao2",
        "2kakao",
        "7d",
        "1.5",  # decimals only with a unit
        "1.23456만",  # not a whole count
        "1,2",
        "12,34",
        "",
        "만",
        "99999999999999999999",  # would overflow SQLite
        str(MAX_COUNT + 1),
        "+50",  # unsigned unless asked
        "١٢٣",  # non-ASCII digits
    ],
)
def test_anything_else_is_not_a_number(word: str) -> None:
    assert parse_typed_number(word) is None


def test_signs_where_a_change_is_meant() -> None:
    assert parse_typed_number("+50", signed=True) == 50
    assert parse_typed_number("-10", signed=True) == -10
    assert parse_typed_number("−1만", signed=True) == -10_000
    assert parse_typed_number("-" + str(MAX_COUNT + 1), signed=True) is None


def test_alert_and_forecast_words_take_korean_forms_and_refuse_overflow() -> None:
    from bot.core.chat_alerts import AlertKind, split_alert_words
    from bot.core.forecast import split_forecast_words

    words = split_alert_words(["kakao", "above", "25만"])
    assert words is not None and words.threshold == 250_000 and words.kind is AlertKind.ABOVE
    change = split_alert_words(["change", "-1.2만"])
    assert change is not None and change.threshold == -12_000
    assert split_alert_words(["kakao", "above", "99999999999999999999"]) is None
    assert split_forecast_words(["kakao", "25만"]) == split_forecast_words(["250,000", "kakao"])
    forecast = split_forecast_words(["25만명"])
    assert forecast is not None and forecast.target == 250_000 and forecast.label is None
    assert split_forecast_words(["kakao", "1000000000000000000"]) is None
    assert split_forecast_words(["kakao2"]) is not None  # a label, not the number 2


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("24시간", "24h"),
        ("7일", "7d"),
        ("일주일", "7d"),
        ("30일", "30d"),
        ("한달", "30d"),
        ("전체", "all"),
        ("일별", "days"),
    ],
)
def test_korean_ranges(word: str, key: str) -> None:
    from bot.core.ranges import parse_chart_kind

    chosen = parse_chart_kind(word)
    assert chosen is not None and chosen.key == key


def test_days_take_a_korean_count_and_refuse_huge_ones() -> None:
    from bot.core.days import split_days_words

    words = split_days_words(["kakao", "7일"])
    assert words is not None and words.count == 7 and words.label == "kakao"
    assert split_days_words(["9" * 5000]) is None
