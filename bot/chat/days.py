"""/days [label] [N]: the change on each of the last N local days, with the week's and month's."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.chat.choose import ask
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import reply, zone_of
from bot.core.callbacks import chart_data
from bot.core.days import split_days_words
from bot.presentation.days import format_days
from bot.presentation.messages import pack_messages
from bot.presentation.texts import text
from bot.services.facts import gather_days


async def days(update: Update, context: BotContext) -> None:
    asked = await ask(update, context, split_days_words, "days.usage")
    if asked is None:
        return
    deps, words, chosen, lang = context.deps, asked.words, asked.sources, asked.lang
    at = deps.clock.now()
    tz = zone_of(update, context)
    blocks = [
        format_days(source, await gather_days(deps.db, source, at, tz, words.count), lang, tz.key)
        for source in chosen
    ]
    # The same days as bars: a press sends `/chart [label] days` under the table.
    source_id = chosen[0].id if words.label is not None and len(chosen) == 1 else None
    bars = InlineKeyboardButton(
        text(lang, "buttons.days_chart"), callback_data=chart_data(source_id, "days")
    )
    messages = pack_messages(blocks)
    for index, message in enumerate(messages):
        last = index == len(messages) - 1
        await reply(update, message, reply_markup=InlineKeyboardMarkup([[bars]]) if last else None)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("days", days)]
