"""storage/rollups.py against a real SQLite file built by the project's migrations: /why reads
only the hourly rollup rows of its window, by the primary key, whatever the history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.core.unusual_series import HourRow
from storage import rollups, samples, sources
from storage.database import open_database

T0 = datetime(2026, 11, 1, tzinfo=UTC)
H0 = int(T0.timestamp()) // 3600


async def test_hourly_rows_are_the_windows_hours_with_samples(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "r.db")
    try:
        a = await sources.add_source(
            db, kind=SourceKind.KAKAO, target="_a", label="a", interval_seconds=600, created_at=T0
        )
        b = await sources.add_source(
            db, kind=SourceKind.KAKAO, target="_b", label="b", interval_seconds=600, created_at=T0
        )
        # every 10 minutes for 10 hours, except hour 4 (a gap); values rise then dip in hour 6
        kept = []
        for k in range(60):
            if k // 6 == 4:
                continue
            value = 1000 + k * 5 - (40 if k == 38 else 0)
            kept.append(Sample(T0 + timedelta(minutes=10 * k), value))
        await samples.insert_samples(db, a.id, kept)
        await samples.insert_samples(db, b.id, [Sample(T0 + timedelta(hours=2), 9)])
        # a suspect sample is held back from the rollups, so from /why
        await samples.insert_sample(
            db, a.id, Sample(T0 + timedelta(hours=7, minutes=55), 1), suspect=True
        )
        await db.commit()

        rows = await rollups.hourly_rows(db, a.id, T0 + timedelta(hours=2), T0 + timedelta(hours=8))
        assert [r.hour - H0 for r in rows] == [2, 3, 5, 6, 7]  # hour 4 had no sample: no row
        six = rows[3]
        assert six == HourRow(hour=H0 + 6, last=1000 + 41 * 5, low=1000 + 38 * 5 - 40, high=1205)
        assert rows[-1].last == 1000 + 47 * 5  # not the suspect 1

        everything = await rollups.hourly_rows(db, a.id, T0, T0 + timedelta(days=1))
        assert len(everything) == 9
        assert not await rollups.is_rounded(db, a.id)
        await samples.insert_sample(db, b.id, Sample(T0 + timedelta(hours=3), 10_600_000, True))
        assert await rollups.is_rounded(db, b.id)
    finally:
        await db.close()


async def test_the_read_is_a_primary_key_range_not_a_scan(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "p.db")
    try:
        plan = await db.execute_fetchall(
            "EXPLAIN QUERY PLAN SELECT bucket, last_value, low, high FROM sample_buckets_hourly "
            "WHERE source_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket",
            (1, 0, 10),
        )
        detail = " ".join(str(r[3]) for r in plan)
        assert (
            "SEARCH sample_buckets_hourly USING PRIMARY KEY (source_id=? AND bucket>? AND bucket<?)"
            in detail
        )
        assert "TEMP B-TREE" not in detail  # rows come in key order, no sort
    finally:
        await db.close()
