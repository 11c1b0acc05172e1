"""/why [label] [7d|30d]: the unusual movements of the last week or month, each in a sentence."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import ask
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import reply, zone_of
from bot.core.why_words import split_why_words
from bot.presentation.messages import pack_messages
from bot.presentation.why import format_why
from bot.services.why import explain


async def why(update: Update, context: BotContext) -> None:
    asked = await ask(update, context, split_why_words, "why.usage")
    if asked is None:
        return
    deps, words, chosen, lang = context.deps, asked.words, asked.sources, asked.lang
    at = deps.clock.now()
    tz = zone_of(update, context)
    blocks = []
    for source in chosen:
        found = await explain(deps.db, source, at, tz, words.window)
        blocks.append(format_why(source, found.result, lang, tz, words.days, rounded=found.rounded))
    for message in pack_messages(blocks):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("why", why)]
