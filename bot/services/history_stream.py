"""One source's history as CSV, streamed in batches for the web's `history.csv`: memory stays
flat for any history (a year of 30 s samples is a million lines). `/export` builds the whole
document instead (bot/services/history.py), as Telegram takes one file."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import tzinfo

import aiosqlite

from bot.core.history_csv import history_csv_lines
from bot.core.model import Sample, Source
from storage import samples

BATCH = 5000


async def history_csv_chunks(
    db: aiosqlite.Connection, source: Source, tz: tzinfo, *, batch: int = BATCH
) -> AsyncIterator[bytes]:
    """The header, then every good sample's line in local time, `batch` lines a chunk."""
    yield next(history_csv_lines([], tz)).encode()
    rows: list[Sample] = []
    async for sample in samples.iter_samples(db, source.id):
        rows.append(sample)
        if len(rows) >= batch:
            yield _lines(rows, tz)
            rows.clear()
    yield _lines(rows, tz)


def _lines(rows: list[Sample], tz: tzinfo) -> bytes:
    """The rows' CSV lines, without the header."""
    return "".join(itertools.islice(history_csv_lines(rows, tz), 1, None)).encode()
