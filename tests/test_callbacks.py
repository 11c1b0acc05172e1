"""Button payloads: written compactly, read back, and anything else read as nothing."""

from __future__ import annotations

import pytest

from bot.core.callbacks import (
    ChartPress,
    RefreshPress,
    SubscribePress,
    chart_data,
    parse,
    refresh_data,
    subscribe_data,
)
from bot.core.ranges import DAYS_CHART, RANGES


def test_round_trips() -> None:
    assert parse(chart_data(3, "7d")) == ChartPress(3, RANGES["7d"])
    assert parse(chart_data(None, "all")) == ChartPress(None, RANGES["all"])
    assert parse(chart_data(4, "days")) == ChartPress(4, DAYS_CHART)
    assert parse(refresh_data(None, 1_764_000_000)) == RefreshPress(None, 1_764_000_000)
    assert parse(subscribe_data(12)) == SubscribePress(12)
    assert len(chart_data(10**11, "30d").encode()) <= 64


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "c1",
        "c0|1|7d",
        "c1|1|8d",
        "c1|x|7d",
        "c1|-1|7d",
        "c1|1|7d|x",
        "c1|١|7d",
        "n1|1|abc",
        "s1|*",
        "s1|",
        "x" * 65,
        "c1|" + "9" * 13 + "|7d",
        "n1|1|" + "9" * 11,  # a stamp no datetime can hold: silent, not an error in the chat
        "n1|1|999999999999",
    ],
)
def test_stale_or_forged_payloads_read_as_nothing(data: str | None) -> None:
    assert parse(data) is None
