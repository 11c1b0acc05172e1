"""Samples: the only place their SQL lives (failures: storage/failures.py).

Every read is a seek on the (source_id, ts) primary key, so its cost does not grow with history.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.core.model import ChartPoint, Sample

FLAG_APPROXIMATE = 1
FLAG_SUSPECT = 2  # held back from deltas until the next sample confirms it


def to_ts(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime")
    return int(moment.timestamp())


def from_ts(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


async def _rows(
    db: aiosqlite.Connection, sql: str, params: Sequence[object] | Mapping[str, object]
) -> list[aiosqlite.Row]:
    """Every row in one hop to the database thread (a cursor's execute, fetch and close are
    three), which keeps /now's handful of lookups near a millisecond."""
    return list(await db.execute_fetchall(sql, params))


async def _first_row(
    db: aiosqlite.Connection, sql: str, params: Sequence[object] | Mapping[str, object]
) -> aiosqlite.Row | None:
    found = await _rows(db, sql, params)
    return found[0] if found else None


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
    await db.execute("BEGIN IMMEDIATE")
    try:
        # rowcount, not total_changes: the latter also counts the rollup trigger's writes.
        cur = await db.executemany(
            "INSERT OR IGNORE INTO samples (source_id, ts, value, flags) VALUES (?, ?, ?, ?)",
            rows,
        )
        added = max(0, cur.rowcount)
        await cur.close()
        await db.commit()
    except BaseException:
        await db.rollback()
        raise
    return added


async def confirm_suspect(db: aiosqlite.Connection, source_id: int, at: datetime) -> None:
    await db.execute(
        "UPDATE samples SET flags = flags & ~? WHERE source_id = ? AND ts = ?",
        (FLAG_SUSPECT, source_id, to_ts(at)),
    )


async def latest_sample(
    db: aiosqlite.Connection, source_id: int, *, include_suspect: bool = False
) -> Sample | None:
    suspect_clause = "" if include_suspect else f"AND flags & {FLAG_SUSPECT} = 0"
    row = await _first_row(
        db,
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? {suspect_clause} "  # noqa: S608
        "ORDER BY ts DESC LIMIT 1",
        (source_id,),
    )
    return _sample(row) if row else None


async def sample_near(
    db: aiosqlite.Connection, source_id: int, target: datetime, tolerance: timedelta
) -> Sample | None:
    """The good sample nearest to `target` within ±tolerance (two seeks), or None."""
    t = to_ts(target)
    tol = int(tolerance.total_seconds())
    row = await _first_row(
        db,
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
    )
    return _sample(row) if row else None


async def first_sample_at_or_after(
    db: aiosqlite.Connection, source_id: int, moment: datetime, *, before: datetime | None = None
) -> Sample | None:
    """The earliest good sample in [moment, before)."""
    end = to_ts(before) if before is not None else 2**62
    row = await _first_row(
        db,
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? AND ts >= ? AND ts < ? "  # noqa: S608
        f"AND flags & {FLAG_SUSPECT} = 0 ORDER BY ts ASC LIMIT 1",
        (source_id, to_ts(moment), end),
    )
    return _sample(row) if row else None


async def first_sample_at_or_above(
    db: aiosqlite.Connection, source_id: int, value: int
) -> Sample | None:
    """The earliest good sample whose count is `value` or more: when a target was reached."""
    row = await _first_row(
        db,
        f"SELECT ts, value, flags FROM samples WHERE source_id = ? AND value >= ? "  # noqa: S608
        f"AND flags & {FLAG_SUSPECT} = 0 ORDER BY ts ASC LIMIT 1",
        (source_id, value),
    )
    return _sample(row) if row else None


async def first_sample(db: aiosqlite.Connection, source_id: int) -> Sample | None:
    return await first_sample_at_or_after(db, source_id, from_ts(0))


async def samples_at(
    db: aiosqlite.Connection, source_id: int, moments: Iterable[datetime]
) -> list[Sample | None]:
    """For each moment, the last good sample at or before it: one statement, one seek per moment.

    (CROSS JOIN keeps the moments the outer loop; SQLite would otherwise walk the samples.)
    """
    wanted = [to_ts(m) for m in moments]
    if not wanted:
        return []
    rows = await _rows(
        db,
        f"""
        SELECT m.key, s.ts, s.value, s.flags FROM json_each(:moments) AS m
        CROSS JOIN samples AS s ON s.source_id = :sid AND s.ts = (
            SELECT ts FROM samples
            WHERE source_id = :sid AND ts <= m.value AND flags & {FLAG_SUSPECT} = 0
            ORDER BY ts DESC LIMIT 1)
        """,  # noqa: S608
        {"sid": source_id, "moments": json.dumps(wanted)},
    )
    out: list[Sample | None] = [None] * len(wanted)
    for r in rows:
        out[int(r[0])] = _sample((r[1], r[2], r[3]))
    return out


async def latest_samples(
    db: aiosqlite.Connection, source_ids: Sequence[int], *, include_suspect: bool = False
) -> dict[int, Sample]:
    """Each source's latest sample (good only unless `include_suspect`), one statement: a seek
    per source, for the commands that list every source."""
    if not source_ids:
        return {}
    suspect_clause = "" if include_suspect else f"AND flags & {FLAG_SUSPECT} = 0"
    rows = await _rows(
        db,
        f"""
        SELECT m.value, s.ts, s.value, s.flags FROM json_each(:ids) AS m
        CROSS JOIN samples AS s ON s.source_id = m.value AND s.ts = (
            SELECT ts FROM samples WHERE source_id = m.value {suspect_clause}
            ORDER BY ts DESC LIMIT 1)
        """,  # noqa: S608
        {"ids": json.dumps(list(source_ids))},
    )
    return {int(r[0]): _sample((r[1], r[2], r[3])) for r in rows}


async def latest_with_reference(
    db: aiosqlite.Connection, source_ids: Sequence[int], back: timedelta, tolerance: timedelta
) -> dict[int, tuple[Sample, Sample | None]]:
    """Each source's latest good sample and the good sample nearest to `back` before it within
    ±tolerance (what `sample_near` answers; a tie goes to the earlier one), in one statement:
    three seeks per source. Sources without a sample are left out."""
    if not source_ids:
        return {}
    rows = await _rows(
        db,
        f"""
        WITH l AS (
            SELECT m.value AS sid, s.ts, s.value, s.flags, s.ts - :back AS t
            FROM json_each(:ids) AS m
            CROSS JOIN samples AS s ON s.source_id = m.value AND s.ts = (
                SELECT ts FROM samples WHERE source_id = m.value AND flags & {FLAG_SUSPECT} = 0
                ORDER BY ts DESC LIMIT 1)
        ), r AS (
            SELECT l.*,
                (SELECT ts FROM samples WHERE source_id = l.sid AND ts <= l.t
                    AND ts >= l.t - :tol AND flags & {FLAG_SUSPECT} = 0
                    ORDER BY ts DESC LIMIT 1) AS b,
                (SELECT ts FROM samples WHERE source_id = l.sid AND ts > l.t
                    AND ts <= l.t + :tol AND flags & {FLAG_SUSPECT} = 0
                    ORDER BY ts ASC LIMIT 1) AS a
            FROM l
        )
        SELECT r.sid, r.ts, r.value, r.flags, d.ts, d.value, d.flags FROM r
        LEFT JOIN samples AS d ON d.source_id = r.sid AND d.ts = CASE
            WHEN r.b IS NULL THEN r.a
            WHEN r.a IS NULL THEN r.b
            WHEN r.a - r.t < r.t - r.b THEN r.a
            ELSE r.b END
        """,  # noqa: S608
        {
            "ids": json.dumps(list(source_ids)),
            "back": int(back.total_seconds()),
            "tol": int(tolerance.total_seconds()),
        },
    )
    return {
        int(r[0]): (
            _sample((r[1], r[2], r[3])),
            _sample((r[4], r[5], r[6])) if r[4] is not None else None,
        )
        for r in rows
    }


BUCKET_SECONDS = 600  # the rollup's bucket (sample_buckets) and retention's: 10 minutes

# The rollups, finest first: (bucket width in seconds, table). Each coarser one is what its
# finer buckets say, kept by the same triggers (storage/migrations.py).
ROLLUPS: tuple[tuple[int, str], ...] = (
    (BUCKET_SECONDS, "sample_buckets"),
    (3600, "sample_buckets_hourly"),
    (21600, "sample_buckets_6h"),
    (86400, "sample_buckets_daily"),
)


def rollup_for(step: int) -> tuple[int, str] | None:
    """The coarsest rollup whose bucket is no wider than `step` seconds (None: read raw)."""
    chosen = None
    for width, table in ROLLUPS:
        if width <= step:
            chosen = (width, table)
    return chosen


async def series_between(
    db: aiosqlite.Connection,
    source_id: int,
    start: datetime,
    end: datetime,
    *,
    max_points: int = 1500,
) -> list[ChartPoint]:
    """A chart series of at most `max_points`: per time bucket, its last good sample, min and max.

    Chosen in SQL. A range whose point step is 10 minutes or wider reads the coarsest rollup
    whose bucket fits in a step (10 minutes, 1 hour, 6 hours or a UTC day), grouping whole rollup
    buckets per point, so edges snap to that bucket; a shorter one reads its raw samples, which
    a short range bounds. Either way the cost depends on the range and `max_points`, never on
    how much history there is: at most max_points × (next rollup's width / this one's) rows,
    ×6 at worst.
    `low` and `high` are left None where a bucket held a single value.
    """
    lo, hi = to_ts(start), to_ts(end)
    if hi <= lo or max_points <= 0:
        return []
    step = -(-(hi - lo) // max_points)
    rollup = rollup_for(step)
    if rollup is not None:
        width, table = rollup
        b0, b1 = lo // width, -(-hi // width)
        per_point = -(-(b1 - b0) // max_points)
        if width == BUCKET_SECONDS:  # the 10-minute rollup: the value is the raw sample's
            sql = """
                WITH g AS (
                    SELECT max(last_ts) AS t, min(low) AS low, max(high) AS high
                    FROM sample_buckets
                    WHERE source_id = :sid AND bucket >= :b0 AND bucket < :b1
                    GROUP BY (bucket - :b0) / :per
                )
                SELECT g.t, s.value, g.low, g.high FROM g
                CROSS JOIN samples AS s ON s.source_id = :sid AND s.ts = g.t
                ORDER BY g.t
            """
        else:  # hourly, daily: the value is on the rollup row of the group's last ts
            sql = f"""
                WITH g AS (
                    SELECT max(last_ts) AS t, min(low) AS low, max(high) AS high
                    FROM {table}
                    WHERE source_id = :sid AND bucket >= :b0 AND bucket < :b1
                    GROUP BY (bucket - :b0) / :per
                )
                SELECT g.t, r.last_value, g.low, g.high FROM g
                CROSS JOIN {table} AS r ON r.source_id = :sid AND r.bucket = g.t / {width}
                ORDER BY g.t
            """  # noqa: S608
        params = {"sid": source_id, "b0": b0, "b1": b1, "per": per_point}
    else:
        sql = f"""
            WITH g AS (
                SELECT max(ts) AS t, min(value) AS low, max(value) AS high
                FROM samples
                WHERE source_id = :sid AND ts >= :lo AND ts < :hi AND flags & {FLAG_SUSPECT} = 0
                GROUP BY (ts - :lo) / :step
            )
            SELECT g.t, s.value, g.low, g.high FROM g
            CROSS JOIN samples AS s ON s.source_id = :sid AND s.ts = g.t
            ORDER BY g.t
        """  # noqa: S608
        params = {"sid": source_id, "lo": lo, "hi": hi, "step": step}
    rows = await _rows(db, sql, params)
    return [
        ChartPoint(ts=from_ts(r[0]), value=r[1])
        if r[2] == r[3]
        else ChartPoint(ts=from_ts(r[0]), value=r[1], low=r[2], high=r[3])
        for r in rows
    ]


async def reduce_history(
    db: aiosqlite.Connection,
    source_id: int,
    before: datetime,
    *,
    after: datetime | None = None,
    chunk: timedelta = timedelta(days=1),
) -> int:
    """Keep one sample per 10 minutes before `before`: each bucket's last good one.

    Only whole buckets that end by `before` are reduced, so running it again changes nothing.
    The 10-minute rollup keeps each bucket's min and max, so charts are unchanged. Works a day
    per statement (each its own short transaction) so a first pass over a big history never
    holds the database for long; `after` skips what an earlier pass already reduced. Returns
    how many samples were removed.
    """
    cutoff = to_ts(before) // BUCKET_SECONDS * BUCKET_SECONDS
    width = max(BUCKET_SECONDS, int(chunk.total_seconds()) // BUCKET_SECONDS * BUCKET_SECONDS)
    if after is not None:
        first_ts = to_ts(after) // BUCKET_SECONDS * BUCKET_SECONDS
    else:
        row = await _first_row(
            db, "SELECT ts FROM samples WHERE source_id = ? ORDER BY ts LIMIT 1", (source_id,)
        )
        if row is None:
            return 0
        first_ts = int(row[0])
    removed = 0
    lo = first_ts // width * width
    while lo < cutoff:
        hi = min(lo + width, cutoff)
        cur = await db.execute(
            f"""
            DELETE FROM samples
            WHERE source_id = :sid AND ts >= :lo AND ts < :hi AND ts NOT IN (
                SELECT max(ts) FROM samples
                WHERE source_id = :sid AND ts >= :lo AND ts < :hi AND flags & {FLAG_SUSPECT} = 0
                GROUP BY ts / {BUCKET_SECONDS})
            """,  # noqa: S608
            {"sid": source_id, "lo": lo, "hi": hi},
        )
        removed += max(0, cur.rowcount)
        await cur.close()
        lo = hi
    return removed


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
