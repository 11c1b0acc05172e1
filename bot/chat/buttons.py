"""What every inline button shares: reading its payload, answering the press politely, and the
press nobody else claims (a button from an older version of the bot, or a forged one)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chat.context import BotContext
from bot.chat.replies import language_of
from bot.core.callbacks import ChartPress, ComparePress, RefreshPress, SubscribePress, parse
from bot.presentation.texts import text

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"


async def answer(query: CallbackQuery, body: str | None = None) -> None:
    """Answer a press (Telegram shows a spinner until then); an expired query is let go."""
    try:
        await query.answer(body[:200] if body else None)
    except BadRequest as exc:  # too old, or already answered: nothing the user waits for
        log.info("could not answer a button press: %s", exc)


P = TypeVar("P", ChartPress, RefreshPress, SubscribePress, ComparePress)


@dataclass(frozen=True, slots=True)
class Pressed(Generic[P]):
    query: CallbackQuery
    press: P
    message: Message  # still editable (Telegram lets go of a message after 48 hours)
    lang: str


async def pressed(update: Update, context: BotContext, kind: type[P]) -> Pressed[P] | None:
    """The press of a `kind` button on a message that can still be edited; anything else (an
    older payload, a forged one, a message too old) is answered as stale, and None."""
    query = update.callback_query
    if query is None:
        return None
    lang = language_of(update, context)
    press = parse(query.data if isinstance(query.data, str) else None)
    message = query.message
    if isinstance(press, kind) and isinstance(message, Message) and message.is_accessible:
        return Pressed(query, press, message, lang)
    await answer(query, text(lang, "buttons.stale"))
    return None


def button(label: str, data: str, *, chosen: bool, lang: str) -> InlineKeyboardButton:
    shown = text(lang, "buttons.chosen", label=label) if chosen else label
    return InlineKeyboardButton(shown, callback_data=data)


def is_not_modified(exc: TelegramError) -> bool:
    return isinstance(exc, BadRequest) and NOT_MODIFIED in str(exc).lower()


async def stale_press(update: Update, context: BotContext) -> None:
    """Any press no feature claims: a polite word, never an error."""
    query = update.callback_query
    if query is not None:
        await answer(query, text(language_of(update, context), "buttons.stale"))


FALLBACK: list[BaseHandler[Update, BotContext, None]] = [CallbackQueryHandler(stale_press)]
