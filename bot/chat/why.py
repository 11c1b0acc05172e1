"""/why [label] [7d|30d]: the unusual movements of the last week or month, each in a sentence."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply, zone_of
from bot.core.why_words import split_why_words
from bot.presentation.messages import pack_messages
from bot.presentation.texts import text
from bot.presentation.why import format_why
from bot.services.why import explain


async def why(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    words = split_why_words(context.args or [])
    usage = text(lang, "why.usage")
    if words is None:
        await reply(update, usage)
        return
    chosen = await choose(update, deps, lang, words.label, usage=usage)
    if chosen is None:
        return
    at = deps.clock.now()
    tz = zone_of(update, context)
    blocks = []
    for source in chosen:
        found = await explain(deps.db, source, at, tz, words.window)
        blocks.append(format_why(source, found.result, lang, tz, words.days, rounded=found.rounded))
    for message in pack_messages(blocks):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("why", why)]
