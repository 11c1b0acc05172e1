"""Storage against a real SQLite file: schema, migrations, and the indexed lookups."""

from __future__ import annotations

import itertools
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

import storage.database
from bot.core.kinds import SourceKind
from bot.core.model import Sample
from storage import failures as failure_store
from storage import samples, sources, subscriptions
from storage.database import DatabaseTooNewError, open_database
from storage.migrations import SCHEMA_VERSION

T0 = datetime(2026, 11, 1, tzinfo=UTC)


async def _db_with_source(path: Path):  # type: ignore[no-untyped-def]
    db = await open_database(path)
    src = await sources.add_source(
        db, kind=SourceKind.KAKAO, target="_x", label="kakao", interval_seconds=30, created_at=T0
    )
    return db, src


async def test_new_database_is_wal_versioned_and_private(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "c.db"
    db = await open_database(path)
    try:
        async with db.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"  # type: ignore[index]
        async with db.execute("PRAGMA user_version") as cur:
            assert (await cur.fetchone())[0] == SCHEMA_VERSION  # type: ignore[index]
    finally:
        await db.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


async def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        raw.execute("CREATE TABLE something_new (x)")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="upgrade channel-counter"):
        await open_database(path)
    assert path.read_bytes() == before


async def _pragma(db: aiosqlite.Connection, name: str) -> int:
    async with db.execute(f"PRAGMA {name}") as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_migration_runs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    db, src = await _db_with_source(path)
    try:
        assert await _pragma(db, "user_version") == SCHEMA_VERSION
        cookie = await _pragma(db, "schema_version")  # SQLite bumps it on every schema change
        await samples.insert_sample(db, src.id, Sample(T0, 1234))
    finally:
        await db.close()
    # Second start: any migration run again would fail (and none may touch the schema).
    monkeypatch.setattr(
        storage.database, "MIGRATIONS", ["NOT SQL: a migration ran twice"] * SCHEMA_VERSION
    )
    db = await open_database(path)
    try:
        assert await _pragma(db, "user_version") == SCHEMA_VERSION
        assert await _pragma(db, "schema_version") == cookie
        assert await samples.latest_sample(db, src.id) == Sample(T0, 1234)  # the data survives
    finally:
        await db.close()


async def test_sample_near_picks_nearest_within_tolerance(tmp_path: Path) -> None:
    db, src = await _db_with_source(tmp_path / "c.db")
    try:
        await samples.insert_samples(
            db,
            src.id,
            [
                Sample(T0, 100),
                Sample(T0 + timedelta(minutes=50), 150),
                Sample(T0 + timedelta(minutes=70), 170),
            ],
        )
        target = T0 + timedelta(minutes=62)
        near = await samples.sample_near(db, src.id, target, timedelta(minutes=90))
        assert near == Sample(T0 + timedelta(minutes=70), 170)
        far = T0 + timedelta(hours=5)
        assert await samples.sample_near(db, src.id, far, timedelta(minutes=90)) is None
    finally:
        await db.close()


async def test_insert_is_idempotent(tmp_path: Path) -> None:
    db, src = await _db_with_source(tmp_path / "c.db")
    try:
        rows = [Sample(T0 + timedelta(seconds=30 * i), 1000 + i) for i in range(100)]
        assert await samples.insert_samples(db, src.id, rows) == 100
        assert await samples.insert_samples(db, src.id, rows) == 0
        assert await samples.count_samples(db, src.id) == 100
        assert await samples.insert_sample(db, src.id, rows[0]) is False
    finally:
        await db.close()


async def test_series_is_bounded_and_keeps_each_buckets_last_value(tmp_path: Path) -> None:
    db, src = await _db_with_source(tmp_path / "c.db")
    try:
        rows = [Sample(T0 + timedelta(seconds=30 * i), i) for i in range(10_000)]
        await samples.insert_samples(db, src.id, rows)
        end = rows[-1].ts + timedelta(seconds=1)
        series = await samples.series_between(db, src.id, T0, end, max_points=100)
        assert 90 <= len(series) <= 100
        assert series[-1].value == 9_999  # the newest sample is always drawn
        assert [p.ts for p in series] == sorted(p.ts for p in series)
        # each point is its bucket's last sample: the values step by the bucket size
        steps = {b.value - a.value for a, b in itertools.pairwise(series)}
        assert max(steps) <= 101
        few = await samples.series_between(db, src.id, T0, T0 + timedelta(minutes=5))
        assert [p.value for p in few] == list(range(10))  # short ranges keep every sample
    finally:
        await db.close()


async def test_failures_are_stored_apart_from_numbers(tmp_path: Path) -> None:
    db, src = await _db_with_source(tmp_path / "c.db")
    try:
        await failure_store.record_failure(db, src.id, T0, "timeout", "no answer")
        assert await samples.latest_sample(db, src.id) is None
        got = await failure_store.recent_failures(db, src.id)
        assert [(f.tag, f.detail) for f in got] == [("timeout", "no answer")]
    finally:
        await db.close()


async def test_summary_delivery_is_recorded_once(tmp_path: Path) -> None:
    db, src = await _db_with_source(tmp_path / "c.db")
    try:
        assert await subscriptions.subscribe(db, 5, src.id, "ko", T0) is True
        assert await subscriptions.subscribe(db, 5, src.id, "en", T0) is False
        (sub,) = await subscriptions.subscriptions(db)
        assert sub.lang == "en"
        day = T0.date()
        assert not await subscriptions.summary_sent(db, 5, day)
        await subscriptions.mark_summary_sent(db, 5, day, T0)
        await subscriptions.mark_summary_sent(db, 5, day, T0)
        assert await subscriptions.summary_sent(db, 5, day)
        await subscriptions.move_chat(db, 5, -1005)
        assert [s.chat_id for s in await subscriptions.subscriptions(db)] == [-1005]
        assert await subscriptions.summary_sent(db, -1005, day)
    finally:
        await db.close()
