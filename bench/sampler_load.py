"""Bench 4: the sampler. CPU per sample for one source, and how many sources one process keeps
on schedule, against a local source server running in its own process.

CPU per sample is Sampler.sample_once (HTTP GET, parse, store) timed with the
process's CPU clock (all its threads, aiosqlite's included). Capacity runs the real
Application's job queue (bot/chat/jobs.py, one repeating job per source) with N sources, listens to
APScheduler's own events for each run's scheduled time, and calls a run late when it finished
more than 1 s after that time, or was skipped. To keep the run short the schedule is compressed:
every 5 s instead of every 30 s, so N sources here load the process as 6·N sources do at 30 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobEvent,
    JobExecutionEvent,
)

from bench.harness import bench_settings, bot_app
from bench.history import CHANNEL, NOW
from bench.report import Report, Row, ms, percentile
from bench.source_process import channel
from bot.core.clock import SystemClock
from bot.core.kinds import SourceKind
from bot.core.model import Reading
from bot.demo.bot_api import FakeTelegramAPI
from storage import sources
from storage.database import open_database
from tests.fakes.clock import FakeClock

COMPRESSED_INTERVAL = 5  # seconds; the real schedule is 30 s
SCALE = 30 // COMPRESSED_INTERVAL
LATE_AFTER = 1.0  # seconds after the scheduled time
ROUNDS = 2


@contextlib.contextmanager
def source_server(channels: int) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.source_process", str(channels)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)


@dataclass
class Lateness:
    scheduled: int = 0
    late: int = 0
    skipped: int = 0
    lags: list[float] = field(default_factory=list)

    def on_event(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_EXECUTED or event.code == EVENT_JOB_ERROR:
            assert isinstance(event, JobExecutionEvent)
            run_time = event.scheduled_run_time
            assert isinstance(run_time, datetime)
            lag = time.time() - run_time.timestamp()
            self.lags.append(lag)
            self.scheduled += 1
            self.late += lag > LATE_AFTER
        else:
            self.scheduled += 1
            self.skipped += 1


async def bench_sampler(
    report: Report,
    workdir: Path,
    telegram: FakeTelegramAPI,
    *,
    samples: int = 2000,
    ladder: tuple[int, ...] = (1600, 3200, 4000, 4800, 5600),
    rounds: int = ROUNDS,
) -> None:
    with source_server(max(ladder)) as url:
        await _cpu_per_sample(report, workdir, telegram, url, samples)
        kept = 0
        for n in ladder:
            result = await _capacity(workdir, telegram, url, n, rounds)
            ok = (
                result.scheduled > 0
                and result.skipped == 0
                and result.late <= result.scheduled // 100
            )
            report.add(
                Row(
                    f"4 sampler: sources on schedule (compressed ×{SCALE})",
                    f"{n * SCALE:,} @30s",
                    f"{result.scheduled:,} runs: {result.late} late, {result.skipped} skipped; "
                    f"lag p50 {ms(percentile(result.lags, 50))} · p99 "
                    f"{ms(percentile(result.lags, 99))}",
                    "",
                    "",
                    None,
                )
            )
            if not ok:
                break
            kept = n * SCALE
        report.add(
            Row(
                "4 sampler: sources one process keeps on a 30 s schedule",
                "-",
                f"≥ {kept:,}" if kept == max(ladder) * SCALE else f"{kept:,} (next step ran late)",
                "",
                "",
                None,
            )
        )
    report.note(
        "4 sampler: CPU per sample = Sampler.sample_once (GET, parse, store) on "
        "the process CPU clock (all threads, aiosqlite's included), the source server in its own "
        "process. "
        "Capacity: the real Application's job queue (bot/chat/jobs.py, one repeating "
        "job per source) with N sources, all on the one local host, which bot/sources/"
        "transport.py lets have one request at a time (so this is also the ceiling for sources "
        "sharing a host: ~30 s / that host's response time); APScheduler's events give each "
        "run's scheduled time; a run is late when "
        f"it finishes more than {LATE_AFTER:.0f} s after it, or is skipped; a step passes with "
        f"≤1 % late and none skipped. Compressed: every {COMPRESSED_INTERVAL} s instead of 30 s "
        f"for {rounds} rounds, so N sources load the process as {SCALE}·N do at 30 s."
    )


async def _cpu_per_sample(
    report: Report, workdir: Path, telegram: FakeTelegramAPI, url: str, count: int
) -> None:
    path = workdir / "sampler.db"
    path.unlink(missing_ok=True)
    clock = FakeClock(NOW)
    settings = bench_settings(path, telegram.root_url, url)
    async with bot_app(settings, clock) as (_app, data):
        source = (await sources.list_sources(data.deps.db))[0]
        assert source.target == CHANNEL
        for _ in range(50):  # warm up the connection pool and the code paths
            clock.advance(timedelta(seconds=30))
            assert isinstance(await data.sampler.sample_once(source), Reading)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(count):
            clock.advance(timedelta(seconds=30))
            await data.sampler.sample_once(source)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    report.add(
        Row(
            "4 sampler: CPU per sample (one source)",
            f"{count:,} samples",
            f"{ms(cpu / count)} CPU · {ms(wall / count)} wall",
            "",
            "",
            None,
        )
    )
    report.note(
        f"4 sampler: at {ms(cpu / count)} CPU per sample one core could in principle take "
        f"{int(30 / (cpu / count)):,} samples per 30 s; the ladder below measures what the "
        "job queue actually keeps on time."
    )


async def _capacity(
    workdir: Path, telegram: FakeTelegramAPI, url: str, n: int, rounds: int
) -> Lateness:
    path = workdir / f"capacity-{n}.db"
    path.unlink(missing_ok=True)
    db = await open_database(path)
    try:
        created = SystemClock().now()
        await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target=CHANNEL,
            label="kakao",
            interval_seconds=COMPRESSED_INTERVAL,
            created_at=created,
        )
        for i in range(n - 1):
            await sources.add_source(
                db,
                kind=SourceKind.KAKAO,
                target=channel(i),
                label=f"k{i}",
                interval_seconds=COMPRESSED_INTERVAL,
                created_at=created,
            )
    finally:
        await db.close()
    settings = bench_settings(path, telegram.root_url, url)
    lateness = Lateness()
    async with bot_app(settings, SystemClock(), jobs=True) as (app, _data):  # type: ignore[arg-type]
        queue = app.job_queue
        assert queue is not None
        sampling = {j.job.id for j in queue.jobs() if j.name and j.name.startswith("sample:")}

        def listener(event: JobEvent) -> None:
            if event.job_id in sampling:
                lateness.on_event(event)

        queue.scheduler.add_listener(
            listener,
            EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES,
        )
        await asyncio.sleep(COMPRESSED_INTERVAL * rounds + 1)
        queue.scheduler.remove_listener(listener)
        queue.scheduler.pause()  # let runs in flight finish before the database closes
        await asyncio.sleep(1)
    path.unlink(missing_ok=True)
    return lateness
