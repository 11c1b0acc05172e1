"""The JSON API the page's script polls, and each source's history as CSV:
`/api/sources`, `/api/sources/<label>/series`, `/api/sources/<label>/history.csv`,
`/api/compare?labels=a,b`."""

from __future__ import annotations

from aiohttp import web

from bot.presentation.compare_json import comparison_json
from bot.presentation.page import as_of_text
from bot.services.compare import Compared, NotTracked
from bot.services.deps import Deps
from bot.services.history_stream import history_csv_chunks
from bot.services.status_page import StatusPage
from bot.web.views.params import lang_of, range_of, source_of


class ApiViews:
    def __init__(self, page: StatusPage, deps: Deps) -> None:
        self.page = page
        self.deps = deps

    async def sources(self, request: web.Request) -> web.Response:
        """Every shown source's card: the raw figures and their text in the reader's language."""
        lang = lang_of(request)
        now, cards = await self.page.cards(lang)
        return web.json_response(
            {
                "now": now.isoformat(),
                "lang": lang,
                "as_of_text": as_of_text(now, self.deps.settings.timezone, lang),
                "sources": [c.as_json() for c in cards],
            },
            headers={"Cache-Control": "no-store"},
        )

    async def compare(self, request: web.Request) -> web.Response:
        """The shown sources side by side (`labels=a,b`, or as /compare chooses): figures with
        their margins, ranks, and who catches whom with dates and ranges."""
        lang = lang_of(request)
        named = tuple(w for w in request.query.get("labels", "").split(",") if w.strip())
        if len(named) > 8:
            raise web.HTTPBadRequest(text="at most 8 labels")
        outcome = await self.page.comparison(tuple(w.strip() for w in named))
        if isinstance(outcome, NotTracked):
            return web.json_response(
                {"error": "not tracked", "labels": list(outcome.labels)}, status=404
            )
        body: dict[str, object] = {"lang": lang, "sources": [], "pairs": []}
        if isinstance(outcome, Compared):
            body = {"lang": lang, **comparison_json(outcome.comparison, outcome.choice, lang)}
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    async def series(self, request: web.Request) -> web.Response:
        """The chart's points (≤ 1,500), chosen once per (source, range, latest sample)."""
        source = await source_of(request, self.page)
        chart_range = range_of(request, "all")
        body = await self.page.series_json(source, chart_range)
        return web.Response(body=body, content_type="application/json")

    async def history(self, request: web.Request) -> web.StreamResponse:
        """Every good sample as CSV, streamed page by page, each page made in a worker process
        (memory stays flat, the loop stays free)."""
        source = await source_of(request, self.page)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": f'attachment; filename="{source.label}-history.csv"',
            }
        )
        await response.prepare(request)
        deps = self.deps
        tz = deps.settings.timezone
        async for chunk in history_csv_chunks(deps.csv, deps.settings.database_path, source, tz):
            await response.write(chunk)
        await response.write_eof()
        return response
