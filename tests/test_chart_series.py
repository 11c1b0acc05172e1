"""Chart series: bounded, chosen in SQL, each point its bucket's last good value with min/max.

The expected series is worked out here in plain Python from the samples that were inserted
(the oracle), and compared with what storage.samples.series_between answers, for ranges read
from raw samples and for ranges read from the 10-minute, hourly, 6-hourly and daily rollups.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import ChartPoint, Sample
from storage import samples, sources
from storage.database import open_database, split_statements
from storage.migrations import MIGRATIONS
from storage.samples import ROLLUPS, rollup_for, to_ts

T0 = datetime(2026, 9, 1, tzinfo=UTC)


def walk(count: int, *, seed: int = 1, every: int = 30, offset: int = 15) -> list[Sample]:
    """A noisy count: joins and leaves, an occasional burst, a sample every `every` seconds."""
    rng = random.Random(seed)
    value = 200_000
    out = []
    for i in range(count):
        value += rng.choice((-2, -1, 0, 0, 1, 1, 2, 3)) + (40 if rng.random() < 0.002 else 0)
        out.append(Sample(T0 + timedelta(seconds=offset + every * i), value))
    return out


def expected_series(
    rows: list[Sample], start: datetime, end: datetime, max_points: int
) -> list[ChartPoint]:
    """The series by its definition, from raw samples: buckets of the range, each its last value,
    min and max; ranges with buckets of 10 minutes or more group whole buckets of the widest
    rollup (10 minutes, an hour, a UTC day) that fits in a step."""
    lo, hi = to_ts(start), to_ts(end)
    step = -(-(hi - lo) // max_points)
    rollup = rollup_for(step)
    groups: dict[int, list[Sample]] = {}
    for s in rows:
        t = to_ts(s.ts)
        if rollup is not None:
            width = rollup[0]
            b0, b1 = lo // width, -(-hi // width)
            per = -(-(b1 - b0) // max_points)
            if b0 <= t // width < b1:
                groups.setdefault((t // width - b0) // per, []).append(s)
        elif lo <= t < hi:
            groups.setdefault((t - lo) // step, []).append(s)
    out = []
    for key in sorted(groups):
        members = groups[key]
        last = max(members, key=lambda s: s.ts)
        low, high = min(s.value for s in members), max(s.value for s in members)
        if low == high:
            out.append(ChartPoint(last.ts, last.value))
        else:
            out.append(ChartPoint(last.ts, last.value, low, high))
    return out


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    conn = await open_database(tmp_path / "c.db")
    await sources.add_source(
        conn, kind=SourceKind.KAKAO, target="_x", label="kakao", interval_seconds=30, created_at=T0
    )
    try:
        yield conn
    finally:
        await conn.close()


@pytest.mark.parametrize(
    ("span", "max_points"),
    [
        (timedelta(hours=3), 1500),  # raw: every sample its own bucket
        (timedelta(hours=24), 1500),  # raw: ~2 samples a bucket
        (timedelta(days=7), 1500),  # raw: ~13 samples a bucket
        (timedelta(days=7), 100),  # rollup
        (timedelta(days=30), 1500),  # rollup, 3 ten-minute buckets a point
        (timedelta(days=30), 7),  # daily rollup
        (timedelta(days=30), 200),  # hourly rollup, ~4 hours a point
        (timedelta(days=30), 719),  # hourly rollup, one hour a point
        (timedelta(days=29, hours=5), 25),  # daily rollup, edges mid-day
        (timedelta(days=30), 50),  # 6-hourly rollup, 2 buckets a point
    ],
)
async def test_series_matches_its_definition(
    db: aiosqlite.Connection, span: timedelta, max_points: int
) -> None:
    rows = walk(31 * 2880)
    await samples.insert_samples(db, 1, rows)
    end = rows[-1].ts + timedelta(seconds=1)
    start = end - span
    got = await samples.series_between(db, 1, start, end, max_points=max_points)
    assert got == expected_series(rows, start, end, max_points)
    assert 0 < len(got) <= max_points
    assert got[-1] == ChartPoint(rows[-1].ts, rows[-1].value, *_band(got[-1]))


def _band(p: ChartPoint) -> tuple[int, int] | tuple[()]:
    return () if p.low is None or p.high is None else (p.low, p.high)


async def test_a_dip_inside_a_bucket_shows_as_its_low(db: aiosqlite.Connection) -> None:
    rows = [Sample(T0 + timedelta(seconds=30 * i), 1000 + i) for i in range(2880 * 20)]
    dip_at = 2880 * 10 + 7
    rows[dip_at] = Sample(rows[dip_at].ts, 10)  # one bad minute, the count recovers after
    await samples.insert_samples(db, 1, rows)
    series = await samples.series_between(db, 1, T0, rows[-1].ts + timedelta(seconds=1))
    assert len(series) <= 1500
    dipped = [p for p in series if p.low == 10]
    assert len(dipped) == 1
    # the point still carries its bucket's last value, not the dip
    assert dipped[0].value > 10 and dipped[0].high == dipped[0].value


async def test_suspect_samples_are_left_out_until_confirmed(db: aiosqlite.Connection) -> None:
    rows = [Sample(T0 + timedelta(seconds=30 * i), 500) for i in range(2880 * 12)]
    await samples.insert_samples(db, 1, rows)
    spike = Sample(rows[4000].ts + timedelta(seconds=7), 99_999)
    await samples.insert_sample(db, 1, spike, suspect=True)
    end = rows[-1].ts + timedelta(seconds=1)
    ranges = [(T0, end), (spike.ts - timedelta(hours=1), spike.ts + timedelta(hours=1))]
    for start, stop in ranges:  # the rollup's range, then the raw samples'
        series = await samples.series_between(db, 1, start, stop)
        assert {p.value for p in series} == {500}
        assert all(p.high is None for p in series)

    await samples.confirm_suspect(db, 1, spike.ts)
    for start, stop in ranges:
        series = await samples.series_between(db, 1, start, stop)
        assert max(p.high or p.value for p in series) == 99_999

    # and doubted again (flag set back): the rollup bucket is worked out again from raw
    await db.execute(
        "UPDATE samples SET flags = flags | 2 WHERE source_id = 1 AND ts = ?", (to_ts(spike.ts),)
    )
    series = await samples.series_between(db, 1, T0, end)
    assert max(p.high or p.value for p in series) == 500


async def test_removing_a_source_removes_its_rollups(db: aiosqlite.Connection) -> None:
    await samples.insert_samples(db, 1, walk(100))
    for _, table in ROLLUPS:
        async with db.execute(f"SELECT count(*) FROM {table}") as cur:
            assert (await cur.fetchone()) != (0,)
    await sources.remove_source(db, 1)
    for _, table in ROLLUPS:
        async with db.execute(f"SELECT count(*) FROM {table}") as cur:
            assert (await cur.fetchone()) == (0,)


def test_the_rollup_chosen_is_the_widest_within_a_step() -> None:
    assert rollup_for(599) is None
    assert rollup_for(600) == (600, "sample_buckets")
    assert rollup_for(3599) == (600, "sample_buckets")
    assert rollup_for(3600) == (3600, "sample_buckets_hourly")
    assert rollup_for(21_599) == (3600, "sample_buckets_hourly")
    assert rollup_for(21_600) == (21_600, "sample_buckets_6h")
    assert rollup_for(86_399) == (21_600, "sample_buckets_6h")
    assert rollup_for(86_400 * 40) == (86_400, "sample_buckets_daily")


async def test_suspects_confirmed_and_doubted_keep_every_rollup_right(
    db: aiosqlite.Connection,
) -> None:
    """Hourly and daily ranges too: a confirmed spike shows in them, a doubted one leaves."""
    rows = walk(3 * 2880, seed=3)
    await samples.insert_samples(db, 1, rows)
    spike = Sample(rows[3000].ts + timedelta(seconds=7), 9_999_999)
    low = Sample(rows[5000].ts + timedelta(seconds=7), 3)
    await samples.insert_sample(db, 1, spike, suspect=True)
    await samples.insert_sample(db, 1, low, suspect=True)
    end = rows[-1].ts + timedelta(seconds=1)
    good = list(rows)
    for max_points in (3, 10, 60, 400, 1500):  # daily, 6-hourly, hourly, 10-minute, raw
        got = await samples.series_between(db, 1, T0, end, max_points=max_points)
        assert got == expected_series(good, T0, end, max_points)
    await samples.confirm_suspect(db, 1, spike.ts)
    await samples.confirm_suspect(db, 1, low.ts)
    good = sorted([*rows, spike, low], key=lambda s: s.ts)
    for max_points in (3, 10, 60, 400, 1500):
        got = await samples.series_between(db, 1, T0, end, max_points=max_points)
        assert got == expected_series(good, T0, end, max_points)
        assert max(p.high or p.value for p in got) == 9_999_999
    for doubted in (spike, low):
        await db.execute(
            "UPDATE samples SET flags = flags | 2 WHERE source_id = 1 AND ts = ?",
            (to_ts(doubted.ts),),
        )
    for max_points in (3, 10, 60, 400, 1500):
        got = await samples.series_between(db, 1, T0, end, max_points=max_points)
        assert got == expected_series(rows, T0, end, max_points)


async def test_rollup_is_built_for_a_database_made_before_it(tmp_path: Path) -> None:
    """Migrations 3 and 5 fill the rollups from the samples a version-1 database holds."""
    path = tmp_path / "old.db"
    rows = walk(5000)
    with sqlite3.connect(path) as old:
        for statement in split_statements(MIGRATIONS[0]):
            old.execute(statement)
        old.execute("PRAGMA user_version = 1")
        old.execute(
            "INSERT INTO sources (kind, target, label, interval_s, created_at) "
            "VALUES ('kakao', '_x', 'kakao', 30, 0)"
        )
        old.executemany(
            "INSERT INTO samples (source_id, ts, value, flags) VALUES (1, ?, ?, 0)",
            [(to_ts(s.ts), s.value) for s in rows],
        )
    db = await open_database(path)
    try:
        end = rows[-1].ts + timedelta(seconds=1)
        for max_points in (50, 2, 1500):  # the 10-minute rollup, the hourly one, raw
            got = await samples.series_between(db, 1, T0, end, max_points=max_points)
            assert got == expected_series(rows, T0, end, max_points)
        # and it is kept up from then on
        newer = Sample(end + timedelta(seconds=5), rows[-1].value + 10)
        await samples.insert_sample(db, 1, newer)
        got = await samples.series_between(
            db, 1, T0, newer.ts + timedelta(seconds=1), max_points=50
        )
        assert got[-1].ts == newer.ts and got[-1].value == newer.value
    finally:
        await db.close()


def test_migration_statements_keep_trigger_bodies_whole() -> None:
    script = """
        CREATE TABLE a (x);
        CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO a VALUES (1); SELECT ';'; END;
        INSERT INTO a VALUES (';');
    """
    assert [s.split()[0:2] for s in split_statements(script)] == [
        ["CREATE", "TABLE"],
        ["CREATE", "TRIGGER"],
        ["INSERT", "INTO"],
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;")


async def test_samples_at_answers_every_moment_in_order(db: aiosqlite.Connection) -> None:
    rows = walk(3000)
    await samples.insert_samples(db, 1, rows)
    moments = [T0 - timedelta(hours=1)] + [T0 + timedelta(minutes=37 * k) for k in range(1, 31)]
    got = await samples.samples_at(db, 1, moments)
    one_by_one = [next((r for r in reversed(rows) if r.ts <= m), None) for m in moments]
    assert got == one_by_one
    assert got[0] is None and all(s is not None for s in got[1:])
