"""Which updates run a command: new messages only.

PTB's CommandHandler also takes edited messages by default, so editing an old `/subscribe` (or
any command) would run it again; an edit is not a new request.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.chat.context import BotContext

NEW_MESSAGES = filters.UpdateType.MESSAGE  # not edited_message, not channel posts (as before)
NEW_POSTS = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST  # and a channel's own
NOT_EDITED = ~filters.UpdateType.EDITED


def command(
    name: str, callback: Callable[[Update, BotContext], Coroutine[Any, Any, None]]
) -> CommandHandler[BotContext, None]:
    """A handler of `/name` in new messages only."""
    return CommandHandler(name, callback, filters=NEW_MESSAGES)


def channel_command(
    name: str, callback: Callable[[Update, BotContext], Coroutine[Any, Any, None]]
) -> CommandHandler[BotContext, None]:
    """A handler of `/name` in new messages and in new channel posts (a channel's posts are
    by its admins: /subscribe there subscribes the channel)."""
    return CommandHandler(name, callback, filters=NEW_POSTS)
