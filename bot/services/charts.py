"""Drawing a chart, for every answer that shows one: gather the series, name it in the reader's
language, and draw it off the event loop (a chart never holds up /now for another chat).

What is drawn is kept and served again by bot/services/chart_reply.py (once per key, then by
Telegram's file id); this module only draws.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.days import DEFAULT_DAYS
from bot.core.figures import Count, counts_of
from bot.core.model import Sample, Source
from bot.core.ranges import DAYS_CHART, ChartRange
from bot.core.unusual import Unusual
from bot.presentation.captions import chart_title
from bot.presentation.charts import axis_unit, render_days_png, render_trend_png
from bot.presentation.charts.canvas import DESKTOP, ChartSize
from bot.presentation.texts import text
from bot.presentation.why import ChartMark, chart_marks
from bot.services.deps import Deps
from bot.services.facts import gather_chart, gather_days, latest_of
from bot.services.why import explain

MARKS_AT_MOST = timedelta(days=30)  # /why's longest window: "all" marks its last 30 days
Latest = Sequence[tuple[Source, Sample | None]]  # each source's latest good sample
# Runs only when a chart is really drawn (a chat's "sending a photo…").
BeforeDrawing = Callable[[], Awaitable[object]] | None


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    range_text: str  # "last 7 days", in the reader's language
    latest: Latest  # each source's latest sample, for a caption
    file_id: str | None = None  # Telegram's id for this picture, once it has it

    @property
    def counts(self) -> list[tuple[Source, Count | None]]:
        """Each source's count now, as the caption shows it."""
        return counts_of(self.latest)

    @property
    def photo(self) -> bytes | str:
        """What to send: the file id when Telegram has the picture, else the PNG."""
        return self.file_id or self.png


async def make_chart(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    *,
    title: str | None = None,
    before_drawing: BeforeDrawing = None,
    tz: ZoneInfo | None = None,
    latest: Latest | None = None,
    size: ChartSize = DESKTOP,
) -> Chart | None:
    """The chart of `chosen` over the range; None when nothing in it has a sample yet.
    `before_drawing` runs only when a chart is really drawn (a chat's "sending a photo…");
    `latest`, when the caller has read it, saves reading it again."""
    if latest is None:
        latest = await latest_of(deps.db, chosen)
    tz = tz or deps.settings.timezone
    draw = _draw_days if chart_range == DAYS_CHART else _draw_trend
    png = await draw(
        deps,
        chosen,
        chart_range,
        lang,
        title or chart_title(chosen, lang),
        tz,
        before_drawing,
        size,
    )
    return (
        Chart(png, text(lang, f"chart.range.{chart_range.key}"), tuple(latest))
        if png is not None
        else None
    )


async def _draw_days(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    title: str,
    tz: ZoneInfo,
    before_drawing: BeforeDrawing,
    size: ChartSize,
) -> bytes | None:
    """The daily bars: the values /days lists (N + 2 seeks per source, whatever the history)."""
    series, units = [], []
    for source in chosen:
        gains = await gather_days(deps.db, source, deps.clock.now(), tz, DEFAULT_DAYS)
        if gains is not None and gains.rows:
            series.append((source.display_name, gains))
            units.append(axis_unit(lang, source.kind))
    if not series:
        return None
    if before_drawing is not None:
        await before_drawing()
    subtitle = text(lang, f"chart.range.{chart_range.key}")
    return await asyncio.to_thread(
        render_days_png,
        series,
        title=title,
        subtitle=subtitle,
        tz=tz,
        lang=lang,
        units=units,
        width_px=size.width_px,
        height_px=size.height_px,
        dpi=size.dpi,
    )


async def _draw_trend(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    title: str,
    tz: ZoneInfo,
    before_drawing: BeforeDrawing,
    size: ChartSize,
) -> bytes | None:
    """A line per source over the range, its points chosen in SQL."""
    now: datetime = deps.clock.now()
    lines = await gather_chart(deps.db, chosen, chart_range, now)
    if not lines:
        return None
    if before_drawing is not None:
        await before_drawing()
    subtitle = text(lang, f"chart.range.{chart_range.key}")
    marks = await _marks(deps, chosen, chart_range, lang, tz, now) if len(lines) == 1 else []
    unit_of = {source.display_name: axis_unit(lang, source.kind) for source in chosen}
    return await asyncio.to_thread(
        render_trend_png,
        lines,
        units=[unit_of.get(line.label) for line in lines],
        title=title,
        subtitle=subtitle,
        tz=tz,
        lang=lang,
        asked=chart_range.span,
        now=now,
        marks=marks,
        width_px=size.width_px,
        height_px=size.height_px,
        dpi=size.dpi,
    )


async def _marks(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    tz: ZoneInfo,
    now: datetime,
) -> list[ChartMark]:
    """The unusual movements /why names within the drawn range (at most its last 30 days)."""
    window = min(chart_range.span or MARKS_AT_MOST, MARKS_AT_MOST)
    found = await explain(deps.db, chosen[0], now, tz, window)
    if not isinstance(found.result, Unusual):
        return []
    return chart_marks(found.result.events, lang)
