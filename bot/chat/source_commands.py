"""Managing sources from the chat: /track and /untrack for admins, /sources for everyone.

A source is only added after one sample of it yielded a number, so nothing broken is tracked;
the new source's job starts at once, and /untrack stops it at once.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import Application, ContextTypes

from bot.chat import access
from bot.chat.jobs import schedule_sampling, unschedule_sampling
from bot.chat.replies import language_of, reply
from bot.chat.runtime import Runtime, runtime
from bot.core.model import Failure, Source
from bot.core.source_choice import find_by_label
from bot.presentation.formatting import (
    format_count,
    format_duration,
    format_labels,
    format_sources,
    noun,
    source_title,
)
from bot.presentation.texts import text
from bot.services.facts import gather_status
from bot.services.sampling import record_outcome, take_reading
from bot.sources.addresses import check_url
from bot.sources.specs import TrackRequest, TrackSpecError, parse_track_request
from storage import samples
from storage import sources as source_store

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def is_admin(update: Update, rt: Runtime) -> bool:
    """Decided by who sent the command, never by the chat it was sent in (bot/access.py)."""
    return access.is_admin(update, rt.settings)


async def _refuse_non_admin(update: Update, rt: Runtime, lang: str) -> bool:
    if is_admin(update, rt):
        return False
    user = update.effective_user
    log.info("refused %s from non-admin user %s", _command(update), user.id if user else None)
    await reply(update, text(lang, "admin.only" if rt.settings.admin_user_ids else "admin.none"))
    return True


def _command(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").split(maxsplit=1)[0] if message and message.text else "?"


def _arguments(update: Update) -> str:
    """Everything after the command word, as typed (quotes and backslashes intact)."""
    message = update.effective_message
    raw = message.text if message is not None and message.text else ""
    parts = raw.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


async def track(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    if await _refuse_non_admin(update, rt, lang):
        return
    try:
        request = parse_track_request(_arguments(update), rt.settings.sample_interval_seconds)
    except TrackSpecError as exc:
        await reply(update, text(lang, exc.key, **exc.values))
        return
    refusal = await _why_not_track(rt, request, lang)
    if refusal is not None:
        await reply(update, refusal)
        return

    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    candidate = Source(
        id=0,
        kind=request.kind,
        target=request.target,
        label=request.label,
        name=None,
        interval_seconds=request.interval_seconds,
        options=request.options,
    )
    outcome = await take_reading(rt, candidate)
    if isinstance(outcome, Failure):
        await reply(update, text(lang, "track.failed", where=candidate.key, reason=str(outcome)))
        return
    try:
        source = await source_store.add_source(
            rt.db,
            kind=request.kind,
            target=request.target,
            label=request.label,
            interval_seconds=request.interval_seconds,
            created_at=rt.clock.now(),
            name=outcome.name,
            options=request.options,
        )
    except source_store.SourceExistsError:
        # Someone tracked the same thing while this sample was being taken.
        refusal = await _why_not_track(rt, request, lang)
        await reply(update, refusal or text(lang, "track.label_taken", label=request.label))
        return
    await record_outcome(rt, source, outcome)
    schedule_sampling(_application(context), source, rt.settings.sample_spread_seconds)
    log.info("tracking %s as %s every %s s", source.key, source.label, source.interval_seconds)
    await reply(
        update,
        text(
            lang,
            "track.done",
            title=source_title(source),
            label=source.label,
            count=("≈" if outcome.approximate else "") + format_count(outcome.value),
            noun=noun(lang, source.kind),
            interval=format_duration(source.interval_seconds, lang),
        ),
    )


async def _why_not_track(rt: Runtime, request: TrackRequest, lang: str) -> str | None:
    """The reply refusing the request before any sample is taken, or None when it may go on."""
    same = await source_store.source_by_key(rt.db, request.kind, request.target)
    if same is not None:
        return text(lang, "track.already", label=same.label)
    if await source_store.source_by_label(rt.db, request.label) is not None:
        return text(lang, "track.label_taken", label=request.label)
    if request.kind == "web":
        problem = await check_url(
            request.target,
            allow_private=rt.settings.allow_private_sources,
            timeout=rt.settings.request_timeout_seconds,
        )
        if problem is not None:
            return text(lang, "track.refused_address", reason=problem)
    return None


async def untrack(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    if await _refuse_non_admin(update, rt, lang):
        return
    tracked = await source_store.list_sources(rt.db)
    args = context.args or []
    if len(args) != 1:
        await reply(update, text(lang, "untrack.usage", labels=format_labels(tracked) or "—"))
        return
    source = find_by_label(tracked, args[0])
    if source is None:
        await reply(
            update,
            text(lang, "label.unknown", label=args[0][:40], labels=format_labels(tracked) or "—"),
        )
        return
    unschedule_sampling(_application(context), source.id)
    deleted = await samples.count_samples(rt.db, source.id)
    await source_store.remove_source(rt.db, source.id)
    log.info("untracked %s (%s), %d samples deleted", source.label, source.key, deleted)
    await reply(
        update, text(lang, "untrack.done", title=source_title(source), samples=f"{deleted:,}")
    )


async def list_sources(update: Update, context: Context) -> None:
    rt = runtime(context)
    lang = language_of(update)
    statuses = [await gather_status(rt.db, s) for s in await source_store.list_sources(rt.db)]
    for message in format_sources(statuses, lang, rt.clock.now()):
        await reply(update, message)


def _application(context: Context) -> Application[Any, Any, Any, Any, Any, Any]:
    return context.application
