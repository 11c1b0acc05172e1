"""Whether the database takes writes, what it would not take (kept for later), and telling the
admins once when it stops and once when it works again.

Disk full or a lock held too long must not lose samples or crash the bot: reads keep working
(WAL), so /now answers from what is stored, and new samples wait here in memory, in order,
until a write succeeds again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from telegram import Bot

from bot.chat.alerts import storage_notice_text, tell_admins
from bot.core.model import Sample

log = logging.getLogger(__name__)

MAX_UNSAVED_SAMPLES = 100_000  # ~a month of one source every 30 s; older ones go first


def is_storage_trouble(exc: BaseException) -> bool:
    """Disk full, locked, I/O error, unreadable file: the database, not our SQL, is at fault."""
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError


@dataclass
class StorageHealth:
    samples: deque[tuple[int, Sample]] = field(
        default_factory=lambda: deque(maxlen=MAX_UNSAVED_SAMPLES)
    )
    deliveries: set[tuple[int, date]] = field(default_factory=set)  # sent, not yet recorded
    error: str | None = None  # the current trouble; None while writes succeed
    alerted: bool = False
    failed_writes: int = 0

    def keep_sample(self, source_id: int, sample: Sample) -> None:
        if len(self.samples) == self.samples.maxlen:
            log.error("unsaved sample buffer full; dropping the oldest")
        self.samples.append((source_id, sample))

    def pending(self, source_id: int | None = None) -> int:
        if source_id is None:
            return len(self.samples)
        return sum(1 for sid, _ in self.samples if sid == source_id)


async def storage_failed(
    health: StorageHealth, exc: BaseException, bot: Bot | None, admin_ids: Iterable[int]
) -> None:
    """Log every failed write; tell the admins on the first of a run."""
    health.failed_writes += 1
    health.error = str(exc) or type(exc).__name__
    held = len(health.samples)
    log.error("database write failed: %s (%d samples held in memory)", health.error, held)
    if not health.alerted:
        health.alerted = True
        body = storage_notice_text("storage.failing", health.error, len(health.samples))
        await tell_admins(bot, admin_ids, body)


async def storage_works(
    health: StorageHealth, saved: int, bot: Bot | None, admin_ids: Iterable[int]
) -> None:
    """A write succeeded: if admins were told of trouble, tell them it is over."""
    was_alerted = health.alerted
    health.error = None
    health.alerted = False
    if was_alerted:
        log.warning("database writable again; %d held samples saved", saved)
        await tell_admins(bot, admin_ids, storage_notice_text("storage.recovered", "", saved))
