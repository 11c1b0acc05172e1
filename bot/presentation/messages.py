"""Fitting text into Telegram's limits: a reply's length, a caption's, several messages. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from telegram.constants import MessageLimit

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH - 96  # leave room
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH


def shorten(body: str, limit: int) -> str:
    return body if len(body) <= limit else body[: limit - 1] + "…"


def pack_messages(
    blocks: Sequence[str], limit: int = MESSAGE_LIMIT, *, separator: str = "\n\n"
) -> list[str]:
    """Join blocks (with blank lines between, by default) into as few messages as fit `limit`;
    a block is never split, only cut when it alone is too long."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            block = block[: limit - 1] + "…"
        joined = f"{current}{separator}{block}" if current else block
        if len(joined) <= limit:
            current = joined
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages
