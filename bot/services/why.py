"""/why, the summary's line, the chart's marks and `/alert unusual`: a source's unusual
movements, from its hourly rollup rows (one primary-key range read: the cost follows the window
asked for, never the history held).

Judging ~850 rows costs 5–17 ms of CPU (docs/UNUSUAL.md), more than a turn of the event loop
should take, so it runs in a worker thread; numpy's array work releases the GIL meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Final

import aiosqlite

from bot.core.model import Source
from bot.core.unusual import NotEnoughHistory, Unusual, detect_unusual, rows_since
from storage.rollups import hourly_rows, is_rounded

WEEK: Final = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Explained:
    result: Unusual | NotEnoughHistory
    rounded: bool  # a rounded source (≈): its figures are shown so


async def explain(
    db: aiosqlite.Connection,
    source: Source,
    now: datetime,
    tz: tzinfo,
    window: timedelta = WEEK,
) -> Explained:
    """The unusual movements of `source` that began in the last `window`, newest first."""
    rows = await hourly_rows(db, source.id, rows_since(now, window), now)
    rounded = await is_rounded(db, source.id)
    result = await asyncio.to_thread(detect_unusual, rows, tz, now, window=window, rounded=rounded)
    return Explained(result, rounded)
