"""Which tracked sources a command's words mean, answered in the chat when they mean none."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from telegram import Update

from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.lang import Lang
from bot.core.model import Source
from bot.presentation.help import help_text
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services import sources_query
from bot.services.deps import Deps
from bot.services.sources_query import Chosen, NothingTracked, UnknownLabel


def choice_refusal(choice: NothingTracked | UnknownLabel, lang: str, usage: str | None) -> str:
    """What to say when the words mean no source (with `usage` first when given)."""
    match choice:
        case NothingTracked():
            return text(lang, "nothing_tracked")
        case UnknownLabel(label, tracked):
            labels = format_labels(tracked, lang)
            unknown = text(lang, "label.unknown", label=label[:40], labels=labels)
            return f"{usage}\n{unknown}" if usage else unknown


async def choose(
    update: Update, deps: Deps, lang: str, label: str | None, *, usage: str | None = None
) -> list[Source] | None:
    """The sources a command means: the labelled one, or every tracked one without a label.

    None (after telling the user why) when there is nothing to answer with.
    """
    choice = await sources_query.choose(deps, label)
    if isinstance(choice, Chosen):
        return choice.sources
    await reply(update, choice_refusal(choice, lang, usage))
    return None


async def choose_from_args(
    update: Update, deps: Deps, lang: str, args: list[str]
) -> list[Source] | None:
    """For commands that take at most one label: more words get the help text."""
    if len(args) > 1:
        await reply(update, help_text(lang, deps.settings))
        return None
    return await choose(update, deps, lang, args[0] if args else None)


class _Labelled(Protocol):
    @property
    def label(self) -> str | None: ...


W = TypeVar("W", bound=_Labelled)


@dataclass(frozen=True, slots=True)
class Asked(Generic[W]):
    """A command's words, the sources they mean and the language to answer in."""

    words: W
    sources: list[Source]
    lang: Lang


async def ask(
    update: Update,
    context: BotContext,
    split: Callable[[Sequence[str]], W | None],
    usage_key: str,
) -> Asked[W] | None:
    """For `/cmd [label] [more]`: the words split, then the sources chosen.

    None after replying the command's usage (words that cannot mean it) or why no source fits,
    so every such handler reads as: ask, compute, reply.
    """
    lang = language_of(update, context)
    words = split(context.args or [])
    usage = text(lang, usage_key)
    if words is None:
        await reply(update, usage)
        return None
    chosen = await choose(update, context.deps, lang, words.label, usage=usage)
    return None if chosen is None else Asked(words, chosen, lang)
