"""The daily summary: due once per chat per local day, sent by whichever check runs first.

The check runs at the configured time and again every minute, so a bot that was down at 09:00
catches up when it is back the same day; a delivery row per (chat, local date) makes a second
send impossible, across restarts too. A marker written just before each send and removed once
the delivery is recorded tells a later run that this one died mid-send (storage/deliveries.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from telegram import Bot, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.chat.alerts import tell_admins
from bot.chat.runtime import Runtime
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.presentation.charts import render_trend_png
from bot.presentation.formatting import format_summary, noun
from bot.presentation.texts import LANGUAGES, text
from bot.services.db_health import is_storage_trouble, storage_failed
from bot.services.facts import gather_chart, gather_summary
from storage import deliveries
from storage import sources as source_store
from storage import subscriptions as subs

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024
SEND_CONCURRENCY = 8  # summaries in flight at once


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


async def send_due_summaries(rt: Runtime, bot: Bot, *, concurrency: int = SEND_CONCURRENCY) -> int:
    """Send today's summary to every subscribed chat that has not had it; return how many."""
    async with rt.summary_lock:
        now = rt.clock.now()
        due = due_now(now, rt.settings.timezone, rt.settings.daily_summary_time)
        if due is None:
            return 0
        await _record_held_deliveries(rt)
        by_chat: dict[int, list[subs.Subscription]] = defaultdict(list)
        for sub in await subs.subscriptions(rt.db):
            # A chat that subscribed after today's summary time starts tomorrow.
            if sub.created_at <= due.scheduled:
                by_chat[sub.chat_id].append(sub)
        all_sources = {s.id: s for s in await source_store.list_sources(rt.db)}
        charts = Charts()
        pending = iter(by_chat.items())
        sent = 0

        async def sender() -> None:
            # The workers share one iterator, so each chat is taken by exactly one of them.
            nonlocal sent
            for chat_id, chat_subs in pending:
                if rt.stopping.is_set():
                    return
                if (chat_id, due.local_date) in rt.storage.deliveries or await subs.summary_sent(
                    rt.db, chat_id, due.local_date
                ):
                    continue
                chosen = [all_sources[s.source_id] for s in chat_subs if s.source_id in all_sources]
                if not chosen:
                    continue
                crashes = await deliveries.crashes_while_sending(
                    rt.db, chat_id, due.local_date, rt.run_id
                )
                if crashes >= MAX_CRASHES:
                    await _give_up(rt, chat_id, due.local_date, crashes)
                    continue
                if crashes:
                    log.warning(
                        "the bot stopped while sending chat %s its summary (%d time(s)); sending "
                        "it again, so it may arrive twice",
                        chat_id,
                        crashes,
                    )
                lang = chat_subs[0].lang
                async with charts.first_upload((lang, tuple(s.id for s in chosen))):
                    ok = await _send_one(rt, bot, chat_id, lang, chosen, due, charts)
                if ok:
                    await _record_delivery(rt, chat_id, due.local_date)
                    sent += 1

        # Sends overlap (the Application's AIORateLimiter keeps them within Telegram's limits);
        # one at a time, a round trip per chat would cap the broadcast far below 30 msg/s.
        async with asyncio.TaskGroup() as workers:
            for _ in range(max(1, concurrency)):
                workers.create_task(sender())
        return sent


# A chat whose summary was being sent when the bot died this many times is skipped for the day:
# if sending it is what kills the bot, retrying every minute would be a crash loop.
MAX_CRASHES = 3


@dataclass
class Charts:
    """One broadcast's charts: each rendered once, uploaded once, then sent by file_id."""

    png: dict[tuple[str, tuple[int, ...]], bytes] = field(default_factory=dict)
    file_id: dict[tuple[str, tuple[int, ...]], str] = field(default_factory=dict)
    locks: dict[tuple[str, tuple[int, ...]], asyncio.Lock] = field(default_factory=dict)

    def photo(self, key: tuple[str, tuple[int, ...]]) -> str | bytes | None:
        return self.file_id.get(key) or self.png.get(key)

    def uploaded(self, key: tuple[str, tuple[int, ...]], message: Message) -> None:
        if message.photo and key not in self.file_id:
            self.file_id[key] = message.photo[-1].file_id

    def first_upload(
        self, key: tuple[str, tuple[int, ...]]
    ) -> contextlib.AbstractAsyncContextManager[object]:
        """Held around a send while the chart has no file id yet: concurrent senders upload it
        once, then the ones that waited send the file id."""
        if key in self.file_id:
            return contextlib.nullcontext()
        return self.locks.setdefault(key, asyncio.Lock())


async def _give_up(rt: Runtime, chat_id: int, local_date: date, crashes: int) -> None:
    """Once per chat and day: say loudly that its summary is skipped, and why."""
    if (chat_id, local_date) in rt.summary_given_up:
        return
    rt.summary_given_up.add((chat_id, local_date))
    log.error(
        "the bot died %d times while sending chat %s its summary; skipping it until tomorrow",
        crashes,
        chat_id,
    )
    body = "\n\n".join(
        text(lang, "alert.summary_skipped", chat_id=chat_id, crashes=crashes) for lang in LANGUAGES
    )
    await tell_admins(rt.bot, rt.settings.admin_user_ids, body)


async def _store_delivery(rt: Runtime, chat_id: int, local_date: date) -> None:
    await subs.mark_summary_sent(rt.db, chat_id, local_date, rt.clock.now())
    await deliveries.clear_in_flight(rt.db, chat_id, local_date)


async def _record_delivery(rt: Runtime, chat_id: int, local_date: date) -> None:
    """Sent: record it (then drop the in-flight marker); if the database refuses, remember it
    in memory so this run does not send it again, and record it when the database is back."""
    try:
        await _store_delivery(rt, chat_id, local_date)
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        rt.storage.deliveries.add((chat_id, local_date))
        await storage_failed(rt.storage, exc, rt.bot, rt.settings.admin_user_ids)


async def _record_held_deliveries(rt: Runtime) -> None:
    for chat_id, local_date in sorted(rt.storage.deliveries):
        try:
            await _store_delivery(rt, chat_id, local_date)
        except Exception as exc:
            if not is_storage_trouble(exc):
                raise
            return
        rt.storage.deliveries.discard((chat_id, local_date))


async def _mark_in_flight(rt: Runtime, chat_id: int, local_date: date) -> None:
    try:
        await deliveries.mark_in_flight(rt.db, chat_id, local_date, rt.run_id, rt.clock.now())
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        log.warning("could not mark the summary to chat %s as in flight: %s", chat_id, exc)


async def _clear_in_flight(rt: Runtime, chat_id: int, local_date: date) -> None:
    try:
        await deliveries.clear_in_flight(rt.db, chat_id, local_date)
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        log.warning("could not clear the in-flight marker of chat %s: %s", chat_id, exc)


async def _send_one(
    rt: Runtime,
    bot: Bot,
    chat_id: int,
    lang: str,
    chosen: list[Source],
    due: Due,
    charts: Charts,
) -> bool:
    now = rt.clock.now()
    tz = rt.settings.timezone
    facts = [await gather_summary(rt.db, s, now, tz) for s in chosen]
    body = format_summary(facts, lang, due.local_date)
    key = (lang, tuple(s.id for s in chosen))
    photo = charts.photo(key)
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
            png = await asyncio.to_thread(
                render_trend_png,
                lines,
                title=title,
                tz=tz,
                subtitle=text(lang, "chart.range.7d"),
            )
            charts.png[key] = png
            photo = png
            log.debug("rendered the summary chart %s (%d bytes)", key, len(png))
    # The marker goes in right before the request leaves: a crash from here until the delivery
    # is recorded leaves it behind, and the next run sends again (at least once; see
    # docs/ARCHITECTURE.md for why a repeat beats a skip).
    await _mark_in_flight(rt, chat_id, due.local_date)
    try:
        if photo is not None and len(body) <= CAPTION_LIMIT:
            message = await bot.send_photo(chat_id, photo=photo, caption=body)
            charts.uploaded(key, message)
        else:
            await bot.send_message(chat_id, body)
            if photo is not None:
                charts.uploaded(key, await bot.send_photo(chat_id, photo=photo))
    except ChatMigrated as exc:
        await _clear_in_flight(rt, chat_id, due.local_date)
        await subs.move_chat(rt.db, chat_id, exc.new_chat_id)
        log.info("chat %s moved to %s; its subscription follows", chat_id, exc.new_chat_id)
        return False
    except Forbidden:
        await _clear_in_flight(rt, chat_id, due.local_date)
        log.info("chat %s blocked the bot; unsubscribing it", chat_id)
        await subs.unsubscribe(rt.db, chat_id)
        return False
    except BadRequest as exc:
        await _clear_in_flight(rt, chat_id, due.local_date)
        if "chat not found" in exc.message.lower():
            log.info("chat %s no longer exists; unsubscribing it", chat_id)
            await subs.unsubscribe(rt.db, chat_id)
            return False
        log.warning("summary to chat %s refused: %s", chat_id, exc.message)
        return False
    except TelegramError as exc:
        # Network trouble or flood control: the subscription stays; the next check (a minute
        # later) retries. A timeout may hide a delivered message: at least once, again.
        await _clear_in_flight(rt, chat_id, due.local_date)
        log.warning("summary to chat %s not sent, will retry: %s", chat_id, exc)
        return False
    except asyncio.CancelledError:
        # Stopping: not a crash, so the marker does not count as one; the next run sends it.
        await _clear_in_flight(rt, chat_id, due.local_date)
        raise
    return True
