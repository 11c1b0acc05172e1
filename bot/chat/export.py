"""/export [label]: a source's history as a CSV document (timestamp,count in local time).

Everyone may ask: the counts are public (anyone can read them on the source's own page) and
/chart already shows the same history as a picture. Exports take turns (one per chat, a few at
once: bot/services/export_turns.py); a chat that must wait is told so, then served.
"""

from __future__ import annotations

import re

from telegram import InputFile, Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose_from_args
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.model import Source
from bot.presentation.sources import format_labels, source_title
from bot.presentation.texts import text
from bot.services.export_turns import TooManyExportsError
from bot.services.history import has_history, history_file


def file_name(source: Source) -> str:
    """`<label>-history.csv`, with anything but letters, digits, `.`, `-`, `_` made `_`."""
    return re.sub(r"[^\w.-]", "_", source.label) + "-history.csv"


async def export(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chosen = await choose_from_args(update, deps, lang, context.args or [])
    message = update.effective_message
    if chosen is None or message is None:
        return
    if len(chosen) > 1:
        await reply(update, text(lang, "export.which", labels=format_labels(chosen, lang)))
        return
    (source,) = chosen
    tz = deps.settings.timezone
    name = source_title(source)
    if not await has_history(deps.db, source):
        await reply(update, text(lang, "export.empty", name=name))
        return

    async def queued() -> None:
        await reply(update, text(lang, "export.queued", name=name))

    try:
        async with (
            context.bot_data.exports.turn(message.chat_id, queued),
            history_file(
                deps.csv, deps.settings.database_path, source, tz, file_name(source)
            ) as made,
        ):
            if not made.count:
                await reply(update, text(lang, "export.empty", name=name))
                return
            caption = text(
                lang, "export.caption", name=name, count=f"{made.count:,}", timezone=tz.key
            )
            with made.path.open("rb") as data:
                await message.reply_document(
                    InputFile(data, filename=made.name), caption=caption, do_quote=False
                )
    except TooManyExportsError:
        await reply(update, text(lang, "export.busy"))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("export", export)]
