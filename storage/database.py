"""Opening and closing the one SQLite connection; the only place that knows PRAGMAs."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import aiosqlite

from storage.migrations import MIGRATIONS, SCHEMA_VERSION


class DatabaseError(RuntimeError):
    """The database cannot be used as it is; the message says why and what to do."""


class DatabaseTooNewError(DatabaseError):
    pass


async def open_database(
    path: Path | str, *, busy_timeout_seconds: float = 5.0
) -> aiosqlite.Connection:
    """Open (creating if needed, mode 0600), switch to WAL and migrate to the current schema.

    ":memory:" is accepted for tests and benchmarks.
    """
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Create it ourselves so the file is never world-readable, whatever the umask.
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        await refuse_newer(conn)  # before any PRAGMA that would rewrite the file's header
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds * 1000)}")
        await migrate(conn)
    except BaseException:
        await conn.close()
        raise
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def refuse_newer(conn: aiosqlite.Connection) -> None:
    current = await schema_version(conn)
    if current > SCHEMA_VERSION:
        raise DatabaseTooNewError(
            f"the database has schema version {current}, but this channel-counter knows only up "
            f"to {SCHEMA_VERSION}: upgrade channel-counter (the database was left untouched)"
        )


def split_statements(script: str) -> list[str]:
    """The script's statements; a `;` inside a trigger body or a string does not end one."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:80]!r}")
    return statements


async def migrate(conn: aiosqlite.Connection) -> None:
    """Run the missing migrations, each in one transaction; leave a newer database untouched."""
    await refuse_newer(conn)
    current = await schema_version(conn)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        statements = split_statements(script)
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {version}")
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
