"""`/`: the status page, in the reader's language, from the cards every visitor shares."""

from __future__ import annotations

from aiohttp import web

from bot.presentation.compare import how_shown, pair_notes, table_rows
from bot.presentation.page import DEFAULT_PAGE_RANGE, compare_section, render_page
from bot.services.compare import Compared
from bot.services.status_page import StatusPage
from bot.settings import Settings
from bot.web.views.params import lang_of, range_of
from bot.web.views.static import StaticViews


class PageView:
    def __init__(self, page: StatusPage, files: StaticViews, settings: Settings) -> None:
        self.page = page
        self.files = files
        self.settings = settings

    async def get(self, request: web.Request) -> web.Response:
        lang = lang_of(request)
        chart_range = range_of(request, DEFAULT_PAGE_RANGE)
        now, cards = await self.page.cards(lang)
        compared = await self.page.comparison()
        comparison = (
            compare_section(
                table_rows(compared.comparison, lang),
                lang,
                how_shown(compared.choice, lang),
                pair_notes(compared.comparison, lang),
            )
            if isinstance(compared, Compared)
            else ""
        )
        html = render_page(
            cards,
            lang,
            chart_range=chart_range.key,
            changes=await self.page.range_changes(chart_range),
            refresh_seconds=self.settings.web_refresh_seconds,
            now=now,
            tz=self.settings.timezone,
            stylesheet=self.files.url("page.css"),
            script=self.files.url("page.js"),
            comparison=comparison,
        )
        return web.Response(
            text=html,
            content_type="text/html",
            headers={
                "Cache-Control": "no-store",
                "Content-Language": lang,
                "Vary": "Accept-Language",
            },
        )
