"""One way to make a chart, for /chart and the daily summary: gather the series, name it in the
reader's language, and draw it off the event loop (a chart never holds up /now for another chat).

A chart is drawn at most once per new sample: `ChartCache` keeps recent ones, keyed by what
they show (sources, range, language, time zone, title) and by each source's latest sample, so
a new sample, another language or another zone gives a new chart and nothing stale is served.
Once Telegram has a chart, it is sent again by its file id, without uploading.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.days import DEFAULT_DAYS
from bot.core.figures import Count, counts_of
from bot.core.model import Sample, Source
from bot.core.ranges import DAYS_CHART, ChartRange
from bot.presentation.captions import chart_title
from bot.presentation.charts import render_days_png, render_trend_png
from bot.presentation.texts import text
from bot.services.deps import Deps
from bot.services.facts import gather_chart, gather_days, latest_of

ChartKey = tuple[object, ...]

MAX_CACHED_CHARTS = 64  # ~40 KB each: a few MB at most


@dataclass
class Chart:
    key: ChartKey
    png: bytes
    range_text: str  # "last 7 days", in the reader's language
    latest: list[tuple[Source, Sample | None]]  # each source's latest sample, for a caption
    file_id: str | None = None  # Telegram's id for this picture, once it has it

    @property
    def counts(self) -> list[tuple[Source, Count | None]]:
        """Each source's count now, as the caption shows it."""
        return counts_of(self.latest)

    @property
    def photo(self) -> bytes | str:
        """What to send: the file id when Telegram has the picture, else the PNG."""
        return self.file_id or self.png


class ChartCache:
    """Recently drawn charts, least recently used first out."""

    def __init__(self, max_entries: int = MAX_CACHED_CHARTS) -> None:
        self._entries: OrderedDict[ChartKey, Chart] = OrderedDict()
        self._max = max_entries
        self.drawn = 0  # charts rendered (not served from here): what a test or bench counts

    def get(self, key: ChartKey) -> Chart | None:
        chart = self._entries.get(key)
        if chart is not None:
            self._entries.move_to_end(key)
        return chart

    def put(self, chart: Chart) -> None:
        self._entries[chart.key] = chart
        self._entries.move_to_end(chart.key)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    def sent(self, chart: Chart, file_id: str | None) -> None:
        """Telegram has the picture now: later sends of this chart go by file id."""
        if file_id and chart.file_id is None:
            chart.file_id = file_id

    def __len__(self) -> int:
        return len(self._entries)


def _version(latest: Sequence[tuple[Source, Sample | None]]) -> tuple[object, ...]:
    return tuple((s.id, s.display_name, None if x is None else x.ts) for s, x in latest)


def _key(
    deps: Deps,
    chart_range: ChartRange,
    lang: str,
    title: str | None,
    latest: Sequence[tuple[Source, Sample | None]],
    tz: ZoneInfo,
) -> ChartKey:
    # The daily bars start a new day at local midnight, sample or not.
    day = deps.clock.now().astimezone(tz).date() if chart_range == DAYS_CHART else None
    return (chart_range.key, lang, tz.key, title, _version(latest), day)


async def cached_chart(
    deps: Deps, chosen: Sequence[Source], chart_range: ChartRange, lang: str, cache: ChartCache
) -> Chart | None:
    """The up-to-date chart /chart would send, if it is in the cache; never draws."""
    latest = await latest_of(deps.db, chosen)
    return cache.get(_key(deps, chart_range, lang, None, latest, deps.settings.timezone))


async def make_chart(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    *,
    title: str | None = None,
    before_drawing: Callable[[], Awaitable[object]] | None = None,
    cache: ChartCache | None = None,
    tz: ZoneInfo | None = None,
) -> Chart | None:
    """The chart of `chosen` over the range; None when nothing in it has a sample yet.
    `before_drawing` runs only when a chart is really drawn (a chat's "sending a photo…")."""
    latest = await latest_of(deps.db, chosen)
    tz = tz or deps.settings.timezone
    key = _key(deps, chart_range, lang, title, latest, tz)
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return cached
    now: datetime = deps.clock.now()
    range_text = text(lang, f"chart.range.{chart_range.key}")
    if chart_range == DAYS_CHART:
        # The values /days lists: N + 2 seeks per source, whatever the history.
        series = []
        for source in chosen:
            gains = await gather_days(deps.db, source, now, tz, DEFAULT_DAYS)
            if gains is not None and gains.rows:
                series.append((source.display_name, gains))
        if not series:
            return None
        if before_drawing is not None:
            await before_drawing()
        png = await asyncio.to_thread(
            render_days_png,
            series,
            title=title or chart_title(chosen, lang),
            subtitle=range_text,
            tz=tz,
            lang=lang,
        )
    else:
        lines = await gather_chart(deps.db, chosen, chart_range, now)
        if not lines:
            return None
        if before_drawing is not None:
            await before_drawing()
        png = await asyncio.to_thread(
            render_trend_png,
            lines,
            title=title or chart_title(chosen, lang),
            subtitle=range_text,
            tz=tz,
            lang=lang,
            asked=chart_range.span,
            now=now,
        )
    chart = Chart(key, png, range_text, latest)
    if cache is not None:
        cache.drawn += 1
        cache.put(chart)
    return chart
