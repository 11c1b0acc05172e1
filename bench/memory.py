"""Bench 6: resident memory of the running bot (its own process, measured with psutil) while it
takes 10 000 samples and answers 200 /chart commands, and how much it grows over that run."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import psutil

from bench.history import fresh
from bench.report import Report, Row
from bench.sampler_load import source_server
from bot.demo.bot_api import FakeTelegramAPI

MB = 1024 * 1024
CHAT = 4242
RANGES = ("all", "7d", "24h", "30d")


async def bench_memory(
    report: Report,
    workdir: Path,
    telegram: FakeTelegramAPI,
    *,
    samples: int = 10_000,
    charts: int = 200,
) -> None:
    path = fresh(workdir / "memory.db")
    telegram.clear()
    with source_server(0) as url:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.bot_process",
            telegram.root_url,
            url,
            str(path),
            str(samples),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None and child.stdin is not None
        process = psutil.Process(child.pid)
        lines: list[str] = []
        news = asyncio.Condition()

        async def read_lines() -> None:
            assert child.stdout is not None
            async for raw in child.stdout:
                async with news:
                    lines.append(raw.decode().strip())
                    news.notify_all()

        async def wait_for(predicate: Callable[[], bool]) -> None:
            async with news:
                await news.wait_for(predicate)

        reader = asyncio.create_task(read_lines())
        await wait_for(lambda: "ready" in lines)
        at_start = process.memory_info().rss
        timeline: list[tuple[int, int, int]] = []  # (charts answered, samples taken, rss)
        per_chart = max(1, samples // charts)

        def taken() -> int:
            done = [int(x.split()[1]) for x in lines if x.startswith("samples")]
            return max(done or [0])

        for k in range(1, charts + 1):
            # One chart per `per_chart` samples, so charts and samples share the whole run.
            due = min(samples, (k - 1) * per_chart + 1)
            await wait_for(lambda: taken() >= due or "done" in lines)  # noqa: B023 - awaited here
            telegram.send_command(f"/chart {RANGES[k % len(RANGES)]}", chat_id=CHAT, user_id=CHAT)
            await telegram.await_messages(CHAT, k, timeout=30)
            if k % 5 == 0:
                timeline.append((k, taken(), process.memory_info().rss))
        await wait_for(lambda: "done" in lines)
        at_end = process.memory_info().rss
        photos = sum(1 for m in telegram.messages_to(CHAT) if m.method == "sendPhoto")
        child.stdin.close()
        await child.wait()
        await reader
    fresh(path)
    after_warmup = [r for c, _, r in timeline if c > 20]
    half = len(after_warmup) // 2
    first = sum(after_warmup[:half]) / max(1, half)
    second = sum(after_warmup[half:]) / max(1, len(after_warmup) - half)
    peak = max([at_end, *(r for _, _, r in timeline)])
    report.add(
        Row(
            "6 memory: bot RSS after samples + charts",
            f"{samples:,} samples, {charts} charts",
            f"{at_end / MB:.0f} MB at the end (start {at_start / MB:.0f}, peak {peak / MB:.0f}); "
            f"{photos} charts sent",
            "",
            "< 150 MB",
            peak < 150 * MB,
        )
    )
    report.add(
        Row(
            "6 memory: growth (mean RSS, 1st vs 2nd half after 20 warm-up charts)",
            f"{samples:,} samples, {charts} charts",
            f"{first / MB:.0f} → {second / MB:.0f} MB ({(second - first) / MB:+.1f} MB); "
            f"start → end {(at_end - at_start) / MB:+.0f} MB",
            "",
            "flat: 2nd half ≤ 1st + 5 MB",
            second - first <= 5 * MB,
        )
    )
    trail = ", ".join(f"{c}/{s / 1000:g}k: {r / MB:.0f}" for c, s, r in timeline[3::4])
    report.note(
        "6 memory: bench/bot_process.py runs the real Application (polling the fake Bot API) "
        "and takes samples back to back with Sampler.sample_once against the source "
        "server, on a clock moving 30 s per sample; the bench sends /chart (all, 7d, 24h, 30d "
        "in turn), one per 50 samples, and waits for each photo. RSS in MB by "
        f"charts/samples: {trail}."
    )
