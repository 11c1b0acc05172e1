"""Chart ranges people can ask for: /chart 24h, 7d, 30d, all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ChartRange:
    key: str  # "24h", "7d", "30d", "all"
    span: timedelta | None  # None: all history

    def start(self, now: datetime, first: datetime) -> datetime:
        """Where the drawn range begins: `span` before now, never before the first sample."""
        if self.span is None:
            return first
        return max(first, now - self.span)


RANGES: dict[str, ChartRange] = {
    "24h": ChartRange("24h", timedelta(hours=24)),
    "7d": ChartRange("7d", timedelta(days=7)),
    "30d": ChartRange("30d", timedelta(days=30)),
    "all": ChartRange("all", None),
}
DEFAULT_RANGE = RANGES["all"]
# Not a span of the line chart but its own picture: the change on each of the last 14 local days
# (the values /days lists), as bars. /chart and its buttons take it; the web page does not.
DAYS_CHART = ChartRange("days", timedelta(days=14))
CHART_KINDS: dict[str, ChartRange] = {**RANGES, DAYS_CHART.key: DAYS_CHART}

_ALIASES = {
    "1d": "24h",
    "day": "24h",
    "week": "7d",
    "1w": "7d",
    "month": "30d",
    "1m": "30d",
    # As Korean speakers type them: /chart 7일, /chart 전체.
    "24시간": "24h",
    "하루": "24h",
    "1일": "24h",
    "7일": "7d",
    "일주일": "7d",
    "1주": "7d",
    "1주일": "7d",
    "30일": "30d",
    "한달": "30d",
    "1달": "30d",
    "1개월": "30d",
    "전체": "all",
    "전부": "all",
    "모두": "all",
}


def parse_range(word: str) -> ChartRange | None:
    key = word.strip().lower()
    return RANGES.get(_ALIASES.get(key, key))


def parse_chart_kind(word: str) -> ChartRange | None:
    """What /chart takes after a label: a range, or `days` (일별) for the daily bars."""
    key = word.strip().lower()
    if key in ("days", "daily", "일별"):
        return DAYS_CHART
    return parse_range(key)
