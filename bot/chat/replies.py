"""How a handler answers: in the sender's language, to the message that asked, without quoting."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit

from bot.chat.context import BotContext
from bot.core.lang import Lang, language_for


def language_of(update: Update, context: BotContext | None = None) -> Lang:
    """The chat's own language (/settings lang), else the sender's Telegram language."""
    chat = update.effective_chat
    if context is not None and chat is not None:
        own = context.bot_data.chats.lang(chat.id)
        if own is not None:
            return own
    user = update.effective_user
    return language_for(user.language_code if user else None)


def zone_of(update: Update, context: BotContext) -> ZoneInfo:
    """The chat's own time zone (/settings tz), else the bot's: where its days begin."""
    chat = update.effective_chat
    return context.bot_data.prefs(chat.id if chat else None).timezone


async def reply(
    update: Update, body: str, *, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    message = update.effective_message
    if message is not None:
        if len(body) > MessageLimit.MAX_TEXT_LENGTH:  # a last guard: Telegram would refuse it
            body = body[: MessageLimit.MAX_TEXT_LENGTH - 1] + "…"
        await message.reply_text(body, do_quote=False, reply_markup=reply_markup)
