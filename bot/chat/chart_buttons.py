"""The buttons under a /chart photo: the ranges and, with several sources, the sources.
A press draws (or finds in the cache) that chart and puts it in place of the photo of the same
message, with the chosen buttons marked; the /chart cooldown applies per chat."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chat.buttons import answer, button, is_not_modified, pressed
from bot.chat.context import BotContext
from bot.core.callbacks import ChartPress, chart_data
from bot.core.model import Source
from bot.core.source_choice import CHART_MAX_SOURCES, most_followed
from bot.presentation.captions import chart_caption
from bot.presentation.numbers import format_duration
from bot.presentation.texts import text
from bot.services.charts import make_chart
from storage import sources as source_store
from storage import subscriptions as subs

log = logging.getLogger(__name__)

RANGE_KEYS = ("24h", "7d", "30d", "all", "days")
MAX_SOURCE_BUTTONS = 11  # with "All": three rows of four at most
PER_ROW = 4


def chart_keyboard(
    tracked: Sequence[Source], source_id: int | None, range_key: str, lang: str
) -> InlineKeyboardMarkup:
    """Ranges and the daily bars in one row; with several sources, "All" and each label below."""
    rows = [
        [
            button(
                text(lang, f"buttons.range.{key}"),
                chart_data(source_id, key),
                chosen=key == range_key,
                lang=lang,
            )
            for key in RANGE_KEYS
        ]
    ]
    if len(tracked) > 1:
        shown = list(tracked[:MAX_SOURCE_BUTTONS])
        chosen = next((s for s in tracked if s.id == source_id), None)
        if chosen is not None and chosen not in shown:
            shown[-1] = chosen
        choices = [
            button(
                text(lang, "buttons.all_sources"),
                chart_data(None, range_key),
                chosen=source_id is None,
                lang=lang,
            )
        ] + [
            button(s.label, chart_data(s.id, range_key), chosen=s.id == source_id, lang=lang)
            for s in shown
        ]
        rows += [choices[i : i + PER_ROW] for i in range(0, len(choices), PER_ROW)]
    return InlineKeyboardMarkup(rows)


async def on_chart_press(update: Update, context: BotContext) -> None:
    got = await pressed(update, context, ChartPress)
    if got is None:
        return
    query, press, message, lang = got.query, got.press, got.message, got.lang
    deps = context.deps
    tracked = await source_store.list_sources(deps.db)
    wanted = press.source_id
    chosen = [s for s in tracked if wanted is None or s.id == wanted]
    if not chosen:
        await answer(query, text(lang, "buttons.gone"))
        return
    cooldown = context.bot_data.chart_cooldown
    wait = cooldown.try_take(message.chat.id, deps.clock.now())
    if wait > 0:
        body = text(
            lang,
            "chart.wait",
            cooldown=format_duration(cooldown.seconds, lang),
            wait=format_duration(math.ceil(wait), lang),
        )
        await answer(query, body)
        return
    left_out = 0
    if len(chosen) > CHART_MAX_SOURCES:
        chosen = most_followed(chosen, await subs.subscriber_counts(deps.db))
        left_out = len(tracked) - len(chosen)
    answered = False

    async def answer_now() -> None:  # drawing takes a moment: stop the spinner first
        nonlocal answered
        answered = True
        await answer(query)

    cache = context.bot_data.chart_cache
    tz = context.bot_data.prefs(message.chat.id).timezone
    drawn = await make_chart(
        deps, chosen, press.chart_range, lang, before_drawing=answer_now, cache=cache, tz=tz
    )
    if not answered:
        await answer(query, None if drawn is not None else text(lang, "buttons.empty"))
    if drawn is None:
        return
    caption = chart_caption(drawn.counts, lang, drawn.range_text, left_out=left_out)
    keyboard = chart_keyboard(tracked, press.source_id, press.chart_range.key, lang)
    if not message.photo:  # a text reply (/days' "as bars"): the chart comes as a new photo
        sent = await message.reply_photo(
            drawn.photo, caption=caption, do_quote=False, reply_markup=keyboard
        )
        cache.sent(drawn, sent.photo[-1].file_id if sent.photo else None)
        return
    try:
        edited = await message.edit_media(
            InputMediaPhoto(drawn.photo, caption=caption), reply_markup=keyboard
        )
    except TelegramError as exc:
        if not is_not_modified(exc):  # the same button pressed twice: nothing to change
            log.info("could not edit a chart message: %s", exc)
        return
    if isinstance(edited, Message) and edited.photo:
        cache.sent(drawn, edited.photo[-1].file_id)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CallbackQueryHandler(on_chart_press, pattern=r"^c1\|")
]
