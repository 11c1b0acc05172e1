"""/subscribe and /unsubscribe: the daily summary in this chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose, choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.texts import text
from bot.services import subscriptions
from bot.services.subscriptions import Subscribed
from bot.settings import parse_hhmm


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
    done = await subscriptions.subscribe(deps, context.bot_data.chats, chat.id, chosen, lang, at=at)
    await reply(update, subscribed_text(done, lang))


def subscribed_text(done: Subscribed, lang: str) -> str:
    """What to tell the chat: subscribed, moved to another time, or already, at its own time
    and zone."""
    key = "subscribe.done" if done.new else "subscribe.already"
    if not done.new and done.moved_from is not None:
        key = "subscribe.moved"
    return text(
        lang,
        key,
        name=", ".join(s.display_name for s in done.sources),
        summary_time=done.prefs.summary_time.strftime("%H:%M"),
        timezone=done.prefs.timezone.key,
        before=(done.moved_from or done.prefs.summary_time).strftime("%H:%M"),
    )


async def unsubscribe(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    if not args:
        removed = await subscriptions.unsubscribe(deps, chat.id)
        await reply(update, text(lang, "unsubscribe.done" if removed else "unsubscribe.none"))
        return
    chosen = await choose(update, deps, lang, args[0])
    if chosen is None:
        return
    source = chosen[0]
    removed = await subscriptions.unsubscribe(deps, chat.id, source)
    key = "unsubscribe.one.done" if removed else "unsubscribe.one.none"
    await reply(update, text(lang, key, name=source.display_name))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("subscribe", subscribe),
    command("unsubscribe", unsubscribe),
]
