"""/compare [label …] [24h|7d|30d|all]: the sources side by side (bot/services/compare.py), then
their lines indexed to 100 as a photo with range buttons; a press puts the chart of that range in
place of the photo."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chat.buttons import answer, button, is_not_modified, pressed
from bot.chat.chart_buttons import wait_text
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.callbacks import ComparePress, compare_data
from bot.core.ranges import ChartRange, parse_range
from bot.presentation.compare import format_compare
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services import compare as comparing
from bot.services.chart_reply import Gone, Wait
from bot.services.compare_charts import (
    COMPARE_RANGES,
    DEFAULT_COMPARE_RANGE,
    CompareDrawn,
    NothingDrawn,
)

log = logging.getLogger(__name__)
MAX_WORDS = 8


def split_compare_words(words: list[str]) -> tuple[list[str], ChartRange | None] | None:
    """Labels, and a range as the last word when it is one; None for too many words."""
    if len(words) > MAX_WORDS:
        return None
    if words and (chart_range := parse_range(words[-1])) is not None:
        return words[:-1], chart_range
    return words, None


def compare_keyboard(ids: tuple[int, ...], range_key: str, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(
                    text(lang, f"buttons.range.{key}"),
                    compare_data(key, ids),
                    chosen=key == range_key,
                    lang=lang,
                )
                for key in COMPARE_RANGES
            ]
        ]
    )


async def compare(update: Update, context: BotContext) -> None:
    lang = language_of(update, context)
    words = split_compare_words(context.args or [])
    chat, message = update.effective_chat, update.effective_message
    if words is None:
        await reply(update, text(lang, "compare.usage"))
        return
    if chat is None or message is None:
        return
    labels, chart_range = words
    tz = context.bot_data.prefs(chat.id).timezone
    match await comparing.compared(context.deps, labels, tz):
        case comparing.NothingToCompare():
            await reply(update, text(lang, "compare.nothing"))
            return
        case comparing.NotTracked(unknown, tracked):
            shown = ", ".join(word[:40] for word in unknown)
            listed = format_labels(list(tracked), lang)
            usage = text(lang, "compare.usage")
            await reply(
                update, f"{usage}\n{text(lang, 'compare.unknown', labels=shown, tracked=listed)}"
            )
            return
        case comparing.Compared(comparison, choice, chosen, _):
            await reply(update, format_compare(comparison, choice, lang, tz.key))

    async def uploading() -> None:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)

    charts = context.bot_data.compare_charts
    outcome = await charts.draw(
        chat.id, chosen, chart_range or DEFAULT_COMPARE_RANGE, lang, tz, uploading
    )
    match outcome:
        case Wait() as wait:
            await reply(update, wait_text(wait, lang))
        case CompareDrawn() as drawn:
            keyboard = compare_keyboard(drawn.source_ids, drawn.range_key, lang)

            async def send(photo: bytes | str) -> str | None:
                sent = await message.reply_photo(
                    photo, caption=drawn.caption, do_quote=False, reply_markup=keyboard
                )
                return sent.photo[-1].file_id if sent.photo else None

            await charts.deliver(drawn, send)
        case _:
            pass  # nothing in the range to draw: the table said what there is


async def on_compare_press(update: Update, context: BotContext) -> None:
    got = await pressed(update, context, ComparePress)
    if got is None:
        return
    query, press, message, lang = got.query, got.press, got.message, got.lang
    answered = False

    async def answer_now() -> None:
        nonlocal answered
        answered = True
        await answer(query)

    tz = context.bot_data.prefs(message.chat.id).timezone
    chosen = await comparing.by_ids(context.deps, press.source_ids)
    charts = context.bot_data.compare_charts
    outcome = await charts.draw(message.chat.id, chosen, press.chart_range, lang, tz, answer_now)
    match outcome:
        case Gone():
            await answer(query, text(lang, "buttons.gone"))
        case Wait() as wait:
            await answer(query, wait_text(wait, lang))
        case NothingDrawn():
            if not answered:
                await answer(query, text(lang, "buttons.empty"))
        case CompareDrawn() as drawn:
            if not answered:
                await answer(query)
            await _edit(message, drawn, lang, context)


async def _edit(message: Message, drawn: CompareDrawn, lang: str, context: BotContext) -> None:
    keyboard = compare_keyboard(drawn.source_ids, drawn.range_key, lang)

    async def edit_photo(photo: bytes | str) -> str | None:
        try:
            edited = await message.edit_media(
                InputMediaPhoto(photo, caption=drawn.caption), reply_markup=keyboard
            )
        except TelegramError as exc:
            if not is_not_modified(exc):
                log.info("could not edit a compare chart: %s", exc)
            return None
        return edited.photo[-1].file_id if isinstance(edited, Message) and edited.photo else None

    await context.bot_data.compare_charts.deliver(drawn, edit_photo)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("compare", compare),
    CallbackQueryHandler(on_compare_press, pattern=r"^k1\|"),
]
