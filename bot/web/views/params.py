"""What a request asks for, read the same way by every view: the language, the range, the
source."""

from __future__ import annotations

from aiohttp import web

from bot.core.model import Source
from bot.core.ranges import RANGES, ChartRange
from bot.presentation.page import page_language
from bot.services.status_page import StatusPage


def lang_of(request: web.Request) -> str:
    """`?lang=`, else the browser's Accept-Language, else English."""
    return page_language(request.headers.get("Accept-Language"), request.query.get("lang"))


def range_of(request: web.Request, default: str) -> ChartRange:
    key = request.query.get("range", default)
    if key not in RANGES:
        raise web.HTTPBadRequest(text=f"range must be one of {', '.join(RANGES)}")
    return RANGES[key]


async def source_of(request: web.Request, page: StatusPage) -> Source:
    """The `{label}` in the path, if the page shows it; 404 for unknown and hidden alike."""
    source = await page.source(request.match_info["label"])
    if source is None:
        raise web.HTTPNotFound(text="no such source")
    return source
