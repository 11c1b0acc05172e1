"""Telegram command handlers: each gathers inputs, calls the pure pieces, and replies."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot.charts import render_trend_png
from bot.facts import gather_chart, gather_now
from bot.formatting import format_count, format_duration, format_now, noun
from bot.model import Source
from bot.ranges import DEFAULT_RANGE, parse_range
from bot.runtime import Runtime, runtime
from bot.texts import language_for, text
from storage import samples
from storage import sources as source_store
from storage import subscriptions as subs

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def _lang(update: Update) -> str:
    user = update.effective_user
    return language_for(user.language_code if user else None)


async def _reply(update: Update, body: str) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(body, do_quote=False)


async def _default_source(rt: Runtime) -> Source | None:
    found = await source_store.list_sources(rt.db)
    return found[0] if found else None


def _help_text(rt: Runtime, lang: str) -> str:
    return text(
        lang,
        "help",
        summary_time=rt.settings.daily_summary_time.strftime("%H:%M"),
        timezone=rt.settings.timezone.key,
    )


async def start(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = _lang(update)
    source = await _default_source(rt)
    lines = []
    if source is not None:
        lines.append(
            text(
                lang,
                "start",
                name=source.display_name,
                noun=noun(lang, source.kind),
                interval=format_duration(source.interval_seconds, lang),
            )
        )
    lines.append(_help_text(rt, lang))
    await _reply(update, "\n\n".join(lines))


async def help_command(update: Update, context: Context) -> None:
    await _reply(update, _help_text(runtime(context), _lang(update)))


async def now(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = _lang(update)
    source = await _default_source(rt)
    if source is None:
        await _reply(update, text(lang, "error.generic"))
        return
    facts = await gather_now(rt.db, source, rt.clock.now(), rt.settings.timezone)
    await _reply(update, format_now(facts, lang, source.interval_seconds, tz=rt.settings.timezone))


async def chart(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = _lang(update)
    args = context.args or []
    chart_range = parse_range(args[0]) if len(args) == 1 else DEFAULT_RANGE
    if len(args) > 1 or chart_range is None:
        await _reply(update, text(lang, "chart.usage"))
        return
    source = await _default_source(rt)
    if source is None:
        await _reply(update, text(lang, "error.generic"))
        return
    now_at = rt.clock.now()
    lines = await gather_chart(rt.db, [source], chart_range, now_at)
    if not lines:
        await _reply(update, text(lang, "chart.empty", name=source.display_name))
        return
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    kind_noun = noun(lang, source.kind)
    range_text = text(lang, f"chart.range.{chart_range.key}")
    png = await asyncio.to_thread(
        render_trend_png,
        lines,
        title=text(lang, "chart.title", name=source.display_name, noun=kind_noun),
        subtitle=range_text,
        tz=rt.settings.timezone,
    )
    latest = await samples.latest_sample(rt.db, source.id)
    caption = text(
        lang,
        "chart.caption",
        name=source.display_name,
        count=format_count(latest.value) if latest else "?",
        noun=kind_noun,
        range=range_text,
    )
    message = update.effective_message
    if message is not None:
        await message.reply_photo(png, caption=caption, do_quote=False)


async def subscribe(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = _lang(update)
    chat = update.effective_chat
    source = await _default_source(rt)
    if chat is None or source is None:
        return
    new = await subs.subscribe(rt.db, chat.id, source.id, lang, rt.clock.now())
    await _reply(
        update,
        text(
            lang,
            "subscribe.done" if new else "subscribe.already",
            name=source.display_name,
            summary_time=rt.settings.daily_summary_time.strftime("%H:%M"),
            timezone=rt.settings.timezone.key,
        ),
    )


async def unsubscribe(update: Update, context: Context) -> None:
    rt = runtime(context)
    chat = update.effective_chat
    if chat is None:
        return
    removed = await subs.unsubscribe(rt.db, chat.id)
    await _reply(update, text(_lang(update), "unsubscribe.done" if removed else "unsubscribe.none"))


async def unknown_command(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await _reply(update, text(_lang(update), "unknown"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (never the token) and tell the user briefly instead of going silent."""
    log.error("handler failed: %s", type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(text(_lang(update), "error.generic"))
        except Exception:
            log.debug("could not tell the user about the error")
