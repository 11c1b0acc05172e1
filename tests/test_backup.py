"""`run_bot.py backup FILE`: a consistent copy taken while another connection keeps writing."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from storage.backup import backup_database
from storage.database import DatabaseError, open_database
from tests.test_cli import run


def _make_database(path: Path) -> None:
    async def create() -> None:
        db = await open_database(path)
        await db.execute(
            "INSERT INTO sources (id, kind, target, label, interval_s, created_at)"
            " VALUES (1, 'kakao', '_xdhKKT', 'kakao', 30, 0)"
        )
        await db.execute(
            "INSERT INTO subscriptions (chat_id, source_id, lang, created_at)"
            " VALUES (42, 1, 'ko', 0)"
        )
        await db.executemany(
            "INSERT INTO samples (source_id, ts, value) VALUES (1, ?, ?)",
            [(1_700_000_000 + 30 * i, 200_000 + i) for i in range(20_000)],
        )
        await db.commit()
        await db.close()

    asyncio.run(create())


def test_backup_while_the_bot_writes_is_consistent_and_private(tmp_path: Path) -> None:
    db_path = tmp_path / "db" / "c.db"
    _make_database(db_path)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=5000")
        ts = 1_800_000_000
        while not stop.is_set():
            conn.execute("INSERT INTO samples (source_id, ts, value) VALUES (1, ?, 1)", (ts,))
            ts += 1
            written[0] += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 200:
            time.sleep(0.01)
        got = run(["backup", str(tmp_path / "copy.db")], tmp_path)
        during = written[0]
    finally:
        stop.set()
        thread.join()
    assert got.returncode == 0, got.stderr
    assert "backed up" in got.stdout and "samples" in got.stdout
    assert during > 200  # the writer kept writing while the copy was made
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (count,) = copy.execute("SELECT count(*) FROM samples").fetchone()
    assert 20_000 + 200 <= count <= 20_000 + written[0]
    # One snapshot: the rollups agree with the raw samples they were copied with.
    (rolled,) = copy.execute("SELECT max(last_ts) FROM sample_buckets_hourly").fetchone()
    (newest,) = copy.execute("SELECT max(ts) FROM samples").fetchone()
    assert rolled == newest
    assert copy.execute("SELECT chat_id, lang FROM subscriptions").fetchall() == [(42, "ko")]
    copy.close()
    assert stat.S_IMODE((tmp_path / "copy.db").stat().st_mode) == 0o600
    assert not (tmp_path / "copy.db.partial").exists()


def test_backup_refuses_to_overwrite_the_database_or_copy_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        backup_database(tmp_path / "none.db", tmp_path / "copy.db")
    db_path = tmp_path / "c.db"
    _make_database(db_path)
    with pytest.raises(DatabaseError, match="must not be the database itself"):
        backup_database(db_path, db_path)
    got = run(["backup", str(tmp_path / "copy.db")], tmp_path, DATABASE_PATH=str(db_path))
    assert got.returncode == 0, got.stderr
    again = run(["backup", str(tmp_path / "copy.db")], tmp_path, DATABASE_PATH=str(db_path))
    assert again.returncode == 0  # a newer copy replaces an older one
