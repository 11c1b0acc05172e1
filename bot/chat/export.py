"""/export [label]: a source's history as a CSV document (timestamp,count in local time).

Everyone may ask: the counts are public (anyone can read them on the source's own page) and
/chart already shows the same history as a picture.
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
from bot.services.history import as_document, history_csv


def file_name(source: Source) -> str:
    """`<label>-history.csv`, with anything but letters, digits, `.`, `-`, `_` made `_`."""
    return re.sub(r"[^\w.-]", "_", source.label) + "-history.csv"


async def export(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chosen = await choose_from_args(update, deps, lang, context.args or [])
    if chosen is None:
        return
    if len(chosen) > 1:
        await reply(update, text(lang, "export.which", labels=format_labels(chosen, lang)))
        return
    (source,) = chosen
    tz = deps.settings.timezone
    body, count = await history_csv(deps.db, source, tz)
    name = source_title(source)
    message = update.effective_message
    if not count or message is None:
        await reply(update, text(lang, "export.empty", name=name))
        return
    caption = text(lang, "export.caption", name=name, count=f"{count:,}", timezone=tz.key)
    data, filename = await as_document(body, file_name(source))
    await message.reply_document(
        InputFile(data, filename=filename),
        caption=caption,
        do_quote=False,
    )


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("export", export)]
