"""A chart's words: its title ('배민커넥트 · 두로프 +2') and the caption under it (each source's
count now, drawn from its figures, and the range). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.figures import Count
from bot.core.model import Source
from bot.presentation.messages import CAPTION_LIMIT, shorten
from bot.presentation.numbers import count_text, counted, format_count, noun
from bot.presentation.sources import source_title
from bot.presentation.texts import text

TITLE_NAMES = 2  # names in a several-source chart's title; the rest are counted ("+2")
TITLE_NAME_CHARS = 24


def chart_title(chosen: Sequence[Source], lang: str) -> str:
    if len(chosen) == 1:
        return text(
            lang, "chart.title", name=chosen[0].display_name, noun=noun(lang, chosen[0].kind)
        )
    return many_title([s.display_name for s in chosen], lang)


def many_title(names: Sequence[str], lang: str) -> str:
    """A several-source chart titled by its sources: '배민커넥트 · 두로프 +2'."""
    if not names:
        return text(lang, "chart.title.many")
    shown = [n if len(n) <= TITLE_NAME_CHARS else n[: TITLE_NAME_CHARS - 1] + "…" for n in names]
    title = " · ".join(shown[:TITLE_NAMES])
    rest = len(names) - TITLE_NAMES
    return f"{title} +{rest}" if rest > 0 else title


def chart_caption(
    counts: Sequence[tuple[Source, Count | None]],
    lang: str,
    range_text: str,
    *,
    left_out: int = 0,
) -> str:
    """Under a chart: each source's count now, and the range (and how many sources were left
    out of it); within Telegram's caption limit."""
    if len(counts) == 1:
        source, count = counts[0]
        return text(
            lang,
            "chart.caption",
            name=source.display_name,
            counted=counted(lang, source.kind, format_count(count.value) if count else "?"),
            range=range_text,
        )
    items = [
        text(
            lang,
            "chart.caption.item",
            title=source_title(source),
            counted=counted(lang, source.kind, count_text(count) if count else "?"),
        )
        for source, count in counts
    ]
    if left_out:
        items.append(text(lang, "chart.more", count=left_out))
    return shorten("\n".join([*items, range_text]), CAPTION_LIMIT)
