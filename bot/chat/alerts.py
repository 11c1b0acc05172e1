"""/alert [label] above N | below N | change N, /alert off [label] [kind], /alerts: a chat's own
alerts on a source, fired once per crossing (bot/services/watch.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.access import acknowledged, refuse_member
from bot.chat.choose import choose
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.chat_alerts import ALERTS_PER_HOUR, AlertKind, split_alert_words
from bot.core.model import Source
from bot.presentation.numbers import format_count, format_delta
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services import alerts as alert_service


def rule_text(lang: str, kind: AlertKind, threshold: int) -> str:
    shown = format_delta(threshold) if kind is AlertKind.CHANGE else format_count(threshold)
    return text(lang, f"alert.rule.{kind.value}", threshold=shown)


async def alert(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    usage = text(lang, "alert.usage")
    words = split_alert_words(context.args or [])
    if words is None:
        await reply(update, usage)
        return
    if await refuse_member(update, context, lang):
        return
    chosen: list[Source] | None = None
    if words.label is not None or not words.off:
        chosen = await choose(update, deps, lang, words.label, usage=usage)
        if chosen is None:
            return
        if len(chosen) > 1:
            await reply(update, text(lang, "alert.which", labels=format_labels(chosen, lang)))
            return
    if words.off:
        which = chosen[0] if chosen is not None else None
        removed = await alert_service.remove_alerts(deps, chat.id, which, words.kind)
        await reply(update, acknowledged(update, lang, text(lang, "alert.removed", count=removed)))
        return
    assert words.kind is not None and words.threshold is not None and chosen is not None
    source = chosen[0]
    done = await alert_service.set_alert(deps, chat.id, source, words.kind, words.threshold, lang)
    if words.kind is AlertKind.UNUSUAL:
        body = text(lang, "why.alert.set", name=source.display_name)
        await reply(update, acknowledged(update, lang, body))
        return
    await reply(update, acknowledged(update, lang, alert_set_text(lang, source.display_name, done)))


def alert_set_text(lang: str, name: str, done: alert_service.AlertSet) -> str:
    """Set, or replaced another threshold of the same kind: the reply says which."""
    kind, threshold = done.alert.kind, done.alert.threshold
    rule = rule_text(lang, kind, threshold)
    if done.replaced is None:
        return text(lang, "alert.set", name=name, rule=rule)

    def shown(value: int) -> str:
        return format_delta(value) if kind is AlertKind.CHANGE else format_count(value)

    what = text(lang, f"alert.kind.{kind.value}")
    old, new = shown(done.replaced), shown(threshold)
    return text(lang, "alert.replaced", name=name, what=what, old=old, new=new)


async def alerts(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    found = await alert_service.chat_alerts(deps, chat.id)
    if not found:
        await reply(update, text(lang, "alert.none"))
        return
    lines = [text(lang, "alerts.title")] + [
        text(lang, "alert.item", name=name, rule=rule_text(lang, item.kind, item.threshold))
        for item, name in found
    ]
    lines.append(text(lang, "alerts.cap", cap=ALERTS_PER_HOUR))
    await reply(update, "\n".join(lines))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("alert", alert),
    command("alerts", alerts),
]
