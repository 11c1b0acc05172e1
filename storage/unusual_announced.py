"""The unusual movements `/alert unusual` has announced, per source, by (kind, start): kept so
the next check and a restart never repeat one (bot/services/watch.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import aiosqlite

from storage.samples import to_ts


async def announced(
    db: aiosqlite.Connection, source_id: int, since: datetime
) -> set[tuple[str, int]]:
    """The (kind, start) keys announced for events that began at or after `since`."""
    rows = await db.execute_fetchall(
        "SELECT kind, start FROM unusual_announced WHERE source_id = ? AND start >= ?",
        (source_id, to_ts(since)),
    )
    return {(str(r[0]), int(r[1])) for r in rows}


async def add_announced(
    db: aiosqlite.Connection,
    source_id: int,
    keys: Iterable[tuple[str, int]],
    at: datetime,
    forget_before: datetime,
) -> None:
    """Mark the keys announced, and forget those too old to be judged again."""
    await db.executemany(
        "INSERT OR IGNORE INTO unusual_announced (source_id, kind, start, at) VALUES (?, ?, ?, ?)",
        [(source_id, kind, start, to_ts(at)) for kind, start in keys],
    )
    await db.execute(
        "DELETE FROM unusual_announced WHERE source_id = ? AND start < ?",
        (source_id, to_ts(forget_before)),
    )
