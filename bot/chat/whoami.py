"""/whoami: the sender's numeric Telegram user id and the `.env` line that makes them an admin."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.help import whoami_text


async def whoami(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:  # a channel post has no sender to name
        return
    await reply(update, whoami_text(language_of(update, context), user.id))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("whoami", whoami),
]
