"""History CSV made in worker processes: each page of samples is read (its own read-only
connection), formatted and, for a big export, gzip-compressed there. A million lines formatted
on the event loop stalled every chat for seconds, and in a thread they still hold the GIL; in a
process the loop only hands out page numbers and passes bytes on."""

from __future__ import annotations

import asyncio
import gzip
import multiprocessing
import os
import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from bot.core.history_csv import local_iso
from storage.history_pages import good_page

WORKERS = 2  # also the most exports at once (bot/services/export_turns.py)
NICE = 10  # the workers yield the CPU to the bot's own process (chat answers first)
PAGE = 20_000  # samples a page: ~650 KB of CSV, ~20 ms in a worker

T = TypeVar("T")


def _lines(rows: list[tuple[int, int]], tz: tzinfo) -> bytes:
    return "".join(
        f"{local_iso(datetime.fromtimestamp(ts, UTC), tz)},{value}\n" for ts, value in rows
    ).encode()


def format_page(
    db_path: str, source_id: int, after: int, tz: tzinfo, limit: int = PAGE
) -> tuple[bytes, int | None]:
    """The CSV lines of the page after `after`, and where the next page starts (None: done)."""
    conn = sqlite3.connect(f"file:{quote(db_path)}?mode=ro", uri=True)
    try:
        rows, last = good_page(conn, source_id, after, limit)
    finally:
        conn.close()
    return _lines(rows, tz), last


def append_page(
    db_path: str, source_id: int, after: int, tz: tzinfo, out: str, limit: int = PAGE
) -> tuple[int, int | None]:
    """Append the page's lines to the file `out`: (how many lines, where the next page starts)."""
    conn = sqlite3.connect(f"file:{quote(db_path)}?mode=ro", uri=True)
    try:
        rows, last = good_page(conn, source_id, after, limit)
    finally:
        conn.close()
    with Path(out).open("ab") as f:
        f.write(_lines(rows, tz))
    return len(rows), last


def gzip_file(src: str, dst: str) -> int:
    """`src` compressed into `dst` a block at a time; the compressed size."""
    with Path(src).open("rb") as plain, gzip.open(dst, "wb", compresslevel=6) as packed:
        shutil.copyfileobj(plain, packed, 1 << 20)
    return Path(dst).stat().st_size


def _lower_priority() -> None:
    os.nice(NICE)


class CsvWorkers:
    """A small process pool, started with the first export and shut down with the bot."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    async def run(self, fn: Callable[..., T], /, *args: Any) -> T:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_lower_priority,
            )
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
