"""How a handler answers: in the sender's language, to the message that asked, without quoting."""

from __future__ import annotations

from telegram import Update

from bot.presentation.texts import language_for


def language_of(update: Update) -> str:
    user = update.effective_user
    return language_for(user.language_code if user else None)


async def reply(update: Update, body: str) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(body, do_quote=False)
