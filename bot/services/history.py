"""History of one source as CSV, for `run_bot.py export` and `/export` alike."""

from __future__ import annotations

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


async def history_csv(db: aiosqlite.Connection, source: Source, tz: tzinfo) -> tuple[str, int]:
    """The source's good samples as CSV text (local time with offsets) and how many there are."""
    rows = [s async for s in samples.iter_samples(db, source.id)]
    return "".join(history_csv_lines(rows, tz)), len(rows)
