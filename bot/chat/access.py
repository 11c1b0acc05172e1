"""Who may use admin commands: decided by the sender's Telegram user id, never by the chat."""

from __future__ import annotations

import logging

from telegram import Update

from bot.chat.replies import reply
from bot.presentation.texts import text
from bot.settings import Settings

log = logging.getLogger(__name__)


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
