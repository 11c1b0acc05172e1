"""Per-source health (consecutive failures, alerted or not): the only place its SQL lives."""

from __future__ import annotations

import aiosqlite

from bot.core.model import SourceHealth
from bot.core.reasons import parse_reason_tag, reason_tag
from storage.samples import from_ts, to_ts


async def load_health(db: aiosqlite.Connection, source_id: int) -> SourceHealth:
    async with db.execute(
        "SELECT failures, alerted, reason, detail, since FROM source_health WHERE source_id = ?",
        (source_id,),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return SourceHealth()
    reason, status = parse_reason_tag(str(row[2])) if row[2] else (None, None)
    return SourceHealth(
        failures=int(row[0]),
        alerted=bool(row[1]),
        reason=reason,
        status=status,
        detail=str(row[3]),
        since=None if row[4] is None else from_ts(int(row[4])),
    )


async def save_health(db: aiosqlite.Connection, source_id: int, health: SourceHealth) -> None:
    await db.execute(
        "INSERT INTO source_health (source_id, failures, alerted, reason, detail, since) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET "
        "failures = excluded.failures, alerted = excluded.alerted, reason = excluded.reason, "
        "detail = excluded.detail, since = excluded.since",
        (
            source_id,
            health.failures,
            int(health.alerted),
            "" if health.reason is None else reason_tag(health.reason, health.status),
            health.detail[:500],
            None if health.since is None else to_ts(health.since),
        ),
    )
