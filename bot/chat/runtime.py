"""What handlers and jobs share: the settings, the clock and the open resources.

Opened in the Application's post_init, closed in post_shutdown; reached through `runtime(context)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import aiosqlite
import httpx
from telegram import Bot
from telegram.ext import Application, CallbackContext

from bot.chat.ratelimit import Cooldown
from bot.core.clock import Clock
from bot.core.model import SourceHealth
from bot.core.retry import Jitter, Monotonic, Sleep
from bot.services.db_health import StorageHealth
from bot.settings import Settings
from bot.sources.telegram import MemberCount

RUNTIME_KEY = _KEY = "channel_counter.runtime"


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    db: aiosqlite.Connection
    http: httpx.AsyncClient
    summary_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    member_count: MemberCount | None = None  # the Bot API's getChatMemberCount, for telegram:
    bot: Bot | None = None  # for telling admins from jobs; set once the Application is built
    # Seams for retrying without waiting in tests: real sleep, real monotonic time, real jitter.
    sleep: Sleep = asyncio.sleep
    monotonic: Monotonic = time.monotonic
    jitter: Jitter = random.random
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # tells this run's markers apart
    chart_cooldown: Cooldown = field(default_factory=lambda: Cooldown(10.0))
    health: dict[int, SourceHealth] = field(default_factory=dict)  # cache of storage/health.py
    not_before: dict[int, datetime] = field(default_factory=dict)  # a source's Retry-After
    storage: StorageHealth = field(default_factory=StorageHealth)
    summary_given_up: set[tuple[int, date]] = field(default_factory=set)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    jobs: set[asyncio.Task[Any]] = field(default_factory=set)

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

    # per source: samples before this instant are already reduced (bot/retention.py)
    reduced_before: dict[int, datetime] = field(default_factory=dict)


def attach(application: Application[Any, Any, Any, Any, Any, Any], rt: Runtime) -> None:
    application.bot_data[_KEY] = rt


def detach(application: Application[Any, Any, Any, Any, Any, Any]) -> Runtime | None:
    rt = application.bot_data.pop(_KEY, None)
    return rt if isinstance(rt, Runtime) else None


def runtime(context: CallbackContext[Any, Any, Any, Any]) -> Runtime:
    rt = context.bot_data.get(_KEY)
    if not isinstance(rt, Runtime):
        raise RuntimeError("the bot's resources are not open (post_init has not run)")
    return rt


def runtime_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Runtime:
    rt = application.bot_data.get(_KEY)
    if not isinstance(rt, Runtime):
        raise RuntimeError("the bot's resources are not open (post_init has not run)")
    return rt
