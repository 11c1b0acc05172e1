"""/settings: this chat's own time zone and language (`/settings tz Europe/Berlin`,
`/settings lang en|ko|auto`); without words, what they are now, with the summary time."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.access import acknowledged, may_change
from bot.chat.commands import channel_command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.lang import LANGS
from bot.presentation.texts import text
from bot.services.chat_settings import find_zone

_DEFAULT_WORDS = ("default", "auto", "기본")


async def settings_command(update: Update, context: BotContext) -> None:
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    args = context.args or []
    if not args:
        await reply(update, shown(context, chat.id, lang))
        return
    if not await may_change(update, context):
        await reply(update, text(lang, "settings.group_admins"))
        return
    what, value = (args[0].lower(), args[1]) if len(args) == 2 else ("", "")
    if what in ("tz", "timezone"):
        zone = None if value.lower() in _DEFAULT_WORDS else find_zone(value)
        if zone is None and value.lower() not in _DEFAULT_WORDS:
            await reply(update, text(lang, "settings.tz.bad", given=value[:64]))
            return
        await store(context, chat.id, "timezone", zone.key if zone else None)
    elif what in ("lang", "language") and value.lower() in (*LANGS, *_DEFAULT_WORDS):
        await store(context, chat.id, "lang", value.lower() if value.lower() in LANGS else None)
        lang = language_of(update, context)  # the answer is already in the new language
    else:
        await reply(update, text(lang, "settings.usage"))
        return
    body = text(lang, "settings.saved") + "\n" + shown(context, chat.id, lang)
    await reply(update, acknowledged(update, lang, body))


async def store(context: BotContext, chat_id: int, column: str, value: str | None) -> None:
    await context.bot_data.chats.set(context.deps.db, chat_id, column, value)


def shown(context: BotContext, chat_id: int, lang: str) -> str:
    prefs = context.bot_data.prefs(chat_id)
    return text(
        lang,
        "settings.show",
        timezone=prefs.timezone.key,
        language=text(lang, f"settings.lang.{prefs.lang or 'auto'}"),
        summary_time=prefs.summary_time.strftime("%H:%M"),
    )


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    channel_command("settings", settings_command)
]
