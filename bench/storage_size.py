"""Bench 3: bytes on disk per stored sample, and a year of 30 s sampling under retention."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from bench.baselines import PLAIN_TABLE, create_plain_db
from bench.history import CHANNEL, INTERVAL, NOW, Outage, checkpoint, file_size, fresh, history
from bench.report import Report, Row, size_label
from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.services.retention import DELIVERY_DAYS
from storage import samples, sources, subscriptions
from storage.database import open_database

YEAR_SAMPLES = 365 * 24 * 3600 // INTERVAL  # 1,051,200
MB = 1_000_000


async def empty_database_bytes(path: Path) -> int:
    """What the schema alone costs (a page or two per table and index)."""
    db = await open_database(fresh(path))
    try:
        await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target=CHANNEL,
            label="kakao",
            interval_seconds=30,
            created_at=NOW,
        )
        await checkpoint(db)
    finally:
        await db.close()
    return file_size(path)


async def bench_storage(
    report: Report, databases: dict[int, Path], workdir: Path, *, year_samples: int = YEAR_SAMPLES
) -> None:
    empty = await empty_database_bytes(workdir / "empty.db")
    for size, path in databases.items():
        ours = file_size(path)
        plain_path = workdir / f"plain-{size}.db"
        create_plain_db(plain_path, (s for s in history(size) if isinstance(s, Sample)))
        plain = file_size(plain_path)
        fresh(plain_path)
        per_sample = (ours - empty) / size
        report.add(
            Row(
                "3 storage: bytes per sample (file / n; beyond empty schema)",
                size_label(size),
                f"{ours / size:.1f} B; {per_sample:.1f} B (file {ours / MB:.2f} MB)",
                f"{plain / size:.1f} B (file {plain / MB:.2f} MB)",
                "≤ 20 B per raw sample",
                per_sample <= 20,
            )
        )
    year = await _simulated_year(report, workdir, year_samples, empty)
    await _fleet_year(report, workdir, year - empty, year_samples)
    report.note(
        "3 storage: ours = samples WITHOUT ROWID keyed (source_id, ts), integer seconds, plus the "
        "10-min, 1 h, 6 h and 1 day rollups and failures; sizes after a WAL checkpoint, no VACUUM. "
        f"'beyond empty schema' subtracts the {empty / 1024:.0f} KiB an empty database takes. "
        f"Baseline: {PLAIN_TABLE} (no index; an index on ts would add more)."
    )


async def _simulated_year(report: Report, workdir: Path, count: int, empty: int) -> int:
    """A year of 30 s samples inserted day by day, retention run after each day (as the
    hourly job would), RETENTION_RAW_DAYS=30."""
    path = fresh(workdir / "year.db")
    db = await open_database(path)
    started = time.perf_counter()
    try:
        source = await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target=CHANNEL,
            label="kakao",
            interval_seconds=30,
            created_at=NOW,
        )
        day: list[Sample] = []
        reduced_before = None
        removed = 0
        stored = 0

        async def close_day() -> None:
            nonlocal reduced_before, removed, stored
            stored += await samples.insert_samples(db, source.id, day)
            cutoff = day[-1].ts - timedelta(days=30)
            removed += await samples.reduce_history(db, source.id, cutoff, after=reduced_before)
            reduced_before = cutoff
            day.clear()

        for item in history(count, seed=365):
            if isinstance(item, Outage):
                continue
            if day and item.ts.date() != day[-1].ts.date():
                await close_day()
            day.append(item)
        if day:
            await close_day()
        await checkpoint(db)
        kept = await samples.count_samples(db, source.id)
    finally:
        await db.close()
    size = file_size(path)
    plain_path = workdir / "plain-year.db"
    create_plain_db(plain_path, (s for s in history(count, seed=365) if isinstance(s, Sample)))
    plain = file_size(plain_path)
    fresh(plain_path)
    elapsed = time.perf_counter() - started
    report.add(
        Row(
            "3 storage: a year of 30 s samples, retention 30 d",
            f"{size_label(stored)} taken",
            f"{size / MB:.2f} MB ({kept:,} samples kept, {removed:,} reduced)",
            f"{plain / MB:.2f} MB (all kept)",
            "< 8 MB per source",
            size < 8 * MB,
        )
    )
    report.note(
        f"3 storage: the year was inserted a day at a time with storage.samples.reduce_history "
        f"after each day ({elapsed:.0f} s including the baseline); freed pages are reused, the "
        "file is never VACUUMed."
    )
    fresh(path)
    return size


async def _fleet_year(
    report: Report, workdir: Path, one_source_year: int, year_samples: int
) -> None:
    """A bot with 100 sources and 100,000 subscribed chats after a year: the per-source year
    above (samples under retention + every rollup) × 100, plus what the chats keep, measured
    in one database: 100 sources, one subscription per chat, a week of deliveries (what
    retention keeps: DELIVERY_DAYS local days)."""
    chats = 100_000 if year_samples >= YEAR_SAMPLES else 1_000
    path = fresh(workdir / "fleet.db")
    db = await open_database(path)
    try:
        await checkpoint(db)
        empty = file_size(path)
        ids = [
            (
                await sources.add_source(
                    db,
                    kind=SourceKind.KAKAO,
                    target=f"_c{k}",
                    label=f"c{k}",
                    interval_seconds=30,
                    created_at=NOW,
                )
            ).id
            for k in range(100)
        ]
        await db.execute("BEGIN")
        for chat in range(chats):
            await subscriptions.subscribe(db, 10**9 + chat, ids[chat % 100], "ko", NOW)
        await db.commit()
        await checkpoint(db)
        with_subscriptions = file_size(path)
        await db.execute("BEGIN")
        for days_ago in range(DELIVERY_DAYS):
            day = NOW.date() - timedelta(days=days_ago)
            for chat in range(chats):
                await subscriptions.mark_summary_sent(db, 10**9 + chat, day, NOW)
        await db.commit()
        await checkpoint(db)
        with_deliveries = file_size(path)
    finally:
        await db.close()
    fresh(path)
    subs, deliveries = with_subscriptions - empty, with_deliveries - with_subscriptions
    total = 100 * one_source_year + with_deliveries
    report.add(
        Row(
            "3 storage: a year, 100 sources + subscribed chats (retention 30 d, 7 d deliveries)",
            f"{chats:,} chats",
            f"{total / MB:.0f} MB: samples+rollups 100 × {one_source_year / MB:.2f} MB, "
            f"subscriptions {subs / MB:.1f} MB ({subs / chats:.0f} B/chat), "
            f"deliveries {deliveries / MB:.1f} MB ({deliveries / chats / DELIVERY_DAYS:.0f} B/row)",
            "unpruned deliveries: ~28 B × chats × 365 "
            f"({28 * chats * 365 / MB:.0f} MB a year of them alone)",
            "deliveries and failures bounded; rollups ~0.2 MB a source a year",
            None,
        )
    )
