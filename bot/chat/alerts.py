"""/alert [label] above N | below N | change N, /alert off [label] [kind], /alerts: a chat's own
alerts on a source, fired once per crossing (bot/services/watch.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.chat.choose import choose
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.core.chat_alerts import AlertKind, ChatAlert, split_alert_words
from bot.core.model import Source
from bot.presentation.numbers import format_count, format_delta
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.services.watch import set_chat_alert
from storage import chat_alerts as alert_store
from storage import sources as source_store


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
    source_id: int | None = None
    chosen: list[Source] | None = None
    if words.label is not None or not words.off:
        chosen = await choose(update, deps, lang, words.label, usage=usage)
        if chosen is None:
            return
        if len(chosen) > 1:
            await reply(update, text(lang, "alert.which", labels=format_labels(chosen, lang)))
            return
        source_id = chosen[0].id
    if words.off:
        removed = await alert_store.remove_alerts(deps.db, chat.id, source_id, words.kind)
        await reply(update, text(lang, "alert.removed", count=removed))
        return
    assert words.kind is not None and words.threshold is not None and chosen is not None
    source = chosen[0]
    await set_chat_alert(deps, chat.id, source, words.kind, words.threshold, lang)
    rule = rule_text(lang, words.kind, words.threshold)
    await reply(update, text(lang, "alert.set", name=source.display_name, rule=rule))


async def alerts(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    found: list[ChatAlert] = await alert_store.chat_alerts(deps.db, chat.id)
    if not found:
        await reply(update, text(lang, "alert.none"))
        return
    lines = [text(lang, "alerts.title")]
    for item in found:
        source = await source_store.source_by_id(deps.db, item.source_id)
        name = source.display_name if source is not None else str(item.source_id)
        lines.append(
            text(lang, "alert.item", name=name, rule=rule_text(lang, item.kind, item.threshold))
        )
    await reply(update, "\n".join(lines))


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("alert", alert),
    command("alerts", alerts),
]
