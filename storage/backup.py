"""A consistent copy of the database while the bot keeps writing: SQLite's online backup API.

The database holds more than samples (sources, subscriptions, alerts, per-chat settings), so a
copy made with `cp` while the bot writes can be torn (the WAL file holds the newest pages). The
backup API reads one snapshot inside a read transaction, which in WAL mode never blocks the
bot's writes; the copy is written beside the target and renamed into place only once it passed
SQLite's integrity check, so a failed backup never leaves a half file under the target's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.database import DatabaseError


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size_bytes: int
    schema_version: int
    samples: int


def backup_database(source: Path, target: Path) -> BackupResult:
    """Copy `source` to `target` (mode 0600) through the online backup API."""
    if not source.exists():
        raise DatabaseError(f"there is no database at {source}: nothing to back up")
    if target.resolve() == source.resolve():
        raise DatabaseError("the backup file must not be the database itself")
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            src.execute("PRAGMA busy_timeout=5000")
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # one step: one snapshot, whatever is written meanwhile
                (check,) = dst.execute("PRAGMA integrity_check").fetchone()
                if check != "ok":
                    raise DatabaseError(f"the copy failed SQLite's integrity check: {check}")
                (version,) = dst.execute("PRAGMA user_version").fetchone()
                (count,) = dst.execute("SELECT count(*) FROM samples").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return BackupResult(target, target.stat().st_size, int(version), int(count))
