"""Which tracked sources a command's words mean: `/now durov`, `/chart durov 7d`. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.model import Source
from bot.core.ranges import ChartRange, parse_chart_kind


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
        as_range = parse_chart_kind(word)
        if as_range is not None and chart_range is None:
            chart_range = as_range
        elif label is None and as_range is None:
            label = word
        else:
            return None
    return ChartWords(label, chart_range)


CHART_MAX_SOURCES = 4  # panels on a /chart without a label; more would be unreadable on a phone


def most_followed(
    tracked: Sequence[Source], subscribers: Mapping[int, int], most: int = CHART_MAX_SOURCES
) -> list[Source]:
    """The sources most chats subscribed to (the oldest first among equals), in tracked order:
    what a /chart without a label draws when there are too many to draw them all."""
    ranked = sorted(tracked, key=lambda s: (-subscribers.get(s.id, 0), s.id))[:most]
    keep = {s.id for s in ranked}
    return [s for s in tracked if s.id in keep]
