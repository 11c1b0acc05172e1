"""/milestones <label> <N|default> (admins): which round numbers a source's subscribers hear of —
every multiple of N, or the 1-2-5 sequence (bot/core/milestones.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.access import refuse_non_admin
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.milestones import parse_milestone_step, with_milestone_every
from bot.core.source_choice import find_by_label
from bot.presentation.numbers import format_count
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from storage import sources as source_store


async def milestones(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    if await refuse_non_admin(update, deps.settings, lang):
        return
    args = context.args or []
    tracked = await source_store.list_sources(deps.db)
    step = parse_milestone_step(args[1]) if len(args) == 2 else False
    if step is False:
        await reply(
            update, text(lang, "milestones.usage", labels=format_labels(tracked, lang) or "—")
        )
        return
    source = find_by_label(tracked, args[0])
    if source is None:
        labels = format_labels(tracked, lang) or "—"
        await reply(update, text(lang, "label.unknown", label=args[0][:40], labels=labels))
        return
    every = step if isinstance(step, int) else None
    await source_store.set_source_options(
        deps.db, source.id, with_milestone_every(source.options, every)
    )
    if every is None:
        await reply(update, text(lang, "milestones.default", name=source.display_name))
    else:
        await reply(
            update,
            text(lang, "milestones.every", name=source.display_name, step=format_count(every)),
        )


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("milestones", milestones)]
