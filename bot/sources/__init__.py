"""Sources: each kind fetches a page and parses it into a Reading, or a Failure with its reason.

| kind | target | module |
| --- | --- | --- |
| `kakao` | channel id (`_xdhKKT`) | kakao.py |
| `telegram` | channel or group username (`durov`) | telegram.py |
| `web` | http(s) URL, with an extractor in the source's options | web.py |
"""

from __future__ import annotations

from typing import Final

import httpx

from bot.core.model import Failure, Reading, Source
from bot.core.reasons import Reason
from bot.settings import Settings
from bot.sources import kakao, telegram, web
from bot.sources.parsing import Parse, parse_inline

KINDS: Final = ("kakao", "telegram", "web")


async def read_source(
    client: httpx.AsyncClient,
    source: Source,
    settings: Settings,
    *,
    member_count: telegram.MemberCount | None = None,
    parse: Parse = parse_inline,
) -> Reading | Failure:
    """Take one reading of `source`; never raises for anything the outside world does. Pages
    are parsed by `parse` (the bot's is a `ParsePool`: off the event loop, within bounds)."""
    if source.kind == "kakao":
        return await kakao.read_channel(client, settings.kakao_api_url, source.target, parse=parse)
    if source.kind == "telegram":
        return await telegram.read_channel(
            client,
            settings.telegram_web_url,
            source.target,
            member_count=member_count,
            timeout=settings.request_timeout_seconds,
            parse=parse,
        )
    if source.kind == "web":
        extractor = web.extractor_from_options(source.options)
        if isinstance(extractor, Failure):
            return extractor
        return await web.read_page(client, source.target, extractor, parse=parse)
    return Failure(Reason.UNKNOWN_KIND, f"no reader for sources of kind {source.kind!r}")
