"""What every service needs: settings, clock, the open database and HTTP client, and the seams
to the outside (telling admins, waiting, randomness), none of them a Telegram type.

Opened by the app in post_init and closed in post_shutdown; features keep their own state in
their own objects (bot/services/sampling.py `Sampler`, ...), never here.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
import httpx

from bot.core.clock import Clock
from bot.core.retry import Jitter, Monotonic, Sleep
from bot.services.csv_workers import CsvWorkers
from bot.services.db_health import DbHealth
from bot.services.metrics import Metrics
from bot.settings import Settings
from bot.sources.parse import Parse, parse_inline
from bot.sources.telegram import MemberCount

# Sends one message to every admin; returns how many were told. The chat edge provides it.
TellAdmins = Callable[[str], Awaitable[int]]


async def tell_nobody(body: str) -> int:
    return 0


@dataclass
class Deps:
    settings: Settings
    clock: Clock
    db: aiosqlite.Connection
    http: httpx.AsyncClient
    member_count: MemberCount | None = None  # the Bot API's getChatMemberCount, for telegram:
    tell_admins: TellAdmins = tell_nobody
    parse: Parse = parse_inline  # the bot's is a ParsePool (bot/sources/parsing.py)
    # Seams for retrying without waiting in tests: real sleep, real monotonic time, real jitter.
    sleep: Sleep = asyncio.sleep
    monotonic: Monotonic = time.monotonic
    jitter: Jitter = random.random
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # tells this run's markers apart
    db_health: DbHealth = field(default_factory=DbHealth)
    metrics: Metrics = field(default_factory=Metrics)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    jobs: set[asyncio.Task[Any]] = field(default_factory=set)
    csv: CsvWorkers = field(default_factory=CsvWorkers)  # history CSV pages, off the loop

    @contextlib.asynccontextmanager
    async def job(self) -> AsyncIterator[None]:
        """Mark the running task as a job, so a stop can wait for it a little, then cancel it;
        a job cancelled that way ends quietly (it is the stop, not a failure)."""
        task = asyncio.current_task()
        if task is not None:
            self.jobs.add(task)
        try:
            yield
        except asyncio.CancelledError:
            if not self.stopping.is_set():
                raise
        finally:
            if task is not None:
                self.jobs.discard(task)

    async def database_refused(self, exc: BaseException) -> None:
        await self.db_health.failed(exc, self.tell_admins)

    async def database_works(self, saved: int = 0) -> None:
        await self.db_health.works(saved, self.tell_admins)
