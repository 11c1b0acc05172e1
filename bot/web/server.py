"""One small aiohttp server in the bot's own event loop, read-only: the status page, the JSON
API, /metrics and /healthz. Started in post_init, stopped in post_shutdown (bot/app.py).

aiohttp's AppRunner runs inside a loop it does not own and installs no signal handlers, so it
sits beside python-telegram-bot's polling without taking anything over.
"""

from __future__ import annotations

import asyncio
import hmac
import itertools
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from aiohttp import web

from bot.core.figures import now_figures
from bot.core.history_csv import history_csv_lines
from bot.core.model import Sample, Source
from bot.core.ranges import RANGES, ChartRange
from bot.presentation.charts import korean_font_file
from bot.presentation.page import (
    DEFAULT_PAGE_RANGE,
    PAGE_CSS,
    PAGE_ICON,
    PAGE_JS,
    Card,
    card,
    page_language,
    render_page,
    web_font,
)
from bot.presentation.texts import text
from bot.services.charts import make_chart
from bot.services.deps import Deps
from bot.services.facts import gather_chart, gather_now
from bot.web.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from bot.web.metrics import metrics_text
from storage import samples
from storage import sources as source_store

log = logging.getLogger(__name__)

# The ids of the sources whose sampling job is scheduled, or None when the scheduler is not
# running; the chat edge provides it (the job queue is Telegram's).
SamplingJobs = Callable[[], set[int] | None]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


@dataclass(frozen=True)
class Webhook:
    """Webhook mode: Telegram POSTs each update as JSON to `path` with `secret` in
    SECRET_HEADER; `receive` hands it to the bot (the chat edge provides it, as the web edge
    knows nothing of Telegram's types)."""

    path: str
    secret: str
    receive: Callable[[dict[str, object]], Awaitable[None]]


_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}
_MADE_CACHE_SIZE = 64
# The interactive chart's library: uPlot from npm at a pinned version (scripts/vendor-uplot.sh).
UPLOT_DIR = Path(__file__).parent / "static" / "uplot"
_UPLOT_TYPES = {
    "uPlot.iife.min.js": "text/javascript",
    "uPlot.min.css": "text/css",
    "LICENSE": "text/plain",
}
CARDS_TTL_SECONDS = 1.0


@web.middleware
async def _headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    response = await handler(request)
    response.headers.update(_SECURITY_HEADERS)
    return response


def _csv_rows(batch: list[Sample], tz: tzinfo) -> bytes:
    """The batch's CSV lines, without the header."""
    return "".join(itertools.islice(history_csv_lines(batch, tz), 1, None)).encode()


class WebServer:
    def __init__(
        self, deps: Deps, sampling_jobs: SamplingJobs, webhook: Webhook | None = None
    ) -> None:
        self.deps = deps
        self.sampling_jobs = sampling_jobs
        self.webhook = webhook
        self._runner: web.AppRunner | None = None
        self._made: OrderedDict[tuple[str, ...], asyncio.Task[bytes | None]] = OrderedDict()
        self._font_file: Path | None = korean_font_file()
        self._font: asyncio.Task[bytes] | None = None
        self._uplot: dict[str, bytes] = {}
        self._card_cache: dict[str, tuple[float, asyncio.Future[tuple[datetime, list[Card]]]]] = {}
        self.port: int | None = None
        app = web.Application(middlewares=[_headers])
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/static/page.css", self.css),
                web.get("/static/page.js", self.js),
                web.get("/static/NanumGothic.ttf", self.font),
                web.get("/static/icon.svg", self.icon),
                web.get("/static/uplot/{name}", self.uplot),
                web.get("/favicon.ico", self.icon),
                web.get("/chart/{label}.png", self.chart),
                web.get("/api/sources", self.api_sources),
                web.get("/api/sources/{label}/series", self.api_series),
                web.get("/api/sources/{label}/history.csv", self.api_history),
                web.get("/healthz", self.healthz),
                web.get("/metrics", self.metrics),
            ]
        )
        if webhook is not None:
            app.add_routes([web.post(webhook.path, self.telegram_update)])
        self.app = app

    async def start(self, host: str, port: int) -> None:
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, host, port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        addresses = runner.addresses
        self.port = addresses[0][1] if addresses else port
        log.info("web page at http://%s:%s/", host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        for task in self._made.values():
            task.cancel()
        self._made.clear()

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _lang(request: web.Request) -> str:
        return page_language(request.headers.get("Accept-Language"), request.query.get("lang"))

    @staticmethod
    def _range(request: web.Request, default: str) -> ChartRange:
        key = request.query.get("range", default)
        if key not in RANGES:
            raise web.HTTPBadRequest(text=f"range must be one of {', '.join(RANGES)}")
        return RANGES[key]

    async def _shown(self) -> list[Source]:
        """The sources the page and the API show: all but the hidden ones (WEB_HIDDEN_SOURCES,
        `/track … hidden`)."""
        return [s for s in await source_store.list_sources(self.deps.db) if not self._hidden(s)]

    def _hidden(self, source: Source) -> bool:
        return source.hidden or source.label in self.deps.settings.web_hidden

    async def _source(self, request: web.Request) -> Source:
        source = await source_store.source_by_label(self.deps.db, request.match_info["label"])
        if source is None or self._hidden(source):
            raise web.HTTPNotFound(text="no such source")
        return source

    async def _cards(self, lang: str) -> tuple[datetime, list[Card]]:
        """Every source's card in `lang`, gathered at most once per CARDS_TTL_SECONDS whatever
        the number of visitors (concurrent misses share one gathering): the page and
        /api/sources stay cheap under load, and at most that much behind a new sample."""
        entry = self._card_cache.get(lang)
        if entry is None or time.monotonic() - entry[0] > CARDS_TTL_SECONDS:
            entry = (time.monotonic(), asyncio.ensure_future(self._gather_cards(lang)))
            self._card_cache[lang] = entry
        try:
            return await asyncio.shield(entry[1])
        except Exception:
            if self._card_cache.get(lang) is entry:
                del self._card_cache[lang]
            raise

    async def _gather_cards(self, lang: str) -> tuple[datetime, list[Card]]:
        d = self.deps
        now, tz = d.clock.now(), d.settings.timezone
        return now, [
            card(now_figures(await gather_now(d.db, source, now, tz), tz), lang)
            for source in await self._shown()
        ]

    # -- handlers --------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        d = self.deps
        lang = self._lang(request)
        chart_range = self._range(request, DEFAULT_PAGE_RANGE)
        now, cards = await self._cards(lang)
        html = render_page(
            cards,
            lang,
            chart_range=chart_range.key,
            refresh_seconds=d.settings.web_refresh_seconds,
            now=now,
            tz=d.settings.timezone,
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

    async def css(self, request: web.Request) -> web.Response:
        return web.Response(
            text=PAGE_CSS, content_type="text/css", headers={"Cache-Control": "max-age=300"}
        )

    async def js(self, request: web.Request) -> web.Response:
        return web.Response(
            text=PAGE_JS,
            content_type="text/javascript",
            headers={"Cache-Control": "max-age=300"},
        )

    async def icon(self, request: web.Request) -> web.Response:
        return web.Response(
            text=PAGE_ICON, content_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"}
        )

    async def uplot(self, request: web.Request) -> web.Response:
        """uPlot's script, style and license, as vendored (read once)."""
        name = request.match_info["name"]
        content_type = _UPLOT_TYPES.get(name)
        if content_type is None:
            raise web.HTTPNotFound()
        body = self._uplot.get(name)
        if body is None:
            try:
                body = await asyncio.to_thread((UPLOT_DIR / name).read_bytes)
            except OSError:
                raise web.HTTPNotFound() from None
            self._uplot[name] = body
        return web.Response(
            body=body,
            content_type=content_type,
            charset="utf-8",
            headers={"Cache-Control": "max-age=86400"},
        )

    async def font(self, request: web.Request) -> web.Response:
        """NanumGothic, for browsers without a Korean font (made fit for them once, off the
        loop)."""
        if self._font_file is None:
            raise web.HTTPNotFound()
        if self._font is None:
            self._font = asyncio.ensure_future(asyncio.to_thread(web_font, self._font_file))
        body = await asyncio.shield(self._font)
        return web.Response(
            body=body, content_type="font/ttf", headers={"Cache-Control": "max-age=86400"}
        )

    async def chart(self, request: web.Request) -> web.Response:
        """The same chart as /chart; drawn once per (source, range, language, latest sample),
        and requests for one being drawn wait for it rather than drawing it again."""
        d = self.deps
        source = await self._source(request)
        chart_range = self._range(request, DEFAULT_PAGE_RANGE)
        lang = self._lang(request)
        latest = await samples.latest_sample(d.db, source.id)
        key = (
            "chart",
            source.label,
            source.display_name,
            chart_range.key,
            lang,
            latest.ts.isoformat() if latest else "",
        )
        png = await self._once(key, lambda: self._draw(source, chart_range, lang))
        if png is None:
            raise web.HTTPNotFound(text=text(lang, "web.none"))
        return web.Response(
            body=png, content_type="image/png", headers={"Cache-Control": "max-age=30"}
        )

    async def _draw(self, source: Source, chart_range: ChartRange, lang: str) -> bytes | None:
        chart = await make_chart(self.deps, [source], chart_range, lang)
        return chart.png if chart is not None else None

    async def api_sources(self, request: web.Request) -> web.Response:
        d = self.deps
        lang = self._lang(request)
        now, cards = await self._cards(lang)
        as_of = now.astimezone(d.settings.timezone).strftime("%Y-%m-%d %H:%M:%S")
        return web.json_response(
            {
                "now": now.isoformat(),
                "lang": lang,
                "as_of_text": text(lang, "web.as_of", time=as_of),
                "sources": [c.as_json() for c in cards],
            },
            headers={"Cache-Control": "no-store"},
        )

    async def api_series(self, request: web.Request) -> web.Response:
        """The chart's points (≤ 1,500), chosen once per (source, range, latest sample)."""
        d = self.deps
        source = await self._source(request)
        chart_range = self._range(request, "all")
        latest = await samples.latest_sample(d.db, source.id)
        key = ("series", source.label, chart_range.key, latest.ts.isoformat() if latest else "")

        async def series() -> bytes | None:
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

        return web.Response(body=await self._once(key, series), content_type="application/json")

    async def _once(
        self, key: tuple[str, ...], make: Callable[[], Awaitable[bytes | None]]
    ) -> bytes | None:
        """`make()`'s result, made once per key (keys name the latest sample, so a new sample
        makes a new one); concurrent requests for a key being made wait for it."""
        task = self._made.get(key)
        if task is None:
            task = asyncio.ensure_future(make())
            self._made[key] = task
            while len(self._made) > _MADE_CACHE_SIZE:
                self._made.popitem(last=False)
        else:
            self._made.move_to_end(key)
        try:
            return await asyncio.shield(task)
        except Exception:
            if self._made.get(key) is task:
                del self._made[key]
            raise

    async def api_history(self, request: web.Request) -> web.StreamResponse:
        """Every good sample as CSV, streamed in batches (memory stays flat for any history)."""
        d = self.deps
        source = await self._source(request)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": f'attachment; filename="{source.label}-history.csv"',
            }
        )
        await response.prepare(request)
        tz = d.settings.timezone
        await response.write(next(history_csv_lines([], tz)).encode())
        batch: list[Sample] = []
        async for sample in samples.iter_samples(d.db, source.id):
            batch.append(sample)
            if len(batch) >= 5000:
                await response.write(_csv_rows(batch, tz))
                batch.clear()
        await response.write(_csv_rows(batch, tz))
        await response.write_eof()
        return response

    async def healthz(self, request: web.Request) -> web.Response:
        reason = await self.unhealthy()
        if reason is None:
            return web.Response(text="ok\n", headers={"Cache-Control": "no-store"})
        return web.Response(status=503, text=reason + "\n", headers={"Cache-Control": "no-store"})

    async def unhealthy(self) -> str | None:
        """Why the bot is not healthy, or None: the database must take writes and every tracked
        source must have its sampling job."""
        d = self.deps
        if d.stopping.is_set():
            return "stopping"
        if d.db_health.error is not None:
            return f"database refuses writes: {d.db_health.error}"
        jobs = self.sampling_jobs()
        if jobs is None:
            return "sampler not running"
        tracked = {s.id for s in await source_store.list_sources(d.db)}
        missing = tracked - jobs
        if missing:
            return f"sampling jobs missing for {len(missing)} of {len(tracked)} sources"
        return None

    async def metrics(self, request: web.Request) -> web.Response:
        body = await metrics_text(self.deps)
        return web.Response(body=body, headers={"Content-Type": METRICS_CONTENT_TYPE})

    async def telegram_update(self, request: web.Request) -> web.Response:
        """An update from Telegram (webhook mode): refused with 403 unless it carries the
        secret token given to setWebhook."""
        hook = self.webhook
        assert hook is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), hook.secret.encode()):
            raise web.HTTPForbidden(text="wrong secret token")
        try:
            update = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="not JSON") from None
        if not isinstance(update, dict):
            raise web.HTTPBadRequest(text="not an update")
        await hook.receive(update)
        return web.Response(text="ok\n")
