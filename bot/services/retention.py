"""Retention: raw samples older than RETENTION_RAW_DAYS are reduced to one per 10 minutes, and
every other table that grows with time is kept bounded.

Run by a periodic job. Each 10-minute bucket keeps its last good sample (the one deltas and
charts read), and the 10-minute rollup in storage keeps its min and max, so answers stay the
same where the reduced data allows while a year of 30 s sampling stays a few megabytes.
Failures older than the raw retention go too (except those a reply still reads), and summary
deliveries and in-flight markers older than `DELIVERY_DAYS` local days: only today's keep a
summary from going twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.services.deps import Deps
from storage import deliveries, samples, subscriptions
from storage import failures as failure_store
from storage import sources as source_store
from storage.errors import refusals

log = logging.getLogger(__name__)

DELIVERY_DAYS = 7  # local days of summary deliveries kept (today's is what matters)


@dataclass
class Retention:
    deps: Deps
    # per source: samples before this instant are already reduced
    reduced_before: dict[int, datetime] = field(default_factory=dict)

    async def reduce_old_samples(self) -> int:
        """Reduce every source's samples older than the retention; return how many went.

        The first pass after a start walks each source's whole history (a day per statement);
        later passes start where the previous one stopped.
        """
        d = self.deps
        days = d.settings.retention_raw_days
        await self.prune_deliveries()
        if days <= 0:
            return 0
        cutoff = d.clock.now() - timedelta(days=days)
        removed = 0
        with refusals() as refused:
            for source in await source_store.list_sources(d.db):
                done = self.reduced_before.get(source.id)
                removed += await samples.reduce_history(d.db, source.id, cutoff, after=done)
                self.reduced_before[source.id] = cutoff
                await failure_store.prune_failures(d.db, source.id, cutoff)
        if refused:
            # Disk full or locked: nothing is lost by waiting, the next pass starts where this
            # one stopped (bot/services/db_health.py tells the admins about the database).
            log.warning("retention: the database refused, trying again later: %s", refused.error)
        if removed:
            log.info("retention: reduced %d samples older than %d days", removed, days)
        return removed

    async def prune_deliveries(self) -> int:
        """Forget deliveries and in-flight markers of local days long past."""
        d = self.deps
        today = d.clock.now().astimezone(d.settings.timezone).date()
        before = today - timedelta(days=DELIVERY_DAYS)
        pruned = 0
        with refusals() as refused:
            pruned = await subscriptions.prune_deliveries(d.db, before)
            pruned += await deliveries.drop_in_flight_before(d.db, before)
        if refused:
            log.warning("retention: the database refused pruning deliveries: %s", refused.error)
        return pruned
