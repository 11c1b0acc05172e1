"""What handlers and jobs share: the settings, the clock and the open resources.

Opened in the Application's post_init, closed in post_shutdown; reached through `runtime(context)`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
import httpx
from telegram.ext import Application, CallbackContext

from bot.clock import Clock
from bot.settings import Settings
from bot.sources.telegram import MemberCount

_KEY = "channel_counter.runtime"


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    db: aiosqlite.Connection
    http: httpx.AsyncClient
    summary_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    member_count: MemberCount | None = None  # the Bot API's getChatMemberCount, for telegram:


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
