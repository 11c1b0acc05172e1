"""The web edge under load, over real HTTP: history.csv streams every sample, a client past its
rate on the costly routes gets 429 with Retry-After, connections past the cap are told 503 at
once (and the page answers again when they go), a malformed request is logged in one line."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from bot.core.model import Sample
from bot.settings import Settings
from bot.web.edge import MAX_CONNECTIONS
from storage import samples
from tests.fakes.clock import FakeClock
from tests.running import default_source_db, free_port, running_bot

START = datetime(2020, 9, 5, 0, 0, tzinfo=UTC)


async def test_history_csv_streams_every_sample_and_past_its_rate_is_429(
    settings: Settings, clock: FakeClock
) -> None:
    tuned = replace(settings, web_port=free_port())
    rows = [Sample(START + timedelta(seconds=30 * i), 7 + i) for i in range(45_000)]
    async with default_source_db(tuned, START) as (db, kakao):
        await samples.insert_samples(db, kakao.id, rows)
    tz = ZoneInfo("Asia/Seoul")
    want = "timestamp,count\n" + "".join(
        f"{s.ts.astimezone(tz).isoformat()},{s.value}\n" for s in rows
    )
    async with running_bot(tuned, clock):
        url = f"http://127.0.0.1:{tuned.web_port}/api/sources/kakao/history.csv"
        async with httpx.AsyncClient(timeout=30) as http:
            got = list(await asyncio.gather(*(http.get(url) for _ in range(4))))
            assert sorted(r.status_code for r in got) == [200, 200, 200, 429]
            got.sort(key=lambda r: r.status_code)
            assert got[0].text == want
            assert int(got[3].headers["Retry-After"]) >= 1
            healthz = await http.get(f"http://127.0.0.1:{tuned.web_port}/healthz")
            assert healthz.status_code in (200, 503)  # cheap routes are not rationed


async def test_connections_past_the_cap_are_told_503_and_the_page_comes_back(
    settings: Settings, clock: FakeClock
) -> None:
    tuned = replace(settings, web_port=free_port())
    async with running_bot(tuned, clock):
        opened: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        try:
            for _ in range(MAX_CONNECTIONS):
                opened.append(await asyncio.open_connection("127.0.0.1", tuned.web_port))
            await asyncio.sleep(0.2)
            extra = [await asyncio.open_connection("127.0.0.1", tuned.web_port) for _ in range(5)]
            for reader, writer in extra:
                answer = await asyncio.wait_for(reader.read(), 5)
                assert answer.startswith(b"HTTP/1.1 503"), answer[:40]
                writer.close()
        finally:
            for _, writer in opened:
                writer.close()
        async with httpx.AsyncClient(timeout=10) as http:
            for _ in range(50):
                try:
                    got = await http.get(f"http://127.0.0.1:{tuned.web_port}/api/sources")
                except httpx.HTTPError:
                    got = None
                if got is not None and got.status_code == 200:
                    break
                await asyncio.sleep(0.1)
            assert got is not None and got.status_code == 200


async def test_a_burst_of_connections_at_once_is_held_to_the_cap(
    settings: Settings, clock: FakeClock
) -> None:
    """A burst is accepted in one go (the listen backlog holds it); the cap counts connections
    still being set up too, so no more than the cap stay open."""
    tuned = replace(settings, web_port=free_port())
    burst = MAX_CONNECTIONS + 200
    async with running_bot(tuned, clock):
        opened = await asyncio.gather(
            *(asyncio.open_connection("127.0.0.1", tuned.web_port) for _ in range(burst))
        )
        try:

            async def told_503(reader: asyncio.StreamReader) -> bool:
                try:
                    return (await asyncio.wait_for(reader.read(12), 3)).startswith(b"HTTP/1.1 503")
                except TimeoutError:
                    return False

            told = await asyncio.gather(*(told_503(reader) for reader, _ in opened))
        finally:
            for _, writer in opened:
                writer.close()
    assert burst - sum(told) <= MAX_CONNECTIONS


async def test_malformed_requests_are_logged_once_in_one_line(
    settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    tuned = replace(settings, web_port=free_port())
    async with running_bot(tuned, clock):
        with caplog.at_level(logging.DEBUG, logger="aiohttp.server"):
            for _ in range(5):
                reader, writer = await asyncio.open_connection("127.0.0.1", tuned.web_port)
                writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nBad header line\r\n\r\n")
                answer = await asyncio.wait_for(reader.read(), 5)
                assert answer.split(b" ")[1] == b"400", answer[:40]
                writer.close()
    logged = [r for r in caplog.records if r.name == "aiohttp.server" and r.levelno >= logging.INFO]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert logged[0].exc_info is None and "\n" not in logged[0].getMessage()
