"""`/why [label] [7d|30d]`: which source and how far back (the range words /chart takes, 7일 and
30일 too; only a week or a month: a day holds too little to judge, all history too much). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from bot.core.ranges import RANGES, parse_range

WHY_RANGES: Final = (RANGES["7d"], RANGES["30d"])


@dataclass(frozen=True, slots=True)
class WhyWords:
    label: str | None
    window: timedelta

    @property
    def days(self) -> int:
        return self.window.days


def split_why_words(words: Sequence[str]) -> WhyWords | None:
    """A label and a window in either order; None when the words cannot mean that."""
    if len(words) > 2:
        return None
    label: str | None = None
    window: timedelta | None = None
    for word in words:
        chosen = parse_range(word)
        if chosen is not None:
            if window is not None or chosen not in WHY_RANGES or chosen.span is None:
                return None
            window = chosen.span
        elif label is None:
            label = word
        else:
            return None
    return WhyWords(label, window or timedelta(days=7))
