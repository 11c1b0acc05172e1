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

_ALIASES = {"1d": "24h", "day": "24h", "week": "7d", "1w": "7d", "month": "30d", "1m": "30d"}


def parse_range(word: str) -> ChartRange | None:
    key = word.strip().lower()
    return RANGES.get(_ALIASES.get(key, key))
