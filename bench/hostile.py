"""Bench 7: /now for another chat while a hostile source is sampled (issue 9), beside a
well-behaved source; and the bot's peak resident size while it samples decompression bombs.

Each case: a web source on the local source server, sampled over and over by the Sampler,
while /now from another chat goes through the real Application (process_update → handler →
sendMessage to the fake Bot API). Ours parses in the ParsePool's worker processes; the seed's
way parses on the event loop (bench/baselines.py `seed_parse`), on smaller hostile pages so the
run ends (its parse time grows quadratically with nesting, exponentially with the `a`s).
"""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench.baselines import SEED_PARSE, seed_parse
from bench.harness import bench_settings, bot_app, command_update
from bench.history import NOW
from bench.report import Report, Row, ms, percentile
from bot.chat.context import BotApplication, BotData
from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading, Source
from bot.demo.bot_api import FakeTelegramAPI
from bot.sources.parse import ParseFunction
from bot.sources.web import extract_count, extractor_options, parse_extractor
from storage import sources as source_store
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer

CHAT = 778
SPACING = 0.02


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    extractor: str
    ours: bytes  # the page the bot's way is given
    seed: bytes  # the page the seed's way is given (smaller where it would take minutes)
    burn: bool = False  # the parse itself spins: what the worker's CPU budget is for


def nested(depth: int) -> bytes:
    return b"<div>" * depth + b"1" + b"</div>" * depth


CASES = (
    Case("well-behaved page", "css:#n", b"<p id=n>12,345</p>", b"<p id=n>12,345</p>"),
    Case("nested <div>", "css:#n", nested(100_000), nested(40_000)),
    Case("(a+)+$ pattern", "regex:(a+)+$", b"a" * 25 + b"b", b"a" * 23 + b"b"),
    Case("deep JSON", "json:$.n", b"[" * 100_000, b"[" * 100_000),
    Case("a parse that never ends", "css:#n", b"<p id=n>1</p>", b"", burn=True),
)


def spin(*_: object) -> Reading | Failure:
    """Stands for whatever might get past the nesting scan and RE2: it only stops when killed."""
    while True:
        pass


async def bench_hostile(
    report: Report, workdir: Path, telegram: FakeTelegramAPI, *, calls: int, seed_calls: int
) -> None:
    with SourceServer() as server:
        settings = bench_settings(workdir / "hostile.db", telegram.root_url, server.url)
        server.set_kakao_count(settings.kakao_channel_id, 1_234)
        async with bot_app(settings, FakeClock(NOW)) as (app, data):
            ours_parse = data.deps.parse
            # Start both workers first: their spawn (~0.3 s of CPU each) is not the parse.
            warm = parse_extractor("css:#n")
            await asyncio.gather(*(ours_parse(extract_count, "<p id=n>1</p>", warm) for _ in "ab"))
            for case in CASES:
                server.set("/ours", Response(body=case.ours))
                server.set("/seed", Response(body=case.seed))
                if case.burn:

                    async def burning(fn: ParseFunction, /, *args: Any) -> Reading | Failure:
                        return await ours_parse(spin, *args)

                    data.deps.parse = burning
                try:
                    ours, outcome = await _now_while_sampling(
                        app, data, telegram, await _source(data, server, "ours", case), calls
                    )
                finally:
                    data.deps.parse = ours_parse
                if case.burn:  # on the loop it would never answer again
                    report.add(
                        Row(
                            f"7 /now while sampling: {case.name}",
                            "2 s CPU",
                            f"p50 {ms(percentile(ours, 50))} · p99 {ms(percentile(ours, 99))} "
                            f"(n={len(ours)}; {_said(outcome)})",
                            "never answers",
                            "p99 < 100 ms",
                            percentile(ours, 99) < 0.1,
                        )
                    )
                    continue
                data.deps.parse = seed_parse
                try:
                    seed, _ = await _now_while_sampling(
                        app, data, telegram, await _source(data, server, "seed", case), seed_calls
                    )
                finally:
                    data.deps.parse = ours_parse
                seed_size = "" if case.seed == case.ours else f" on {_size(case.seed)}"
                report.add(
                    Row(
                        f"7 /now while sampling: {case.name}",
                        _size(case.ours),
                        f"p50 {ms(percentile(ours, 50))} · p99 {ms(percentile(ours, 99))} "
                        f"(n={len(ours)}; {_said(outcome)})",
                        f"p50 {ms(percentile(seed, 50))} · p99 {ms(percentile(seed, 99))}"
                        f"{seed_size} (n={len(seed)})",
                        "p99 < 100 ms",
                        percentile(ours, 99) < 0.1,
                    )
                )
            await _bombs(report, data, server)
    report.note(
        f"7 hostile: {SEED_PARSE}; ours: bot/sources/parsing.py worker processes (2 s CPU, "
        "768 MiB address space each), a nesting scan before lexbor, RE2 for patterns. /now "
        "goes through Application.process_update to the fake Bot API while the source is "
        "sampled back to back."
    )


async def _source(data: BotData, server: SourceServer, path: str, case: Case) -> Source:
    for old in await source_store.list_sources(data.deps.db):
        if old.kind is SourceKind.WEB:
            await source_store.remove_source(data.deps.db, old.id)
    return await source_store.add_source(
        data.deps.db,
        kind=SourceKind.WEB,
        target=f"{server.url}/{path}",
        label=path,
        interval_seconds=3600,
        created_at=NOW,
        options=extractor_options(parse_extractor(case.extractor)),
    )


async def _now_while_sampling(
    app: BotApplication, data: BotData, telegram: FakeTelegramAPI, source: Source, calls: int
) -> tuple[list[float], Reading | Failure | None]:
    done = asyncio.Event()
    last: list[Reading | Failure] = []

    async def keep_sampling() -> None:
        while not done.is_set():
            last.append(await data.sampler.sample_once(source))
            await asyncio.sleep(0)

    sampling = asyncio.create_task(keep_sampling())
    delays: list[float] = []
    try:
        await asyncio.sleep(0.2)
        for _ in range(calls):
            update = command_update(app, "/now", chat_id=CHAT, at=NOW)
            started = time.perf_counter()
            await app.process_update(update)
            delays.append(time.perf_counter() - started)
            await asyncio.sleep(SPACING)
    finally:
        done.set()
        await sampling
        telegram.clear()
    return delays, (last[-1] if last else None)


async def _bombs(report: Report, data: BotData, server: SourceServer) -> None:
    """Peak resident size of the bot's process while it samples each bomb a few times."""
    zeros = bytes(256 << 20)
    stacked = gzip.compress(gzip.compress(zeros, 9), 9)
    single = gzip.compress(zeros, 9)
    del zeros
    bombs = (
        ("stacked gzip bomb (gzip, gzip)", stacked, "gzip, gzip"),
        ("gzip bomb (2 MiB cap)", single, "gzip"),
    )
    for name, body, encoding in bombs:
        server.set("/bomb", Response(body=body, headers={"Content-Encoding": encoding}))
        source = await _source(data, server, "bomb", Case(name, "css:#n", body, body))
        outcomes: list[Reading | Failure] = []
        peak, before = await _peak_rss(
            lambda: _sample_times(data, source, 5, outcomes)  # noqa: B023 - awaited right here
        )
        report.add(
            Row(
                f"7 peak RSS while sampling: {name}",
                f"{_size(body)} → 256 MiB",
                f"{peak / 2**20:.0f} MB peak (before {before / 2**20:.0f} MB; "
                f"{_said(outcomes[-1])})",
                "issue 9: 98 MB → 2.1 GB at 1 GiB",
                "< 200 MB",
                peak < 200 << 20,
            )
        )


async def _sample_times(
    data: BotData, source: Source, times: int, outcomes: list[Reading | Failure]
) -> None:
    for _ in range(times):
        outcomes.append(await data.sampler.sample_once(source))


async def _peak_rss(work: Callable[[], Awaitable[None]]) -> tuple[int, int]:
    process = psutil.Process()
    before = process.memory_info().rss
    peak = before
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        await work()
    finally:
        stop.set()
        watcher.join()
    return peak, before


def _said(outcome: Reading | Failure | None) -> str:
    if outcome is None:
        return "no sample"
    return f"{outcome.value:,}" if isinstance(outcome, Reading) else outcome.tag


def _size(body: bytes) -> str:
    n = len(body)
    if n >= 1 << 20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 1024:.0f} KiB" if n >= 1024 else f"{n} B"
