"""Daily summaries in flight: a marker written just before a send, removed once it is recorded.

A marker left by an earlier run means that run died while sending to that chat; how many times
that happened is counted so a chat whose summary kills the bot is not retried forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import aiosqlite

from storage.samples import to_ts


async def crashes_while_sending(
    db: aiosqlite.Connection, chat_id: int, local_date: date, run_id: str
) -> int:
    """How many earlier runs died while sending this chat's summary for `local_date`."""
    async with db.execute(
        "SELECT run_id, crashes FROM summary_in_flight WHERE chat_id = ? AND local_date = ?",
        (chat_id, local_date.isoformat()),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return 0
    return int(row[1]) + (1 if str(row[0]) != run_id else 0)


async def crashes_on(
    db: aiosqlite.Connection, local_dates: Iterable[date], run_id: str
) -> dict[tuple[int, date], int]:
    """`crashes_while_sending` of every chat with a marker on these days, in one statement."""
    days = sorted({d.isoformat() for d in local_dates})
    if not days:
        return {}
    marks = ", ".join("?" * len(days))
    rows = await db.execute_fetchall(
        "SELECT chat_id, local_date, run_id, crashes FROM summary_in_flight "  # noqa: S608
        f"WHERE local_date IN ({marks})",
        days,
    )
    return {
        (int(r[0]), date.fromisoformat(str(r[1]))): int(r[3]) + (1 if str(r[2]) != run_id else 0)
        for r in rows
    }


async def mark_in_flight(
    db: aiosqlite.Connection,
    chat_id: int,
    local_date: date,
    run_id: str,
    at: datetime,
    *,
    crashes: int | None = None,
) -> None:
    """Say "sending now" (committed before the request leaves), counting a previous crash
    (`crashes`, when the caller has read it already)."""
    if crashes is None:
        crashes = await crashes_while_sending(db, chat_id, local_date, run_id)
    await db.execute(
        "INSERT INTO summary_in_flight (chat_id, local_date, run_id, started_at, crashes) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, local_date) DO UPDATE SET "
        "run_id = excluded.run_id, started_at = excluded.started_at, crashes = excluded.crashes",
        (chat_id, local_date.isoformat(), run_id, to_ts(at), crashes),
    )


async def clear_in_flight(db: aiosqlite.Connection, chat_id: int, local_date: date) -> None:
    """The send ended (recorded, or failed in a way that is known): no marker left behind."""
    await db.execute(
        "DELETE FROM summary_in_flight WHERE chat_id = ? AND local_date = ?",
        (chat_id, local_date.isoformat()),
    )


async def drop_in_flight_before(db: aiosqlite.Connection, local_date: date) -> int:
    """Forget markers of earlier days: those summaries are no longer due."""
    cur = await db.execute(
        "DELETE FROM summary_in_flight WHERE local_date < ?", (local_date.isoformat(),)
    )
    dropped = cur.rowcount
    await cur.close()
    return dropped
