"""The page's own files (bot/web/static/page.css, page.js) as the bot serves them: the right
content types, named by a content hash in the page so browsers may keep them a year, an ETag
answered 304; and the page styled and charted without JavaScript in a real browser."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.core.ranges import RANGES
from bot.presentation.page import render_page
from bot.services.status_page import CARDS_TTL_SECONDS, StatusPage
from bot.settings import Settings
from bot.web.views.static import STATIC_DIR, read_page_files
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, running_bot, wait_until
from tests.test_web import LIVE, NOW, sampled, seed, web_settings
from tests.test_web_browser import ARTIFACTS, CHROMEDRIVER, CHROMIUM, loaded, make_driver

A_YEAR = "public, max-age=31536000, immutable"


async def test_the_page_names_its_style_and_script_by_content_and_the_bot_serves_them(
    settings: Settings, clock: FakeClock
) -> None:
    tuned = web_settings(settings)
    async with (
        running_bot(tuned, clock),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http,
    ):
        page = (await http.get("/?lang=ko")).text
        for name, kind in (("page.css", "text/css"), ("page.js", "text/javascript")):
            body = (STATIC_DIR / name).read_bytes()
            found = re.search(rf'"(static/{re.escape(name)}\?v=([0-9a-f]{{16}}))"', page)
            assert found is not None, name
            url, digest = found.groups()
            got = await http.get("/" + url)
            assert got.status_code == 200
            assert got.headers["content-type"] == f"{kind}; charset=utf-8"
            assert got.content == body
            assert got.headers["cache-control"] == A_YEAR
            assert got.headers["etag"] == f'"{digest}"'
            assert got.headers["x-content-type-options"] == "nosniff"

            again = await http.get("/" + url, headers={"If-None-Match": f'"{digest}"'})
            assert again.status_code == 304 and again.content == b""
            # Without the hash, or an old page's hash: the current file, kept only briefly.
            for stale in (f"/static/{name}", f"/static/{name}?v=0123456789abcdef"):
                got = await http.get(stale)
                assert got.content == body and got.headers["cache-control"] == "max-age=300"
        assert '<link rel="stylesheet" href="static/page.css?v=' in page
        assert '<script src="static/page.js?v=' in page
        for missing in ("/static/page.html", "/static/page.css.map", "/static/..%2Fserver.py"):
            assert (await http.get(missing)).status_code == 404


def test_a_changed_file_gets_a_new_url(tmp_path: Path) -> None:
    for name in ("page.css", "page.js"):
        (tmp_path / name).write_bytes((STATIC_DIR / name).read_bytes())
    before = read_page_files(tmp_path)
    assert before == read_page_files()
    (tmp_path / "page.css").write_text("body{color:red}\n")
    after = read_page_files(tmp_path)
    assert after["page.css"].url != before["page.css"].url
    assert after["page.js"].url == before["page.js"].url


def test_the_page_html_embeds_no_style_or_script_of_its_own() -> None:
    html = render_page([], "en", now=NOW, tz=SEOUL, stylesheet="s.css?v=1", script="p.js?v=2")
    assert '<link rel="stylesheet" href="s.css?v=1">' in html
    assert '<script src="p.js?v=2" defer></script>' in html
    assert "<style" not in html and "function" not in html


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None, reason="no chromium")
async def test_without_javascript_the_page_is_styled_and_shows_the_servers_chart(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    tuned = replace(web_settings(settings), web_refresh_seconds=0.5)
    await seed(tuned)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    ARTIFACTS.mkdir(exist_ok=True)

    def no_script_driver() -> Any:
        driver = make_driver("ko-KR,ko", 412, 1100)
        # Turn JavaScript off for pages (Selenium's own scripts still run, over DevTools).
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        return driver

    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: sampled(bot, LIVE))
        driver = await asyncio.to_thread(no_script_driver)
        try:
            await asyncio.to_thread(driver.get, f"http://127.0.0.1:{tuned.web_port}/")
            await wait_until(lambda: asyncio.to_thread(loaded, driver), timeout=20)
            seen = await asyncio.to_thread(
                driver.execute_script,
                "var img = document.querySelector('#src-kakao img.chart');"
                "return [getComputedStyle(document.querySelector('.num')).fontWeight,"
                " getComputedStyle(document.querySelector('.card')).borderRadius,"
                " img.hidden, img.naturalWidth, document.body.dataset.plots || '',"
                " document.querySelector('.num').textContent, typeof window.uPlot,"
                " img.currentSrc.includes('size=phone'),"
                " img.getBoundingClientRect().width <= document.documentElement.clientWidth]",
            )
            # A phone gets the phone's PNG (narrower, bigger words), scaled to the screen.
            assert seen == [
                "700", "12px", False, 720, "", f"{LIVE:,}", "undefined", True, True
            ]  # fmt: skip
            await asyncio.to_thread(driver.save_screenshot, str(ARTIFACTS / "web-ko-nojs.png"))
        finally:
            await asyncio.to_thread(driver.quit)


async def test_the_page_makes_each_thing_once_for_many_visitors(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    """Twenty visitors at once: one gathering of the cards per language, one drawing of the
    chart, one series; a new sample makes a new chart; the cards last CARDS_TTL_SECONDS."""
    tuned = web_settings(settings)
    await seed(tuned)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: sampled(bot, LIVE))
        ticks = [0.0]
        page = StatusPage(replace(bot.deps, monotonic=lambda: ticks[0]))
        (source,) = await page.shown()
        week = RANGES["7d"]
        pngs = await asyncio.gather(*(page.chart_png(source, week, "ko") for _ in range(20)))
        series = await asyncio.gather(*(page.series_json(source, week) for _ in range(20)))
        cards = await asyncio.gather(*(page.cards(lang) for lang in ("ko", "en") * 10))
        assert len(set(pngs)) == 1 and len(set(series)) == 1
        assert all(c is cards[0] for c in cards[::2]) and all(c is cards[1] for c in cards[1::2])
        assert page.made == {"cards": 2, "charts": 1, "series": 1}

        ticks[0] = CARDS_TTL_SECONDS + 0.01
        await page.cards("ko")
        clock.advance(timedelta(seconds=30))
        source_server.set_kakao_count("_xdhKKT", LIVE + 1)
        await bot.data.sampler.sample_once(source)
        await page.chart_png(source, week, "ko")
        assert page.made == {"cards": 3, "charts": 2, "series": 1}
