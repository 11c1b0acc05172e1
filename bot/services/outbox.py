"""Sending messages to chats, as services see it: no Telegram types, and the few outcomes a
broadcast has to tell apart (bot/chat/outbox.py maps Telegram's errors onto these)."""

from __future__ import annotations

from typing import Protocol


class SendError(Exception):
    """A message did not go out. The subclasses say what to do about it."""


class ChatGoneError(SendError):
    """The chat blocked the bot or no longer exists: stop sending to it."""


class ChatMovedError(SendError):
    """A group became a supergroup with a new id: follow it."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"the chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class SendRefusedError(SendError):
    """Telegram refused this message (not the chat): retrying the same will not help."""


class SendFailedError(SendError):
    """Network trouble or a flood wait: the next try may go through (it may also have gone)."""


class Outbox(Protocol):
    async def send_text(self, chat_id: int, body: str) -> None: ...

    async def send_photo(
        self, chat_id: int, photo: bytes | str, caption: str | None = None
    ) -> str | None:
        """Send a PNG (bytes) or a photo Telegram already has (its file id); return the file
        id Telegram gives it, for sending it again without uploading."""
        ...
