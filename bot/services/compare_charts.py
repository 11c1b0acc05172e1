"""The /compare chart: the sources' lines indexed to 100 at the range's start (the raw counts at
the line ends and in the caption), drawn off the event loop, once per key (`Once`, as /chart's
charts), then sent by Telegram's file id. The /chart cooldown applies: one chart per chat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.core.model import Source
from bot.core.ranges import RANGES, ChartRange
from bot.presentation.captions import chart_caption
from bot.presentation.compare_chart import render_indexed_png
from bot.presentation.texts import text
from bot.services.chart_reply import Cooldown, Gone, Wait
from bot.services.charts import Chart, Latest
from bot.services.deps import Deps
from bot.services.facts import gather_chart, latest_of
from bot.services.once import Once

COMPARE_RANGES = ("24h", "7d", "30d", "all")
DEFAULT_COMPARE_RANGE = RANGES["30d"]  # every line starts at the same time; "all" would not
MAX_BYTES = 4 * 1024 * 1024
SendPhoto = Callable[[bytes | str], Awaitable[str | None]]
Key = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class CompareDrawn:
    key: Key
    chart: Chart
    caption: str
    source_ids: tuple[int, ...]
    range_key: str


@dataclass(frozen=True, slots=True)
class NothingDrawn:
    """No compared source has a sample in the range."""


ChartOutcome = CompareDrawn | Wait | Gone | NothingDrawn


class CompareCharts:
    def __init__(self, deps: Deps, cooldown: Cooldown | None = None) -> None:
        self.deps = deps
        self.cooldown = cooldown
        self.cache: Once[Key, Chart] = Once(max_bytes=MAX_BYTES, size_of=lambda c: len(c.png))
        self._uploads: dict[Key, asyncio.Lock] = {}

    async def draw(
        self,
        chat_id: int | None,
        chosen: Sequence[Source],
        chart_range: ChartRange,
        lang: str,
        tz: ZoneInfo,
        before_drawing: Callable[[], Awaitable[object]] | None = None,
    ) -> ChartOutcome:
        """The indexed chart of `chosen` (a cooldown per chat when `chat_id` is given)."""
        if not chosen:
            return Gone()
        if chat_id is not None and self.cooldown is not None:
            wait = self.cooldown.try_take(chat_id, self.deps.clock.now())
            if wait > 0:
                return Wait(wait, self.cooldown.seconds)
        latest = await latest_of(self.deps.db, chosen)
        version = tuple((s.id, s.display_name, None if x is None else x.ts) for s, x in latest)
        key: Key = ("compare", chart_range.key, lang, tz.key, version)

        async def make() -> Chart:
            png = await self._png(chosen, chart_range, lang, tz, latest, before_drawing)
            if png is None:
                raise _NothingError
            return Chart(png, text(lang, f"chart.range.{chart_range.key}"), tuple(latest))

        try:
            chart = await self.cache.get(key, make)
        except _NothingError:
            return NothingDrawn()
        caption = text(lang, "compare.chart.caption") + "\n"
        caption += chart_caption(chart.counts, lang, chart.range_text)
        return CompareDrawn(key, chart, caption, tuple(s.id for s in chosen), chart_range.key)

    async def _png(
        self,
        chosen: Sequence[Source],
        chart_range: ChartRange,
        lang: str,
        tz: ZoneInfo,
        latest: Latest,
        before_drawing: Callable[[], Awaitable[object]] | None,
    ) -> bytes | None:
        lines = await gather_chart(self.deps.db, chosen, chart_range, self.deps.clock.now())
        if not lines:
            return None
        if before_drawing is not None:
            await before_drawing()
        rounded = [s.display_name for s, x in latest if x is not None and x.approximate]
        return await asyncio.to_thread(
            render_indexed_png,
            lines,
            title=text(lang, "compare.chart.indexed"),
            subtitle=text(lang, f"chart.range.{chart_range.key}"),
            ylabel=text(lang, "compare.chart.index_axis"),
            approximate=rounded,
            tz=tz,
            lang=lang,
        )

    async def deliver(self, drawn: CompareDrawn, send: SendPhoto) -> None:
        """By file id when Telegram has the picture; else one upload, the others wait for it."""
        known = self._file_id(drawn.key)
        if known is None:
            lock = self._uploads.setdefault(drawn.key, asyncio.Lock())
            async with lock:
                known = self._file_id(drawn.key)
                if known is None:
                    file_id = await send(drawn.chart.png)
                    if file_id:
                        self.cache.put(drawn.key, replace(drawn.chart, file_id=file_id))
                        self._uploads.pop(drawn.key, None)
                    return
        await send(known)

    def _file_id(self, key: Key) -> str | None:
        kept = self.cache.peek(key)
        return kept.file_id if kept is not None else None


class _NothingError(Exception):
    """Nothing to draw: nothing kept, every waiter told."""
