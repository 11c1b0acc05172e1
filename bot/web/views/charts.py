"""`/chart/<label>.png`: the same chart as /chart, drawn once per (source, range, language,
latest sample); requests for one being drawn wait for it rather than drawing it again."""

from __future__ import annotations

from aiohttp import web

from bot.presentation.charts.canvas import DESKTOP, PHONE
from bot.presentation.page import DEFAULT_PAGE_RANGE
from bot.presentation.texts import text
from bot.services.status_page import StatusPage
from bot.web.views.params import lang_of, range_of, source_of


class ChartView:
    def __init__(self, page: StatusPage) -> None:
        self.page = page

    async def get(self, request: web.Request) -> web.Response:
        source = await source_of(request, self.page)
        chart_range = range_of(request, DEFAULT_PAGE_RANGE)
        lang = lang_of(request)
        size = PHONE if request.query.get("size") == "phone" else DESKTOP
        png = await self.page.chart_png(source, chart_range, lang, size)
        if png is None:
            raise web.HTTPNotFound(text=text(lang, "web.none"))
        return web.Response(
            body=png, content_type="image/png", headers={"Cache-Control": "max-age=30"}
        )
