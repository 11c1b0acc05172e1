"""What the status page and its JSON API show, made once and served to every visitor.

The page shows every tracked source but the hidden ones (`WEB_HIDDEN_SOURCES`, `/track …
hidden`), each as a `Card` (the same figures as /now), with the same chart as /chart and the
series its interactive chart draws. Whatever the number of visitors, the cards are gathered at
most once per `CARDS_TTL_SECONDS` per language, and a chart or series once per latest sample (its
key names it, so a new sample makes a new one); concurrent requests wait for the one making.
"""

from __future__ import annotations

import json
from datetime import datetime

from bot.core.figures import now_figures
from bot.core.model import Source
from bot.core.ranges import ChartRange
from bot.presentation.charts.canvas import DESKTOP, ChartSize
from bot.presentation.page import Card, RangeChange, card
from bot.services.charts import make_chart
from bot.services.compare import CompareOutcome, compared
from bot.services.deps import Deps
from bot.services.facts import gather_chart, gather_now
from bot.services.once import Once
from storage import samples
from storage import sources as source_store

CARDS_TTL_SECONDS = 1.0  # how far behind a new sample the page and /api/sources may be
CARD_BYTES = 2048  # a card in memory, roughly: its figures and six short sentences
MAX_CARD_BYTES = 16 * 1024 * 1024  # ~4,000 cards per language
MAX_CHART_BYTES = 16 * 1024 * 1024  # ~400 charts of ~40 KB
MAX_SERIES_BYTES = 8 * 1024 * 1024  # ~70 series of 1,500 points
NO_CHART_BYTES = 64  # "nothing to draw" is kept too, and counts against the budget

Cards = tuple[datetime, list[Card]]
ChartKey = tuple[str, ...]


class StatusPage:
    """The page's cards, charts and series for one bot (`Deps`), each made once per key."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._cards: Once[str, Cards] = Once(
            max_bytes=MAX_CARD_BYTES,
            size_of=lambda made: CARD_BYTES * (1 + len(made[1])),
            ttl=CARDS_TTL_SECONDS,
            monotonic=deps.monotonic,
        )
        self._charts: Once[ChartKey, bytes | None] = Once(
            max_bytes=MAX_CHART_BYTES, size_of=lambda png: len(png) if png else NO_CHART_BYTES
        )
        self._series: Once[ChartKey, bytes] = Once(max_bytes=MAX_SERIES_BYTES, size_of=len)
        self._compared: Once[tuple[str, ...], CompareOutcome] = Once(
            max_bytes=MAX_CARD_BYTES,
            size_of=lambda _: CARD_BYTES * 4,
            ttl=CARDS_TTL_SECONDS,
            monotonic=deps.monotonic,
        )

    async def comparison(self, named: tuple[str, ...] = ()) -> CompareOutcome:
        """The comparison of the shown sources (named, or as /compare chooses), in the bot's
        zone; made at most once per `CARDS_TTL_SECONDS` per choice."""
        tz = self.deps.settings.timezone
        shown = await self.shown()
        return await self._compared.get(named, lambda: compared(self.deps, named, tz, shown=shown))

    def hidden(self, source: Source) -> bool:
        return source.hidden or source.label in self.deps.settings.web_hidden

    async def shown(self) -> list[Source]:
        """The sources the page and the API show, in the order they were tracked."""
        return [s for s in await source_store.list_sources(self.deps.db) if not self.hidden(s)]

    async def source(self, label: str) -> Source | None:
        """The shown source with this label; None for an unknown or a hidden one alike."""
        source = await source_store.source_by_label(self.deps.db, label)
        return None if source is None or self.hidden(source) else source

    async def cards(self, lang: str) -> Cards:
        """When they were gathered, and every shown source's card in `lang`."""
        return await self._cards.get(lang, lambda: self._gather_cards(lang))

    async def _gather_cards(self, lang: str) -> Cards:
        d = self.deps
        now, tz = d.clock.now(), d.settings.timezone
        return now, [
            card(now_figures(await gather_now(d.db, source, now, tz), tz), lang)
            for source in await self.shown()
        ]

    async def chart_png(
        self, source: Source, chart_range: ChartRange, lang: str, size: ChartSize = DESKTOP
    ) -> bytes | None:
        """The same chart as /chart (`size`: a phone's is narrower, its words as readable), or
        None when there is nothing to draw."""
        key = (
            "chart",
            source.label,
            source.display_name,
            chart_range.key,
            lang,
            f"{size.width_px}x{size.height_px}@{size.dpi}",
            await self._latest_ts(source),
        )
        return await self._charts.get(key, lambda: self._draw(source, chart_range, lang, size))

    async def _draw(
        self, source: Source, chart_range: ChartRange, lang: str, size: ChartSize
    ) -> bytes | None:
        chart = await make_chart(self.deps, [source], chart_range, lang, size=size)
        return chart.png if chart is not None else None

    async def series_json(self, source: Source, chart_range: ChartRange) -> bytes:
        """The chart's points (≤ 1,500, chosen in SQL) as compact JSON."""
        key = ("series", source.label, chart_range.key, await self._latest_ts(source))
        return await self._series.get(key, lambda: self._series_of(source, chart_range))

    async def _series_of(self, source: Source, chart_range: ChartRange) -> bytes:
        d = self.deps
        lines = await gather_chart(d.db, [source], chart_range, d.clock.now())
        points = lines[0].points if lines else ()
        body = {
            "label": source.label,
            "range": chart_range.key,
            "points": [
                {"ts": p.ts.isoformat(), "value": p.value, "low": p.low, "high": p.high}
                for p in points
            ],
        }
        return json.dumps(body, separators=(",", ":")).encode()

    async def range_changes(self, chart_range: ChartRange) -> dict[str, RangeChange]:
        """Each shown source's change over the range, from the points its chart draws (so the
        page's sentence and both charts agree); a source with under two points has none."""
        changes = {}
        for source in await self.shown():
            points = json.loads(await self.series_json(source, chart_range))["points"]
            if len(points) < 2:
                continue
            first, last = (datetime.fromisoformat(points[i]["ts"]) for i in (0, -1))
            span = chart_range.span
            whole = span is not None and last - first >= span * 0.95
            changes[source.label] = RangeChange(points[-1]["value"] - points[0]["value"], whole)
        return changes

    async def _latest_ts(self, source: Source) -> str:
        latest = await samples.latest_sample(self.deps.db, source.id)
        return latest.ts.isoformat() if latest else ""

    @property
    def made(self) -> dict[str, int]:
        """How many of each were made (not served from memory): what a test or a bench counts."""
        return {"cards": self._cards.made, "charts": self._charts.made, "series": self._series.made}

    def clear(self) -> None:
        """Forget everything made (the server is stopping)."""
        for once in (self._cards, self._charts, self._series):
            once.clear()
        self._compared.clear()
