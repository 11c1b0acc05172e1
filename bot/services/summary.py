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
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.facts import SummaryFacts
from bot.core.figures import summary_figures
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.presentation.messages import CAPTION_LIMIT
from bot.presentation.notices import summary_skipped_text
from bot.presentation.summary import format_summary
from bot.presentation.texts import text
from bot.services.charts import make_chart
from bot.services.chat_settings import prefs_of
from bot.services.deps import Deps
from bot.services.facts import gather_summary
from bot.services.outbox import (
    ChatGoneError,
    ChatMovedError,
    Outbox,
    SendFailedError,
    SendRefusedError,
)
from storage import chat_settings as chat_store
from storage import deliveries
from storage import sources as source_store
from storage import subscriptions as subs
from storage.chat_settings import ChatSettings
from storage.errors import refusals

log = logging.getLogger(__name__)

SEND_CONCURRENCY = 8  # summaries in flight at once: ~30/s at round trips up to ~250 ms
PAID_SEND_CONCURRENCY = 128  # with the paid broadcast: ~1,000/s at round trips up to ~125 ms
# A chat whose summary was being sent when the bot died this many times is skipped for the day:
# if sending it is what kills the bot, retrying every minute would be a crash loop.
MAX_CRASHES = 3

ChartKey = tuple[str, tuple[int, ...], str]  # (language, source ids, time zone)


@dataclass(frozen=True, slots=True)
class Due:
    local_date: date  # in the chat's time zone
    scheduled: datetime  # today's summary instant, UTC-aware
    tz: ZoneInfo


def due_now(now: datetime, tz: ZoneInfo, at: time) -> Due | None:
    """Today's summary is due once local time has reached `at`."""
    local = now.astimezone(tz)
    scheduled = datetime.combine(local.date(), at, tzinfo=tz)
    if local < scheduled:
        return None
    return Due(local.date(), scheduled, tz)


@dataclass
class Broadcast:
    """One broadcast's work, done once: each source's facts gathered once (not per chat), each
    chart rendered once, uploaded once, then sent by file_id."""

    facts: dict[tuple[int, str], SummaryFacts] = field(default_factory=dict)  # (source, zone)
    png: dict[ChartKey, bytes] = field(default_factory=dict)
    file_id: dict[ChartKey, str] = field(default_factory=dict)
    locks: dict[ChartKey, asyncio.Lock] = field(default_factory=dict)

    def photo(self, key: ChartKey) -> str | bytes | None:
        return self.file_id.get(key) or self.png.get(key)

    def uploaded(self, key: ChartKey, file_id: str | None) -> None:
        if file_id and key not in self.file_id:
            self.file_id[key] = file_id

    def first_upload(self, key: ChartKey) -> contextlib.AbstractAsyncContextManager[object]:
        """Held around a send while the chart has no file id yet: concurrent senders upload it
        once, then the ones that waited send the file id."""
        if key in self.file_id:
            return contextlib.nullcontext()
        return self.locks.setdefault(key, asyncio.Lock())


@dataclass
class Summaries:
    """The daily summary for every subscribed chat; holds what the broadcast remembers."""

    deps: Deps
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    given_up: set[tuple[int, date]] = field(default_factory=set)  # admins told, for the day
    bot_username: str | None = None  # for each source's share link, once the bot knows it

    async def send_due(self, outbox: Outbox, *, concurrency: int | None = None) -> int:
        """Send today's summary to every subscribed chat that has not had it; return how many."""
        d = self.deps
        if concurrency is None:
            paid = d.settings.paid_broadcast
            concurrency = PAID_SEND_CONCURRENCY if paid else SEND_CONCURRENCY
        async with self.lock:
            now = d.clock.now()
            # Each chat's own zone and time (/settings, /subscribe ... HH:MM) decide when its
            # summary is due and which local day it belongs to: once per chat per local day.
            own = await chat_store.all_chats(d.db)
            dues: dict[int, Due | None] = {}
            by_chat: dict[int, list[subs.Subscription]] = defaultdict(list)
            for sub in await subs.subscriptions(d.db):
                if sub.chat_id not in dues:
                    prefs = prefs_of(own.get(sub.chat_id, ChatSettings()), d.settings)
                    dues[sub.chat_id] = due_now(now, prefs.timezone, prefs.summary_time)
                due = dues[sub.chat_id]
                # A chat that subscribed after today's summary time starts tomorrow.
                if due is not None and sub.created_at <= due.scheduled:
                    by_chat[sub.chat_id].append(sub)
            if not by_chat:
                return 0
            await self._record_held_deliveries()
            all_sources = {s.id: s for s in await source_store.list_sources(d.db)}
            broadcast = Broadcast()
            pending = iter(by_chat.items())
            sent = 0

            async def sender() -> None:
                # The workers share one iterator, so each chat is taken by exactly one of them.
                nonlocal sent
                for chat_id, chat_subs in pending:
                    if d.stopping.is_set():
                        return
                    due = dues[chat_id]
                    assert due is not None  # only due chats are pending
                    if (
                        chat_id,
                        due.local_date,
                    ) in d.db_health.deliveries or await subs.summary_sent(
                        d.db, chat_id, due.local_date
                    ):
                        continue
                    chosen = [
                        all_sources[s.source_id] for s in chat_subs if s.source_id in all_sources
                    ]
                    if not chosen:
                        continue
                    crashes = await deliveries.crashes_while_sending(
                        d.db, chat_id, due.local_date, d.run_id
                    )
                    if crashes >= MAX_CRASHES:
                        await self._give_up(chat_id, due.local_date, crashes)
                        continue
                    if crashes:
                        log.warning(
                            "the bot stopped while sending chat %s its summary (%d time(s)); "
                            "sending it again, so it may arrive twice",
                            chat_id,
                            crashes,
                        )
                    lang = (own.get(chat_id) or ChatSettings()).lang or chat_subs[0].lang
                    lang = lang if lang in LANGS else chat_subs[0].lang
                    key = (lang, tuple(s.id for s in chosen), due.tz.key)
                    async with broadcast.first_upload(key):
                        ok = await self._send_one(outbox, chat_id, lang, chosen, due, broadcast)
                    if ok:
                        await self._record_delivery(chat_id, due.local_date)
                        sent += 1

            # Sends overlap (the Application's AIORateLimiter keeps them within Telegram's
            # limits); one at a time, a round trip per chat would cap the broadcast far below
            # 30 msg/s.
            started = d.monotonic()
            async with asyncio.TaskGroup() as workers:
                for _ in range(max(1, concurrency)):
                    workers.create_task(sender())
            if sent:
                d.metrics.summary_done(d.monotonic() - started)
            return sent

    async def _give_up(self, chat_id: int, local_date: date, crashes: int) -> None:
        """Once per chat and day: say loudly that its summary is skipped, and why."""
        if (chat_id, local_date) in self.given_up:
            return
        self.given_up.add((chat_id, local_date))
        log.error(
            "the bot died %d times while sending chat %s its summary; skipping it until tomorrow",
            crashes,
            chat_id,
        )
        await self.deps.tell_admins(summary_skipped_text(chat_id, crashes))

    async def _store_delivery(self, chat_id: int, local_date: date) -> None:
        d = self.deps
        await subs.mark_summary_sent(d.db, chat_id, local_date, d.clock.now())
        await deliveries.clear_in_flight(d.db, chat_id, local_date)

    async def _record_delivery(self, chat_id: int, local_date: date) -> None:
        """Sent: record it (then drop the in-flight marker); if the database refuses, remember
        it in memory so this run does not send it again, and record it when the database is
        back."""
        with refusals() as refused:
            await self._store_delivery(chat_id, local_date)
        if refused.error is not None:
            self.deps.db_health.deliveries.add((chat_id, local_date))
            await self.deps.database_refused(refused.error)

    async def _record_held_deliveries(self) -> None:
        held = self.deps.db_health.deliveries
        for chat_id, local_date in sorted(held):
            with refusals() as refused:
                await self._store_delivery(chat_id, local_date)
            if refused:
                return
            held.discard((chat_id, local_date))

    async def _mark_in_flight(self, chat_id: int, local_date: date) -> None:
        d = self.deps
        with refusals() as refused:
            await deliveries.mark_in_flight(d.db, chat_id, local_date, d.run_id, d.clock.now())
        if refused:
            log.warning(
                "could not mark the summary to chat %s as in flight: %s", chat_id, refused.error
            )

    async def _clear_in_flight(self, chat_id: int, local_date: date) -> None:
        with refusals() as refused:
            await deliveries.clear_in_flight(self.deps.db, chat_id, local_date)
        if refused:
            log.warning(
                "could not clear the in-flight marker of chat %s: %s", chat_id, refused.error
            )

    async def _chart(
        self, chosen: list[Source], lang: str, due: Due, broadcast: Broadcast
    ) -> str | bytes | None:
        """The week's chart for these sources in this language, drawn once per broadcast."""
        key = (lang, tuple(s.id for s in chosen), due.tz.key)
        photo = broadcast.photo(key)
        if photo is None:
            title = (
                None
                if len(chosen) == 1
                else text(lang, "summary.title", date=due.local_date.isoformat())
            )
            chart = await make_chart(self.deps, chosen, RANGES["7d"], lang, title=title, tz=due.tz)
            if chart is not None:
                broadcast.png[key] = photo = chart.png
                log.debug("rendered the summary chart %s (%d bytes)", key, len(chart.png))
        return photo

    async def _send_one(
        self,
        outbox: Outbox,
        chat_id: int,
        lang: str,
        chosen: list[Source],
        due: Due,
        broadcast: Broadcast,
    ) -> bool:
        d = self.deps
        now = d.clock.now()
        zone = due.tz.key
        for source in chosen:
            if (source.id, zone) not in broadcast.facts:
                facts = await gather_summary(d.db, source, now, due.tz)
                broadcast.facts[source.id, zone] = facts
        body = format_summary(
            [summary_figures(broadcast.facts[s.id, zone]) for s in chosen],
            lang,
            due.local_date,
            bot_username=self.bot_username,
        )
        key = (lang, tuple(s.id for s in chosen), due.tz.key)
        photo = await self._chart(chosen, lang, due, broadcast)
        # The marker goes in right before the request leaves: a crash from here until the
        # delivery is recorded leaves it behind, and the next run sends again (at least once;
        # see docs/ARCHITECTURE.md for why a repeat beats a skip).
        await self._mark_in_flight(chat_id, due.local_date)
        try:
            if photo is not None and len(body) <= CAPTION_LIMIT:
                broadcast.uploaded(key, await outbox.send_photo(chat_id, photo, caption=body))
            else:
                await outbox.send_text(chat_id, body)
                if photo is not None:
                    broadcast.uploaded(key, await outbox.send_photo(chat_id, photo))
        except ChatMovedError as exc:
            await self._clear_in_flight(chat_id, due.local_date)
            await subs.move_chat(d.db, chat_id, exc.new_chat_id)
            await chat_store.move_chat(d.db, chat_id, exc.new_chat_id)
            log.info("chat %s moved to %s; its subscription follows", chat_id, exc.new_chat_id)
            return False
        except ChatGoneError as exc:
            await self._clear_in_flight(chat_id, due.local_date)
            log.info("chat %s is gone (%s); unsubscribing it", chat_id, exc)
            await subs.unsubscribe(d.db, chat_id)
            return False
        except SendRefusedError as exc:
            await self._clear_in_flight(chat_id, due.local_date)
            log.warning("summary to chat %s refused: %s", chat_id, exc)
            return False
        except SendFailedError as exc:
            # Network trouble or flood control: the subscription stays; the next check (a
            # minute later) retries. A timeout may hide a delivered message: at least once.
            await self._clear_in_flight(chat_id, due.local_date)
            log.warning("summary to chat %s not sent, will retry: %s", chat_id, exc)
            return False
        except asyncio.CancelledError:
            # Stopping: not a crash, so the marker does not count as one; the next run sends it.
            await self._clear_in_flight(chat_id, due.local_date)
            raise
        return True
