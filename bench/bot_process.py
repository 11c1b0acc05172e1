"""The bot as its own process, for measuring its memory: the real Application polling the fake
Bot API, plus a driver taking samples back to back through Sampler.sample_once (the
sampling job's own function) on a clock that moves 30 s per sample.

python -m bench.bot_process TELEGRAM_URL SOURCE_URL DATABASE SAMPLES
Prints "ready", "samples N" as it goes and "done"; exits when its stdin closes.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from bench.harness import bench_settings, bot_app, quiet_logs
from bench.history import NOW
from storage import sources
from tests.fakes.clock import FakeClock

PROGRESS_EVERY = 50


async def main(telegram_url: str, source_url: str, database: Path, count: int) -> None:
    quiet_logs()
    clock = FakeClock(NOW - timedelta(seconds=30 * count))
    settings = bench_settings(database, telegram_url, source_url)
    async with bot_app(settings, clock, polling=True) as (_app, data):
        source = (await sources.list_sources(data.deps.db))[0]
        print("ready", flush=True)
        for i in range(1, count + 1):
            clock.advance(timedelta(seconds=30))
            await data.sampler.sample_once(source)
            if i % PROGRESS_EVERY == 0:
                print(f"samples {i}", flush=True)
        print("done", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])))
