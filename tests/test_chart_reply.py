"""One chart reply for every answer with a chart: identical requests at once share one drawing
and one upload (then Telegram's file id), and the cooldown is decided in one place."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from bot.chat.ratelimit import Cooldown
from bot.core.model import Sample, Source
from bot.core.ranges import RANGES
from bot.core.source_choice import ChartWords
from bot.demo.bot_api import FakeTelegramAPI
from bot.services.chart_reply import ChartReplies, Drawn, Wait
from bot.services.deps import Deps
from bot.settings import Settings
from storage import samples
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import default_source_db, running_bot, wait_until
from tests.test_buttons import NOW, sampled, seed

CHATS = range(2001, 2201)  # two hundred chats at once (issue 18)


async def test_two_hundred_identical_charts_at_once_are_drawn_once_and_uploaded_once(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 1))  # no new sample in the middle of the test
        for chat in CHATS:
            telegram.send_command("/chart 7d", chat_id=chat, user_id=chat)
        for chat in CHATS:
            await telegram.await_messages(chat, 1, timeout=60)
        photos = [telegram.messages_to(chat)[0] for chat in CHATS]
        assert bot.data.charts.cache.made == 1
        uploaded = [p for p in photos if p.photo is not None]
        assert len(uploaded) == 1
        assert {p.photo_file_id for p in photos} == {uploaded[0].photo_file_id}
        assert all((p.text or "").endswith("last 7 days") for p in photos)
        assert telegram.errors == []


@pytest.fixture
async def charted(settings: Settings, clock: FakeClock) -> AsyncIterator[tuple[Deps, Source]]:
    clock.set(NOW)
    async with default_source_db(settings, NOW - timedelta(days=2)) as (db, source):
        rows = [Sample(NOW - timedelta(hours=k), 1_000 + k) for k in range(48)]
        await samples.insert_samples(db, source.id, rows)
        async with httpx.AsyncClient() as http:
            yield Deps(settings=settings, clock=clock, db=db, http=http), source


async def test_requests_for_a_chart_being_drawn_wait_for_that_drawing(
    charted: tuple[Deps, Source],
) -> None:
    deps, source = charted
    charts = ChartReplies(deps)
    drawings = 0

    async def drawing() -> None:
        nonlocal drawings
        drawings += 1

    got = await asyncio.gather(
        *(charts.ready([source], RANGES["24h"], "en", before_drawing=drawing) for _ in range(20))
    )
    assert drawings == 1 and charts.cache.made == 1
    assert len({id(r.chart) for r in got if r is not None}) == 1
    # Another language is another chart; the same one again is served, not drawn.
    assert await charts.ready([source], RANGES["24h"], "ko") is not None
    assert await charts.ready([source], RANGES["24h"], "en") is not None
    assert charts.cache.made == 2


async def test_one_send_uploads_and_the_ones_that_waited_send_its_file_id(
    charted: tuple[Deps, Source],
) -> None:
    deps, source = charted
    charts = ChartReplies(deps)
    ready = await charts.ready([source], RANGES["7d"], "en")
    assert ready is not None
    sent: list[bytes | str] = []

    async def send(photo: bytes | str) -> str | None:
        sent.append(photo)
        await asyncio.sleep(0.01)  # the upload's round trip
        return "file-1" if isinstance(photo, bytes) else photo

    await asyncio.gather(*(charts.deliver(ready, send) for _ in range(20)))
    assert [p for p in sent if isinstance(p, bytes)] == [ready.chart.png]
    assert sent[1:] == ["file-1"] * 19
    kept = await charts.kept([source], RANGES["7d"], "en")
    assert kept is not None and kept.file_id == "file-1"


async def test_an_upload_that_gave_no_file_id_is_tried_by_the_next_send(
    charted: tuple[Deps, Source],
) -> None:
    deps, source = charted
    charts = ChartReplies(deps)
    ready = await charts.ready([source], RANGES["7d"], "en")
    assert ready is not None
    answers = iter([None, "file-2"])
    sent: list[bytes | str] = []

    async def send(photo: bytes | str) -> str | None:
        sent.append(photo)
        return next(answers) if isinstance(photo, bytes) else photo

    for _ in range(3):
        await charts.deliver(ready, send)
    assert sent == [ready.chart.png, ready.chart.png, "file-2"]


async def test_the_cooldown_is_per_chat_and_says_how_long_to_wait(
    charted: tuple[Deps, Source], clock: FakeClock
) -> None:
    deps, _ = charted
    charts = ChartReplies(deps, Cooldown(30))
    words = ChartWords(None, RANGES["24h"])
    tz = deps.settings.timezone
    assert isinstance(await charts.for_command(1, words, "en", tz), Drawn)
    clock.advance(timedelta(seconds=10))
    assert await charts.for_command(1, words, "en", tz) == Wait(20.0, 30.0)
    assert isinstance(await charts.for_command(2, words, "en", tz), Drawn)
    clock.advance(timedelta(seconds=21))
    assert isinstance(await charts.for_command(1, words, "en", tz), Drawn)
    assert charts.cache.made == 1  # the same chart each time


async def test_a_failed_upload_keeps_nothing_and_the_next_send_uploads(
    charted: tuple[Deps, Source],
) -> None:
    deps, source = charted
    charts = ChartReplies(deps)
    ready = await charts.ready([source], RANGES["7d"], "en")
    assert ready is not None

    async def refused(photo: bytes | str) -> str | None:
        raise RuntimeError("network trouble")

    with pytest.raises(RuntimeError):
        await charts.deliver(ready, refused)
    assert charts._uploads == {}  # only uploads under way are kept
    sent: list[bytes | str] = []

    async def send(photo: bytes | str) -> str | None:
        sent.append(photo)
        return "file-3"

    await charts.deliver(ready, send)
    await charts.deliver(ready, send)
    assert sent == [ready.chart.png, "file-3"] and charts._uploads == {}
