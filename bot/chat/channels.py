"""Channels the summary is posted to: which channel `@name` means, and whether the bot may
post there (getChat: a channel; getChatMember: the bot an administrator with "Post messages").
Only the bot's admins choose a channel, from a private chat with the bot."""

from __future__ import annotations

import logging

from telegram import Chat, ChatFullInfo, ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.chat.access import is_admin
from bot.chat.context import BotContext
from bot.chat.replies import reply
from bot.presentation.texts import text

log = logging.getLogger(__name__)

MAX_NAME = 40  # what of a typed @name is repeated back


def chat_name(chat: Chat | ChatFullInfo) -> str:
    """@name, else the title (a person's first name), else the id."""
    if chat.username:
        return f"@{chat.username}"
    return chat.title or chat.first_name or str(chat.id)


async def channel_to_post_in(
    update: Update, context: BotContext, lang: str, name: str, *, posting: bool = True
) -> ChatFullInfo | None:
    """The channel `@name` means, when a bot admin asks and (when `posting`) the bot may post
    there; otherwise None, after one reply saying what would work."""
    shown = name[:MAX_NAME]
    if not is_admin(update, context.deps.settings):
        await reply(update, text(lang, "channel.bot_admins_only"))
        return None
    try:
        channel = await context.bot.get_chat(name)
    except TelegramError as exc:
        log.info("no channel %s: %s", shown, type(exc).__name__)
        await reply(update, text(lang, "channel.not_found", channel=shown))
        return None
    if channel.type != ChatType.CHANNEL:
        await reply(update, text(lang, "channel.not_channel", channel=chat_name(channel)))
        return None
    if posting and not await may_post(context, channel.id):
        await reply(update, text(lang, "channel.not_admin", channel=chat_name(channel)))
        return None
    return channel


async def may_post(context: BotContext, channel_id: int) -> bool:
    """The bot is the channel's owner, or an administrator allowed to post messages."""
    try:
        member = await context.bot.get_chat_member(channel_id, context.bot.id)
    except TelegramError as exc:
        log.info("could not ask about the bot in %s: %s", channel_id, type(exc).__name__)
        return False
    if isinstance(member, ChatMemberOwner):
        return True
    return isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)
