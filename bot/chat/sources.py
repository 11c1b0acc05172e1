"""Managing sources from the chat: /track and /untrack for admins, /sources for everyone."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.chat.access import is_admin, refuse_non_admin
from bot.chat.commands import command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply
from bot.presentation.messages import shorten
from bot.presentation.numbers import counted, format_duration, shown_count
from bot.presentation.reasons import format_reason
from bot.presentation.sources import format_labels, format_sources, source_title
from bot.presentation.texts import text
from bot.services import sources_query, tracking
from bot.services.sources_query import UnknownLabel
from bot.sources.specs import TrackSpecError, parse_track_request

MAX_URL_SHOWN = 200


def _arguments(update: Update) -> str:
    """Everything after the command word, as typed (quotes and backslashes intact)."""
    message = update.effective_message
    raw = message.text if message is not None and message.text else ""
    parts = raw.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def track_reply(outcome: tracking.TrackOutcome, lang: str) -> str:
    match outcome:
        case tracking.AlreadyTracked(label):
            return text(lang, "track.already", label=label)
        case tracking.LabelTaken(label):
            return text(lang, "track.label_taken", label=label)
        case tracking.AddressRefused(host, address, _):
            return text(lang, "track.refused_address", host=host, address=address or host)
        case tracking.HostUnresolved(host):
            return text(lang, "track.no_such_host", host=host)
        case tracking.PortRefused(port, allowed):
            return text(lang, "track.refused_port", port=port, allowed=", ".join(map(str, allowed)))
        case tracking.ReadingFailed(where, failure):
            # The reason in plain words; the raw detail (English, maybe HTML) is for /status.
            target = where.partition(":")[2]
            short = shorten(target, MAX_URL_SHOWN)
            reason = format_reason(lang, failure.reason, failure.status)
            return text(lang, "track.failed", where=where.replace(target, short), reason=reason)
        case tracking.Tracked(source, reading):
            done = text(
                lang,
                "track.done",
                title=source_title(source),
                label=source.label,
                counted=counted(lang, source.kind, shown_count(reading.value, reading.approximate)),
                interval=format_duration(source.interval_seconds, lang),
            )
            return f"{done} {text(lang, 'track.hidden')}" if source.hidden else done


async def track(update: Update, context: BotContext) -> None:
    data = context.bot_data
    lang = language_of(update, context)
    if await refuse_non_admin(update, data.deps.settings, lang):
        return
    try:
        request = parse_track_request(
            _arguments(update), data.deps.settings.sample_interval_seconds
        )
    except TrackSpecError as exc:
        await reply(update, text(lang, exc.key, **exc.values))
        return
    outcome = await tracking.refusal(data.sampler, request)
    if outcome is None:
        chat = update.effective_chat
        if chat is not None:
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        outcome = await tracking.add(data.sampler, data.schedule, request)
    await reply(update, track_reply(outcome, lang))


async def untrack(update: Update, context: BotContext) -> None:
    data = context.bot_data
    lang = language_of(update, context)
    if await refuse_non_admin(update, data.deps.settings, lang):
        return
    args = context.args or []
    if len(args) != 1:
        labels = format_labels(await sources_query.tracked(data.deps), lang) or "—"
        await reply(update, text(lang, "untrack.usage", labels=labels))
        return
    match await tracking.untrack_label(data.sampler, data.schedule, args[0]):
        case UnknownLabel(label, tracked):
            labels = format_labels(tracked, lang) or "—"
            await reply(update, text(lang, "label.unknown", label=label[:40], labels=labels))
        case tracking.Untracked(source, deleted):
            title = source_title(source)
            body = text(lang, "untrack.done", title=title, samples=f"{deleted:,}", count=deleted)
            await reply(update, body)


async def list_sources(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    statuses = await sources_query.statuses(deps)
    now = deps.clock.now()
    full = is_admin(update, deps.settings)  # a key in a web address is the admins' to see
    username = context.bot.username
    for message in format_sources(statuses, lang, now, bot_username=username, full=full):
        await reply(update, message)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    command("track", track),
    command("untrack", untrack),
    command("sources", list_sources),
]
