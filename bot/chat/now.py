"""/now [label]: the count now, its change over 24 hours and since midnight, the recent rate."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.formatting import format_now, format_now_brief
from bot.services.facts import gather_now


async def now(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update)
    chosen = await choose_from_args(update, deps, lang, context.args or [])
    if chosen is None:
        return
    at, tz = deps.clock.now(), deps.settings.timezone
    facts = [await gather_now(deps.db, source, at, tz) for source in chosen]
    if len(facts) == 1:
        await reply(update, format_now(facts[0], lang, chosen[0].interval_seconds, tz=tz))
        return
    for message in format_now_brief(facts, lang):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("now", now)]
