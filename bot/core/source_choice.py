"""Which tracked sources a command's words mean: `/now durov`, `/chart durov 7d`. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.model import Source
from bot.core.ranges import ChartRange, parse_range


def find_by_label(tracked: Sequence[Source], label: str) -> Source | None:
    """The source with this label, ignoring case (labels are unique without case)."""
    wanted = label.strip().casefold()
    return next((s for s in tracked if s.label.casefold() == wanted), None)


@dataclass(frozen=True, slots=True)
class ChartWords:
    label: str | None
    chart_range: ChartRange | None


def split_chart_words(words: Sequence[str]) -> ChartWords | None:
    """`/chart [label] [range]` in either order; None when the words cannot mean that."""
    if len(words) > 2:
        return None
    label: str | None = None
    chart_range: ChartRange | None = None
    for word in words:
        as_range = parse_range(word)
        if as_range is not None and chart_range is None:
            chart_range = as_range
        elif label is None and as_range is None:
            label = word
        else:
            return None
    return ChartWords(label, chart_range)
