"""/days [label] [N]: the change on each of the last N local days, with the week's and month's."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply, zone_of
from bot.core.callbacks import chart_data
from bot.core.days import split_days_words
from bot.presentation.days import format_days
from bot.presentation.messages import pack_messages
from bot.presentation.texts import text
from bot.services.facts import gather_days


async def days(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    words = split_days_words(context.args or [])
    if words is None:
        await reply(update, text(lang, "days.usage"))
        return
    chosen = await choose(update, deps, lang, words.label, usage=text(lang, "days.usage"))
    if chosen is None:
        return
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
