"""The web edge through a real HTTP client against the running bot: the status page in both
languages, the JSON API, the chart, /healthz turning 503 while the database refuses writes, and
/metrics parsed by prometheus-client's own parser."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from bot.core.facts import NowFacts
from bot.core.figures import now_figures
from bot.core.kinds import SourceKind
from bot.core.model import Sample, Source
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.page import card, page_language, render_page
from bot.settings import Settings
from bot.web.server import UPLOT_DIR
from storage import failures as failure_store
from storage import samples, sources
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, default_source_db, free_port, running_bot, wait_until
from tests.test_sources_e2e import ADMIN, admin_settings, tme_page

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"
NOW = datetime(2026, 11, 25, 8, 59, tzinfo=SEOUL)
START = NOW - timedelta(days=8)
CHAT = 4242
LIVE = 207_000  # the trend goes on: +3 every 5 minutes, a little more now


def history_value(k: int) -> int:
    return 200_000 + 3 * k


async def seed(settings: Settings) -> None:
    """Eight days of 5-minute samples up to 5 minutes before NOW."""
    async with default_source_db(settings, START) as (db, src):
        rows = [Sample(START + timedelta(minutes=5 * k), history_value(k)) for k in range(8 * 288)]
        await samples.insert_samples(db, src.id, rows)


def expected_deltas() -> tuple[int, int]:
    day_ago = history_value(7 * 288)  # exactly 24 h before NOW
    # the first sample at or after local midnight: START is 08:59, midnight is 7 d 15 h 1 min on
    first_today = next(k for k in range(8 * 288) if 5 * k >= 7 * 1440 + 15 * 60 + 1)
    return LIVE - day_ago, LIVE - history_value(first_today)


def web_settings(settings: Settings) -> Settings:
    return replace(settings, web_port=free_port(), sample_interval_seconds=30)


async def sampled(bot: object, value: int) -> bool:
    deps = bot.deps  # type: ignore[attr-defined]
    (source,) = await sources.list_sources(deps.db)
    latest = await samples.latest_sample(deps.db, source.id)
    return latest is not None and latest.value == value


async def test_page_api_chart_and_metrics_against_stored_samples(
    settings: Settings, source_server: SourceServer, clock: FakeClock, telegram: FakeTelegramAPI
) -> None:
    tuned = web_settings(settings)
    await seed(tuned)
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    day, midnight = expected_deltas()
    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: sampled(bot, LIVE))
        base = f"http://127.0.0.1:{tuned.web_port}"
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            ko = await http.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.8"})
            assert ko.status_code == 200
            assert ko.headers["content-type"].startswith("text/html")
            assert '<html lang="ko">' in ko.text
            assert f"{LIVE:,}" in ko.text and "배민커넥트" in ko.text
            assert f"24시간 전 대비: +{day:,}" in ko.text
            assert f"오늘 0시 이후: +{midnight:,}" in ko.text
            assert "chart/kakao.png?range=7d&amp;lang=ko" in ko.text
            assert "오래된 수치" not in ko.text  # fresh: no stale warning

            en = await http.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
            assert '<html lang="en">' in en.text
            assert f"24 h: +{day:,}" in en.text and f"Since midnight: +{midnight:,}" in en.text
            assert '<html lang="ko">' in (await http.get("/?lang=ko")).text

            chart = await http.get("/chart/kakao.png?range=7d&lang=ko")
            assert chart.status_code == 200 and chart.content.startswith(PNG)
            assert (await http.get("/chart/kakao.png?range=7d&lang=ko")).content == chart.content
            assert (await http.get("/chart/nope.png")).status_code == 404
            assert (await http.get("/?range=1y")).status_code == 400

            api = (await http.get("/api/sources?lang=en")).json()
            (src,) = api["sources"]
            assert src["label"] == "kakao" and src["count"] == LIVE
            assert src["day_delta"] == day and src["midnight_delta"] == midnight
            assert src["stale"] is False and src["day_text"] == f"24 h: +{day:,}"

            series = (await http.get("/api/sources/kakao/series?range=7d")).json()
            points = series["points"]
            assert 0 < len(points) <= 1500
            assert points[-1]["value"] == LIVE
            assert len((await http.get("/api/sources/kakao/series")).json()["points"]) <= 1500

            csv = await http.get("/api/sources/kakao/history.csv")
            assert csv.headers["content-type"].startswith("text/csv")
            rows = csv.text.splitlines()
            assert rows[0] == "timestamp,count"
            assert len(rows) == 1 + 8 * 288 + 1
            assert rows[1] == f"{START.isoformat()},200000"
            assert rows[-1].endswith(f",{LIVE}")

            assert (await http.post("/api/sources")).status_code == 405  # read-only
            health = await http.get("/healthz")
            assert (health.status_code, health.text) == (200, "ok\n")

            telegram.send_command("/now", chat_id=CHAT)
            (reply,) = await telegram.await_messages(CHAT, 1)
            assert reply.text is not None
            assert f"24 h: +{day:,}" in reply.text  # the page and /now agree
            metrics = await http.get("/metrics")
            assert metrics.status_code == 200
            found = {
                (s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(metrics.text)
                for s in family.samples
            }
            lv = (("kind", "kakao"), ("source", "kakao"))
            assert found["channel_counter_source_value", lv] == LIVE
            assert found["channel_counter_source_last_sample_timestamp_seconds", lv] == (
                NOW.timestamp()
            )
            assert found["channel_counter_source_samples_total", lv] >= 1
            assert found["channel_counter_database_writable", ()] == 1
            assert found["channel_counter_telegram_updates_total", ()] >= 1
            assert found["channel_counter_telegram_messages_sent_total", ()] >= 1


async def test_a_stale_figure_and_a_failing_source_are_shown(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    tuned = web_settings(settings)
    await seed(tuned)
    clock.set(NOW + timedelta(hours=2))
    source_server.set_kakao_count("_xdhKKT", None)  # count hidden: every sample fails
    async with running_bot(replace(tuned, sample_attempts=1), clock) as bot:
        (source,) = await sources.list_sources(bot.deps.db)
        await bot.data.sampler.sample_once(source)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http:
            page = (await http.get("/", headers={"Accept-Language": "ko"})).text
            assert "⚠️ 오래된 수치예요" in page
            api = (await http.get("/api/sources")).json()["sources"][0]
            assert api["stale"] is True and api["failing_text"]
            metrics = (await http.get("/metrics")).text
            assert 'channel_counter_source_failures_total{kind="kakao",reason=' in metrics


async def test_healthz_is_503_while_the_database_refuses_writes(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    tuned = replace(web_settings(settings), db_busy_timeout_seconds=0.2, sample_attempts=1)
    source_server.set_kakao_count("_xdhKKT", 100)
    async with running_bot(tuned, clock) as bot:
        (source,) = await sources.list_sources(bot.deps.db)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http:
            await wait_until(lambda: bot.deps.db_health.error is None)
            assert (await http.get("/healthz")).status_code == 200
            locker = sqlite3.connect(tuned.database_path, isolation_level=None, timeout=0)
            locker.execute("BEGIN IMMEDIATE")
            try:
                clock.advance(timedelta(seconds=30))
                await bot.data.sampler.sample_once(source)
                refused = await http.get("/healthz")
                assert refused.status_code == 503
                assert refused.text.startswith("database refuses writes: database is locked")
                # Reads go on: the page still answers from what is stored.
                assert (await http.get("/")).status_code == 200
            finally:
                locker.execute("ROLLBACK")
                locker.close()
            clock.advance(timedelta(seconds=30))
            await bot.data.sampler.sample_once(source)
            assert (await http.get("/healthz")).status_code == 200
            # A source without its sampling job is unhealthy too.
            bot.data.schedule.stop(source.id)
            await wait_until(
                lambda: bot.application.job_queue.get_jobs_by_name(f"sample:{source.id}") == ()
            )
            missing = await http.get("/healthz")
            assert missing.status_code == 503 and "sampling jobs missing" in missing.text


async def test_healthz_is_503_after_intervals_without_a_good_sample_and_200_again(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    tuned = replace(web_settings(settings), sample_attempts=1)
    assert tuned.health_stale_intervals == 3
    source_server.set_kakao_count("_xdhKKT", None)  # the count is hidden: every sample fails
    async with running_bot(tuned, clock) as bot:
        (source,) = await sources.list_sources(bot.deps.db)
        step = timedelta(seconds=source.interval_seconds)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http:
            await wait_until(lambda: bot.deps.db_health.error is None)
            for _ in range(2):  # two failures, no sample ever: not yet three intervals
                clock.advance(step)
                await bot.data.sampler.sample_once(source)
            before = await failure_store.count_failures_since(bot.deps.db, source.id, None)
            while before < 3:
                clock.advance(step)
                await bot.data.sampler.sample_once(source)
                before = await failure_store.count_failures_since(bot.deps.db, source.id, None)
            sick = await http.get("/healthz")
            assert sick.status_code == 503
            assert sick.text.startswith("no good sample of kakao ever: ")
            assert "(latest: count_hidden)" in sick.text
            source_server.set_kakao_count("_xdhKKT", 1_234)
            clock.advance(step)
            await bot.data.sampler.sample_once(source)
            healthy = await http.get("/healthz")
            assert (healthy.status_code, healthy.text) == (200, "ok\n")
            # Off: the same outage is not a reason to restart anything.
        off = replace(tuned, health_stale_intervals=0)
    source_server.set_kakao_count("_xdhKKT", None)
    async with running_bot(off, clock) as bot:
        (source,) = await sources.list_sources(bot.deps.db)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{off.web_port}") as http:
            for _ in range(5):
                clock.advance(timedelta(hours=1))
                await bot.data.sampler.sample_once(source)
            assert (await http.get("/healthz")).status_code == 200


async def test_hidden_sources_are_kept_off_the_page_and_the_api(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    tuned = replace(web_settings(settings), web_hidden=frozenset({"kakao"}))
    await seed(tuned)
    clock.set(NOW)
    async with (
        running_bot(tuned, clock),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http,
    ):
        assert (await http.get("/api/sources")).json()["sources"] == []
        page = (await http.get("/?lang=en")).text
        assert "Nothing is tracked yet." in page and "배민커넥트" not in page
        for path in (
            "/chart/kakao.png",
            "/api/sources/kakao/series",
            "/api/sources/kakao/history.csv",
        ):
            assert (await http.get(path)).status_code == 404
        assert 'source="kakao"' in (await http.get("/metrics")).text


def test_page_language_follows_accept_language_and_the_override() -> None:
    assert page_language("ko-KR,ko;q=0.9,en-US;q=0.8") == "ko"
    assert page_language("en-US,en;q=0.9,ko;q=0.8") == "en"
    assert page_language("fr-FR,ko;q=0.5,en;q=0.4") == "ko"
    assert page_language("de, fr") == "en"
    assert page_language(None) == "en"
    assert page_language("ko;q=0, en;q=0.1") == "en"
    assert page_language("ko", "en") == "en"
    assert page_language("en", "xx") == "en"


def test_the_page_escapes_what_sources_say() -> None:
    hostile = Source(1, SourceKind.WEB, "https://x", "x", '<script>alert("1")</script>', 30)
    facts = NowFacts(hostile, NOW, Sample(NOW, 5), None, None, None, ())
    html = render_page([card(now_figures(facts, SEOUL), "en")], "en", now=NOW, tz=SEOUL)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;" in html
    assert html.count("<script") == 2  # only the page's own scripts (uPlot, page.js), by src
    assert html.count("<script src=") == 2


async def test_a_taken_port_leaves_the_bot_running_without_the_page(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = replace(settings, web_port=taken.getsockname()[1])
        async with running_bot(busy, clock):
            telegram.send_command("/help", chat_id=7001, user_id=7001)
            (reply,) = await telegram.await_messages(7001, 1)
    assert reply.text and reply.text.startswith("I watch public counts")


async def test_a_source_tracked_hidden_stays_off_the_page_and_the_api(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = admin_settings(web_settings(settings))
    clock.set(NOW)
    source_server.set_kakao_count("_xdhKKT", LIVE)
    source_server.set("/durov", tme_page("10 612 280"))
    async with (
        running_bot(tuned, clock),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http,
    ):
        telegram.send_command("/track telegram:durov durov hidden", chat_id=ADMIN, user_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text and reply.text.endswith(
            "It is kept off the status page and the JSON API."
        )
        labels = [s["label"] for s in (await http.get("/api/sources")).json()["sources"]]
        assert labels == ["kakao"]
        page = (await http.get("/?lang=en")).text
        assert "kakao" in page and "Durov" not in page and "durov" not in page
        for path in (
            "/chart/durov.png",
            "/api/sources/durov/series",
            "/api/sources/durov/history.csv",
        ):
            assert (await http.get(path)).status_code == 404
        assert (await http.get("/api/sources/kakao/series")).status_code == 200
        assert 'source="durov"' in (await http.get("/metrics")).text  # still sampled
        telegram.send_command("/now durov", chat_id=ADMIN, user_id=ADMIN)
        replies = await telegram.await_messages(ADMIN, 2)
        assert "10,612,280" in (replies[1].text or "")  # and still in Telegram


def test_the_vendored_uplot_is_the_pinned_npm_release_with_its_license() -> None:
    sums = (UPLOT_DIR / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    for line in filter(None, sums):
        digest, name = line.split()
        assert hashlib.sha256((UPLOT_DIR / name).read_bytes()).hexdigest() == digest, name
    version = (UPLOT_DIR / "VERSION").read_text(encoding="utf-8").strip()
    assert f"VERSION={version}" in (ROOT / "scripts" / "vendor-uplot.sh").read_text()
    script = (UPLOT_DIR / "uPlot.iife.min.js").read_text(encoding="utf-8")
    assert script.startswith(f"/*! https://github.com/leeoniya/uPlot (v{version}) */")
    assert "MIT License" in (UPLOT_DIR / "LICENSE").read_text(encoding="utf-8")


async def test_the_bot_serves_uplot_itself(settings: Settings, clock: FakeClock) -> None:
    tuned = web_settings(settings)
    async with (
        running_bot(tuned, clock),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{tuned.web_port}") as http,
    ):
        page = (await http.get("/?lang=en")).text
        for path, kind in (
            ("static/uplot/uPlot.iife.min.js", "text/javascript"),
            ("static/uplot/uPlot.min.css", "text/css"),
            ("static/uplot/LICENSE", "text/plain"),
        ):
            got = await http.get("/" + path)
            assert got.status_code == 200 and got.headers["content-type"].startswith(kind)
            assert got.content == (UPLOT_DIR / path.rpartition("/")[2]).read_bytes()
            assert path in page or path.endswith("LICENSE")
        for name in ("SHA256SUMS", "..%2F..%2Fserver.py", "nope.js"):
            assert (await http.get(f"/static/uplot/{name}")).status_code == 404
