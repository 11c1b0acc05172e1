"""Bench load_chat (issue 18): nobody's request slows anyone else on the chat side.

The real Application (handlers, laned rate limiter, ChartReplies) against the fake Bot API with
Telegram's limits on (30 messages/s overall, 20/min per group, 20 ms a round trip). Each
scenario runs while a bystander asks /now every 20 ms from a chat of its own; its p50/p99 sit
beside the quiet figure of the same run (the bystander alone). Scenarios: 200 `/chart 7d` from
200 chats at once (how many drawings and uploads), the daily summary broadcast to many chats,
and an alert storm (six alerts each for many chats at once: four an hour go, the rest held).
RSS is this process's peak: the bot's (the fake Bot API runs in a process of its own,
bench/bot_api_process.py; parse workers are apart too).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from bench.bot_api_process import BotApiProcess, bot_api_process
from bench.harness import bench_settings, bot_app, command_update
from bench.history import NOW, create_history_db
from bench.hostile import _peak_rss
from bench.report import Report, Row, ms, percentile
from bot.chat.context import BotApplication
from bot.chat.outbox import TelegramOutbox
from bot.services.watch import Watch
from storage import sources as source_store
from storage import subscriptions as subs
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer

BYSTANDER = 990_001
EVERY = 0.02


async def bench_load_chat(report: Report, workdir: Path, *, chats: int, samples: int) -> None:
    path = workdir / "load_chat.db"
    await create_history_db(path, samples)
    async with bot_api_process() as telegram:
        await telegram.set_rate_limits(global_per_second=30, per_chat_per_minute=20)
        await telegram.set_latency(0.02)
        await _scenarios(report, path, telegram, chats=chats)
    report.note(
        "load_chat: the real Application against the fake Bot API (a process of its own) at "
        "30 msg/s, 20/min a group, 20 ms a round trip; a bystander's /now every 20 ms during "
        "each scenario (at least 50); replies go before bulk sends (bot/chat/lanes.py), identical "
        "charts are drawn and uploaded once (bot/services/chart_reply.py)."
    )


async def _scenarios(report: Report, path: Path, telegram: BotApiProcess, *, chats: int) -> None:
    with SourceServer() as server:
        settings = bench_settings(path, telegram.root_url, server.url)
        async with bot_app(settings, FakeClock(NOW)) as (app, data):
            quiet = await _quiet(app)
            quiet_p99 = percentile(quiet, 99)
            bound = max(0.1, 3 * quiet_p99)
            report.add(
                Row(
                    "load_chat quiet /now",
                    "bystander alone",
                    f"p50 {ms(percentile(quiet, 50))} · p99 {ms(quiet_p99)} (n={len(quiet)})",
                )
            )
            (src,) = await source_store.list_sources(data.deps.db)

            async def charts() -> str:
                made = data.charts.cache.made
                await asyncio.gather(
                    *(
                        app.process_update(
                            command_update(app, "/chart 7d", chat_id=10_000 + k, at=NOW)
                        )
                        for k in range(chats)
                    )
                )
                photos = [m for m in await telegram.sent() if m.method == "sendPhoto"]
                uploads = sum(1 for m in photos if m.size is not None)
                answered = len({m.chat_id for m in photos if m.chat_id >= 10_000})
                return (
                    f"{data.charts.cache.made - made} drawing(s), {uploads} upload(s), "
                    f"{answered}/{chats} answered"
                )

            async def summary() -> str:
                since = NOW - timedelta(days=1)
                for k in range(chats):
                    await subs.subscribe(data.deps.db, 20_000 + k, src.id, "en", since)
                sent = await data.summaries.send_due(TelegramOutbox(app.bot))
                got = len(
                    {m.chat_id for m in await telegram.sent() if 20_000 <= m.chat_id < 30_000}
                )
                return f"{sent} sent, {got}/{chats} answered"

            async def storm() -> str:
                watch = Watch(data.deps, TelegramOutbox(app.bot))
                await asyncio.gather(
                    *(
                        watch.alert(30_000 + k, "en", f"alert {j}")
                        for k in range(chats)
                        for j in range(6)
                    )
                )
                got = sum(1 for m in await telegram.sent() if 30_000 <= m.chat_id < 40_000)
                held = sum(b.held for b in watch.budgets.values())
                return f"{got} sent (4 a chat), {held} held to tell later"

            scenarios: list[tuple[str, Callable[[], Awaitable[str]]]] = [
                (f"{chats} /chart 7d at once", charts),
                (f"summary to {chats} chats", summary),
                (f"alert storm: {chats} chats x 6", storm),
            ]
            for name, work in scenarios:
                await telegram.clear()
                outcome: list[str] = []
                delays: list[float] = []

                async def run(
                    work: Callable[[], Awaitable[str]] = work,
                    outcome: list[str] = outcome,
                    delays: list[float] = delays,
                ) -> None:
                    done = asyncio.Event()
                    asking = asyncio.create_task(_asking(app, done, delays))
                    try:
                        outcome.append(await work())
                    finally:
                        done.set()
                        await asking

                peak, _ = await _peak_rss(run)
                p99 = percentile(delays, 99)
                report.add(
                    Row(
                        f"load_chat {name}",
                        f"peak RSS {peak / 2**20:.0f} MB",
                        f"/now p50 {ms(percentile(delays, 50))} · p99 {ms(p99)} "
                        f"(n={len(delays)}); {outcome[0]}",
                        f"quiet p99 {ms(quiet_p99)}",
                        f"p99 < {ms(bound)}, RSS < 200 MB",
                        p99 < bound and peak < 200 << 20,
                    )
                )


async def _quiet(app: BotApplication) -> list[float]:
    delays: list[float] = []
    stop = asyncio.Event()
    stop.set()
    await _asking(app, stop, delays, at_least=100)
    return delays


async def _asking(
    app: BotApplication, done: asyncio.Event, delays: list[float], *, at_least: int = 50
) -> None:
    while not done.is_set() or len(delays) < at_least:
        update = command_update(app, "/now", chat_id=BYSTANDER, at=NOW)
        started = time.perf_counter()
        await app.process_update(update)
        delays.append(time.perf_counter() - started)
        await asyncio.sleep(EVERY)
