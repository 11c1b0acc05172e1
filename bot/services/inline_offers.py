"""What inline mode offers for `@bot <words>`: each matching source's /now text, and its chart
when Telegram already has it (an inline result cannot upload a photo)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.figures import now_figures
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.presentation.captions import chart_caption
from bot.presentation.now import format_now
from bot.presentation.texts import text
from bot.services import sources_query
from bot.services.chart_reply import ChartReplies
from bot.services.facts import gather_now

MAX_SOURCES = 20  # two results each; Telegram takes at most 50
CHART_RANGES = ("all", "7d", "24h", "30d")  # the first one Telegram already has is offered


@dataclass(frozen=True, slots=True)
class KnownPhoto:
    file_id: str
    caption: str


@dataclass(frozen=True, slots=True)
class Offer:
    source: Source
    body: str  # the /now text
    photo: KnownPhoto | None


def matching(tracked: list[Source], words: str) -> list[Source]:
    wanted = words.strip().casefold()
    if not wanted:
        return tracked
    return [
        s for s in tracked if wanted in s.label.casefold() or wanted in s.display_name.casefold()
    ]


async def offers(charts: ChartReplies, words: str, lang: str) -> list[Offer]:
    deps = charts.deps
    chosen = matching(await sources_query.tracked(deps), words)[:MAX_SOURCES]
    at, tz = deps.clock.now(), deps.settings.timezone
    found = []
    for source in chosen:
        facts = await gather_now(deps.db, source, at, tz)
        body = format_now(now_figures(facts, tz), lang)
        found.append(Offer(source, body, await _known_photo(charts, source, lang)))
    return found


async def _known_photo(charts: ChartReplies, source: Source, lang: str) -> KnownPhoto | None:
    """The source's up-to-date chart Telegram already has: in the reader's language first, else
    in another (the same picture; the caption is in the reader's words)."""
    for chart_lang in (lang, *(other for other in LANGS if other != lang)):
        for key in CHART_RANGES:
            chart = await charts.kept([source], RANGES[key], chart_lang)
            if chart is not None and chart.file_id is not None:
                caption = chart_caption(chart.counts, lang, text(lang, f"chart.range.{key}"))
                return KnownPhoto(chart.file_id, caption)
    return None
