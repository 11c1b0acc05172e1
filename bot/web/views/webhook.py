"""Webhook mode: `POST <path>` from Telegram, refused with 403 unless it carries the secret
token given to setWebhook (compared as bytes: a header that is not UTF-8 is just wrong), 400
for a body that is not an update, and an update seen before answered but not handed on again
(Telegram retries what it thinks was not delivered)."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
MAX_DEPTH = 32  # Telegram's updates nest a handful of levels
REMEMBERED = 10_000  # recent update ids kept to ignore a replay
BODY_SECONDS = 10.0  # the most a body may take to arrive


@dataclass(frozen=True)
class Webhook:
    """Telegram POSTs each update as JSON to `path` with `secret` in SECRET_HEADER; `receive`
    hands it to the bot (the chat edge provides it, as the web edge knows nothing of Telegram's
    types); it raises ValueError for what is not an update."""

    path: str
    secret: str
    receive: Callable[[dict[str, object]], Awaitable[None]]


def too_deep(value: object, most: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest deeper than `most` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > most:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _raw_header(request: web.Request, name: str) -> bytes:
    wanted = name.lower().encode()
    for key, value in request.raw_headers:
        if key.lower() == wanted:
            return value
    return b""


class WebhookView:
    def __init__(self, hook: Webhook) -> None:
        self.hook = hook
        self._secret = hook.secret.encode()
        self._seen: OrderedDict[int, None] = OrderedDict()

    async def post(self, request: web.Request) -> web.Response:
        if not hmac.compare_digest(_raw_header(request, SECRET_HEADER), self._secret):
            raise web.HTTPForbidden(text="wrong secret token")
        try:
            async with asyncio.timeout(BODY_SECONDS):
                body = await request.read()
        except TimeoutError:
            raise web.HTTPRequestTimeout(text="the body took too long") from None
        try:
            update = json.loads(body)
        except (ValueError, RecursionError):
            raise web.HTTPBadRequest(text="not JSON") from None
        update_id = update.get("update_id") if isinstance(update, dict) else None
        if type(update_id) is not int or too_deep(update):
            raise web.HTTPBadRequest(text="not an update")
        if update_id in self._seen:
            return web.Response(text="ok (seen before)\n")
        self._seen[update_id] = None
        if len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)
        try:
            await self.hook.receive(update)
        except ValueError:  # the chat edge could not read it as an update
            raise web.HTTPBadRequest(text="not an update") from None
        return web.Response(text="ok\n")
