"""Share links: `https://t.me/<bot>?start=sub_<label>` subscribes the chat that opens it.

Telegram's start parameter allows only A-Z, a-z, 0-9, _ and - (at most 64); a label with other
characters (a Korean one) is linked by the source's id instead, and `/start sub_<word>` looks the
word up as a label first, then as an id.
"""

from __future__ import annotations

import re

from bot.core.model import Source

PREFIX = "sub_"
_SAFE = re.compile(r"[A-Za-z0-9_-]{1,60}")


def start_parameter(source: Source) -> str:
    word = source.label if _SAFE.fullmatch(source.label) else str(source.id)
    return PREFIX + word


def share_link(bot_username: str, source: Source) -> str:
    return f"https://t.me/{bot_username}?start={start_parameter(source)}"


def subscribe_word(arg: str) -> str | None:
    """The label (or id) a `/start` argument asks to subscribe to; None for anything else."""
    if not arg.startswith(PREFIX):
        return None
    word = arg[len(PREFIX) :]
    return word if _SAFE.fullmatch(word) else None


def find_for_word(tracked: list[Source], word: str) -> Source | None:
    for source in tracked:
        if source.label.casefold() == word.casefold():
            return source
    if word.isascii() and word.isdigit():
        return next((s for s in tracked if s.id == int(word)), None)
    return None
