"""A chat's own settings with the bot's defaults filled in: its time zone, language and daily
summary time (`/settings`, `/subscribe [label] [HH:MM]`), without Telegram."""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.lang import Lang, as_lang
from bot.settings import Settings, parse_hhmm
from storage import chat_settings as chat_store
from storage.chat_settings import ChatSettings


@dataclass(frozen=True, slots=True)
class ChatPrefs:
    timezone: ZoneInfo
    lang: Lang | None  # None: each sender's Telegram language
    summary_time: time


@functools.cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def find_zone(word: str) -> ZoneInfo | None:
    """An IANA zone by name, any case ("europe/berlin"); None for anything else (never a path)."""
    name = _zone_names().get(word.strip().lower())
    return ZoneInfo(name) if name is not None else None


def prefs_of(chat: ChatSettings, settings: Settings) -> ChatPrefs:
    """The chat's settings where it has them, the bot's (`TIMEZONE`, `DAILY_SUMMARY_TIME`)
    otherwise; a stored value that no longer reads (a zone gone from tzdata) is the default."""
    tz = find_zone(chat.timezone) if chat.timezone else None
    at = parse_hhmm(chat.summary_time) if chat.summary_time else None
    lang = as_lang(chat.lang)
    return ChatPrefs(tz or settings.timezone, lang, at or settings.daily_summary_time)


class ChatBook:
    """Every chat's own settings, read once at the start and kept current by each change, so a
    reply's language and zone cost no database read."""

    def __init__(self) -> None:
        self._own: dict[int, ChatSettings] = {}

    async def load(self, db: aiosqlite.Connection) -> None:
        self._own = await chat_store.all_chats(db)

    def lang(self, chat_id: int) -> Lang | None:
        """The chat's own language (/settings lang), None when it has none."""
        own = self._own.get(chat_id)
        return as_lang(own.lang) if own is not None else None

    def prefs(self, chat_id: int | None, settings: Settings) -> ChatPrefs:
        own = self._own.get(chat_id) if chat_id is not None else None
        return prefs_of(own or ChatSettings(), settings)

    async def set(
        self, db: aiosqlite.Connection, chat_id: int, column: str, value: str | None
    ) -> None:
        """Store one of the chat's settings (None: back to the default), then keep it here."""
        await chat_store.put(db, chat_id, column, value)
        self._own[chat_id] = await chat_store.get(db, chat_id)
