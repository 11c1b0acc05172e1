"""History of one source as CSV, for `run_bot.py export` and `/export` alike."""

from __future__ import annotations

import asyncio
import gzip
from datetime import tzinfo

import aiosqlite

from bot.core.history_csv import history_csv_lines
from bot.core.model import Source
from storage import samples
from storage import sources as source_store


class UnknownLabelError(LookupError):
    """No source has the label; the message names it and what is tracked."""


async def source_labelled(db: aiosqlite.Connection, label: str) -> Source:
    found = await source_store.source_by_label(db, label.strip())
    if found is not None:
        return found
    tracked = [s.label for s in await source_store.list_sources(db)]
    labels = ", ".join(tracked) if tracked else "none yet"
    raise UnknownLabelError(f"no source is labelled {label!r} (tracked: {labels})")


# Telegram takes documents up to 50 MB from bots; a CSV shrinks about tenfold with gzip.
MAX_PLAIN_DOCUMENT = 45 * 1024 * 1024


async def history_csv(db: aiosqlite.Connection, source: Source, tz: tzinfo) -> tuple[str, int]:
    """The source's good samples as CSV text (local time with offsets) and how many there are.

    The rows are read in batches and formatted off the event loop (a year of 30 s samples is a
    million lines), so other commands are answered meanwhile."""
    rows = [s async for s in samples.iter_samples(db, source.id)]
    body = await asyncio.to_thread(lambda: "".join(history_csv_lines(rows, tz)))
    return body, len(rows)


async def as_document(
    body: str, file_name: str, *, most: int = MAX_PLAIN_DOCUMENT
) -> tuple[bytes, str]:
    """The bytes to send and their file name: gzip-compressed (`.csv.gz`) past `most` bytes."""
    data = body.encode("utf-8")
    if len(data) <= most:
        return data, file_name
    return await asyncio.to_thread(gzip.compress, data, 6), file_name + ".gz"
