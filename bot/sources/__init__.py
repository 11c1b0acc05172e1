"""Sources: each kind fetches a page and parses it into a Reading, or a Failure with its reason.

| kind | target | module |
| --- | --- | --- |
| `kakao` | channel id (`_xdhKKT`) | kakao.py |
| `telegram` | channel or group username (`durov`) | telegram.py |
| `web` | http(s) URL, with an extractor in the source's options | web.py |

Each is registered in kinds.py (`KINDS`), which everything dispatches through.
"""

from __future__ import annotations

import httpx

from bot.core.model import Failure, Reading, Source
from bot.core.reasons import Reason
from bot.settings import Settings
from bot.sources.kinds import KINDS
from bot.sources.parse import Parse, parse_inline
from bot.sources.telegram import MemberCount


async def read_source(
    client: httpx.AsyncClient,
    source: Source,
    settings: Settings,
    *,
    member_count: MemberCount | None = None,
    parse: Parse = parse_inline,
) -> Reading | Failure:
    """Take one reading of `source`; never raises for anything the outside world does. Pages
    are parsed by `parse` (the bot's is a `ParsePool`: off the event loop, within bounds)."""
    kind = KINDS.get(source.kind)
    if kind is None:
        return Failure(Reason.UNKNOWN_KIND, f"no reader for sources of kind {str(source.kind)!r}")
    return await kind.read(client, source, settings, member_count=member_count, parse=parse)
