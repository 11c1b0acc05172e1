"""History of one source as CSV, for `run_bot.py export` and `/export` alike: written page by
page (bot/services/csv_workers.py) into a temporary file, so memory does not grow with history."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import aiosqlite

from bot.core.history_csv import HEADER
from bot.core.model import Source
from bot.services.csv_workers import CsvWorkers, append_page, gzip_file
from storage import samples
from storage import sources as source_store

FIRST_TS = -(2**62)


class UnknownLabelError(LookupError):
    """No source has the label; the message names it and what is tracked."""


async def source_labelled(db: aiosqlite.Connection, label: str) -> Source:
    found = await source_store.source_by_label(db, label.strip())
    if found is not None:
        return found
    tracked = [s.label for s in await source_store.list_sources(db)]
    labels = ", ".join(tracked) if tracked else "none yet"
    raise UnknownLabelError(f"no source is labelled {label!r} (tracked: {labels})")


async def has_history(db: aiosqlite.Connection, source: Source) -> bool:
    """Whether there is anything to export (asked before taking a turn: one seek)."""
    return await samples.latest_sample(db, source.id) is not None


# Telegram takes documents up to 50 MB from bots, but python-telegram-bot holds an upload in
# memory whole: past 8 MiB the file is sent gzip-compressed (a CSV shrinks about tenfold), which
# keeps a year of 30 s samples (~33 MB of CSV) at ~4 MB in memory while it is sent.
MAX_PLAIN_DOCUMENT = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class HistoryFile:
    """The document to send: where it is, its file name (`.csv.gz` when compressed), its rows."""

    path: Path
    name: str
    count: int


@contextlib.asynccontextmanager
async def history_file(
    workers: CsvWorkers,
    db_path: Path,
    source: Source,
    tz: tzinfo,
    file_name: str,
    *,
    most: int = MAX_PLAIN_DOCUMENT,
) -> AsyncIterator[HistoryFile]:
    """The source's good samples as a CSV file (local time with offsets), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="channel-counter-export-") as tmp:
        plain = Path(tmp) / "history.csv"
        plain.write_text(",".join(HEADER) + "\n", encoding="utf-8")
        count, after = 0, FIRST_TS
        while True:
            added, last = await workers.run(
                append_page, os.fspath(db_path), source.id, after, tz, os.fspath(plain)
            )
            if last is None:
                break
            count, after = count + added, last
        if plain.stat().st_size <= most:
            yield HistoryFile(plain, file_name, count)
            return
        packed = Path(tmp) / "history.csv.gz"
        await workers.run(gzip_file, os.fspath(plain), os.fspath(packed))
        plain.unlink()
        yield HistoryFile(packed, file_name + ".gz", count)
