"""Who may do what: the bot's admin commands by the sender's Telegram user id, never by the
chat; what belongs to a chat (its subscription, summary time, alerts, settings) by the people
who run that chat (`may_change`, the one rule every changing handler asks)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.chat.context import BotContext
from bot.chat.replies import reply
from bot.presentation.texts import text
from bot.settings import Settings

log = logging.getLogger(__name__)

_RUNS_THE_GROUP = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def is_admin(update: Update, settings: Settings) -> bool:
    """True only for a message from a person listed in ADMIN_USER_IDS.

    A group's anonymous admins and channels post "as the chat" (the message has a sender_chat
    and no real user behind it): that is nobody in particular, so never an admin. A private
    chat whose id equals an admin's id is not enough either: only the sender counts.
    """
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or user.is_bot:
        return False
    if message.sender_chat is not None:
        return False
    return user.id in settings.admin_user_ids


def refusal_key(settings: Settings) -> str:
    """Why a non-admin is refused: admins exist, or none is set at all."""
    return "admin.only" if settings.admin_user_ids else "admin.none"


async def refuse_non_admin(update: Update, settings: Settings, lang: str) -> bool:
    """True (after saying so) when the sender may not use this admin command."""
    if is_admin(update, settings):
        return False
    user = update.effective_user
    message = update.effective_message
    command = (message.text or "?").split(maxsplit=1)[0] if message and message.text else "?"
    log.info("refused %s from non-admin user %s", command, user.id if user else None)
    await reply(update, text(lang, refusal_key(settings)))
    return True


async def may_change(update: Update, context: BotContext) -> bool:
    """Whether the sender may change what belongs to this chat: in a private chat its person;
    in a channel its own posts (only its admins post); in a group its admins (getChatMember,
    kept a minute), an anonymous admin posting as the group, or the bot's admins."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    # A button's message is the bot's own: only a typed message's sender_chat says who sent it.
    typed = message if update.callback_query is None else None
    sender_chat = typed.sender_chat if typed is not None else None
    if sender_chat is not None:
        return sender_chat.id == chat.id  # the group's anonymous admin, the channel itself
    if chat.type == ChatType.CHANNEL or user is None:
        return False
    if is_admin(update, context.deps.settings):
        return True
    known = context.bot_data.group_admins
    now = context.deps.clock.now()
    runs = known.get((chat.id, user.id), now)
    if runs is None:
        try:
            member = await context.bot.get_chat_member(chat.id, user.id)
        except TelegramError as exc:
            log.info("could not ask who runs chat %s: %s", chat.id, type(exc).__name__)
            return False
        runs = member.status in _RUNS_THE_GROUP
        known.put((chat.id, user.id), runs, now)
    return runs


async def refuse_member(update: Update, context: BotContext, lang: str) -> bool:
    """True (after one short reply saying who can) when the sender may not change this chat's
    subscription, alerts or settings."""
    if await may_change(update, context):
        return False
    await reply(update, text(lang, "group.admins_only"))
    return True


def changed_by(update: Update, lang: str) -> str | None:
    """Who made a change, for the acknowledgement in a group or channel (None in a private
    chat, where it is obvious): @username, else the first name; an anonymous admin as such."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return None
    if message is not None and message.sender_chat is not None and update.callback_query is None:
        if chat.type == ChatType.CHANNEL:
            return text(lang, "group.by_channel")
        return text(lang, "group.by_anonymous")
    if user is None:
        return None
    return f"@{user.username}" if user.username else user.full_name


def acknowledged(update: Update, lang: str, body: str) -> str:
    """A reply to a change, with who made it when that is not obvious (in a group)."""
    who = changed_by(update, lang)
    return body if who is None else f"{body}\n{text(lang, 'group.changed_by', who=who)}"
