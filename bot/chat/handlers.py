"""Telegram command handlers: each gathers inputs, calls the pure pieces, and replies."""

from __future__ import annotations

import asyncio
import logging
import math

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot.chat.replies import language_of, reply
from bot.chat.runtime import RUNTIME_KEY, Runtime, runtime
from bot.chat.source_commands import is_admin
from bot.core.model import Source
from bot.core.ranges import DEFAULT_RANGE
from bot.core.source_choice import find_by_label, split_chart_words
from bot.presentation.charts import render_trend_png
from bot.presentation.formatting import (
    format_count,
    format_duration,
    format_labels,
    format_now,
    format_now_brief,
    noun,
    source_title,
)
from bot.presentation.texts import text
from bot.services.db_health import is_storage_trouble, storage_failed
from bot.services.facts import gather_chart, gather_now
from storage import samples
from storage import sources as source_store
from storage import subscriptions as subs

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
CAPTION_LIMIT = 1024


async def _choose(
    update: Update, rt: Runtime, lang: str, label: str | None, *, usage: str | None = None
) -> list[Source] | None:
    """The sources a command means: the labelled one, or every tracked one without a label.

    None (after telling the user why, with `usage` first when given) when there is nothing to
    answer with.
    """
    tracked = await source_store.list_sources(rt.db)
    if not tracked:
        await reply(update, text(lang, "nothing_tracked"))
        return None
    if label is None:
        return tracked
    found = find_by_label(tracked, label)
    if found is None:
        unknown = text(lang, "label.unknown", label=label[:40], labels=format_labels(tracked))
        await reply(update, f"{usage}\n{unknown}" if usage else unknown)
        return None
    return [found]


async def _choose_from_args(
    update: Update, rt: Runtime, lang: str, args: list[str]
) -> list[Source] | None:
    """For commands that take at most one label: more words get the help text."""
    if len(args) > 1:
        await reply(update, _help_text(rt, lang))
        return None
    return await _choose(update, rt, lang, args[0] if args else None)


def _help_text(rt: Runtime, lang: str) -> str:
    return text(
        lang,
        "help",
        summary_time=rt.settings.daily_summary_time.strftime("%H:%M"),
        timezone=rt.settings.timezone.key,
    )


async def start(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    tracked = await source_store.list_sources(rt.db)
    lines = []
    if len(tracked) == 1:
        source = tracked[0]
        lines.append(
            text(
                lang,
                "start",
                name=source.display_name,
                noun=noun(lang, source.kind),
                interval=format_duration(source.interval_seconds, lang),
            )
        )
    elif tracked:
        lines.append(text(lang, "start.many", count=len(tracked), labels=format_labels(tracked)))
    lines.append(_help_text(rt, lang))
    if is_admin(update, rt):
        lines.append(text(lang, "help.admin"))
    await reply(update, "\n\n".join(lines))


async def help_command(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    body = _help_text(rt, lang)
    if is_admin(update, rt):
        body += "\n\n" + text(lang, "help.admin")
    await reply(update, body)


async def now(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    args = context.args or []
    chosen = await _choose_from_args(update, rt, lang, args)
    if chosen is None:
        return
    now_at = rt.clock.now()
    tz = rt.settings.timezone
    if len(chosen) == 1:
        source = chosen[0]
        facts = await gather_now(rt.db, source, now_at, tz)
        await reply(update, format_now(facts, lang, source.interval_seconds, tz=tz))
        return
    every = [await gather_now(rt.db, source, now_at, tz) for source in chosen]
    for message in format_now_brief(every, lang):
        await reply(update, message)


async def chart(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    words = split_chart_words(context.args or [])
    if words is None:
        await reply(update, text(lang, "chart.usage"))
        return
    chart_range = words.chart_range or DEFAULT_RANGE
    chosen = await _choose(update, rt, lang, words.label, usage=text(lang, "chart.usage"))
    if chosen is None:
        return
    if not await _chart_allowed(rt, update, lang):
        return
    now_at = rt.clock.now()
    lines = await gather_chart(rt.db, chosen, chart_range, now_at)
    if not lines:
        names = ", ".join(s.display_name for s in chosen)
        await reply(update, text(lang, "chart.empty", name=names))
        return
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    range_text = text(lang, f"chart.range.{chart_range.key}")
    if len(chosen) == 1:
        title = text(
            lang, "chart.title", name=chosen[0].display_name, noun=noun(lang, chosen[0].kind)
        )
    else:
        title = text(lang, "chart.title.many")
    png = await asyncio.to_thread(
        render_trend_png,
        lines,
        title=title,
        subtitle=range_text,
        tz=rt.settings.timezone,
    )
    message = update.effective_message
    if message is not None:
        caption = await _chart_caption(rt, lang, chosen, range_text)
        await message.reply_photo(png, caption=caption, do_quote=False)


async def _chart_caption(rt: Runtime, lang: str, chosen: list[Source], range_text: str) -> str:
    if len(chosen) == 1:
        source = chosen[0]
        latest = await samples.latest_sample(rt.db, source.id)
        return text(
            lang,
            "chart.caption",
            name=source.display_name,
            count=format_count(latest.value) if latest else "?",
            noun=noun(lang, source.kind),
            range=range_text,
        )
    items = []
    for source in chosen:
        latest = await samples.latest_sample(rt.db, source.id)
        count = "?" if latest is None else ("≈" if latest.approximate else "")
        count += format_count(latest.value) if latest else ""
        items.append(
            text(
                lang,
                "chart.caption.item",
                title=source_title(source),
                count=count,
                noun=noun(lang, source.kind),
            )
        )
    caption = "\n".join([*items, range_text])
    return caption if len(caption) <= CAPTION_LIMIT else caption[: CAPTION_LIMIT - 1] + "…"


async def _chart_allowed(rt: Runtime, update: Update, lang: str) -> bool:
    """One chart per chat per cooldown, so nobody can keep the CPU drawing; say when to retry."""
    chat = update.effective_chat
    wait = rt.chart_cooldown.try_take(chat.id if chat else 0, rt.clock.now())
    if wait <= 0:
        return True
    await reply(
        update,
        text(
            lang,
            "chart.wait",
            cooldown=format_duration(rt.chart_cooldown.seconds, lang),
            wait=format_duration(math.ceil(wait), lang),
        ),
    )
    return False


async def subscribe(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    chosen = await _choose_from_args(update, rt, lang, args)
    if chosen is None:
        return
    new = False
    for source in chosen:
        new = await subs.subscribe(rt.db, chat.id, source.id, lang, rt.clock.now()) or new
    await reply(
        update,
        text(
            lang,
            "subscribe.done" if new else "subscribe.already",
            name=", ".join(s.display_name for s in chosen),
            summary_time=rt.settings.daily_summary_time.strftime("%H:%M"),
            timezone=rt.settings.timezone.key,
        ),
    )


async def unsubscribe(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    if not args:
        removed = await subs.unsubscribe(rt.db, chat.id)
        await reply(update, text(lang, "unsubscribe.done" if removed else "unsubscribe.none"))
        return
    chosen = await _choose(update, rt, lang, args[0])
    if chosen is None:
        return
    source = chosen[0]
    removed = await subs.unsubscribe(rt.db, chat.id, source.id)
    key = "unsubscribe.one.done" if removed else "unsubscribe.one.none"
    await reply(update, text(lang, key, name=source.display_name))


async def unknown_command(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await reply(update, text(language_of(update), "unknown"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (never the token) and tell the user briefly instead of going silent."""
    error = context.error
    key = "error.generic"
    if error is not None and is_storage_trouble(error):
        # The database refused a write (disk full, locked): the admins hear of it once.
        key = "error.storage"
        rt = context.bot_data.get(RUNTIME_KEY)
        if isinstance(rt, Runtime):
            await storage_failed(rt.storage, error, rt.bot, rt.settings.admin_user_ids)
    else:
        log.error("handler failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(text(language_of(update), key))
        except Exception:
            log.debug("could not tell the user about the error")
