"""One way to make a chart, for /chart and the daily summary: gather the series, name it in the
reader's language, and draw it off the event loop (a chart never holds up /now for another chat).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.core.model import Source
from bot.core.ranges import ChartRange
from bot.presentation.charts import render_trend_png
from bot.presentation.formatting import chart_title
from bot.presentation.texts import text
from bot.services.deps import Deps
from bot.services.facts import gather_chart


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    range_text: str  # "last 7 days", in the reader's language


async def make_chart(
    deps: Deps,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    lang: str,
    *,
    title: str | None = None,
    before_drawing: Callable[[], Awaitable[object]] | None = None,
) -> Chart | None:
    """The chart of `chosen` over the range; None when nothing in it has a sample yet.
    `before_drawing` runs once there is something to draw (a chat's "sending a photo…")."""
    lines = await gather_chart(deps.db, chosen, chart_range, deps.clock.now())
    if not lines:
        return None
    if before_drawing is not None:
        await before_drawing()
    range_text = text(lang, f"chart.range.{chart_range.key}")
    png = await asyncio.to_thread(
        render_trend_png,
        lines,
        title=title or chart_title(chosen, lang),
        subtitle=range_text,
        tz=deps.settings.timezone,
    )
    return Chart(png, range_text)
