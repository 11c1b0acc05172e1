"""What an inline button carries (callback_data, at most 64 bytes), written and read back.

Compact and versioned: `c1|<source id or *>|<range or days>` (a chart), `n1|<source id or *>|<ts>`
(refresh /now; the latest sample's UTC seconds when it was shown), `s1|<source id>` (subscribe
after a deep link), `k1|<range>|<id,id,…>` (a /compare chart of those sources). Anything
else - a button from an older version, a forged payload - reads as None, and the edge answers
it politely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.ranges import CHART_KINDS, RANGES, ChartRange

ALL = "*"
MAX_DATA_BYTES = 64  # Telegram's limit on callback_data


@dataclass(frozen=True, slots=True)
class ChartPress:
    source_id: int | None  # None: every tracked source
    chart_range: ChartRange


@dataclass(frozen=True, slots=True)
class RefreshPress:
    source_id: int | None
    shown_ts: int  # the latest sample's time when the text was made (0: none)


@dataclass(frozen=True, slots=True)
class SubscribePress:
    source_id: int


@dataclass(frozen=True, slots=True)
class ComparePress:
    chart_range: ChartRange
    source_ids: tuple[int, ...]


Press = ChartPress | RefreshPress | SubscribePress | ComparePress


def _source(source_id: int | None) -> str:
    return ALL if source_id is None else str(source_id)


def chart_data(source_id: int | None, range_key: str) -> str:
    return f"c1|{_source(source_id)}|{range_key}"


def refresh_data(source_id: int | None, shown_ts: int) -> str:
    return f"n1|{_source(source_id)}|{shown_ts}"


def subscribe_data(source_id: int) -> str:
    return f"s1|{source_id}"


def compare_data(range_key: str, source_ids: Sequence[int]) -> str:
    """At most 4 ids of 12 digits: 60 bytes, within Telegram's 64."""
    return f"k1|{range_key}|{','.join(str(i) for i in source_ids)}"


def _read_source(word: str) -> int | bool | None:
    """The source id, None for every source, or False when the word is neither."""
    if word == ALL:
        return None
    if word.isascii() and word.isdigit() and len(word) <= 12:  # "" is not digits
        return int(word)
    return False


def parse(data: str | None) -> Press | None:
    """The press a button's data stands for; None for anything this version did not write."""
    if not data or len(data.encode()) > MAX_DATA_BYTES:
        return None
    parts = data.split("|")
    kind, rest = parts[0], parts[1:]
    if kind == "c1" and len(rest) == 2:
        source = _read_source(rest[0])
        chart_range = CHART_KINDS.get(rest[1])
        if isinstance(source, bool) or chart_range is None:
            return None
        return ChartPress(source, chart_range)
    if kind == "n1" and len(rest) == 2:
        source = _read_source(rest[0])
        shown = rest[1]
        # Ten digits at most: a forged stamp past year 2286 would not make a datetime.
        if isinstance(source, bool) or not (
            shown.isascii() and shown.isdigit() and len(shown) <= 10
        ):
            return None
        return RefreshPress(source, int(shown))
    if kind == "s1" and len(rest) == 1:
        source = _read_source(rest[0])
        if isinstance(source, bool) or source is None:  # a subscription names one source
            return None
        return SubscribePress(source)
    if kind == "k1" and len(rest) == 2:
        compare_range = RANGES.get(rest[0])
        ids = [_read_source(word) for word in rest[1].split(",")]
        if compare_range is None or not 0 < len(ids) <= 4:
            return None
        if any(isinstance(i, bool) or i is None for i in ids):
            return None
        return ComparePress(compare_range, tuple(i for i in ids if isinstance(i, int)))
    return None
