"""Whether the database takes writes, what it would not take (kept for later), and telling the
admins once when it stops and once when it works again.

Disk full or a lock held too long must not lose samples or crash the bot: reads keep working
(WAL), so /now answers from what is stored, and new samples wait here in memory, in order,
until a write succeeds again. What counts as the database refusing is decided in
storage/errors.py.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from bot.core.model import Sample
from bot.presentation.notices import storage_notice_text
from storage import errors

log = logging.getLogger(__name__)

MAX_UNSAVED_SAMPLES = 100_000  # ~a month of one source every 30 s; older ones go first


def is_database_trouble(exc: BaseException) -> bool:
    """Whether an error is the database refusing (disk full, locked), not a bug of ours: what
    the edges tell people and admins about (storage/errors.py decides)."""
    return errors.is_storage_trouble(exc)


@dataclass
class DbHealth:
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

    async def failed(
        self, exc: BaseException, tell_admins: Callable[[str], Awaitable[int]]
    ) -> None:
        """Log every failed write; tell the admins on the first of a run."""
        self.failed_writes += 1
        self.error = str(exc) or type(exc).__name__
        log.error(
            "database write failed: %s (%d samples held in memory)", self.error, len(self.samples)
        )
        if not self.alerted:
            self.alerted = True
            await tell_admins(storage_notice_text("storage.failing", self.error, len(self.samples)))

    async def works(self, saved: int, tell_admins: Callable[[str], Awaitable[int]]) -> None:
        """A write succeeded: if admins were told of trouble, tell them it is over."""
        was_alerted = self.alerted
        self.error = None
        self.alerted = False
        if was_alerted:
            log.warning("database writable again; %d held samples saved", saved)
            await tell_admins(storage_notice_text("storage.recovered", "", saved))
