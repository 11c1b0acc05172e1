"""What keeps the web edge standing under load: a cap on open connections (the excess answered
503 at once and closed), idle and slow-header connections closed by aiohttp's keep-alive timer
(it runs from the connection's start in aiohttp ≥ 3.10), a per-client rate for the costly
answers (429 with Retry-After), and malformed requests logged once a minute in one line."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from bot.core.retry import Monotonic, Sleep
from bot.core.token_bucket import Buckets, Pace, Rate, retry_after

MAX_CONNECTIONS = 512  # under systemd's LimitNOFILE with room for the database, HTTP, workers
KEEPALIVE_SECONDS = 15.0  # idle (or still sending its headers) this long: closed
# The kernel's queue of connections not yet accepted. At 128 a burst of a thousand overflowed it:
# the client believed it was connected while the bot had not seen it, so neither the cap's 503
# nor the keep-alive timer reached it until the kernel's retries got it in, up to ~30 s later.
BACKLOG = 2 * MAX_CONNECTIONS  # the kernel caps it at net.core.somaxconn (4096 by default)
MAX_LINE = 8190  # request line and header sizes (aiohttp's defaults, said here)
COSTLY = re.compile(r"^/(chart/[^/]+\.png|api/sources/[^/]+/series)$")
CSV = re.compile(r"^/api/sources/[^/]+/history\.csv$")
DEFAULT_RATE = Rate(burst=30, per_second=3)  # charts and series, per client
CSV_RATE = Rate(burst=3, per_second=1 / 20)  # whole histories: three, then one every 20 s
PACE = Rate(burst=100, per_second=200)  # every GET, all clients together (a page polls 1/30 s)
PACE_LONGEST = 2.0  # queued longer than this: 503
LOG_EVERY = 60.0

_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 5\r\n"
    b"Content-Length: 14\r\nConnection: close\r\n\r\ntoo busy, wait"
)


class _Busy(asyncio.Protocol):
    """A connection past the cap: told 503 and closed, costing one write."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(_BUSY)
        transport.close()


class CappedFactory:
    """aiohttp's protocol factory, refusing connections past `most` open ones.

    A burst is accepted in one go: asyncio calls the factory for each connection, and each
    joins `server.connections` only at its `connection_made`, queued on the loop right after.
    Those handed out and not yet made count too, or a burst of a thousand would all get in."""

    def __init__(self, server: web.Server, most: int = MAX_CONNECTIONS) -> None:
        self.server = server
        self.most = most
        self.refused = 0
        self._being_made = 0

    def __call__(self) -> asyncio.Protocol:
        if len(self.server.connections) + self._being_made >= self.most:
            self.refused += 1
            return _Busy()
        self._being_made += 1
        # queued before the transport queues connection_made, so it runs just ahead of it
        asyncio.get_running_loop().call_soon(self._made)
        return self.server()

    def _made(self) -> None:
        self._being_made -= 1


def rate_limit(rate: Rate, monotonic: Monotonic, csv_rate: Rate = CSV_RATE) -> Middleware:
    """A middleware: each client's costly requests spend tokens; none left → 429."""
    charts, histories = Buckets(rate), Buckets(csv_rate)

    @web.middleware
    async def limited(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        path = request.path
        buckets = charts if COSTLY.match(path) else histories if CSV.match(path) else None
        if buckets is not None:
            wait = buckets.take(request.remote or "?", monotonic())
            if wait:
                raise web.HTTPTooManyRequests(
                    text="too many requests; wait and try again\n",
                    headers={"Retry-After": retry_after(wait)},
                )
        return await handler(request)

    return limited


def paced(
    rate: Rate, monotonic: Monotonic, sleep: Sleep, longest: float = PACE_LONGEST
) -> Middleware:
    """A middleware: GETs beyond `rate` wait their turn (up to `longest`, then 503), so a flood
    of page and API requests slows its senders rather than everyone's chat answers."""
    pace = Pace(rate, longest)

    @web.middleware
    async def pacing(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.method == "GET":
            wait = pace.reserve(monotonic())
            if wait is None:
                raise web.HTTPServiceUnavailable(
                    text="too busy; try again shortly\n", headers={"Retry-After": "2"}
                )
            if wait:
                await sleep(wait)
        return await handler(request)

    return pacing


class OncePerMinute(logging.Filter):
    """aiohttp's "Error handling request" (a malformed request, a dropped client): one line
    without traceback, at most once a minute, with how many were left out."""

    def __init__(self, monotonic: Monotonic, every: float = LOG_EVERY) -> None:
        super().__init__()
        self.monotonic = monotonic
        self.every = every
        self._last: float | None = None
        self._left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.getMessage().startswith("Error handling request"):
            return True
        now = self.monotonic()
        if self._last is not None and now - self._last < self.every:
            self._left_out += 1
            return False
        exc = record.exc_info[1] if record.exc_info else None
        reason = f"{type(exc).__name__}: {str(exc)[:120]}" if exc else "no detail"
        left_out = f" ({self._left_out} more in the last minute)" if self._left_out else ""
        record.msg = f"{record.getMessage()}: {reason}{left_out}".replace("\n", " ")
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        self._last, self._left_out = now, 0
        return True
