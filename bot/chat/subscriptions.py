"""/subscribe and /unsubscribe: the daily summary in this chat."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose, choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.model import Source
from bot.presentation.texts import text
from bot.services.deps import Deps
from storage import subscriptions as subs


async def subscribe(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update)
    chat = update.effective_chat
    if chat is None:
        return
    chosen = await choose_from_args(update, deps, lang, context.args or [])
    if chosen is None:
        return
    await reply(update, await subscribe_chat(deps, chat.id, chosen, lang))


async def subscribe_chat(deps: Deps, chat_id: int, chosen: Sequence[Source], lang: str) -> str:
    """Subscribe the chat to each source; what to tell it."""
    new = False
    for source in chosen:
        new = await subs.subscribe(deps.db, chat_id, source.id, lang, deps.clock.now()) or new
    return text(
        lang,
        "subscribe.done" if new else "subscribe.already",
        name=", ".join(s.display_name for s in chosen),
        summary_time=deps.settings.daily_summary_time.strftime("%H:%M"),
        timezone=deps.settings.timezone.key,
    )


async def unsubscribe(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update)
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
