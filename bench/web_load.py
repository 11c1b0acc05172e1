"""The web edge under load: the status page and /api/.../series at a history of N samples, hammered
by 50 concurrent clients from another process, and /now's latency in Telegram (the real handler
through PTB to the fake Bot API) measured idle and while the page is hammered.

    .venv/bin/python -m bench.web_load [--samples 1000000] [--clients 50] [--seconds 8]

Prints one line per figure; the history database is cached under bench/.cache/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench.harness import bench_settings, bot_app, command_update, quiet_logs
from bench.history import NOW, create_history_db
from bench.report import percentile
from bot.demo.bot_api import FakeTelegramAPI
from tests.fakes.clock import FakeClock
from tests.running import free_port

CACHE = Path(__file__).parent / ".cache"
# (path, each client's pause between requests): 0 hammers (closed loop, as fast as answered);
# 0.25 s is 50 viewers at 4 requests a second each, ~200 req/s (a real page polls every 30 s).
PATHS = (
    ("/", 0.0),
    ("/", 0.25),
    ("/api/sources", 0.0),
    ("/api/sources/kakao/series?range=all", 0.0),
    ("/api/sources/kakao/series?range=7d", 0.0),
    ("/chart/kakao.png?range=7d", 0.0),
)

# The load generator: its own process (its CPU is not the bot's loop), N requests over C clients.
LOADER = r"""
import asyncio, json, sys, time
import aiohttp
url, clients, seconds, pause = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
async def main():
    times, errors = [], [0]
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as http:
        async def client():
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                async with http.get(url, headers={"Accept-Language": "ko"}) as r:
                    await r.read()
                    times.append(time.perf_counter() - t)
                    if r.status != 200:
                        errors[0] += 1
                if pause:
                    await asyncio.sleep(pause)
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - started
    print(json.dumps({"times": times, "errors": errors[0], "wall": wall}))
asyncio.run(main())
"""


async def now_latencies(app: object, calls: int) -> list[float]:
    out: list[float] = []
    for _ in range(calls):
        update = command_update(app, "/now", chat_id=777, at=NOW)  # type: ignore[arg-type]
        started = time.perf_counter()
        await app.process_update(update)  # type: ignore[attr-defined]
        out.append(time.perf_counter() - started)
        # 20 a second: under Telegram's 30 messages/s, which AIORateLimiter enforces (faster,
        # /now would measure the limiter's queue).
        await asyncio.sleep(0.05)
    return out


def fmt(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50) * 1000:.1f} ms · p99 {percentile(values, 99) * 1000:.1f} ms"
        f" (n={len(values)})"
    )


async def run(samples: int, clients: int, seconds: float) -> None:
    quiet_logs()
    CACHE.mkdir(exist_ok=True)
    db = CACHE / f"web-{samples}.db"
    if not db.exists():
        await create_history_db(db, samples)
    telegram = FakeTelegramAPI("123456789:BENCH-token_abcdefghijklmnopqrstuvwxyz")
    telegram.start()
    try:
        port = free_port()
        settings = replace(
            bench_settings(db, telegram.root_url, "http://127.0.0.1:9"), web_port=port
        )
        async with bot_app(settings, FakeClock(NOW)) as (app, _data):
            idle = await now_latencies(app, 200)
            print(f"/now idle: {fmt(idle)}")
            for path, pause in PATHS:
                loader = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    LOADER,
                    f"http://127.0.0.1:{port}{path}",
                    str(clients),
                    str(seconds),
                    str(pause),
                    stdout=subprocess.PIPE,
                )
                busy = await now_latencies(app, int(seconds * 15)) if path == "/" else []
                out, _ = await loader.communicate()
                result = json.loads(out)
                rate = len(result["times"]) / result["wall"]
                print(
                    f"GET {path} at {samples:,} samples, {clients} clients"
                    f"{f' pausing {pause:g} s' if pause else ''}: "
                    f"{fmt(result['times'])}, {rate:.0f} req/s, {result['errors']} errors"
                )
                if busy:
                    print(f"/now meanwhile: {fmt(busy)}")
    finally:
        telegram.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0, help="load per path")
    args = parser.parse_args()
    asyncio.run(run(args.samples, args.clients, args.seconds))


if __name__ == "__main__":
    main()
