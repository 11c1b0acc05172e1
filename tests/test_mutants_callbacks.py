"""Rules of callbacks pinned exactly where mutation testing found them loose."""

from __future__ import annotations

import pytest

from bot.core.callbacks import (
    ALL,
    MAX_DATA_BYTES,
    ChartPress,
    ComparePress,
    RefreshPress,
    SubscribePress,
    chart_data,
    parse,
    refresh_data,
    subscribe_data,
)
from bot.core.ranges import DAYS_CHART, RANGES


def test_written_forms() -> None:
    assert (ALL, MAX_DATA_BYTES) == ("*", 64)
    assert chart_data(3, "7d") == "c1|3|7d"
    assert chart_data(None, "all") == "c1|*|all"
    assert refresh_data(None, 0) == "n1|*|0"
    assert refresh_data(12, 1_764_000_000) == "n1|12|1764000000"
    assert subscribe_data(5) == "s1|5"


@pytest.mark.parametrize(
    ("data", "press"),
    [
        ("c1|1|24h", ChartPress(1, RANGES["24h"])),
        ("c1|123456789012|days", ChartPress(123_456_789_012, DAYS_CHART)),
        ("c1|*|30d", ChartPress(None, RANGES["30d"])),
        ("n1|7|0", RefreshPress(7, 0)),
        ("n1|*|9999999999", RefreshPress(None, 9_999_999_999)),
        ("n1|123456789012|5", RefreshPress(123_456_789_012, 5)),
        ("s1|1", SubscribePress(1)),
        ("s1|123456789012", SubscribePress(123_456_789_012)),
    ],
)
def test_read_back(data: str, press: ChartPress | RefreshPress | SubscribePress) -> None:
    assert parse(data) == press


@pytest.mark.parametrize(
    "data",
    [
        "c1|1",
        "c1|*|",
        "c1||7d",
        "n1|1",
        "n1||5",
        "n1|x|5",
        "n1|1|",
        "n1|1|٣",
        "n1|1|5|6",
        "n1|1|-5",
        "s1|0x1",
        "s1|1|2",
        "s1|1234567890123",
        "s1|١",
        "c1|7d|1",
        "n1|*|*",
        "|",
        "C1|1|7d",
    ],
)
def test_anything_else_reads_as_nothing(data: str) -> None:
    assert parse(data) is None


def test_a_compare_button_needs_its_own_kind_and_may_hold_one_source() -> None:
    assert parse("x9|7d|1") is None
    assert parse("k1|7d|5") == ComparePress(RANGES["7d"], (5,))
