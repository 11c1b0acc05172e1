"""/subscribe and /unsubscribe without Telegram: which chats get the daily summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from bot.core.model import Source
from bot.presentation.notices import in_every_language
from bot.services.chat_settings import ChatBook, ChatPrefs
from bot.services.deps import Deps
from storage import chat_alerts as alert_store
from storage import sources as source_store
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


@dataclass(frozen=True, slots=True)
class Posting:
    """One chat the daily summary goes to: which sources, at its time and zone."""

    chat_id: int
    sources: list[Source]
    prefs: ChatPrefs


async def postings(deps: Deps, chats: ChatBook, chat_id: int | None = None) -> list[Posting]:
    """Where the bot posts the daily summary: every chat, or only `chat_id`'s own."""
    by_id = {s.id: s for s in await source_store.list_sources(deps.db)}
    found: dict[int, list[Source]] = {}
    for sub in await subs.subscriptions(deps.db):
        source = by_id.get(sub.source_id)
        if source is not None and (chat_id is None or sub.chat_id == chat_id):
            found.setdefault(sub.chat_id, []).append(source)
    return [Posting(c, found[c], chats.prefs(c, deps.settings)) for c in sorted(found)]


async def drop_chat(deps: Deps, chat_id: int) -> bool:
    """A chat that removed the bot (or is gone): its subscriptions and alerts go, once; the
    bot's admins hear of a group or channel (a person who blocked the bot is their business)."""
    removed = await subs.unsubscribe(deps.db, chat_id)
    removed += await alert_store.remove_chat(deps.db, chat_id)
    if removed and chat_id < 0:
        await deps.tell_admins(in_every_language("notice.chat_gone", chat=chat_id))
    return removed > 0
