"""/subscribe, /unsubscribe and /subscriptions: the daily summary in this chat, or (for the
bot's admins, in a private chat) in a channel: `/subscribe @channel [label] [HH:MM]`,
`/unsubscribe @channel`."""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler

from bot.chat.access import acknowledged, changed_by, is_admin, refuse_member
from bot.chat.channels import channel_to_post_in, chat_name
from bot.chat.choose import choose, choose_from_args
from bot.chat.commands import channel_command
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
    channel = None
    if chat.type == "private" and args and args[0].startswith("@"):
        channel = await channel_to_post_in(update, context, lang, args.pop(0))
        if channel is None:
            return
    elif await refuse_member(update, context, lang):
        return
    chosen = await choose_from_args(update, deps, lang, args)
    if chosen is None:
        return
    chats = context.bot_data.chats
    target = channel.id if channel is not None else chat.id
    done = await subscriptions.subscribe(deps, chats, target, chosen, lang, at=at)
    if channel is not None:
        await reply(update, subscribed_text(done, lang, channel=chat_name(channel)))
        return
    body = subscribed_text(done, lang)
    who = changed_by(update, lang)
    if at is not None and who is not None:
        summary_time = at.strftime("%H:%M")
        body += "\n" + text(lang, "group.summary_moved", summary_time=summary_time, who=who)
    else:
        body = acknowledged(update, lang, body)
    await reply(update, body)


def subscribed_text(done: Subscribed, lang: str, channel: str | None = None) -> str:
    """What to tell the chat: subscribed, moved to another time, or already, at its own time
    and zone; for a channel, that the summary is posted there."""
    key = "subscribe.done" if done.new else "subscribe.already"
    if not done.new and done.moved_from is not None:
        key = "subscribe.moved"
    return text(
        lang,
        "channel.subscribed" if channel is not None else key,
        channel=channel or "",
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
    args = list(context.args or [])
    if chat.type == "private" and args and args[0].startswith("@"):
        channel = await channel_to_post_in(update, context, lang, args.pop(0), posting=False)
        if channel is None:
            return
        removed = await subscriptions.unsubscribe(deps, channel.id)
        key = "channel.unsubscribed" if removed else "channel.not_subscribed"
        await reply(update, text(lang, key, channel=chat_name(channel)))
        return
    if await refuse_member(update, context, lang):
        return
    target = chat.id
    if not args:
        removed = await subscriptions.unsubscribe(deps, target)
        body = text(lang, "unsubscribe.done" if removed else "unsubscribe.none")
        await reply(update, acknowledged(update, lang, body))
        return
    chosen = await choose(update, deps, lang, args[0])
    if chosen is None:
        return
    source = chosen[0]
    removed = await subscriptions.unsubscribe(deps, target, source)
    key = "unsubscribe.one.done" if removed else "unsubscribe.one.none"
    body = text(lang, key, name=source.display_name)
    await reply(update, acknowledged(update, lang, body))


async def list_postings(update: Update, context: BotContext) -> None:
    """/subscriptions: where the summary goes; a bot admin in a private chat sees every chat."""
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    everywhere = chat.type == "private" and is_admin(update, deps.settings)
    found = await subscriptions.postings(
        deps, context.bot_data.chats, None if everywhere else chat.id
    )
    if not found:
        await reply(
            update,
            text(lang, "subscriptions.none_anywhere" if everywhere else "subscriptions.none"),
        )
        return
    lines = [text(lang, "subscriptions.title")]
    for posting in found[:50]:
        where = await chat_name_of(context, posting.chat_id) if everywhere else chat_name(chat)
        lines.append(
            text(
                lang,
                "subscriptions.item",
                chat=where,
                names=", ".join(s.display_name for s in posting.sources),
                summary_time=posting.prefs.summary_time.strftime("%H:%M"),
                timezone=posting.prefs.timezone.key,
            )
        )
    await reply(update, "\n".join(lines))


async def chat_name_of(context: BotContext, chat_id: int) -> str:
    """A chat's @name or title as Telegram knows it now; its id when Telegram will not say."""
    try:
        return chat_name(await context.bot.get_chat(chat_id))
    except TelegramError:
        return str(chat_id)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    channel_command("subscribe", subscribe),
    channel_command("unsubscribe", unsubscribe),
    channel_command("subscriptions", list_postings),
]
