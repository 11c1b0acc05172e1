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
from bot.core.figures import now_figures
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.presentation.captions import chart_caption
from bot.presentation.now import format_now
from bot.presentation.texts import text
from bot.services.charts import cached_chart
from bot.services.facts import gather_now
from storage import sources as source_store

CACHE_SECONDS = 30
MAX_SOURCES = 20  # two results each; Telegram takes at most 50
CHART_RANGES = ("all", "7d", "24h", "30d")  # the first one Telegram already has is offered


def matching(tracked: list[Source], words: str) -> list[Source]:
    wanted = words.strip().casefold()
    if not wanted:
        return tracked
    return [
        s for s in tracked if wanted in s.label.casefold() or wanted in s.display_name.casefold()
    ]


async def _cached_photo(
    context: BotContext, source: Source, lang: str
) -> InlineQueryResultCachedPhoto | None:
    """The source's up-to-date chart Telegram already has: in the reader's language first, else
    in another (the same picture; the caption is in the reader's words)."""
    cache = context.bot_data.chart_cache
    for chart_lang in (lang, *(other for other in LANGS if other != lang)):
        for key in CHART_RANGES:
            chart = await cached_chart(context.deps, [source], RANGES[key], chart_lang, cache)
            if chart is not None and chart.file_id is not None:
                return InlineQueryResultCachedPhoto(
                    id=f"p{source.id}",
                    photo_file_id=chart.file_id,
                    title=text(lang, "inline.chart", name=source.display_name),
                    caption=chart_caption(chart.counts, lang, text(lang, f"chart.range.{key}")),
                )
    return None


async def on_inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    deps = context.deps
    lang = language_of(update, context)
    chosen = matching(await source_store.list_sources(deps.db), query.query)[:MAX_SOURCES]
    at, tz = deps.clock.now(), deps.settings.timezone
    results: list[InlineQueryResultArticle | InlineQueryResultCachedPhoto] = []
    for source in chosen:
        facts = await gather_now(deps.db, source, at, tz)
        body = format_now(now_figures(facts, tz), lang)
        lines = body.split("\n")
        results.append(
            InlineQueryResultArticle(
                id=f"n{source.id}",
                title=source.display_name,
                description=" · ".join(lines[:2]),
                input_message_content=InputTextMessageContent(body),
            )
        )
        photo = await _cached_photo(context, source, lang)
        if photo is not None:
            results.append(photo)
    button = None
    if not results:
        button = InlineQueryResultsButton(text(lang, "inline.none"), start_parameter="inline")
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [InlineQueryHandler(on_inline_query)]
