"""/chart [label] [24h|7d|30d|all|days]: a trend chart (bot/services/chart_reply.py decides and
draws; this turns its answer into a photo, a wait or a word)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.chat.chart_buttons import chart_keyboard, wait_text
from bot.chat.choose import choice_refusal
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.source_choice import split_chart_words
from bot.presentation.texts import text
from bot.services.chart_reply import Drawn, Empty, Wait
from bot.services.sources_query import NothingTracked, UnknownLabel


async def chart(update: Update, context: BotContext) -> None:
    lang = language_of(update, context)
    words = split_chart_words(context.args or [])
    chat, message = update.effective_chat, update.effective_message
    if words is None:
        await reply(update, text(lang, "chart.usage"))
        return
    if chat is None or message is None:
        return

    async def uploading() -> None:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)

    charts, tz = context.bot_data.charts, context.bot_data.prefs(chat.id).timezone
    match await charts.for_command(chat.id, words, lang, tz, before_drawing=uploading):
        case NothingTracked() | UnknownLabel() as refused:
            await reply(update, choice_refusal(refused, lang, text(lang, "chart.usage")))
        case Wait() as wait:
            await reply(update, wait_text(wait, lang))
        case Empty(chosen):
            names = ", ".join(s.display_name for s in chosen)
            await reply(update, text(lang, "chart.empty", name=names))
        case Drawn(ready, caption, tracked, source_id, range_key):
            keyboard = chart_keyboard(tracked, source_id, range_key, lang)

            async def send(photo: bytes | str) -> str | None:
                sent = await message.reply_photo(
                    photo, caption=caption, do_quote=False, reply_markup=keyboard
                )
                return sent.photo[-1].file_id if sent.photo else None

            await charts.deliver(ready, send)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("chart", chart)]
