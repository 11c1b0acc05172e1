"""One small aiohttp server in the bot's own event loop, read-only: the status page, the JSON
API, /metrics and /healthz (and in webhook mode Telegram's POSTs). Started in post_init, stopped
in post_shutdown (bot/app.py). This module holds the lifecycle and the routing table; each
answer is made in `bot/web/views/`, the work behind it in `bot/services/`.

aiohttp's AppRunner runs inside a loop it does not own and installs no signal handlers, so it
sits beside python-telegram-bot's polling without taking anything over.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.core.token_bucket import Rate
from bot.services.deps import Deps
from bot.services.liveness import SamplingJobs
from bot.services.status_page import StatusPage
from bot.web.edge import (
    BACKLOG,
    DEFAULT_RATE,
    KEEPALIVE_SECONDS,
    MAX_CONNECTIONS,
    MAX_LINE,
    PACE,
    CappedFactory,
    OncePerMinute,
    paced,
    rate_limit,
)
from bot.web.views.api import ApiViews
from bot.web.views.charts import ChartView
from bot.web.views.health import HealthViews
from bot.web.views.page import PageView
from bot.web.views.static import UPLOT_DIR, StaticViews
from bot.web.views.webhook import SECRET_HEADER, Webhook, WebhookView

__all__ = ["SECRET_HEADER", "UPLOT_DIR", "SamplingJobs", "WebServer", "Webhook"]

log = logging.getLogger(__name__)

_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}


@web.middleware
async def _headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    response = await handler(request)
    response.headers.update(_SECURITY_HEADERS)
    return response


class WebServer:
    def __init__(
        self,
        deps: Deps,
        sampling_jobs: SamplingJobs,
        webhook: Webhook | None = None,
        *,
        rate: Rate = DEFAULT_RATE,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.deps = deps
        self.status_page = StatusPage(deps)
        self._runner: web.AppRunner | None = None
        self._listening: asyncio.Server | None = None
        self._log_filter = OncePerMinute(deps.monotonic)
        self.max_connections = max_connections
        self.factory: CappedFactory | None = None
        self.port: int | None = None
        files = StaticViews()
        page = PageView(self.status_page, files, deps.settings)
        api = ApiViews(self.status_page, deps)
        chart = ChartView(self.status_page)
        health = HealthViews(deps, sampling_jobs)
        app = web.Application(
            middlewares=[
                paced(PACE, deps.monotonic, asyncio.sleep),
                _headers,
                rate_limit(rate, deps.monotonic),
            ]
        )
        app.add_routes(
            [
                web.get("/", page.get),
                web.get(r"/static/{name:page\.(?:css|js)}", files.page_file),
                web.get("/static/NanumGothic.ttf", files.font),
                web.get("/static/icon.svg", files.icon),
                web.get("/static/uplot/{name}", files.uplot),
                web.get("/favicon.ico", files.icon),
                web.get("/chart/{label}.png", chart.get),
                web.get("/api/sources", api.sources),
                web.get("/api/compare", api.compare),
                web.get("/api/sources/{label}/series", api.series),
                web.get("/api/sources/{label}/history.csv", api.history),
                web.get("/healthz", health.healthz),
                web.get("/metrics", health.metrics),
            ]
        )
        if webhook is not None:
            app.add_routes([web.post(webhook.path, WebhookView(webhook).post)])
        self.app = app

    async def start(self, host: str, port: int) -> None:
        """Listen with the edge's limits (bot/web/edge.py): a connection cap in front of
        aiohttp's own protocol, its keep-alive timer and header sizes."""
        runner = web.AppRunner(
            self.app,
            access_log=None,
            handle_signals=False,
            keepalive_timeout=KEEPALIVE_SECONDS,
            max_line_size=MAX_LINE,
            max_field_size=MAX_LINE,
        )
        await runner.setup()
        assert runner.server is not None
        self.factory = CappedFactory(runner.server, self.max_connections)
        try:
            listening = await asyncio.get_running_loop().create_server(
                self.factory, host, port, reuse_address=True, backlog=BACKLOG
            )
        except OSError:
            await runner.cleanup()
            raise
        self._runner, self._listening = runner, listening
        logging.getLogger("aiohttp.server").addFilter(self._log_filter)
        sockets = listening.sockets
        self.port = sockets[0].getsockname()[1] if sockets else port
        log.info("web page at http://%s:%s/", host, self.port)

    async def stop(self) -> None:
        """Stop serving (requests in flight finish first) and forget what was made."""
        runner, self._runner = self._runner, None
        listening, self._listening = self._listening, None
        if listening is not None:
            listening.close()
        if runner is not None:
            await runner.cleanup()
        logging.getLogger("aiohttp.server").removeFilter(self._log_filter)
        self.status_page.clear()
