"""/status, for admins: how each source and the database are doing, from what the bot knows."""

from __future__ import annotations

from telegram import Update
from telegram.constants import MessageLimit
from telegram.ext import BaseHandler

from bot.chat.access import is_admin, refusal_key
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.status import format_status
from bot.presentation.texts import text
from bot.services import sources_query


async def status(update: Update, context: BotContext) -> None:
    data = context.bot_data
    deps = data.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if not is_admin(update, deps.settings):
        if chat is not None and chat.type == "private":
            await reply(update, text(lang, refusal_key(deps.settings)))
        return
    states = await sources_query.states(data.sampler)
    health = deps.db_health
    body = format_status(states, health.error, health.pending(), lang, deps.clock.now())
    await reply(update, body[: MessageLimit.MAX_TEXT_LENGTH])


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("status", status)]
