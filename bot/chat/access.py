"""Who may use admin commands: decided by the sender's Telegram user id, never by the chat."""

from __future__ import annotations

from telegram import Update

from bot.settings import Settings


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
