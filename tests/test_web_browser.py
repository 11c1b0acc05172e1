"""The status page in a real headless browser (Debian's chromium, driven by Selenium): what a
visitor sees — the numbers and changes from stored samples, Korean for a Korean browser, the
figures updating after a new sample without a reload — with no errors in the console, and a
screenshot per language under tests/artifacts/ (look at them).

Selenium's calls block, so they run in a thread while the bot serves the page in this loop.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.settings import Settings
from storage import samples, sources
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import default_source_db, free_port, running_bot, wait_until
from tests.test_web import LIVE, NOW, expected_deltas, sampled, seed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="chromium and chromium-driver are not installed (apt-get install chromium "
    "chromium-driver; .ci/run does it as root)",
)


def make_driver(lang: str, width: int, height: int) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        f"--lang={lang}",
    ):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


@pytest.fixture
def browsers() -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for driver in opened:
        driver.quit()


def loaded(driver: Any) -> bool:
    return bool(
        driver.execute_script(
            "return document.readyState === 'complete' && document.fonts.status === 'loaded'"
            " && document.fonts.check('16px KR', '한')"
            " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        )
    )


def plotted(driver: Any) -> bool:
    """The interactive chart (uPlot, served by the bot) replaced the server's PNG."""
    return bool(
        driver.execute_script(
            "return document.body.dataset.plots === '1'"
            " && document.querySelector('#src-kakao img.chart').hidden"
            " && !!document.querySelector('#src-kakao .plot canvas')"
            # The Hangul face was loaded before the axes were drawn (no boxes for Hangul).
            " && document.querySelector('#src-kakao .plot').dataset.font === 'ready'"
        )
    )


def hover(driver: Any) -> list[str]:
    """Move the mouse over the chart; what its legend then says (the time, the count)."""
    from selenium.webdriver import ActionChains
    from selenium.webdriver.common.by import By

    over = driver.find_element(By.CSS_SELECTOR, "#src-kakao .u-over")
    ActionChains(driver).move_to_element_with_offset(over, over.size["width"] // 4, 0).perform()
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#src-kakao .u-legend .u-value")]


def hovered_count(values: list[str]) -> int:
    when, count = values
    assert re.search(r"2026\D+11\D+\d\d|\d\d/11/2026", when), when
    assert re.search(r"\d\d:\d\d", when), when
    assert re.fullmatch(r"\d{3},\d{3}", count), count
    return int(count.replace(",", ""))


def console_errors(driver: Any) -> list[dict[str, Any]]:
    """Errors and warnings (a font the browser refuses is only a warning)."""
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


async def test_the_page_in_a_real_browser_korean_and_english(
    settings: Settings, source_server: SourceServer, clock: FakeClock, browsers: list[Any]
) -> None:
    tuned = replace(settings, web_port=free_port(), web_refresh_seconds=0.5)
    await seed(tuned)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    day, midnight = expected_deltas()
    ARTIFACTS.mkdir(exist_ok=True)
    url = f"http://127.0.0.1:{tuned.web_port}/"

    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: sampled(bot, LIVE))

        # A phone-sized Korean browser.
        ko = await asyncio.to_thread(make_driver, "ko-KR,ko", 412, 1100)
        browsers.append(ko)
        await asyncio.to_thread(ko.get, url)
        await wait_until(lambda: asyncio.to_thread(loaded, ko), timeout=20)

        def texts(driver: Any) -> dict[str, str]:
            from selenium.webdriver.common.by import By

            card = driver.find_element(By.ID, "src-kakao")
            return {
                "lang": driver.find_element(By.TAG_NAME, "html").get_attribute("lang"),
                "name": card.find_element(By.TAG_NAME, "h2").text,
                "count": card.find_element(By.CSS_SELECTOR, ".num").text,
                "day": card.find_element(By.CSS_SELECTOR, '[data-k="day_text"]').text,
                "midnight": card.find_element(By.CSS_SELECTOR, '[data-k="midnight_text"]').text,
                "stale": card.find_element(By.CSS_SELECTOR, '[data-k="stale_text"]').text,
            }

        await asyncio.to_thread(ko.save_screenshot, str(ARTIFACTS / "web-ko-first.png"))
        seen = await asyncio.to_thread(texts, ko)
        assert seen == {
            "lang": "ko",
            "name": "배민커넥트",
            "count": f"{LIVE:,}",
            "day": f"24시간 전 대비: +{day:,}",
            "midnight": f"오늘 0시 이후: +{midnight:,}",
            "stale": "",
        }

        # The interactive chart: hovering shows the time and the count (Korean legend); before
        # any hover there is nothing to show and no legend ("시각: - 수치: -").
        await wait_until(lambda: asyncio.to_thread(plotted, ko), timeout=20)
        assert not await asyncio.to_thread(ko.execute_script, LEGEND_SHOWN)
        title = await asyncio.to_thread(ko.execute_script, "return document.title")
        assert title == "배민커넥트 친구 수 — 실시간 현황"
        assert 200_000 <= hovered_count(await asyncio.to_thread(hover, ko)) <= LIVE
        legend = await asyncio.to_thread(
            ko.execute_script, "return document.querySelector('#src-kakao .u-legend').innerText"
        )
        assert "시각" in legend and "수치" in legend

        # A new sample lands: the page shows it without a reload.
        await asyncio.to_thread(ko.execute_script, "window.__same_page = true;")
        clock.advance(timedelta(seconds=30))
        source_server.set_kakao_count("_xdhKKT", LIVE + 50)
        (source,) = await sources.list_sources(bot.deps.db)
        await bot.data.sampler.sample_once(source)

        async def updated() -> bool:
            return (await asyncio.to_thread(texts, ko))["count"] == f"{LIVE + 50:,}"

        await wait_until(updated, timeout=10)
        assert await asyncio.to_thread(ko.execute_script, "return window.__same_page === true")
        after = await asyncio.to_thread(texts, ko)
        assert after["day"] == f"24시간 전 대비: +{day + 50:,}"
        await wait_until(lambda: asyncio.to_thread(loaded, ko), timeout=20)
        await asyncio.to_thread(hover, ko)
        assert await asyncio.to_thread(console_errors, ko) == []
        await asyncio.to_thread(ko.save_screenshot, str(ARTIFACTS / "web-ko.png"))

        # A desktop-sized English browser.
        en = await asyncio.to_thread(make_driver, "en-US,en", 1280, 1000)
        browsers.append(en)
        await asyncio.to_thread(en.get, url)
        await wait_until(lambda: asyncio.to_thread(loaded, en), timeout=20)
        seen_en = await asyncio.to_thread(texts, en)
        assert seen_en["lang"] == "en"
        assert seen_en["count"] == f"{LIVE + 50:,}"
        assert seen_en["day"] == f"24 h: +{day + 50:,}"
        await wait_until(lambda: asyncio.to_thread(plotted, en), timeout=20)
        assert 200_000 <= hovered_count(await asyncio.to_thread(hover, en)) <= LIVE + 50
        title = await asyncio.to_thread(en.execute_script, "return document.title")
        assert title == "배민커넥트 friends — live"
        await asyncio.to_thread(en.save_screenshot, str(ARTIFACTS / "web-en.png"))
        assert await asyncio.to_thread(console_errors, en) == []


# What a drawn time axis holds: its ticks' texts and x, and the font they are drawn in; each
# text's width is measured here, in the browser, with a canvas of that font (not page.js's).
TICK_BOXES = """
const drawn = window.__ticks(arguments[0]);
if (!drawn) return null;
const ctx = document.createElement('canvas').getContext('2d');
ctx.font = drawn.font;
return drawn.ticks.map(t => {
  const w = ctx.measureText(t.text).width;
  return {text: t.text, left: t.x - w / 2, right: t.x + w / 2};
});
"""

LEGEND_SHOWN = """
const legend = document.querySelector('#src-kakao .u-legend');
return !!legend && getComputedStyle(legend).visibility !== 'hidden';
"""


def overlaps(boxes: list[dict[str, Any]], gap: float = 4.0) -> list[tuple[str, str]]:
    """Neighbouring tick labels closer than `gap` px (uPlot centres each on its tick)."""
    return [(a["text"], b["text"]) for a, b in pairwise(boxes) if a["right"] + gap > b["left"]]


async def seed_a_year(settings: Settings) -> None:
    """A year and a month of hourly samples up to an hour before NOW, and a second source
    (a Kakao channel that does not exist) that has never had a sample."""
    start = NOW - timedelta(days=400)
    async with default_source_db(settings, start) as (db, src):
        rows = [Sample(start + timedelta(hours=h), 180_000 + 2 * h) for h in range(400 * 24 - 1)]
        await samples.insert_samples(db, src.id, rows)
        await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target="_nosuch",
            label="ghost",
            interval_seconds=3600,
            created_at=start,
            name="없는 채널",
        )


async def test_date_ticks_never_overlap_and_a_source_without_data_says_so(
    settings: Settings, source_server: SourceServer, clock: FakeClock, browsers: list[Any]
) -> None:
    """At 30 days and all, on a desktop (1280) and a phone (390), Korean and English: the
    time axis' labels, measured, never touch; the legend waits for a hover; "as of" names its
    zone; a source with no sample shows a sentence (no broken image, no promise beside its
    failures). Screenshots of each, with and without JavaScript, under tests/artifacts/."""
    tuned = replace(settings, web_port=free_port(), web_refresh_seconds=30)
    await seed_a_year(tuned)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    ARTIFACTS.mkdir(exist_ok=True)
    root = f"http://127.0.0.1:{tuned.web_port}/"

    async with running_bot(tuned, clock) as bot:
        kakao = await sources.source_by_label(bot.deps.db, "kakao")
        ghost = await sources.source_by_label(bot.deps.db, "ghost")
        assert kakao is not None and ghost is not None
        await bot.data.sampler.sample_once(kakao)
        for _ in range(3):
            await bot.data.sampler.sample_once(ghost)

        for lang in ("ko", "en"):
            driver = await asyncio.to_thread(make_driver, lang, 1280, 1000)
            browsers.append(driver)
            for width, height in ((1280, 1000), (390, 1500)):
                await asyncio.to_thread(driver.set_window_size, width, height)
                for chart_range in ("30d", "all"):
                    url = f"{root}?range={chart_range}&lang={lang}"
                    await asyncio.to_thread(driver.get, url)
                    await wait_until(lambda d=driver: asyncio.to_thread(loaded, d), timeout=20)
                    await wait_until(lambda d=driver: asyncio.to_thread(plotted, d), timeout=20)
                    boxes = await asyncio.to_thread(driver.execute_script, TICK_BOXES, "kakao")
                    where = f"{lang} {width}px {chart_range}: {[b['text'] for b in boxes]}"
                    assert len(boxes) >= 2, where
                    assert overlaps(boxes) == [], where
                    assert not await asyncio.to_thread(driver.execute_script, LEGEND_SHOWN)
                    name = f"web-ticks-{lang}-{width}-{chart_range}.png"
                    await asyncio.to_thread(driver.save_screenshot, str(ARTIFACTS / name))
            await asyncio.to_thread(hover, driver)
            assert await asyncio.to_thread(driver.execute_script, LEGEND_SHOWN)

            seen = await asyncio.to_thread(driver.execute_script, NO_DATA_CARD)
            assert seen["img"] is False and seen["nochart"], seen
            assert seen["failing"] and not re.search(r"within|안에", seen["day"]), seen
            assert "(Asia/Seoul)" in seen["as_of"], seen
            assert seen["range"], seen
            assert console_errors(driver) == []

        # Without JavaScript: the server's PNG (a phone gets its own), and the same sentence.
        for lang in ("ko", "en"):
            plain = await asyncio.to_thread(make_driver, lang, 1280, 1000)
            browsers.append(plain)
            plain.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
            for width, height in ((1280, 1000), (390, 1500)):
                await asyncio.to_thread(plain.set_window_size, width, height)
                for chart_range in ("30d", "all"):
                    url = f"{root}?range={chart_range}&lang={lang}"
                    await asyncio.to_thread(plain.get, url)
                    await wait_until(lambda d=plain: asyncio.to_thread(loaded, d), timeout=20)
                    seen = await asyncio.to_thread(plain.execute_script, NO_DATA_CARD)
                    assert seen["img"] is False and seen["nochart"], seen
                    assert seen["phone"] == (width < 600) and seen["fits"], (width, seen)
                    name = f"web-nojs-{lang}-{width}-{chart_range}.png"
                    await asyncio.to_thread(plain.save_screenshot, str(ARTIFACTS / name))


NO_DATA_CARD = """
const ghost = document.getElementById('src-ghost'), kakao = document.getElementById('src-kakao');
const text = (el, k) => (el.querySelector(`[data-k="${k}"]`) || {}).textContent || '';
const shown = el => !!el && !el.hidden && el.getClientRects().length > 0;
const img = kakao.querySelector('img.chart');
return {
  img: !!ghost.querySelector('img'),
  nochart: shown(ghost.querySelector('.nochart')) && text(ghost, 'nochart'),
  failing: text(ghost, 'failing_text'),
  day: text(ghost, 'day_text'),
  range: text(kakao, 'range_text'),
  as_of: text(document, 'as_of'),
  phone: img.currentSrc.includes('size=phone'),
  fits: img.getBoundingClientRect().width <= document.documentElement.clientWidth,
};
"""
