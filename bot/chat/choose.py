"""Which tracked sources a command's words mean, answered in the chat when they mean none."""

from __future__ import annotations

from telegram import Update

from bot.chat.replies import reply
from bot.core.model import Source
from bot.core.source_choice import find_by_label
from bot.presentation.help import help_text
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services.deps import Deps
from storage import sources as source_store


async def choose(
    update: Update, deps: Deps, lang: str, label: str | None, *, usage: str | None = None
) -> list[Source] | None:
    """The sources a command means: the labelled one, or every tracked one without a label.

    None (after telling the user why, with `usage` first when given) when there is nothing to
    answer with.
    """
    if label is not None:
        # One indexed lookup: a command's cost does not grow with the sources tracked.
        labelled = await source_store.source_by_label(deps.db, label.strip())
        if labelled is not None:
            return [labelled]
    tracked = await source_store.list_sources(deps.db)
    if not tracked:
        await reply(update, text(lang, "nothing_tracked"))
        return None
    if label is None:
        return tracked
    found = find_by_label(tracked, label)
    if found is None:
        unknown = text(lang, "label.unknown", label=label[:40], labels=format_labels(tracked, lang))
        await reply(update, f"{usage}\n{unknown}" if usage else unknown)
        return None
    return [found]


async def choose_from_args(
    update: Update, deps: Deps, lang: str, args: list[str]
) -> list[Source] | None:
    """For commands that take at most one label: more words get the help text."""
    if len(args) > 1:
        await reply(update, help_text(lang, deps.settings))
        return None
    return await choose(update, deps, lang, args[0] if args else None)
