"""Retention: raw samples older than RETENTION_RAW_DAYS are reduced to one per 10 minutes.

Run by a periodic job. Each 10-minute bucket keeps its last good sample (the one deltas and
charts read), and the 10-minute rollup in storage keeps its min and max, so answers stay the
same where the reduced data allows while a year of 30 s sampling stays a few megabytes.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.chat.runtime import Runtime
from bot.services.db_health import is_storage_trouble
from storage import samples
from storage import sources as source_store

log = logging.getLogger(__name__)


async def reduce_old_samples(rt: Runtime) -> int:
    """Reduce every source's samples older than the retention; return how many were removed.

    The first pass after a start walks each source's whole history (a day per statement); later
    passes start where the previous one stopped.
    """
    days = rt.settings.retention_raw_days
    if days <= 0:
        return 0
    cutoff = rt.clock.now() - timedelta(days=days)
    removed = 0
    try:
        for source in await source_store.list_sources(rt.db):
            done = rt.reduced_before.get(source.id)
            removed += await samples.reduce_history(rt.db, source.id, cutoff, after=done)
            rt.reduced_before[source.id] = cutoff
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        # Disk full or locked: nothing is lost by waiting, the next pass starts where this one
        # stopped (bot/storage_health.py tells the admins about the database itself).
        log.warning("retention: the database refused, trying again later: %s", exc)
    if removed:
        log.info("retention: reduced %d samples older than %d days", removed, days)
    return removed
