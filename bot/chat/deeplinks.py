"""Share links: `/start sub_<label>` (what `https://t.me/<bot>?start=sub_<label>` sends) subscribes
the chat in one tap; in a group, after a confirmation button, so one member's tap on a link is
not the group's choice by accident."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chat.access import acknowledged, may_change
from bot.chat.buttons import answer, pressed
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.chat.subscriptions import subscribed_text
from bot.core.callbacks import SubscribePress, subscribe_data
from bot.presentation.texts import text
from bot.services import sources_query, subscriptions

log = logging.getLogger(__name__)


async def start_with_link(update: Update, context: BotContext, word: str) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    source = await sources_query.for_word(deps, word)
    if source is None:
        await reply(update, text(lang, "deeplink.unknown"))
        return
    if chat.type == "private":
        done = await subscriptions.subscribe(deps, context.bot_data.chats, chat.id, [source], lang)
        await reply(update, subscribed_text(done, lang))
        return
    button = InlineKeyboardButton(
        text(lang, "buttons.subscribe"), callback_data=subscribe_data(source.id)
    )
    await message.reply_text(
        text(lang, "deeplink.confirm", name=source.display_name),
        do_quote=False,
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


async def on_subscribe_press(update: Update, context: BotContext) -> None:
    got = await pressed(update, context, SubscribePress)
    if got is None:
        return
    query, press, message, lang = got.query, got.press, got.message, got.lang
    deps = context.deps
    source = await sources_query.by_id(deps, press.source_id)
    if source is None:
        await answer(query, text(lang, "buttons.gone"))
        return
    if not await may_change(update, context):
        await answer(query, text(lang, "group.admins_only"))  # the button stays for an admin
        return
    chats = context.bot_data.chats
    done = await subscriptions.subscribe(deps, chats, message.chat.id, [source], lang)
    await answer(query)
    try:  # the button goes: the question is answered
        await message.edit_text(acknowledged(update, lang, subscribed_text(done, lang)))
    except TelegramError as exc:
        log.info("could not edit a subscribe confirmation: %s", exc)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    CallbackQueryHandler(on_subscribe_press, pattern=r"^s1\|")
]
