"""Which chats get the daily summary, and which days each has already received it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from storage.chat_settings import ChatSettings
from storage.samples import from_ts, to_ts


@dataclass(frozen=True, slots=True)
class Subscription:
    chat_id: int
    source_id: int
    lang: str
    created_at: datetime


async def subscribe(
    db: aiosqlite.Connection, chat_id: int, source_id: int, lang: str, at: datetime
) -> bool:
    """True when the chat was not subscribed before (the language is refreshed either way)."""
    async with db.execute(
        "SELECT 1 FROM subscriptions WHERE chat_id = ? AND source_id = ?", (chat_id, source_id)
    ) as cur:
        existed = await cur.fetchone() is not None
    await db.execute(
        "INSERT INTO subscriptions (chat_id, source_id, lang, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (chat_id, source_id) DO UPDATE SET lang = excluded.lang",
        (chat_id, source_id, lang, to_ts(at)),
    )
    return not existed


async def unsubscribe(db: aiosqlite.Connection, chat_id: int, source_id: int | None = None) -> int:
    """Remove one subscription, or all of a chat's when `source_id` is None; return how many."""
    if source_id is None:
        cur = await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
    else:
        cur = await db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND source_id = ?", (chat_id, source_id)
        )
    n = cur.rowcount
    await cur.close()
    return n


async def subscriptions(db: aiosqlite.Connection) -> list[Subscription]:
    async with db.execute(
        "SELECT chat_id, source_id, lang, created_at FROM subscriptions ORDER BY chat_id, source_id"
    ) as cur:
        rows = await cur.fetchall()
    return [Subscription(int(r[0]), int(r[1]), str(r[2]), from_ts(int(r[3]))) for r in rows]


async def subscriptions_with_settings(
    db: aiosqlite.Connection,
) -> list[tuple[Subscription, ChatSettings]]:
    """Every subscription with its chat's own settings (the defaults where it has none): what
    the daily summary's check needs, in one statement."""
    rows = await db.execute_fetchall(
        "SELECT s.chat_id, s.source_id, s.lang, s.created_at, c.timezone, c.lang, c.summary_time "
        "FROM subscriptions s LEFT JOIN chat_settings c ON c.chat_id = s.chat_id "
        "ORDER BY s.chat_id, s.source_id"
    )
    return [
        (
            Subscription(int(r[0]), int(r[1]), str(r[2]), from_ts(int(r[3]))),
            ChatSettings(r[4], r[5], r[6]),
        )
        for r in rows
    ]


async def move_chat(db: aiosqlite.Connection, old_chat_id: int, new_chat_id: int) -> None:
    """Follow a group that Telegram migrated to a supergroup (a new chat id)."""
    await db.execute(
        "UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?",
        (new_chat_id, old_chat_id),
    )
    await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (old_chat_id,))
    await db.execute(
        "UPDATE OR IGNORE summary_deliveries SET chat_id = ? WHERE chat_id = ?",
        (new_chat_id, old_chat_id),
    )


async def summary_sent(db: aiosqlite.Connection, chat_id: int, local_date: date) -> bool:
    async with db.execute(
        "SELECT 1 FROM summary_deliveries WHERE chat_id = ? AND local_date = ?",
        (chat_id, local_date.isoformat()),
    ) as cur:
        return await cur.fetchone() is not None


async def summaries_sent_on(
    db: aiosqlite.Connection, local_dates: Iterable[date]
) -> set[tuple[int, date]]:
    """Which chats have had their summary of each of these days, in one statement."""
    days = sorted({d.isoformat() for d in local_dates})
    if not days:
        return set()
    marks = ", ".join("?" * len(days))
    rows = await db.execute_fetchall(
        f"SELECT chat_id, local_date FROM summary_deliveries WHERE local_date IN ({marks})",  # noqa: S608 - placeholders only
        days,
    )
    return {(int(r[0]), date.fromisoformat(str(r[1]))) for r in rows}


async def mark_summary_sent(
    db: aiosqlite.Connection, chat_id: int, local_date: date, at: datetime
) -> None:
    await db.execute(
        "INSERT OR IGNORE INTO summary_deliveries (chat_id, local_date, sent_at) VALUES (?, ?, ?)",
        (chat_id, local_date.isoformat(), to_ts(at)),
    )


async def subscriber_counts(db: aiosqlite.Connection) -> dict[int, int]:
    """How many chats subscribed to each source (sources nobody subscribed to are absent)."""
    rows = await db.execute_fetchall(
        "SELECT source_id, count(*) FROM subscriptions GROUP BY source_id"
    )
    return {int(r[0]): int(r[1]) for r in rows}


async def prune_deliveries(db: aiosqlite.Connection, before: date) -> int:
    """Forget deliveries of local days before `before`: only today's row keeps a summary from
    going twice, so older ones would only grow the file (~28 bytes a chat a day)."""
    cur = await db.execute(
        "DELETE FROM summary_deliveries WHERE local_date < ?", (before.isoformat(),)
    )
    pruned = cur.rowcount
    await cur.close()
    return pruned
