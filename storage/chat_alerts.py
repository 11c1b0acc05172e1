"""Each chat's alerts on a source (bot/core/chat_alerts.py decides when they fire)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.core.chat_alerts import AlertKind, ChatAlert
from storage.samples import to_ts


def _alert(row: aiosqlite.Row) -> ChatAlert:
    return ChatAlert(
        int(row[0]), int(row[1]), AlertKind(str(row[2])), int(row[3]), bool(row[4]), str(row[5])
    )


async def set_alert(db: aiosqlite.Connection, alert: ChatAlert, at: datetime) -> None:
    """Add or replace the chat's alert of that kind on that source."""
    await db.execute(
        "INSERT INTO chat_alerts (chat_id, source_id, kind, threshold, armed, lang, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id, source_id, kind) DO UPDATE SET threshold = excluded.threshold, "
        "armed = excluded.armed, lang = excluded.lang",
        (
            alert.chat_id,
            alert.source_id,
            alert.kind.value,
            alert.threshold,
            int(alert.armed),
            alert.lang,
            to_ts(at),
        ),
    )


async def set_armed(db: aiosqlite.Connection, alert: ChatAlert, armed: bool) -> None:
    await db.execute(
        "UPDATE chat_alerts SET armed = ? WHERE chat_id = ? AND source_id = ? AND kind = ?",
        (int(armed), alert.chat_id, alert.source_id, alert.kind.value),
    )


async def source_alerts(db: aiosqlite.Connection, source_id: int) -> list[ChatAlert]:
    rows = await db.execute_fetchall(
        "SELECT chat_id, source_id, kind, threshold, armed, lang FROM chat_alerts "
        "WHERE source_id = ? ORDER BY chat_id, kind",
        (source_id,),
    )
    return [_alert(r) for r in rows]


async def chat_alerts(db: aiosqlite.Connection, chat_id: int) -> list[ChatAlert]:
    rows = await db.execute_fetchall(
        "SELECT chat_id, source_id, kind, threshold, armed, lang FROM chat_alerts "
        "WHERE chat_id = ? ORDER BY source_id, kind",
        (chat_id,),
    )
    return [_alert(r) for r in rows]


async def remove_alerts(
    db: aiosqlite.Connection,
    chat_id: int,
    source_id: int | None = None,
    kind: AlertKind | None = None,
) -> int:
    """Remove a chat's alerts: all, one source's, or one kind (of one source or all)."""
    query = "DELETE FROM chat_alerts WHERE chat_id = ?"
    params: list[object] = [chat_id]
    if source_id is not None:
        query += " AND source_id = ?"
        params.append(source_id)
    if kind is not None:
        query += " AND kind = ?"
        params.append(kind.value)
    cur = await db.execute(query, params)
    removed = cur.rowcount
    await cur.close()
    return removed


async def remove_chat(db: aiosqlite.Connection, chat_id: int) -> int:
    """Every alert of a chat (it is gone); how many there were."""
    cur = await db.execute("DELETE FROM chat_alerts WHERE chat_id = ?", (chat_id,))
    n = cur.rowcount
    await cur.close()
    return n
