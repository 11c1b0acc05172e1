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
from bot.presentation.numbers import format_duration
from bot.presentation.texts import text
from bot.services.chart_reply import Drawn, Empty, Gone, Wait

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


def wait_text(wait: Wait, lang: str) -> str:
    """When this chat may have its next chart (one per chat per cooldown)."""
    return text(
        lang,
        "chart.wait",
        cooldown=format_duration(wait.cooldown, lang),
        wait=format_duration(math.ceil(wait.seconds), lang),
    )


async def on_chart_press(update: Update, context: BotContext) -> None:
    got = await pressed(update, context, ChartPress)
    if got is None:
        return
    query, press, message, lang = got.query, got.press, got.message, got.lang
    answered = False

    async def answer_now() -> None:  # drawing takes a moment: stop the spinner first
        nonlocal answered
        answered = True
        await answer(query)

    charts, tz = context.bot_data.charts, context.bot_data.prefs(message.chat.id).timezone
    outcome = await charts.for_press(
        message.chat.id, press.source_id, press.chart_range, lang, tz, before_drawing=answer_now
    )
    match outcome:
        case Gone():
            await answer(query, text(lang, "buttons.gone"))
        case Wait() as wait:
            await answer(query, wait_text(wait, lang))
        case Empty():
            if not answered:
                await answer(query, text(lang, "buttons.empty"))
        case Drawn() as drawn:
            if not answered:
                await answer(query)
            await _show(message, drawn, lang, context)


async def _show(message: Message, drawn: Drawn, lang: str, context: BotContext) -> None:
    """In place of the photo of the same message; under a text (/days' "as bars"), as a new one."""
    keyboard = chart_keyboard(drawn.tracked, drawn.source_id, drawn.range_key, lang)
    caption = drawn.caption

    async def reply_photo(photo: bytes | str) -> str | None:
        sent = await message.reply_photo(
            photo, caption=caption, do_quote=False, reply_markup=keyboard
        )
        return sent.photo[-1].file_id if sent.photo else None

    async def edit_photo(photo: bytes | str) -> str | None:
        try:
            edited = await message.edit_media(
                InputMediaPhoto(photo, caption=caption), reply_markup=keyboard
            )
        except TelegramError as exc:
            if not is_not_modified(exc):  # the same button pressed twice: nothing to change
                log.info("could not edit a chart message: %s", exc)
            return None
        return edited.photo[-1].file_id if isinstance(edited, Message) and edited.photo else None

    send = edit_photo if message.photo else reply_photo
    await context.bot_data.charts.deliver(drawn.ready, send)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CallbackQueryHandler(on_chart_press, pattern=r"^c1\|")
]
