"""The services' `Outbox` over the Bot API: Telegram's errors mapped onto what a broadcast
does about them (bot/services/outbox.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from telegram import Bot, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.chat.lanes import bulk_sends
from bot.services.outbox import ChatGoneError, ChatMovedError, SendFailedError, SendRefusedError


@contextlib.contextmanager
def _mapped_errors() -> Iterator[None]:
    try:
        yield
    except ChatMigrated as exc:
        raise ChatMovedError(exc.new_chat_id) from exc
    except Forbidden as exc:  # blocked by the user, kicked from the group
        raise ChatGoneError(exc.message) from exc
    except BadRequest as exc:
        if "chat not found" in exc.message.lower():
            raise ChatGoneError(exc.message) from exc
        raise SendRefusedError(exc.message) from exc
    except TelegramError as exc:  # network trouble, RetryAfter past the limiter's retries
        raise SendFailedError(str(exc)) from exc


def _file_id(message: Message) -> str | None:
    return message.photo[-1].file_id if message.photo else None


class TelegramOutbox:
    """Its sends go in the bulk lane: a reply to someone's command goes before them (lanes.py).

    `paid`: send with Telegram's paid broadcast (up to 1,000 messages a second, billed to
    the bot owner at 0.1 Star a message), for an operator who turned PAID_BROADCAST on."""

    def __init__(self, bot: Bot, *, paid: bool = False) -> None:
        self._bot = bot
        self._paid = paid or None  # None leaves the parameter out of the request

    async def send_text(self, chat_id: int, body: str) -> None:
        with _mapped_errors(), bulk_sends():
            await self._bot.send_message(chat_id, body, allow_paid_broadcast=self._paid)

    async def send_photo(
        self, chat_id: int, photo: bytes | str, caption: str | None = None
    ) -> str | None:
        with _mapped_errors(), bulk_sends():
            sent = await self._bot.send_photo(
                chat_id, photo=photo, caption=caption, allow_paid_broadcast=self._paid
            )
            return _file_id(sent)
