"""What inline mode offers for `@bot <words>`: each matching source's /now text, and its chart
when Telegram already has it (an inline result cannot upload a photo); for `compare a b`, the
/compare table of those sources."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.figures import now_figures
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.presentation.captions import chart_caption
from bot.presentation.compare import format_compare
from bot.presentation.now import format_now
from bot.presentation.texts import text
from bot.services import sources_query
from bot.services.chart_reply import ChartReplies
from bot.services.compare import Compared, compared
from bot.services.facts import gather_now

COMPARE_WORDS = ("compare", "비교")
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


@dataclass(frozen=True, slots=True)
class CompareOffer:
    title: str
    body: str  # the /compare table


async def compare_offer(charts: ChartReplies, words: str, lang: str) -> CompareOffer | None:
    """`compare a b` (or `비교 a b`): the /compare table of those sources, in the bot's zone;
    None for other words, or when they name nothing to compare."""
    parts = words.split()
    if not parts or parts[0].casefold() not in COMPARE_WORDS or len(parts) > 9:
        return None
    deps = charts.deps
    tz = deps.settings.timezone
    outcome = await compared(deps, parts[1:], tz)
    if not isinstance(outcome, Compared):
        return None
    names = ", ".join(s.display_name for s in outcome.sources)
    body = format_compare(outcome.comparison, outcome.choice, lang, tz.key)
    return CompareOffer(text(lang, "compare.inline.title", names=names), body)


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
