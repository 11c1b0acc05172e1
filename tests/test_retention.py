"""Retention: samples older than RETENTION_RAW_DAYS become one per 10 minutes (each bucket's
last good sample), idempotently, and the bot's answers stay the same where the data allows."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.core.ranges import RANGES
from bot.services.deps import Deps
from bot.services.facts import gather_chart, gather_now, gather_summary
from bot.services.retention import Retention
from bot.settings import Settings
from storage import deliveries, samples, sources, subscriptions
from storage import failures as failure_store
from storage.database import open_database, split_statements
from storage.migrations import MIGRATIONS
from storage.samples import BUCKET_SECONDS, from_ts, to_ts
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, TOKEN, running_bot, wait_until
from tests.test_chart_series import expected_series

T0 = datetime(2026, 9, 1, tzinfo=UTC)


def history(days: int, *, seed: int = 7) -> list[Sample]:
    """30 s samples (at :15 and :45, so none falls on a bucket edge), noise, a 3-hour gap."""
    rng = random.Random(seed)
    value = 150_000
    out = []
    for i in range(days * 2880):
        if 2880 * 3 <= i < 2880 * 3 + 360:
            continue
        value += rng.choice((-1, 0, 0, 1, 1, 2, 5))
        out.append(Sample(T0 + timedelta(seconds=15 + 30 * i), value))
    return out


async def all_rows(db: object, source_id: int = 1) -> list[tuple[int, int, int]]:
    async with db.execute(  # type: ignore[attr-defined]
        "SELECT ts, value, flags FROM samples WHERE source_id = ? ORDER BY ts", (source_id,)
    ) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def rollup_rows(db: object, table: str) -> list[tuple[int, ...]]:
    async with db.execute(f"SELECT * FROM {table} ORDER BY source_id, bucket") as cur:  # type: ignore[attr-defined]
        return [tuple(r) for r in await cur.fetchall()]


async def test_each_old_bucket_keeps_its_last_good_sample(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "c.db")
    try:
        await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target="_x",
            label="kakao",
            interval_seconds=30,
            created_at=T0,
        )
        rows = history(3)
        await samples.insert_samples(db, 1, rows)
        # the last sample of one bucket is suspect: the one before it is that bucket's keeper
        doubtful = Sample(T0 + timedelta(minutes=29, seconds=55), 1)
        await samples.insert_sample(db, 1, doubtful, suspect=True)
        before = await all_rows(db)
        cutoff = T0 + timedelta(days=2, minutes=5)  # mid-bucket: that bucket stays whole

        removed = await samples.reduce_history(db, 1, cutoff)

        after = await all_rows(db)
        edge = to_ts(cutoff) // BUCKET_SECONDS * BUCKET_SECONDS
        old_before = [r for r in before if r[0] < edge]
        keepers: dict[int, tuple[int, int, int]] = {}
        for r in old_before:
            if not r[2] & samples.FLAG_SUSPECT:
                keepers[r[0] // BUCKET_SECONDS] = r  # rows are in time order: the last wins
        assert [r for r in after if r[0] < edge] == sorted(keepers.values())
        assert [r for r in after if r[0] >= edge] == [r for r in before if r[0] >= edge]
        assert removed == len(before) - len(after) == len(old_before) - len(keepers)
        assert (to_ts(doubtful.ts), 1, samples.FLAG_SUSPECT) not in after

        # idempotent: again, or again from where the last pass stopped, changes nothing
        assert await samples.reduce_history(db, 1, cutoff) == 0
        assert await samples.reduce_history(db, 1, cutoff, after=cutoff) == 0
        assert await all_rows(db) == after
    finally:
        await db.close()


async def test_answers_are_the_same_after_reduction(tmp_path: Path) -> None:
    """45 days of history, RETENTION_RAW_DAYS=30: /now, the summary and every chart range give
    the same answers after reduction; so do lookups into the reduced past that land on a
    bucket's last sample (the ones the data allows)."""
    path = tmp_path / "c.db"
    db = await open_database(path)
    http = httpx.AsyncClient()
    try:
        source = await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target="_x",
            label="kakao",
            interval_seconds=30,
            created_at=T0,
        )
        rows = history(45)
        await samples.insert_samples(db, source.id, rows)
        now = rows[-1].ts + timedelta(seconds=12)
        settings = Settings(telegram_bot_token=TOKEN, database_path=path, retention_raw_days=30)
        retention = Retention(Deps(settings=settings, clock=FakeClock(now), db=db, http=http))

        async def answers() -> list[object]:
            got: list[object] = [
                await gather_now(db, source, now, SEOUL),
                await gather_summary(db, source, now, SEOUL),
            ]
            for key in ("24h", "7d", "30d", "all"):
                got.append(await gather_chart(db, [source], RANGES[key], now))
            for max_points in (20, 150, 300, 1000):  # daily, 6-hourly, hourly, 10-minute
                got.append(
                    await samples.series_between(db, source.id, T0, now, max_points=max_points)
                )
            for _, table in samples.ROLLUPS:
                got.append(await rollup_rows(db, table))
            # into the reduced past: the sample before a bucket edge is that bucket's last one
            edges = [T0 + timedelta(minutes=10 * k) for k in range(1, 2000, 37)]
            before = [e - timedelta(seconds=1) for e in edges]  # whole seconds: strictly before
            got.append(await samples.samples_at(db, source.id, before))
            hours = [T0 + timedelta(hours=h) for h in range(0, 24 * 12, 5)]
            got.append(await samples.samples_at(db, source.id, hours))
            kept_old = [from_ts(t) for t in range(to_ts(T0) + 585, to_ts(T0) + 86_400, 6_000)]
            got.append(
                [
                    await samples.sample_near(db, source.id, t, timedelta(minutes=90))
                    for t in kept_old
                ]
            )
            return got

        before = await answers()
        removed = await retention.reduce_old_samples()
        assert removed > 14 * 2880 * 0.9  # the 15 oldest days are down to one in 20
        assert await answers() == before
        assert await retention.reduce_old_samples() == 0  # the next hourly pass has nothing to do
        assert await samples.reduce_history(db, source.id, now - timedelta(days=30)) == 0
    finally:
        await http.aclose()
        await db.close()


async def test_the_bot_reduces_old_samples_on_its_own(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    """The retention job runs soon after the start and then periodically."""
    clock.set(T0 + timedelta(days=3))
    db = await open_database(settings.database_path)
    try:
        src = await sources.ensure_source(
            db,
            kind=SourceKind.KAKAO,
            target="_xdhKKT",
            label="kakao",
            interval_seconds=30,
            created_at=T0,
        )
        await samples.insert_samples(db, src.id, history(3))
    finally:
        await db.close()
    source_server.set_kakao_count("_xdhKKT", 1234)
    fast = replace(settings, retention_raw_days=1, retention_check_seconds=0.2)

    async with running_bot(fast, clock) as bot:
        db = bot.deps.db
        cutoff = to_ts(clock.now() - timedelta(days=1))

        async def reduced() -> bool:
            async with db.execute(
                "SELECT count(*), count(DISTINCT ts / 600) FROM samples "
                "WHERE source_id = 1 AND ts < ?",
                (cutoff // 600 * 600,),
            ) as cur:
                n, buckets = await cur.fetchone()  # type: ignore[misc]
            return bool(n) and n == buckets

        await wait_until(reduced)
        recent = await samples.series_between(
            db, 1, clock.now() - timedelta(hours=20), clock.now(), max_points=100_000
        )
        assert len(recent) > 2000  # the last day is untouched (a point per raw sample)


async def test_old_deliveries_and_failures_are_pruned_but_not_what_replies_read(
    tmp_path: Path,
) -> None:
    """Bounded tables: deliveries older than a week of local days go, today's stays (so the
    summary still goes once); failures older than the raw retention go, except the ones /now
    counts (after the latest good sample) and the newest (which /sources shows)."""
    path = tmp_path / "c.db"
    db = await open_database(path)
    now = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # 09:30 in Seoul, 30 Nov
    try:
        ok = await sources.add_source(
            db, kind=SourceKind.KAKAO, target="_a", label="ok", interval_seconds=30, created_at=T0
        )
        broken = await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target="_b",
            label="broken",
            interval_seconds=30,
            created_at=T0,
        )
        await samples.insert_sample(db, ok.id, Sample(now - timedelta(minutes=1), 5))
        await samples.insert_sample(db, broken.id, Sample(now - timedelta(days=50), 7))
        for days_ago in (45, 40, 35, 1):
            at = now - timedelta(days=days_ago)
            await failure_store.record_failure(db, ok.id, at, "timeout", "old")
            await failure_store.record_failure(db, broken.id, at, "timeout", "still failing")
        for days_ago in range(0, 12):
            day = (now.astimezone(SEOUL) - timedelta(days=days_ago)).date()
            await subscriptions.mark_summary_sent(db, 1, day, now)
            await deliveries.mark_in_flight(db, 2, day, "run", now)
        settings = Settings(telegram_bot_token=TOKEN, database_path=path, retention_raw_days=30)
        async with httpx.AsyncClient() as http:
            retention = Retention(Deps(settings=settings, clock=FakeClock(now), db=db, http=http))
            await retention.reduce_old_samples()

        kept_days = await db.execute_fetchall(
            "SELECT local_date FROM summary_deliveries ORDER BY local_date"
        )
        assert [r[0] for r in kept_days] == [f"2026-11-{d}" for d in range(23, 31)]
        markers = await db.execute_fetchall("SELECT count(*) FROM summary_in_flight")
        assert list(markers) == [(8,)]
        today = now.astimezone(SEOUL).date()
        assert await subscriptions.summary_sent(db, 1, today)
        # ok: failures older than 30 days go; the one from yesterday is newest and stays.
        assert [f.detail for f in await failure_store.recent_failures(db, ok.id, limit=10)] == [
            "old"
        ]
        # broken: every failure is after its last good sample, so /now still counts them all.
        assert (
            await failure_store.count_failures_since(db, broken.id, now - timedelta(days=50)) == 4
        )
    finally:
        await db.close()


async def test_rollups_added_after_reduction_keep_what_raw_samples_no_longer_hold(
    tmp_path: Path,
) -> None:
    """A version-4 database whose old samples were reduced: the coarser rollups are
    filled from the 10-minute one, so their min/max are those of every sample ever stored."""
    path = tmp_path / "old.db"
    rows = history(12)
    with sqlite3.connect(path) as old:
        for migration in MIGRATIONS[:4]:
            for statement in split_statements(migration):
                old.execute(statement)
        old.execute("PRAGMA user_version = 4")
        old.execute(
            "INSERT INTO sources (kind, target, label, interval_s, created_at) "
            "VALUES ('kakao', '_x', 'kakao', 30, 0)"
        )
        old.executemany(
            "INSERT INTO samples (source_id, ts, value, flags) VALUES (1, ?, ?, 0)",
            [(to_ts(s.ts), s.value) for s in rows],
        )
        # retention, as version 4 did it: each old 10-minute bucket down to its last sample
        old.execute(
            "DELETE FROM samples WHERE ts < ? AND ts NOT IN "
            "(SELECT max(ts) FROM samples GROUP BY ts / 600)",
            (to_ts(T0 + timedelta(days=10)),),
        )
    db = await open_database(path)
    try:
        end = rows[-1].ts + timedelta(seconds=1)
        for max_points in (5, 30, 100):  # daily, 6-hourly, hourly
            got = await samples.series_between(db, 1, T0, end, max_points=max_points)
            assert got == expected_series(rows, T0, end, max_points)
    finally:
        await db.close()
