"""Bench load_export (issue 18): exports, history.csv downloads, a page/API flood and 1,000 idle
connections against the real bot (Application + web server, the fake Bot API), each with
bystanders' /now (another chat, through process_update to the fake Bot API) measured beside the
quiet figure of the same run, the peak RSS of the bot's process and whether every request was
answered (a 429 or "queued" counts as answered: the client was told to wait).

The load comes from bench/load_client.py in a process of its own, each client from its own
loopback address; the fake Bot API runs in a process of its own too (bench/bot_api_process.py),
so parsing the uploaded documents is not the bot's work. RSS is this process: the bot and the
few lists the bench keeps; the CSV worker processes and the fake are counted apart.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import psutil

from bench.bot_api_process import bot_api_process
from bench.harness import bench_settings, bot_app, command_update
from bench.history import NOW
from bench.report import Report, Row, ms, percentile, size_label
from bot.chat.context import BotApplication
from bot.web.edge import KEEPALIVE_SECONDS, MAX_CONNECTIONS
from tests.fakes.clock import FakeClock
from tests.running import free_port

BYSTANDER = 777
SPACING = 0.05  # 20 /now a second: under the Bot API's 30/s that the rate limiter keeps


@dataclass(frozen=True, slots=True)
class Outcome:
    said: str  # what the clients got
    answered: bool


async def _now_loop(app: BotApplication, done: asyncio.Event, out: list[float]) -> None:
    while not done.is_set():
        update = command_update(app, "/now", chat_id=BYSTANDER, at=NOW)
        started = time.perf_counter()
        await app.process_update(update)
        out.append(time.perf_counter() - started)
        await asyncio.sleep(SPACING)


async def _measured(
    app: BotApplication, work: Callable[[], Awaitable[Outcome]]
) -> tuple[list[float], int, Outcome]:
    """Bystanders' /now latencies and the peak RSS while `work` runs."""
    process = psutil.Process()
    peak = process.memory_info().rss
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    done = asyncio.Event()
    delays: list[float] = []
    bystanders = asyncio.create_task(_now_loop(app, done, delays))
    try:
        outcome = await work()
    finally:
        done.set()
        await bystanders
        stop.set()
        watcher.join()
    return delays, peak, outcome


async def _client(*args: str) -> dict[str, object]:
    loader = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.load_client", *args, stdout=subprocess.PIPE
    )
    out, _ = await loader.communicate()
    result: dict[str, object] = json.loads(out)
    return result


def _statuses(result: dict[str, object]) -> tuple[str, bool]:
    statuses = result["statuses"]
    assert isinstance(statuses, dict)
    said = ", ".join(f"{n}× {s}" for s, n in sorted(statuses.items()))
    return said, all(s in ("200", "429", "503") for s in statuses)


async def bench_load_export(report: Report, database: Path, samples: int, *, quick: bool) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    flood_seconds = 2.0 if quick else 8.0
    idle_connections = 100 if quick else 1000
    async with (
        bot_api_process() as telegram,
        bot_app(
            replace(
                bench_settings(database, telegram.root_url, "http://127.0.0.1:9"), web_port=port
            ),
            FakeClock(NOW),
        ) as (app, data),
    ):

        async def exports(chats: int) -> Outcome:
            ids = [9100 + i for i in range(chats)]
            await asyncio.gather(
                *(
                    app.process_update(command_update(app, "/export kakao", chat_id=c, at=NOW))
                    for c in ids
                )
            )
            got = [m for m in await telegram.sent() if m.chat_id in ids]
            docs = [m for m in got if m.method == "sendDocument"]
            waits = sum(1 for m in got if m.method == "sendMessage")
            await telegram.clear()
            size = max((m.size or 0 for m in docs), default=0)
            return Outcome(
                f"{len(docs)}/{chats} documents ({size / 2**20:.1f} MiB each), {waits} told queued",
                len(docs) == chats,
            )

        async def downloads(clients: int) -> Outcome:
            result = await _client(
                "get", f"{base}/api/sources/kakao/history.csv", str(clients), "0"
            )
            said, answered = _statuses(result)
            size = result["bytes"]
            assert isinstance(size, int)
            return Outcome(f"{said}; {size / 2**20:.0f} MiB", answered)

        async def flood() -> Outcome:
            results = await asyncio.gather(
                _client("get", f"{base}/", "20", str(flood_seconds)),
                _client("get", f"{base}/api/sources", "20", str(flood_seconds)),
                _client(
                    "get", f"{base}/api/sources/kakao/series?range=7d", "10", str(flood_seconds)
                ),
            )
            said = []
            answered = True
            count = 0
            for result in results:
                part, ok = _statuses(result)
                times = result["times"]
                assert isinstance(times, list)
                count += len(times)
                said.append(part)
                answered = answered and ok
            rate = count / flood_seconds
            return Outcome(f"{rate:.0f} req/s; " + " | ".join(said), answered)

        async def idle() -> Outcome:
            hold = KEEPALIVE_SECONDS + 5
            loader = asyncio.create_task(_client("idle", base, str(idle_connections), str(hold)))
            await asyncio.sleep(2)
            started = time.perf_counter()
            async with httpx.AsyncClient(timeout=10) as http:
                probe = await http.get(f"{base}/api/sources")
            probe_time = time.perf_counter() - started
            result = await loader
            ends = result["ends"]
            closed = result["closed_after"]
            assert isinstance(ends, dict) and isinstance(closed, list)
            latest = max(closed) if closed else 0.0
            said = ", ".join(f"{n} {e}" for e, n in sorted(ends.items()))
            return Outcome(
                f"{said} (last closed at {latest:.0f} s); /api/sources {probe.status_code} in "
                f"{ms(probe_time)}",
                "still open" not in ends,
            )

        async def rest() -> Outcome:
            await asyncio.sleep(3 if quick else 6)
            return Outcome("", True)

        quiet, quiet_peak, _ = await _measured(app, rest)
        quiet_p99 = percentile(quiet, 99)
        goal = max(0.1, 3 * quiet_p99)
        size = size_label(samples)
        report.add(
            Row(
                "18 load: quiet",
                size,
                f"/now p50 {ms(percentile(quiet, 50))} · p99 {ms(quiet_p99)} (n={len(quiet)}); "
                f"RSS {quiet_peak / 2**20:.0f} MB",
            )
        )
        scenarios: list[tuple[str, Callable[[], Awaitable[Outcome]]]] = [
            ("/export by 1 chat", lambda: exports(1)),
            ("/export by 3 chats at once", lambda: exports(3)),
            ("history.csv by 1 client", lambda: downloads(1)),
            ("history.csv by 8 clients", lambda: downloads(8)),
            ("page/API flood, 50 clients", flood),
            (f"{idle_connections:,} idle connections (cap {MAX_CONNECTIONS})", idle),
        ]
        for name, work in scenarios:
            delays, peak, outcome = await _measured(app, work)
            p99 = percentile(delays, 99)
            report.add(
                Row(
                    f"18 load: {name}",
                    size,
                    f"/now p50 {ms(percentile(delays, 50))} · p99 {ms(p99)} (n={len(delays)}); "
                    f"RSS peak {peak / 2**20:.0f} MB; {outcome.said}",
                    f"quiet p99 {ms(quiet_p99)}",
                    f"p99 ≤ {ms(goal)}, RSS < 200 MB, all answered",
                    p99 <= goal and peak < 200 << 20 and outcome.answered,
                )
            )
        del data
    report.note(
        "18 load: bystanders' /now from another chat through process_update; RSS is the bot's "
        "process (the fake Bot API, the clients and the CSV workers are processes apart); "
        "429/503/queued count as answered (told to wait)."
    )
