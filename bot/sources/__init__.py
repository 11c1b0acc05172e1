"""Sources: each kind fetches a page and parses it into a Reading, or a Failure with its reason."""

from __future__ import annotations

import httpx

from bot.model import Failure, Reading, Source
from bot.settings import Settings
from bot.sources import kakao


async def read_source(
    client: httpx.AsyncClient, source: Source, settings: Settings
) -> Reading | Failure:
    """Take one reading of `source`; never raises for anything the outside world does."""
    if source.kind == "kakao":
        return await kakao.read_channel(client, settings.kakao_api_url, source.target)
    return Failure("unknown_kind", f"no reader for sources of kind {source.kind!r}")
