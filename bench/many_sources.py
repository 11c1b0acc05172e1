"""Bench 6: the commands that list every source (/now without a label, /sources) at 1,000
sources: each source's latest sample and its 24 h reference in one statement, against the
per-source lookups (N × 6 for /now, N × 3 for /sources) they replaced."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import aiosqlite

from bench.history import NOW, SEOUL, fresh
from bench.report import Report, Row, ms, percentile
from bot.core.figures import now_figures
from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.presentation.now import format_now_brief
from bot.presentation.sources import format_sources
from bot.services.facts import gather_now, gather_now_brief, gather_status, gather_statuses
from storage import failures as failure_store
from storage import samples, sources
from storage.database import open_database

INTERVAL = 300
HOURS = 26


async def create_many_sources_db(path: Path, count: int) -> None:
    """`count` sources, each with 26 hours of 5-minute samples; some with a held suspect, some
    failing now, some never sampled."""
    rng = random.Random(count)
    db = await open_database(fresh(path))
    try:
        for k in range(count):
            source = await sources.add_source(
                db,
                kind=SourceKind.KAKAO if k % 3 else SourceKind.WEB,
                target=f"_c{k}",
                label=f"c{k}",
                name=f"채널 {k}",
                interval_seconds=INTERVAL,
                created_at=NOW - timedelta(days=2),
            )
            if k % 50 == 49:
                continue  # never sampled
            value = rng.randrange(1_000, 10_000_000)
            rows = []
            steps = HOURS * 3600 // INTERVAL
            for i in range(steps):
                value += rng.randrange(-3, 10)
                at = NOW - timedelta(seconds=(steps - i) * INTERVAL + rng.randrange(0, 3))
                rows.append(Sample(at, value))
            await samples.insert_samples(db, source.id, rows)
            if k % 7 == 0:
                held = Sample(NOW - timedelta(seconds=5), value * 10)
                await samples.insert_sample(db, source.id, held, suspect=True)
            if k % 10 == 0:
                for j in range(3):
                    at = NOW - timedelta(seconds=60 - j)
                    await failure_store.record_failure(db, source.id, at, "http_503", "generated")
        await db.commit()
    finally:
        await db.close()


async def bench_many_sources(
    report: Report, workdir: Path, *, count: int = 1000, calls: int = 100
) -> None:
    path = workdir / f"sources-{count}.db"
    await create_many_sources_db(path, count)
    db = await open_database(path)
    try:
        await _measure(report, db, count, calls)
    finally:
        await db.close()
        fresh(path)
    report.note(
        "6 many sources: handler work minus the replies (list_sources, the facts, the text split "
        f"into Telegram-sized messages) on {count:,} sources with 26 h of 5-minute samples; ours "
        "= one statement for every source's latest sample and its 24 h reference (/now), three "
        "for /sources; baseline = the per-source lookups they replaced, same run, same text."
    )


async def _measure(report: Report, db: aiosqlite.Connection, count: int, calls: int) -> None:
    async def brief() -> list[str]:
        chosen = await sources.list_sources(db)
        facts = await gather_now_brief(db, chosen, NOW)
        return format_now_brief([now_figures(f) for f in facts], "en")

    async def brief_per_source() -> list[str]:
        chosen = await sources.list_sources(db)
        facts = [await gather_now(db, s, NOW, SEOUL) for s in chosen]
        return format_now_brief([now_figures(f) for f in facts], "en")

    async def listing() -> list[str]:
        statuses = await gather_statuses(db, await sources.list_sources(db))
        return format_sources(statuses, "en", NOW)

    async def listing_per_source() -> list[str]:
        statuses = [await gather_status(db, s) for s in await sources.list_sources(db)]
        return format_sources(statuses, "en", NOW)

    for name, ours, seed in (
        ("/now (brief, every source)", brief, brief_per_source),
        ("/sources", listing, listing_per_source),
    ):
        same = await ours() == await seed()
        fast = await _timed(ours, calls)
        slow = await _timed(seed, max(3, calls // 5))
        p99 = percentile(fast, 99)
        report.add(
            Row(
                f"6 many sources: {name}, handler minus replies",
                f"{count:,} sources",
                f"p50 {ms(percentile(fast, 50))} · p99 {ms(p99)} (n={calls})"
                + ("" if same else " · TEXT DIFFERS"),
                f"per-source lookups p50 {ms(percentile(slow, 50))} (n={len(slow)})",
                "< 100 ms, same text",
                p99 < 0.1 and same,
            )
        )


async def _timed(work: Callable[[], Awaitable[object]], calls: int) -> list[float]:
    await work()
    out = []
    for _ in range(calls):
        started = time.perf_counter()
        await work()
        out.append(time.perf_counter() - started)
    return out
