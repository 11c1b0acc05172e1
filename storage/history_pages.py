"""A whole history read and written in bounded pieces, for export and import: pages by keyset
over the (source_id, ts) key, batches in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import aiosqlite

from bot.core.model import Sample
from storage.samples import FLAG_APPROXIMATE, FLAG_SUSPECT, to_ts


def good_page(
    conn: sqlite3.Connection, source_id: int, after: int, limit: int
) -> tuple[list[tuple[int, int]], int | None]:
    """Up to `limit` samples after `after` (keyset over the primary key, so each page is one
    seek however long the history): the good ones as (ts, value), and the last ts read (None
    at the end). Synchronous, for a worker process with its own connection."""
    rows = conn.execute(
        "SELECT ts, value, flags FROM samples WHERE source_id = ? AND ts > ? ORDER BY ts LIMIT ?",
        (source_id, after, limit),
    ).fetchall()
    if not rows:
        return [], None
    good = [(ts, value) for ts, value, flags in rows if not flags & FLAG_SUSPECT]
    return good, rows[-1][0]


async def insert_sample_batches(
    db: aiosqlite.Connection, source_id: int, batches: Iterable[list[Sample]]
) -> int:
    """Store every batch in ONE transaction (all or nothing), a batch at a time so memory
    stays at one batch; return how many samples were new."""
    added = 0
    await db.execute("BEGIN IMMEDIATE")
    try:
        for batch in batches:
            rows = [
                (source_id, to_ts(s.ts), s.value, FLAG_APPROXIMATE if s.approximate else 0)
                for s in batch
            ]
            cur = await db.executemany(
                "INSERT OR IGNORE INTO samples (source_id, ts, value, flags) VALUES (?, ?, ?, ?)",
                rows,
            )
            added += max(0, cur.rowcount)
            await cur.close()
        await db.commit()
    except BaseException:
        await db.rollback()
        raise
    return added
