"""Webhook mode: `POST <path>` from Telegram, refused with 403 unless it carries the secret
token given to setWebhook."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


@dataclass(frozen=True)
class Webhook:
    """Telegram POSTs each update as JSON to `path` with `secret` in SECRET_HEADER; `receive`
    hands it to the bot (the chat edge provides it, as the web edge knows nothing of Telegram's
    types)."""

    path: str
    secret: str
    receive: Callable[[dict[str, object]], Awaitable[None]]


class WebhookView:
    def __init__(self, hook: Webhook) -> None:
        self.hook = hook

    async def post(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.hook.secret.encode()):
            raise web.HTTPForbidden(text="wrong secret token")
        try:
            update = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="not JSON") from None
        if not isinstance(update, dict):
            raise web.HTTPBadRequest(text="not an update")
        await self.hook.receive(update)
        return web.Response(text="ok\n")
