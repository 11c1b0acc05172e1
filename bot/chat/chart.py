"""/chart [label] [24h|7d|30d|all]: a trend chart, drawn by the same path as the summary's."""

from __future__ import annotations

import math

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.chat.chart_buttons import chart_keyboard
from bot.chat.choose import choose
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.ranges import DEFAULT_RANGE
from bot.core.source_choice import CHART_MAX_SOURCES, most_followed, split_chart_words
from bot.presentation.captions import chart_caption
from bot.presentation.numbers import format_duration
from bot.presentation.texts import text
from bot.services.charts import make_chart
from storage import sources as source_store
from storage import subscriptions as subs


async def chart(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    words = split_chart_words(context.args or [])
    if words is None:
        await reply(update, text(lang, "chart.usage"))
        return
    chosen = await choose(update, deps, lang, words.label, usage=text(lang, "chart.usage"))
    if chosen is None or not await _chart_allowed(update, context, lang):
        return
    left_out = 0
    if len(chosen) > CHART_MAX_SOURCES:
        how_many = len(chosen)
        chosen = most_followed(chosen, await subs.subscriber_counts(deps.db))
        left_out = how_many - len(chosen)
    chat, message = update.effective_chat, update.effective_message

    async def uploading() -> None:
        if chat is not None:
            await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)

    chart_range = words.chart_range or DEFAULT_RANGE
    cache = context.bot_data.chart_cache
    tz = context.bot_data.prefs(chat.id if chat else None).timezone
    drawn = await make_chart(
        deps, chosen, chart_range, lang, before_drawing=uploading, cache=cache, tz=tz
    )
    if drawn is None:
        names = ", ".join(s.display_name for s in chosen)
        await reply(update, text(lang, "chart.empty", name=names))
    elif message is not None:
        caption = chart_caption(drawn.counts, lang, drawn.range_text, left_out=left_out)
        tracked = await source_store.list_sources(deps.db)
        source_id = chosen[0].id if words.label is not None else None
        keyboard = chart_keyboard(tracked, source_id, chart_range.key, lang)
        sent = await message.reply_photo(
            drawn.photo, caption=caption, do_quote=False, reply_markup=keyboard
        )
        cache.sent(drawn, sent.photo[-1].file_id if sent.photo else None)


async def _chart_allowed(update: Update, context: BotContext, lang: str) -> bool:
    """One chart per chat per cooldown, so nobody can keep the CPU drawing; say when to retry."""
    cooldown = context.bot_data.chart_cooldown
    chat = update.effective_chat
    wait = cooldown.try_take(chat.id if chat else 0, context.deps.clock.now())
    if wait <= 0:
        return True
    await reply(
        update,
        text(
            lang,
            "chart.wait",
            cooldown=format_duration(cooldown.seconds, lang),
            wait=format_duration(math.ceil(wait), lang),
        ),
    )
    return False


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("chart", chart)]
