"""/subscribe and /unsubscribe: the daily summary in this chat."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose, choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.chat.settings import store
from bot.core.model import Source
from bot.presentation.texts import text
from bot.services.deps import Deps
from bot.settings import parse_hhmm
from storage import subscriptions as subs


async def subscribe(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    args = list(context.args or [])
    # `/subscribe [label] [HH:MM]`: a time sets this chat's own summary time (its time zone's).
    at = parse_hhmm(args[-1]) if args and ":" in args[-1] else None
    if args and ":" in args[-1]:
        if at is None:
            await reply(update, text(lang, "subscribe.usage"))
            return
        args.pop()
    chosen = await choose_from_args(update, deps, lang, args)
    if chosen is None:
        return
    if at is not None:
        await store(context, chat.id, "summary_time", at.strftime("%H:%M"))
    await reply(update, await subscribe_chat(deps, chat.id, chosen, lang, context))


async def subscribe_chat(
    deps: Deps, chat_id: int, chosen: Sequence[Source], lang: str, context: BotContext
) -> str:
    """Subscribe the chat to each source; what to tell it (at the chat's own time and zone)."""
    new = False
    for source in chosen:
        new = await subs.subscribe(deps.db, chat_id, source.id, lang, deps.clock.now()) or new
    prefs = context.bot_data.prefs(chat_id)
    return text(
        lang,
        "subscribe.done" if new else "subscribe.already",
        name=", ".join(s.display_name for s in chosen),
        summary_time=prefs.summary_time.strftime("%H:%M"),
        timezone=prefs.timezone.key,
    )


async def unsubscribe(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    if not args:
        removed = await subs.unsubscribe(deps.db, chat.id)
        await reply(update, text(lang, "unsubscribe.done" if removed else "unsubscribe.none"))
        return
    chosen = await choose(update, deps, lang, args[0])
    if chosen is None:
        return
    source = chosen[0]
    removed = await subs.unsubscribe(deps.db, chat.id, source.id)
    key = "unsubscribe.one.done" if removed else "unsubscribe.one.none"
    await reply(update, text(lang, key, name=source.display_name))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("subscribe", subscribe),
    command("unsubscribe", unsubscribe),
]
