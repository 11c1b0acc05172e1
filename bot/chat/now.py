"""/now [label]: the count now, its change over 24 hours and since midnight, the recent rate."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.formatting import format_now, format_now_brief
from bot.services.facts import gather_now, gather_now_brief


async def now(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update)
    chosen = await choose_from_args(update, deps, lang, context.args or [])
    if chosen is None:
        return
    at, tz = deps.clock.now(), deps.settings.timezone
    if len(chosen) == 1:
        facts = await gather_now(deps.db, chosen[0], at, tz)
        await reply(update, format_now(facts, lang, chosen[0].interval_seconds, tz=tz))
        return
    for message in format_now_brief(await gather_now_brief(deps.db, chosen, at), lang):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("now", now)]
