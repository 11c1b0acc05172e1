"""The daily summary: due once per chat per local day, sent by whichever check runs first.

The check runs at the configured time and again every minute, so a bot that was down at 09:00
catches up when it is back the same day; a delivery row per (chat, local date) makes a second
send impossible, across restarts too.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.charts import render_trend_png
from bot.facts import gather_chart, gather_summary
from bot.formatting import format_summary, noun
from bot.model import Source
from bot.ranges import RANGES
from bot.runtime import Runtime
from bot.texts import text
from storage import sources as source_store
from storage import subscriptions as subs

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024


@dataclass(frozen=True, slots=True)
class Due:
    local_date: date
    scheduled: datetime  # today's summary instant, UTC-aware


def due_now(now: datetime, tz: tzinfo, at: time) -> Due | None:
    """Today's summary is due once local time has reached `at`."""
    local = now.astimezone(tz)
    scheduled = datetime.combine(local.date(), at, tzinfo=tz)
    if local < scheduled:
        return None
    return Due(local.date(), scheduled)


async def send_due_summaries(rt: Runtime, bot: Bot) -> int:
    """Send today's summary to every subscribed chat that has not had it; return how many."""
    async with rt.summary_lock:
        now = rt.clock.now()
        due = due_now(now, rt.settings.timezone, rt.settings.daily_summary_time)
        if due is None:
            return 0
        by_chat: dict[int, list[subs.Subscription]] = defaultdict(list)
        for sub in await subs.subscriptions(rt.db):
            # A chat that subscribed after today's summary time starts tomorrow.
            if sub.created_at <= due.scheduled:
                by_chat[sub.chat_id].append(sub)
        all_sources = {s.id: s for s in await source_store.list_sources(rt.db)}
        photo_ids: dict[tuple[int, ...], str] = {}
        sent = 0
        for chat_id, chat_subs in by_chat.items():
            if await subs.summary_sent(rt.db, chat_id, due.local_date):
                continue
            chosen = [all_sources[s.source_id] for s in chat_subs if s.source_id in all_sources]
            if not chosen:
                continue
            if await _send_one(rt, bot, chat_id, chat_subs[0].lang, chosen, due, photo_ids):
                await subs.mark_summary_sent(rt.db, chat_id, due.local_date, rt.clock.now())
                sent += 1
        return sent


async def _send_one(
    rt: Runtime,
    bot: Bot,
    chat_id: int,
    lang: str,
    chosen: list[Source],
    due: Due,
    photo_ids: dict[tuple[int, ...], str],
) -> bool:
    now = rt.clock.now()
    tz = rt.settings.timezone
    facts = [await gather_summary(rt.db, s, now, tz) for s in chosen]
    body = format_summary(facts, lang, due.local_date)
    key = tuple(s.id for s in chosen)
    try:
        photo: str | bytes | None = photo_ids.get(key)
        if photo is None:
            lines = await gather_chart(rt.db, chosen, RANGES["7d"], now)
            if lines:
                title = (
                    text(
                        lang,
                        "chart.title",
                        name=chosen[0].display_name,
                        noun=noun(lang, chosen[0].kind),
                    )
                    if len(chosen) == 1
                    else text(lang, "summary.title", date=due.local_date.isoformat())
                )
                photo = await asyncio.to_thread(
                    render_trend_png,
                    lines,
                    title=title,
                    tz=tz,
                    subtitle=text(lang, "chart.range.7d"),
                )
        if photo is not None and len(body) <= CAPTION_LIMIT:
            message = await bot.send_photo(chat_id, photo=photo, caption=body)
            if message.photo and isinstance(photo, bytes):
                photo_ids[key] = message.photo[-1].file_id
        else:
            await bot.send_message(chat_id, body)
            if photo is not None:
                message = await bot.send_photo(chat_id, photo=photo)
                if message.photo and isinstance(photo, bytes):
                    photo_ids[key] = message.photo[-1].file_id
    except ChatMigrated as exc:
        await subs.move_chat(rt.db, chat_id, exc.new_chat_id)
        log.info("chat %s moved to %s; its subscription follows", chat_id, exc.new_chat_id)
        return False
    except Forbidden:
        log.info("chat %s blocked the bot; unsubscribing it", chat_id)
        await subs.unsubscribe(rt.db, chat_id)
        return False
    except BadRequest as exc:
        if "chat not found" in exc.message.lower():
            log.info("chat %s no longer exists; unsubscribing it", chat_id)
            await subs.unsubscribe(rt.db, chat_id)
            return False
        log.warning("summary to chat %s refused: %s", chat_id, exc.message)
        return False
    except TelegramError as exc:
        # Network trouble: the subscription stays; the next check (a minute later) retries.
        log.warning("summary to chat %s not sent, will retry: %s", chat_id, exc)
        return False
    return True
