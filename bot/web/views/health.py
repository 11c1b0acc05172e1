"""What operators poll: `/healthz` (200 "ok", or 503 and why) and `/metrics` (Prometheus)."""

from __future__ import annotations

from aiohttp import web

from bot.services.deps import Deps
from bot.services.liveness import SamplingJobs, unhealthy
from bot.web.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from bot.web.metrics import metrics_text


class HealthViews:
    def __init__(self, deps: Deps, sampling_jobs: SamplingJobs) -> None:
        self.deps = deps
        self.sampling_jobs = sampling_jobs

    async def healthz(self, request: web.Request) -> web.Response:
        reason = await unhealthy(self.deps, self.sampling_jobs)
        if reason is None:
            return web.Response(text="ok\n", headers={"Cache-Control": "no-store"})
        return web.Response(status=503, text=reason + "\n", headers={"Cache-Control": "no-store"})

    async def metrics(self, request: web.Request) -> web.Response:
        body = await metrics_text(self.deps)
        return web.Response(body=body, headers={"Content-Type": METRICS_CONTENT_TYPE})
