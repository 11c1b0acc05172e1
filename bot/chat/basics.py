"""/start, /help, commands nobody knows, and what a user hears when a handler fails."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.chat.access import is_admin
from bot.chat.commands import NOT_EDITED, command
from bot.chat.context import BotContext
from bot.chat.deeplinks import start_with_link
from bot.chat.replies import language_of, reply
from bot.core.deeplinks import subscribe_word
from bot.presentation.help import help_text, start_text
from bot.presentation.texts import text
from bot.services import sources_query
from bot.services.db_health import is_database_trouble

log = logging.getLogger(__name__)


async def start(update: Update, context: BotContext) -> None:
    args = context.args or []
    word = subscribe_word(args[0]) if len(args) == 1 else None
    if word is not None:  # a share link: https://t.me/<bot>?start=sub_<label>
        await start_with_link(update, context, word)
        return
    deps = context.deps
    lang = language_of(update, context)
    tracked = await sources_query.tracked(deps)
    admin = is_admin(update, deps.settings)
    # With no admin configured, the first person to /start the bot privately learns how to
    # become one (their id and the `.env` line); in a group that would tell everyone.
    chat, user = update.effective_chat, update.effective_user
    first_admin_id = None
    if not deps.settings.admin_user_ids and chat is not None and chat.type == "private":
        first_admin_id = user.id if user is not None else None
    body = start_text(tracked, lang, deps.settings, admin=admin, first_admin_id=first_admin_id)
    await reply(update, body)


async def help_command(update: Update, context: BotContext) -> None:
    settings = context.deps.settings
    lang = language_of(update, context)
    await reply(update, help_text(lang, settings, admin=is_admin(update, settings)))


async def unknown_command(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await reply(update, text(language_of(update, context), "unknown"))


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure (never the token) and tell the user briefly instead of going silent."""
    error = context.error
    key = "error.generic"
    if error is not None and is_database_trouble(error):
        # The database refused a write (disk full, locked): the admins hear of it once.
        key = "error.storage"
        if context.bot_data.is_open:
            await context.deps.database_refused(error)
    else:
        log.error("handler failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(text(language_of(update, context), key))
        except Exception:
            log.debug("could not tell the user about the error")


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("start", start),
    command("help", help_command),
]
# After every other command: what no handler took.
FALLBACK: list[BaseHandler[Update, BotContext, None]] = [
    MessageHandler(filters.COMMAND & NOT_EDITED, unknown_command),
]
