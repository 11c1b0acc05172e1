"""The comparison on the status page and in /api/compare, on the two linear histories of
tests/test_compare_chat.py (the catch-up day is arithmetic), and the page's section in a real
browser (a screenshot per language under tests/artifacts/)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import free_port, running_bot, wait_until
from tests.test_compare_chat import NOW, baemin, coupang, sampled, seed
from tests.test_web_browser import (
    ARTIFACTS,
    CHROMEDRIVER,
    CHROMIUM,
    loaded,
    make_driver,
)


@pytest.fixture
def browsers() -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for driver in opened:
        driver.quit()


async def test_api_and_page_compare(
    settings: Settings, source_server: SourceServer, clock: FakeClock, browsers: list[Any]
) -> None:
    tuned = replace(settings, web_port=free_port())
    clock.set(NOW)
    await seed(tuned)
    source_server.set_kakao_count("_xdhKKT", baemin(NOW))
    source_server.set_kakao_count("_coupang", coupang(NOW), name="Coupang Eats")
    base = f"http://127.0.0.1:{tuned.web_port}"
    async with running_bot(tuned, clock) as bot, httpx.AsyncClient(base_url=base) as http:
        await wait_until(lambda: sampled(bot))
        got = (await http.get("/api/compare?labels=coupang,kakao&lang=en")).json()
        assert [s["label"] for s in got["sources"]] == ["coupang", "kakao"]
        kakao = got["sources"][1]
        assert kakao["figures"]["count"] == {"value": 96_080, "margin": 0, "approximate": False}
        assert kakao["figures"]["30d"]["value"] == 8_640
        assert kakao["figures"]["per_day"]["value"] == 288
        assert kakao["ranks"]["growth"] == {"place": 1, "tied": False}
        assert got["chosen"] == {"how": "named", "left_out": 0}
        (pair,) = got["pairs"]
        assert pair["caught"] is True
        assert (pair["chaser"], pair["leader"]) == ("kakao", "coupang")
        assert round(pair["days"], 2) == 62.22  # 8,960 / 144
        assert pair["on"] == "2027-01-31" == pair["soonest_on"] == pair["latest_on"]
        assert (
            pair["text"] == "배민커넥트 catches Coupang Eats in about 62 days, around 31 Jan 2027"
        )
        missing = await http.get("/api/compare?labels=nosuch")
        assert missing.status_code == 404 and missing.json()["labels"] == ["nosuch"]

        page = (await http.get("/?lang=ko")).text
        assert '<section class="compare" id="compare">' in page
        assert "나란히 비교 (전체 2개)" in page
        assert "<td>+0.30% (1위)</td>" in page
        assert "배민커넥트가 Coupang Eats를 약 62일 뒤 따라잡아요, 2027년 1월 31일쯤" in page

        if CHROMIUM is None or CHROMEDRIVER is None:
            return
        ARTIFACTS.mkdir(exist_ok=True)
        for lang, accept in (("ko", "ko-KR,ko"), ("en", "en-US,en")):
            driver = await asyncio.to_thread(make_driver, accept, 900, 1400)
            browsers.append(driver)
            await asyncio.to_thread(driver.get, f"{base}/")
            await wait_until(lambda d=driver: asyncio.to_thread(loaded, d), timeout=20)
            shown = await asyncio.to_thread(
                driver.execute_script,
                "const s = document.getElementById('compare');"
                "s.scrollIntoView(); return s.innerText",
            )
            assert ("배민커넥트" in shown) and ("Coupang Eats" in shown)
            assert ("성장률" if lang == "ko" else "growth") in shown
            await asyncio.to_thread(
                driver.save_screenshot, str(ARTIFACTS / f"web-compare-{lang}.png")
            )
