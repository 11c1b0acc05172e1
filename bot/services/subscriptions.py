"""/subscribe and /unsubscribe without Telegram: which chats get the daily summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from bot.core.model import Source
from bot.services.chat_settings import ChatBook, ChatPrefs
from bot.services.deps import Deps
from storage import subscriptions as subs


@dataclass(frozen=True, slots=True)
class Subscribed:
    sources: list[Source]
    new: bool  # False: the chat had all of them already
    prefs: ChatPrefs  # when and in which zone the summary comes
    moved_from: time | None = None  # the chat's summary time before this /subscribe moved it


async def subscribe(
    deps: Deps,
    chats: ChatBook,
    chat_id: int,
    chosen: Sequence[Source],
    lang: str,
    at: time | None = None,
) -> Subscribed:
    """Subscribe the chat to each source; `at` sets its own summary time (its zone's)."""
    before = chats.prefs(chat_id, deps.settings).summary_time
    if at is not None:
        await chats.set(deps.db, chat_id, "summary_time", at.strftime("%H:%M"))
    new = False
    for source in chosen:
        new = await subs.subscribe(deps.db, chat_id, source.id, lang, deps.clock.now()) or new
    prefs = chats.prefs(chat_id, deps.settings)
    moved = before if prefs.summary_time != before else None
    return Subscribed(list(chosen), new, prefs, moved)


async def unsubscribe(deps: Deps, chat_id: int, source: Source | None = None) -> int:
    """Remove one subscription, or all of the chat's without a source; how many went."""
    return await subs.unsubscribe(deps.db, chat_id, source.id if source is not None else None)
