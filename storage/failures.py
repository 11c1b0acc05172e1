"""Failures: what a sample that did not become a number left behind (a reason, a detail).

Kept apart from the numbers: a broken source is recorded and reported, never stored as a count.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.core.model import FailureRecord
from bot.core.reasons import parse_reason_tag
from storage.samples import FLAG_SUSPECT, from_ts, to_ts


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
    rows = await db.execute_fetchall(
        "SELECT ts, reason, detail FROM failures WHERE source_id = ? AND ts > ? "
        "ORDER BY ts DESC, id DESC LIMIT ?",
        (source_id, after, limit),
    )
    records = []
    for r in rows:
        reason, status = parse_reason_tag(r[1])
        records.append(FailureRecord(ts=from_ts(r[0]), reason=reason, detail=r[2], status=status))
    return records


async def latest_failures(
    db: aiosqlite.Connection, source_ids: Sequence[int]
) -> dict[int, FailureRecord]:
    """Each source's newest failure (what `recent_failures(limit=1)` answers), one statement."""
    if not source_ids:
        return {}
    rows = await db.execute_fetchall(
        """
        SELECT m.value, f.ts, f.reason, f.detail FROM json_each(:ids) AS m
        CROSS JOIN failures AS f ON f.id = (
            SELECT id FROM failures WHERE source_id = m.value ORDER BY ts DESC, id DESC LIMIT 1)
        """,
        {"ids": json.dumps(list(source_ids))},
    )
    out = {}
    for r in rows:
        reason, status = parse_reason_tag(r[2])
        out[int(r[0])] = FailureRecord(ts=from_ts(r[1]), reason=reason, detail=r[3], status=status)
    return out


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


async def prune_failures(db: aiosqlite.Connection, source_id: int, before: datetime) -> int:
    """Delete the source's failures older than `before`, except what replies still read: those
    after its latest good sample (/now counts them) and its newest one (/sources shows it)."""
    cur = await db.execute(
        "DELETE FROM failures WHERE source_id = :s AND ts < :before "  # noqa: S608
        "AND ts <= coalesce((SELECT max(ts) FROM samples WHERE source_id = :s "
        f"AND flags & {FLAG_SUSPECT} = 0), -1) "
        "AND id < (SELECT max(id) FROM failures WHERE source_id = :s)",
        {"s": source_id, "before": to_ts(before)},
    )
    pruned = cur.rowcount
    await cur.close()
    return pruned
