"""/milestones <label> <N|default> (admins): which round numbers a source's subscribers hear of —
every multiple of N, or the 1-2-5 sequence (bot/core/milestones.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.access import refuse_non_admin
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.milestones import parse_milestone_step
from bot.presentation.numbers import format_count
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services import sources_query, tracking
from bot.services.sources_query import UnknownLabel


async def milestones(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    if await refuse_non_admin(update, deps.settings, lang):
        return
    args = context.args or []
    step = parse_milestone_step(args[1]) if len(args) == 2 else False
    if step is False:
        labels = format_labels(await sources_query.tracked(deps), lang) or "—"
        await reply(update, text(lang, "milestones.usage", labels=labels))
        return
    every = step if isinstance(step, int) else None
    match await tracking.set_milestones(deps, args[0], every):
        case UnknownLabel(label, tracked):
            labels = format_labels(tracked, lang) or "—"
            await reply(update, text(lang, "label.unknown", label=label[:40], labels=labels))
        case tracking.MilestonesSet(source, None):
            await reply(update, text(lang, "milestones.default", name=source.display_name))
        case tracking.MilestonesSet(source, int(every)):
            step_text = format_count(every)
            await reply(
                update, text(lang, "milestones.every", name=source.display_name, step=step_text)
            )


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [command("milestones", milestones)]
