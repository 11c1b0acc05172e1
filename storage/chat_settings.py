"""Each chat's own settings: time zone, language and daily summary time (NULL: the default)."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class ChatSettings:
    timezone: str | None = None  # an IANA name, e.g. "Europe/Berlin"
    lang: str | None = None  # one of bot.core.lang.LANGS
    summary_time: str | None = None  # "HH:MM", local to the chat's time zone


_COLUMNS = ("timezone", "lang", "summary_time")


async def get(db: aiosqlite.Connection, chat_id: int) -> ChatSettings:
    async with db.execute(
        "SELECT timezone, lang, summary_time FROM chat_settings WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return ChatSettings() if row is None else ChatSettings(row[0], row[1], row[2])


async def all_chats(db: aiosqlite.Connection) -> dict[int, ChatSettings]:
    async with db.execute("SELECT chat_id, timezone, lang, summary_time FROM chat_settings") as cur:
        rows = await cur.fetchall()
    return {int(r[0]): ChatSettings(r[1], r[2], r[3]) for r in rows}


async def put(db: aiosqlite.Connection, chat_id: int, column: str, value: str | None) -> None:
    """Set one of the chat's settings (None: back to the default)."""
    if column not in _COLUMNS:
        raise ValueError(f"no chat setting {column!r}")
    await db.execute(
        f"INSERT INTO chat_settings (chat_id, {column}) VALUES (?, ?) "  # noqa: S608 - fixed names
        f"ON CONFLICT (chat_id) DO UPDATE SET {column} = excluded.{column}",
        (chat_id, value),
    )


async def move_chat(db: aiosqlite.Connection, old_chat_id: int, new_chat_id: int) -> None:
    await db.execute(
        "UPDATE OR IGNORE chat_settings SET chat_id = ? WHERE chat_id = ?",
        (new_chat_id, old_chat_id),
    )
