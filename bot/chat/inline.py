"""Inline mode: `@bot` or `@bot kakao` in any chat offers each matching source's count and 24 h
change as an article to send, and its chart as a photo when Telegram already has that chart
(a cached file id; inline results cannot upload). Switched on with @BotFather's /setinline."""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultCachedPhoto,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.ext import BaseHandler, InlineQueryHandler

from bot.chat.context import BotContext
from bot.chat.replies import language_of
from bot.presentation.texts import text
from bot.services.inline_offers import compare_offer, offers

CACHE_SECONDS = 30


async def on_inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    lang = language_of(update, context)
    results: list[InlineQueryResultArticle | InlineQueryResultCachedPhoto] = []
    compared = await compare_offer(context.bot_data.charts, query.query, lang)
    if compared is not None:
        results.append(
            InlineQueryResultArticle(
                id="compare",
                title=compared.title,
                description=" · ".join(compared.body.split("\n")[1:3]),
                input_message_content=InputTextMessageContent(compared.body),
            )
        )
    for offer in await offers(context.bot_data.charts, query.query, lang):
        source = offer.source
        results.append(
            InlineQueryResultArticle(
                id=f"n{source.id}",
                title=source.display_name,
                description=" · ".join(offer.body.split("\n")[:2]),
                input_message_content=InputTextMessageContent(offer.body),
            )
        )
        if offer.photo is not None:
            results.append(
                InlineQueryResultCachedPhoto(
                    id=f"p{source.id}",
                    photo_file_id=offer.photo.file_id,
                    title=text(lang, "inline.chart", name=source.display_name),
                    caption=offer.photo.caption,
                )
            )
    button = None
    if not results:
        button = InlineQueryResultsButton(text(lang, "inline.none"), start_parameter="inline")
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [InlineQueryHandler(on_inline_query)]
