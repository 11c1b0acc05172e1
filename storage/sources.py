"""Tracked sources: what to sample, how often, under which label."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.core.kinds import SourceKind, source_kind
from bot.core.model import Source
from storage.samples import to_ts

_COLUMNS = "id, kind, target, label, name, interval_s, options"


def _source(row: aiosqlite.Row) -> Source:
    """One row as a `Source`: its kind typed and its options parsed, once, here."""
    return Source(
        id=int(row[0]),
        kind=source_kind(str(row[1])),
        target=str(row[2]),
        label=str(row[3]),
        name=None if row[4] is None else str(row[4]),
        interval_seconds=int(row[5]),
        options=str(row[6]),
    )


class SourceExistsError(ValueError):
    pass


async def add_source(
    db: aiosqlite.Connection,
    *,
    kind: SourceKind,
    target: str,
    label: str,
    interval_seconds: int,
    created_at: datetime,
    name: str | None = None,
    options: str = "{}",
) -> Source:
    try:
        cur = await db.execute(
            "INSERT INTO sources (kind, target, label, name, interval_s, options, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, target, label, name, interval_seconds, options, to_ts(created_at)),
        )
    except aiosqlite.IntegrityError as exc:
        raise SourceExistsError(f"{kind}:{target} or label {label!r} is already tracked") from exc
    source_id = cur.lastrowid
    await cur.close()
    assert source_id is not None
    return Source(source_id, kind, target, label, name, interval_seconds, options)


async def ensure_source(
    db: aiosqlite.Connection,
    *,
    kind: SourceKind,
    target: str,
    label: str,
    interval_seconds: int,
    created_at: datetime,
) -> Source:
    """The source for kind:target, created (with `label`) the first time it is asked for."""
    existing = await source_by_key(db, kind, target)
    if existing is not None:
        return existing
    return await add_source(
        db,
        kind=kind,
        target=target,
        label=label,
        interval_seconds=interval_seconds,
        created_at=created_at,
    )


async def source_by_key(db: aiosqlite.Connection, kind: SourceKind, target: str) -> Source | None:
    async with db.execute(
        f"SELECT {_COLUMNS} FROM sources WHERE kind = ? AND target = ?",  # noqa: S608
        (kind, target),
    ) as cur:
        row = await cur.fetchone()
    return _source(row) if row else None


async def source_by_label(db: aiosqlite.Connection, label: str) -> Source | None:
    async with db.execute(
        f"SELECT {_COLUMNS} FROM sources WHERE label = ? COLLATE NOCASE",  # noqa: S608
        (label,),
    ) as cur:
        row = await cur.fetchone()
    return _source(row) if row else None


async def list_sources(db: aiosqlite.Connection) -> list[Source]:
    # One hop to the database thread: every command handler starts here.
    rows = await db.execute_fetchall(f"SELECT {_COLUMNS} FROM sources ORDER BY id")  # noqa: S608
    return [_source(r) for r in rows]


async def set_source_name(db: aiosqlite.Connection, source_id: int, name: str) -> None:
    await db.execute(
        "UPDATE sources SET name = ? WHERE id = ? AND name IS NOT ?", (name, source_id, name)
    )


async def remove_source(db: aiosqlite.Connection, source_id: int) -> None:
    """Forget a source with its history, failures and subscriptions."""
    await db.execute("BEGIN IMMEDIATE")
    try:
        await db.execute("DELETE FROM samples WHERE source_id = ?", (source_id,))
        await db.execute("DELETE FROM failures WHERE source_id = ?", (source_id,))
        await db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        await db.commit()
    except BaseException:
        await db.rollback()
        raise


async def source_by_id(db: aiosqlite.Connection, source_id: int) -> Source | None:
    async with db.execute(
        f"SELECT {_COLUMNS} FROM sources WHERE id = ?",  # noqa: S608
        (source_id,),
    ) as cur:
        row = await cur.fetchone()
    return _source(row) if row else None


async def count_sources(db: aiosqlite.Connection) -> int:
    async with db.execute("SELECT count(*) FROM sources") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def set_source_options(db: aiosqlite.Connection, source_id: int, options: str) -> None:
    await db.execute("UPDATE sources SET options = ? WHERE id = ?", (options, source_id))
