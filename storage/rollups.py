"""Reading the hourly rollup for /why: one indexed range read, whatever the history.

The rows come from `sample_buckets_hourly` (kept by triggers, storage/migrations.py), keyed by
(source_id, bucket): a window's rows are one b-tree seek and a scan of only those rows, so the
cost follows the window asked for, never how many samples the source holds.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.core.unusual_series import HOUR, HourRow
from storage.samples import FLAG_APPROXIMATE, to_ts


async def hourly_rows(
    db: aiosqlite.Connection, source_id: int, start: datetime, end: datetime
) -> list[HourRow]:
    """The hours in [start, end) that had good samples, oldest first (an hour without one has
    no row: /why treats it as a gap)."""
    rows = await db.execute_fetchall(
        "SELECT bucket, last_value, low, high FROM sample_buckets_hourly "
        "WHERE source_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket",
        (source_id, to_ts(start) // HOUR, -(-to_ts(end) // HOUR)),
    )
    return [HourRow(hour=r[0], last=r[1], low=r[2], high=r[3]) for r in rows]


async def is_rounded(db: aiosqlite.Connection, source_id: int) -> bool:
    """Whether the source's latest good sample was a rounded figure ("10.6M"): one seek."""
    rows = await db.execute_fetchall(
        "SELECT flags FROM samples WHERE source_id = ? AND flags & 2 = 0 ORDER BY ts DESC LIMIT 1",
        (source_id,),
    )
    return bool(rows) and bool(next(iter(rows))[0] & FLAG_APPROXIMATE)
