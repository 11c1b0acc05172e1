"""/forecast [label] [target]: when the count reaches a target, from the trend of recent days."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import ask
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import reply, zone_of
from bot.core.forecast import split_forecast_words
from bot.presentation.forecast import format_forecast
from bot.presentation.messages import pack_messages
from bot.services.facts import gather_forecast


async def forecast(update: Update, context: BotContext) -> None:
    asked = await ask(update, context, split_forecast_words, "forecast.usage")
    if asked is None:
        return
    deps, words, chosen, lang = context.deps, asked.words, asked.sources, asked.lang
    at = deps.clock.now()
    tz = zone_of(update, context)
    today = at.astimezone(tz).date()
    blocks = [
        format_forecast(
            source, await gather_forecast(deps.db, source, at, tz, words.target), lang, today
        )
        for source in chosen
    ]
    for message in pack_messages(blocks):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("forecast", forecast)]
