"""Samples and failures: the only place their SQL lives.

Every read is a seek on the (source_id, ts) primary key, so its cost does not grow with history.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.model import ChartPoint, FailureRecord, Sample

FLAG_APPROXIMATE = 1
FLAG_SUSPECT = 2  # held back from deltas until the next sample confirms it


def to_ts(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime")
    return int(moment.timestamp())


def from_ts(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _sample(row: aiosqlite.Row | tuple[int, int, int]) -> Sample:
    return Sample(ts=from_ts(row[0]), value=row[1], approximate=bool(row[2] & FLAG_APPROXIMATE))


async def insert_sample(
    db: aiosqlite.Connection, source_id: int, sample: Sample, *, suspect: bool = False
) -> bool:
    """Store one sample; a second sample in the same second is ignored. True when stored."""
    flags = (FLAG_APPROXIMATE if sample.approximate else 0) | (FLAG_SUSPECT if suspect else 0)
    cur = await db.execute(
        "INSERT OR IGNORE INTO samples (source_id, ts, value, flags) VALUES (?, ?, ?, ?)",
        (source_id, to_ts(sample.ts), sample.value, flags),
    )
    stored = cur.rowcount > 0
    await cur.close()
    return stored


async def insert_samples(
    db: aiosqlite.Connection, source_id: int, samples: Iterable[Sample]
) -> int:
    """Store many samples in one transaction, idempotently; return how many were new."""
    rows = [
        (source_id, to_ts(s.ts), s.value, FLAG_APPROXIMATE if s.approximate else 0) for s in samples
    ]
    before = db.total_changes
    await db.execute("BEGIN IMMEDIATE")
    try:
        await db.executemany(
            "INSERT OR IGNORE INTO samples (source_id, ts, value, flags) VALUES (?, ?, ?, ?)",
            rows,
        )
        await db.commit()
    except BaseException:
        await db.rollback()
        raise
    return db.total_changes - before


async def confirm_suspect(db: aiosqlite.Connection, source_id: int, at: datetime) -> None:
    await db.execute(
        "UPDATE samples SET flags = flags & ~? WHERE source_id = ? AND ts = ?",
        (FLAG_SUSPECT, source_id, to_ts(at)),
    )


async def latest_sample(
    db: aiosqlite.Connection, source_id: int, *, include_suspect: bool = False
) -> Sample | None:
    suspect_clause = "" if include_suspect else f"AND flags & {FLAG_SUSPECT} = 0"
    async with db.execute(
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? {suspect_clause} "  # noqa: S608
        "ORDER BY ts DESC LIMIT 1",
        (source_id,),
    ) as cur:
        row = await cur.fetchone()
    return _sample(row) if row else None


async def sample_near(
    db: aiosqlite.Connection, source_id: int, target: datetime, tolerance: timedelta
) -> Sample | None:
    """The good sample nearest to `target` within ±tolerance (two seeks), or None."""
    t = to_ts(target)
    tol = int(tolerance.total_seconds())
    async with db.execute(
        f"""
        SELECT ts, value, flags FROM (
            SELECT * FROM (
                SELECT ts, value, flags FROM samples
                WHERE source_id = :sid AND ts <= :t AND ts >= :t - :tol
                  AND flags & {FLAG_SUSPECT} = 0
                ORDER BY ts DESC LIMIT 1)
            UNION ALL
            SELECT * FROM (
                SELECT ts, value, flags FROM samples
                WHERE source_id = :sid AND ts > :t AND ts <= :t + :tol
                  AND flags & {FLAG_SUSPECT} = 0
                ORDER BY ts ASC LIMIT 1)
        ) ORDER BY abs(ts - :t), ts LIMIT 1
        """,  # noqa: S608
        {"sid": source_id, "t": t, "tol": tol},
    ) as cur:
        row = await cur.fetchone()
    return _sample(row) if row else None


async def first_sample_at_or_after(
    db: aiosqlite.Connection, source_id: int, moment: datetime, *, before: datetime | None = None
) -> Sample | None:
    """The earliest good sample in [moment, before)."""
    end = to_ts(before) if before is not None else 2**62
    async with db.execute(
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? AND ts >= ? AND ts < ? "  # noqa: S608
        f"AND flags & {FLAG_SUSPECT} = 0 ORDER BY ts ASC LIMIT 1",
        (source_id, to_ts(moment), end),
    ) as cur:
        row = await cur.fetchone()
    return _sample(row) if row else None


async def last_sample_before(
    db: aiosqlite.Connection, source_id: int, moment: datetime
) -> Sample | None:
    """The latest good sample strictly before `moment`."""
    async with db.execute(
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? AND ts < ? "  # noqa: S608
        f"AND flags & {FLAG_SUSPECT} = 0 ORDER BY ts DESC LIMIT 1",
        (source_id, to_ts(moment)),
    ) as cur:
        row = await cur.fetchone()
    return _sample(row) if row else None


async def first_sample(db: aiosqlite.Connection, source_id: int) -> Sample | None:
    return await first_sample_at_or_after(db, source_id, from_ts(0))


async def samples_at(
    db: aiosqlite.Connection, source_id: int, moments: Iterable[datetime]
) -> list[Sample | None]:
    """For each moment, the last good sample at or before it: one seek per moment."""
    out: list[Sample | None] = []
    for moment in moments:
        out.append(await last_sample_before(db, source_id, moment + timedelta(seconds=1)))
    return out


async def series_between(
    db: aiosqlite.Connection,
    source_id: int,
    start: datetime,
    end: datetime,
    *,
    max_points: int = 1500,
) -> list[ChartPoint]:
    """A chart series of at most `max_points`: the last good sample of each time bucket.

    Chosen in SQL with one index seek per bucket, so its cost depends on `max_points`, not on how
    many samples the range holds.
    """
    lo, hi = to_ts(start), to_ts(end)
    if hi <= lo:
        return []
    step = max(1, -(-(hi - lo) // max_points))
    async with db.execute(
        f"""
        WITH RECURSIVE buckets(b) AS (
            SELECT :lo UNION ALL SELECT b + :step FROM buckets WHERE b + :step < :hi
        )
        SELECT s.ts, s.value, s.flags FROM buckets
        JOIN samples AS s ON s.source_id = :sid AND s.ts = (
            SELECT ts FROM samples
            WHERE source_id = :sid AND ts >= b AND ts < min(b + :step, :hi)
              AND flags & {FLAG_SUSPECT} = 0
            ORDER BY ts DESC LIMIT 1)
        ORDER BY s.ts
        """,  # noqa: S608
        {"sid": source_id, "lo": lo, "hi": hi, "step": step},
    ) as cur:
        rows = await cur.fetchall()
    return [ChartPoint(ts=from_ts(r[0]), value=r[1]) for r in rows]


async def iter_samples(
    db: aiosqlite.Connection, source_id: int, *, batch: int = 5000
) -> AsyncIterator[Sample]:
    """Every good sample in time order, read in keyset-paginated batches (for export)."""
    after = -(2**62)
    while True:
        async with db.execute(
            "SELECT ts, value, flags FROM samples WHERE source_id = ? AND ts > ? "
            "ORDER BY ts LIMIT ?",
            (source_id, after, batch),
        ) as cur:
            rows = list(await cur.fetchall())
        if not rows:
            return
        for row in rows:
            if not row[2] & FLAG_SUSPECT:
                yield _sample(row)
        after = rows[-1][0]


async def count_samples(db: aiosqlite.Connection, source_id: int) -> int:
    async with db.execute("SELECT count(*) FROM samples WHERE source_id = ?", (source_id,)) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def record_failure(
    db: aiosqlite.Connection, source_id: int, at: datetime, reason: str, detail: str = ""
) -> None:
    await db.execute(
        "INSERT INTO failures (source_id, ts, reason, detail) VALUES (?, ?, ?, ?)",
        (source_id, to_ts(at), reason, detail[:500]),
    )


async def recent_failures(
    db: aiosqlite.Connection, source_id: int, *, since: datetime | None = None, limit: int = 5
) -> list[FailureRecord]:
    """The newest failures (newest first), optionally only those after `since`."""
    after = to_ts(since) if since is not None else -(2**62)
    async with db.execute(
        "SELECT ts, reason, detail FROM failures WHERE source_id = ? AND ts > ? "
        "ORDER BY ts DESC, id DESC LIMIT ?",
        (source_id, after, limit),
    ) as cur:
        rows = await cur.fetchall()
    return [FailureRecord(ts=from_ts(r[0]), reason=r[1], detail=r[2]) for r in rows]


async def count_failures_since(
    db: aiosqlite.Connection, source_id: int, since: datetime | None
) -> int:
    """How many failures were recorded after `since` (all of them when None)."""
    after = to_ts(since) if since is not None else -(2**62)
    async with db.execute(
        "SELECT count(*) FROM failures WHERE source_id = ? AND ts > ?", (source_id, after)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
