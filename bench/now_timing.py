"""Bench 1: /now. Our answer is five primary-key seeks; the seed's scanned every sample."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.baselines import NAIVE_NOW, naive_gather_now
from bench.harness import bench_settings, bot_app, command_update
from bench.history import NOW
from bench.report import Report, Row, ms, percentile, size_label
from bot.chat.context import BotData
from bot.core.figures import now_figures
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.now import format_now
from bot.services.facts import gather_now
from storage import sources as source_store
from tests.fakes.clock import FakeClock

E2E_CALLS = 100
E2E_SPACING = 0.04  # under the Application's 30 msg/s limiter, so no call waits for it


def naive_calls(size: int, calls: int) -> int:
    """The seed's way takes ~0.25 s a call at 1M samples: fewer calls where it is slow."""
    return calls if size <= 10_000 else min(calls, 100 if size <= 100_000 else 20)


async def handler_work(data: BotData) -> str:
    """the /now handler minus the reply: the default source, its facts, the text."""
    deps = data.deps
    source = (await source_store.list_sources(deps.db))[0]
    facts = await gather_now(deps.db, source, deps.clock.now(), deps.settings.timezone)
    return format_now(now_figures(facts, deps.settings.timezone), "en")


async def seed_work(data: BotData) -> str:
    """The same answer, its facts found the seed's way."""
    deps = data.deps
    source = (await source_store.list_sources(deps.db))[0]
    facts = await naive_gather_now(deps.db, source, deps.clock.now(), deps.settings.timezone)
    return format_now(now_figures(facts, deps.settings.timezone), "en")


async def bench_now(
    report: Report,
    databases: dict[int, Path],
    telegram: FakeTelegramAPI,
    calls: int = 1000,
    e2e_calls: int = E2E_CALLS,
) -> None:
    first_size = min(databases)
    tenk: float | None = None  # the p99 at the smallest size (10k in a full run)
    for size, path in databases.items():
        clock = FakeClock(NOW)
        settings = bench_settings(path, telegram.root_url, "http://127.0.0.1:9")
        async with bot_app(settings, clock) as (app, data):
            ours_text, seed_text = await handler_work(data), await seed_work(data)
            ours = await _timed(lambda: handler_work(data), calls, warmup=50)
            seed = await _timed(lambda: seed_work(data), naive_calls(size, calls), warmup=1)
            p99 = percentile(ours, 99)
            if tenk is None:
                tenk = p99
            ok = p99 < 0.002 and p99 <= 2 * tenk
            report.add(
                Row(
                    "1 /now: facts + text (handler minus reply)",
                    size_label(size),
                    f"p50 {ms(percentile(ours, 50))} · p99 {ms(p99)} (n={calls})",
                    f"p50 {ms(percentile(seed, 50))} · p99 {ms(percentile(seed, 99))}"
                    f" (n={len(seed)})",
                    f"p99 < 2 ms and ≤ 2× the {size_label(first_size)} p99",
                    ok,
                )
            )
            if _first_lines(ours_text) != _first_lines(seed_text):
                report.note(f"/now at {size_label(size)}: seed and ours answered differently")

            e2e: list[float] = []
            for _ in range(e2e_calls):
                update = command_update(app, "/now", chat_id=777, at=NOW)
                started = time.perf_counter()
                await app.process_update(update)
                e2e.append(time.perf_counter() - started)
                await asyncio.sleep(E2E_SPACING)
            replies = [m for m in telegram.messages_to(777) if m.text and "24 h" in m.text]
            telegram.clear()
            report.add(
                Row(
                    "1 /now: real handler via PTB, reply to fake Bot API",
                    size_label(size),
                    f"p50 {ms(percentile(e2e, 50))} · p99 {ms(percentile(e2e, 99))}"
                    f" (n={e2e_calls}, {len(replies)} replies)",
                    "",
                    "",
                    None,
                )
            )
    report.note(
        "1 /now: 'facts + text' runs what the /now handler runs (list_sources, gather_now, "
        "format_now) on the bot's own aiosqlite connection; 'real handler' is "
        "Application.process_update → handlers.now → sendMessage over loopback HTTP to "
        "bot/demo/bot_api/ (so it includes the fake's HTTP round trip). "
        f"Baseline: {NAIVE_NOW}; fewer calls at 100k/1M (n shown)."
    )


def _first_lines(text: str) -> list[str]:
    return text.splitlines()[:4]


async def _timed(work: Callable[[], Awaitable[object]], calls: int, *, warmup: int) -> list[float]:
    for _ in range(warmup):
        await work()
    out: list[float] = []
    for _ in range(calls):
        started = time.perf_counter()
        await work()
        out.append(time.perf_counter() - started)
    return out
