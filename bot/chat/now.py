"""/now [label]: the count now, its change over 24 hours and since midnight, the recent rate;
a refresh button under it edits the text in place (or says nothing changed)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chat.buttons import answer, is_not_modified, pressed
from bot.chat.choose import choose_from_args
from bot.chat.commands import channel_command
from bot.chat.context import BotContext
from bot.chat.replies import language_of, reply, zone_of
from bot.core.callbacks import RefreshPress, refresh_data
from bot.core.facts import NowFacts
from bot.core.figures import now_figures
from bot.core.model import Source
from bot.presentation.now import format_now, format_now_brief
from bot.presentation.texts import text
from bot.services import sources_query
from bot.services.deps import Deps
from bot.services.facts import gather_now, gather_now_brief

log = logging.getLogger(__name__)


async def _now_texts(
    deps: Deps, chosen: Sequence[Source], lang: str, tz: tzinfo
) -> tuple[list[str], int]:
    """The reply's messages, and the newest sample's time in them (UTC seconds; 0: none);
    midnight and clock times in `tz`, the chat's zone."""
    at = deps.clock.now()
    if len(chosen) == 1:
        facts = [await gather_now(deps.db, chosen[0], at, tz)]
        bodies = [format_now(now_figures(facts[0], tz), lang)]
    else:
        # Every source's latest sample and its 24 h reference in one statement.
        facts = await gather_now_brief(deps.db, chosen, at)
        bodies = format_now_brief([now_figures(f) for f in facts], lang)
    return bodies, _newest(facts)


def _newest(facts: Sequence[NowFacts]) -> int:
    return max((int(f.latest.ts.timestamp()) for f in facts if f.latest), default=0)


def refresh_keyboard(source_id: int | None, shown_ts: int, lang: str) -> InlineKeyboardMarkup:
    label = text(lang, "buttons.refresh")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=refresh_data(source_id, shown_ts))]]
    )


async def now(update: Update, context: BotContext) -> None:
    deps = context.deps
    lang = language_of(update, context)
    args = context.args or []
    chosen = await choose_from_args(update, deps, lang, args)
    if chosen is None:
        return
    tz = zone_of(update, context)
    bodies, newest = await _now_texts(deps, chosen, lang, tz)
    message = update.effective_message
    if len(bodies) != 1 or message is None:  # several messages: no single one to refresh
        for body in bodies:
            await reply(update, body)
        return
    source_id = chosen[0].id if args else None
    keyboard = refresh_keyboard(source_id, newest, lang)
    await message.reply_text(bodies[0], do_quote=False, reply_markup=keyboard)


def _clock_time(ts: int, tz: tzinfo) -> str:
    return datetime.fromtimestamp(ts, UTC).astimezone(tz).strftime("%H:%M") if ts else "—"


async def on_refresh(update: Update, context: BotContext) -> None:
    got = await pressed(update, context, RefreshPress)
    if got is None:
        return
    query, press, message, lang = got.query, got.press, got.message, got.lang
    deps = context.deps
    chosen, _ = await sources_query.chosen_by_id(deps, press.source_id)
    if not chosen:
        await answer(query, text(lang, "buttons.gone"))
        return
    tz = context.bot_data.prefs(message.chat.id).timezone
    bodies, newest = await _now_texts(deps, chosen, lang, tz)
    nothing_new = text(lang, "buttons.nothing_new", time=_clock_time(press.shown_ts, tz))
    if newest == press.shown_ts or len(bodies) != 1:
        await answer(query, nothing_new)  # Telegram refuses an edit that changes nothing
        return
    await answer(query)
    try:
        await message.edit_text(
            bodies[0], reply_markup=refresh_keyboard(press.source_id, newest, lang)
        )
    except TelegramError as exc:
        if not is_not_modified(exc):
            log.info("could not refresh a /now message: %s", exc)


HANDLERS: list[BaseHandler[Update, BotContext, None]] = [
    channel_command("now", now),
    CallbackQueryHandler(on_refresh, pattern=r"^n1\|"),
]
