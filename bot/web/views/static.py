"""The page's own files: its style and script (bot/web/static/page.css, page.js), its icon, the
Korean font for devices without one, and uPlot as vendored from npm (scripts/vendor-uplot.sh).

The page names its style and script with a content hash (`page.css?v=<hash>`), so a browser
may keep them for a year and still gets a new one the moment the file changes; every answer
carries an ETag too, and a request that names it is answered 304.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.presentation.charts import korean_font_file
from bot.presentation.page import PAGE_ICON, web_font
from bot.services.once import Once

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
UPLOT_DIR = STATIC_DIR / "uplot"
_UPLOT_TYPES = {
    "uPlot.iife.min.js": "text/javascript",
    "uPlot.min.css": "text/css",
    "LICENSE": "text/plain",
}
PAGE_FILES = {"page.css": "text/css", "page.js": "text/javascript"}
MAX_FILE_BYTES = 16 * 1024 * 1024  # the font (~5 MB) and uPlot (~50 KB)
A_YEAR = "public, max-age=31536000, immutable"
A_DAY = "max-age=86400"
FIVE_MINUTES = "max-age=300"


@dataclass(frozen=True, slots=True)
class PageFile:
    name: str
    body: bytes
    content_type: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body).hexdigest()[:16]

    @property
    def url(self) -> str:
        """Relative to the page, as the page is served at the site's root or under a prefix."""
        return f"static/{self.name}?v={self.digest}"


def read_page_files(directory: Path = STATIC_DIR) -> dict[str, PageFile]:
    """The page's style and script, read once when the server is made (a few KB)."""
    return {
        name: PageFile(name, (directory / name).read_bytes(), kind)
        for name, kind in PAGE_FILES.items()
    }


class StaticViews:
    def __init__(self) -> None:
        self.files = read_page_files()
        self._font_file = korean_font_file()
        self._made: Once[str, bytes] = Once(max_bytes=MAX_FILE_BYTES, size_of=len)

    def url(self, name: str) -> str:
        return self.files[name].url

    async def page_file(self, request: web.Request) -> web.Response:
        """page.css or page.js: for a year under its current hash, else for five minutes."""
        file = self.files[request.match_info["name"]]
        current = request.query.get("v") == file.digest
        headers = {"Cache-Control": A_YEAR if current else FIVE_MINUTES, "ETag": f'"{file.digest}"'}
        if any(tag.value in (file.digest, "*") for tag in request.if_none_match or ()):
            return web.Response(status=304, headers=headers)
        return web.Response(
            body=file.body, content_type=file.content_type, charset="utf-8", headers=headers
        )

    async def icon(self, request: web.Request) -> web.Response:
        return web.Response(
            text=PAGE_ICON, content_type="image/svg+xml", headers={"Cache-Control": A_DAY}
        )

    async def uplot(self, request: web.Request) -> web.Response:
        """uPlot's script, style and license, as vendored (read once)."""
        name = request.match_info["name"]
        content_type = _UPLOT_TYPES.get(name)
        if content_type is None:
            raise web.HTTPNotFound()
        try:
            file = UPLOT_DIR / name
            body = await self._made.get(name, lambda: asyncio.to_thread(file.read_bytes))
        except OSError:
            raise web.HTTPNotFound() from None
        return web.Response(
            body=body, content_type=content_type, charset="utf-8", headers={"Cache-Control": A_DAY}
        )

    async def font(self, request: web.Request) -> web.Response:
        """NanumGothic, for browsers without a Korean font (made fit for them once, off the
        loop)."""
        path = self._font_file
        if path is None:
            raise web.HTTPNotFound()
        body = await self._made.get("font", lambda: asyncio.to_thread(web_font, path))
        return web.Response(body=body, content_type="font/ttf", headers={"Cache-Control": A_DAY})
