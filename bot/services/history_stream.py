"""One source's history as CSV, streamed page by page for the web's `history.csv`: each page
read and formatted in a worker process (bot/services/csv_workers.py), so the event loop only
passes bytes on and memory stays flat for any history (a year of 30 s samples is a million
lines)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import tzinfo
from pathlib import Path

from bot.core.history_csv import HEADER
from bot.core.model import Source
from bot.services.csv_workers import PAGE, CsvWorkers, format_page
from bot.services.history import FIRST_TS


async def history_csv_chunks(
    workers: CsvWorkers, db_path: Path, source: Source, tz: tzinfo, *, page: int = PAGE
) -> AsyncIterator[bytes]:
    """The header, then every good sample's line in local time, a page a chunk."""
    yield (",".join(HEADER) + "\n").encode()
    after = FIRST_TS
    while True:
        body, last = await workers.run(format_page, os.fspath(db_path), source.id, after, tz, page)
        if last is None:
            return
        if body:
            yield body
        after = last
