"""The highest milestone announced per source (bot/core/milestones.py decides)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.samples import to_ts


async def announced(db: aiosqlite.Connection, source_id: int) -> int | None:
    """The stored mark; None when the source has none yet."""
    rows = list(
        await db.execute_fetchall(
            "SELECT announced FROM milestones WHERE source_id = ?", (source_id,)
        )
    )
    return int(rows[0][0]) if rows else None


async def set_announced(db: aiosqlite.Connection, source_id: int, mark: int, at: datetime) -> None:
    await db.execute(
        "INSERT INTO milestones (source_id, announced, at) VALUES (?, ?, ?) "
        "ON CONFLICT (source_id) DO UPDATE SET announced = excluded.announced, at = excluded.at",
        (source_id, mark, to_ts(at)),
    )
