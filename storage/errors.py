"""What a storage error means: the one place that tells a refusing database from a bug of ours.

Disk full, a lock held too long, an I/O error or an unreadable file are the database's trouble:
the bot keeps answering from what is stored and holds new writes for later. Anything else (a
constraint we broke, SQL we got wrong) is a bug and is raised as one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass


def is_storage_trouble(exc: BaseException) -> bool:
    """Disk full, locked, I/O error, unreadable file: the database, not our SQL, is at fault."""
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError


@dataclass
class Refusal:
    """Filled by `refusals()` when the database refused; falsy while it did not."""

    error: BaseException | None = None

    def __bool__(self) -> bool:
        return self.error is not None


@contextlib.contextmanager
def refusals() -> Iterator[Refusal]:
    """Catch the database refusing (and only that) inside the block:

    with refusals() as refused:
        await samples.insert_sample(...)
    if refused: ...
    """
    refusal = Refusal()
    try:
        yield refusal
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        refusal.error = exc
