"""The daily summary: due once per chat per local day, sent by whichever check runs first.

The check runs at the configured time and again every minute, so a bot that was down at 09:00
catches up when it is back the same day; a delivery row per (chat, local date) makes a second
send impossible, across restarts too. A marker written just before each send and removed once
the delivery is recorded tells a later run that this one died mid-send (storage/deliveries.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.facts import SummaryFacts
from bot.core.figures import summary_figures
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.core.ranges import RANGES
from bot.core.unusual import Unusual, UnusualEvent
from bot.core.unusual_news import NEWS_WINDOW, news_since
from bot.presentation.messages import CAPTION_LIMIT
from bot.presentation.notices import summary_skipped_text
from bot.presentation.summary import format_summary
from bot.presentation.texts import text
from bot.services.chart_reply import ChartReplies, Ready
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
from bot.services.subscriptions import drop_chat
from bot.services.why import explain
from bot.settings import Settings
from storage import chat_settings as chat_store
from storage import deliveries
from storage import sources as source_store
from storage import subscriptions as subs
from storage.chat_settings import ChatSettings
from storage.errors import refusals
from storage.subscriptions import Subscription

log = logging.getLogger(__name__)

SUMMARY_EVERY = timedelta(days=1)  # the summary's unusual line: what was found since the last

SEND_CONCURRENCY = 8  # summaries in flight at once: ~30/s at round trips up to ~250 ms
PAID_SEND_CONCURRENCY = 128  # with the paid broadcast: ~1,000/s at round trips up to ~125 ms
# A chat whose summary was being sent when the bot died this many times is skipped for the day:
# if sending it is what kills the bot, retrying every minute would be a crash loop.
MAX_CRASHES = 3


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


@dataclass(frozen=True, slots=True)
class DueChat:
    chat_id: int
    due: Due
    lang: str
    source_ids: tuple[int, ...]


def due_chats(
    rows: Sequence[tuple[Subscription, ChatSettings]], now: datetime, settings: Settings
) -> list[DueChat]:
    """The chats whose summary is due now, each in its own zone at its own time (/settings,
    /subscribe ... HH:MM): once per chat per local day. A chat that subscribed after today's
    summary time starts tomorrow."""
    by_chat: dict[int, list[Subscription]] = {}
    dues: dict[int, Due | None] = {}
    own: dict[int, ChatSettings] = {}
    for sub, chat in rows:
        if sub.chat_id not in dues:
            prefs = prefs_of(chat, settings)
            dues[sub.chat_id] = due_now(now, prefs.timezone, prefs.summary_time)
            own[sub.chat_id] = chat
        due = dues[sub.chat_id]
        if due is not None and sub.created_at <= due.scheduled:
            by_chat.setdefault(sub.chat_id, []).append(sub)
    return [
        DueChat(chat_id, due, _lang(own[chat_id], subs_of), tuple(s.source_id for s in subs_of))
        for chat_id, subs_of in by_chat.items()
        if (due := dues[chat_id]) is not None
    ]


def _lang(chat: ChatSettings, subs_of: Sequence[Subscription]) -> str:
    """The chat's own language, else the one it subscribed in."""
    lang = chat.lang or subs_of[0].lang
    return lang if lang in LANGS else subs_of[0].lang


@dataclass(frozen=True, slots=True)
class Pending:
    """A chat due its summary that has not had it today, with what it is sent."""

    chat: DueChat
    sources: list[Source]
    crashes: int  # earlier runs that died while sending it


@dataclass
class Broadcast:
    """One pass's work, read once: the chats to send to and each (source, zone)'s facts."""

    pending: list[Pending]
    facts: dict[tuple[int, str], SummaryFacts] = field(default_factory=dict)

    def facts_of(self, chat: Pending) -> list[SummaryFacts]:
        return [self.facts[s.id, chat.chat.due.tz.key] for s in chat.sources]


@dataclass
class Summaries:
    """The daily summary for every subscribed chat; holds what the broadcast remembers."""

    deps: Deps
    charts: ChartReplies
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    given_up: set[tuple[int, date]] = field(default_factory=set)  # admins told, for the day
    bot_username: str | None = None  # for each source's share link, once the bot knows it

    async def send_due(self, outbox: Outbox, *, concurrency: int | None = None) -> int:
        """Send today's summary to every subscribed chat that has not had it; return how many."""
        if concurrency is None:
            paid = self.deps.settings.paid_broadcast
            concurrency = PAID_SEND_CONCURRENCY if paid else SEND_CONCURRENCY
        async with self.lock:
            broadcast = await self._gather()
            if not broadcast.pending:
                return 0
            return await self._send_all(outbox, broadcast, concurrency)

    async def _gather(self) -> Broadcast:
        """Who is due and what they are sent, in a few reads whatever the number of chats."""
        d = self.deps
        now = d.clock.now()
        due = due_chats(await subs.subscriptions_with_settings(d.db), now, d.settings)
        if not due:
            return Broadcast([])
        await self._record_held_deliveries()
        days = {c.due.local_date for c in due}
        done = await subs.summaries_sent_on(d.db, days) | d.db_health.deliveries
        crashes = await deliveries.crashes_on(d.db, days, d.run_id)
        tracked = {s.id: s for s in await source_store.list_sources(d.db)}
        pending = []
        for chat in due:
            day = (chat.chat_id, chat.due.local_date)
            sources = [tracked[i] for i in chat.source_ids if i in tracked]
            if day in done or not sources or not await self._may_send(chat, crashes.get(day, 0)):
                continue
            pending.append(Pending(chat, sources, crashes.get(day, 0)))
        broadcast = Broadcast(pending)
        await self._gather_facts(broadcast, now)
        return broadcast

    async def _gather_facts(self, broadcast: Broadcast, now: datetime) -> None:
        """Each source's facts once per zone, whatever the number of chats."""
        for item in broadcast.pending:
            zone = item.chat.due.tz
            for source in item.sources:
                if (source.id, zone.key) not in broadcast.facts:
                    facts = await gather_summary(self.deps.db, source, now, zone)
                    facts = replace(facts, unusual=await self._newest_unusual(source, now, zone))
                    broadcast.facts[source.id, zone.key] = facts

    async def _newest_unusual(
        self, source: Source, now: datetime, zone: ZoneInfo
    ) -> UnusualEvent | None:
        """The newest unusual event found since the last summary (a day ago), if any."""
        found = await explain(self.deps.db, source, now, zone, NEWS_WINDOW)
        if not isinstance(found.result, Unusual):
            return None
        news = news_since(found.result.events, now - SUMMARY_EVERY)
        return news[0] if news else None

    async def _may_send(self, chat: DueChat, crashes: int) -> bool:
        """Not when sending it killed the bot MAX_CRASHES times today (a crash loop)."""
        if crashes >= MAX_CRASHES:
            await self._give_up(chat.chat_id, chat.due.local_date, crashes)
            return False
        if crashes:
            log.warning(
                "the bot stopped while sending chat %s its summary (%d time(s)); "
                "sending it again, so it may arrive twice",
                chat.chat_id,
                crashes,
            )
        return True

    async def _send_all(self, outbox: Outbox, broadcast: Broadcast, concurrency: int) -> int:
        """Sends overlap (the Application's AIORateLimiter keeps them within Telegram's limits);
        one at a time, a round trip per chat would cap the broadcast far below 30 msg/s. The
        workers share one iterator, so each chat is taken by exactly one of them."""
        d = self.deps
        pending: Iterator[Pending] = iter(broadcast.pending)
        sent = 0

        async def sender() -> None:
            nonlocal sent
            for chat in pending:
                if d.stopping.is_set():
                    return
                if await self._send_one(outbox, chat, broadcast):
                    await self._record_delivery(chat.chat.chat_id, chat.chat.due.local_date)
                    sent += 1

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

    async def _mark_in_flight(self, chat_id: int, local_date: date, crashes: int) -> None:
        d = self.deps
        with refusals() as refused:
            await deliveries.mark_in_flight(
                d.db, chat_id, local_date, d.run_id, d.clock.now(), crashes=crashes
            )
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

    async def _chart(self, chat: Pending, broadcast: Broadcast) -> Ready | None:
        """The week's chart for these sources in this language and zone, drawn once (the
        facts' latest samples make its key, so finding it reads nothing)."""
        due, lang = chat.chat.due, chat.chat.lang
        several = len(chat.sources) > 1
        title = text(lang, "summary.title", date=due.local_date.isoformat()) if several else None
        latest = [(f.source, f.latest) for f in broadcast.facts_of(chat)]
        drawn = False

        async def drawing() -> None:
            nonlocal drawn
            drawn = True

        ready = await self.charts.ready(
            chat.sources,
            RANGES["7d"],
            lang,
            tz=due.tz,
            title=title,
            latest=latest,
            before_drawing=drawing,
            occasion="summary",
        )
        if drawn and ready is not None:
            size = len(ready.chart.png)
            log.debug("rendered the summary chart %s (%d bytes)", ready.key[1:4], size)
        return ready

    async def _send_one(self, outbox: Outbox, chat: Pending, broadcast: Broadcast) -> bool:
        chat_id, local_date = chat.chat.chat_id, chat.chat.due.local_date
        facts = broadcast.facts_of(chat)
        body = format_summary(
            [summary_figures(f) for f in facts],
            chat.chat.lang,
            local_date,
            bot_username=self.bot_username,
            tz=chat.chat.due.tz,
        )
        ready = await self._chart(chat, broadcast)
        # The marker goes in right before the request leaves: a crash from here until the
        # delivery is recorded leaves it behind, and the next run sends again (at least once;
        # see docs/ARCHITECTURE.md for why a repeat beats a skip).
        await self._mark_in_flight(chat_id, local_date, chat.crashes)
        try:
            await self._deliver(outbox, chat_id, body, ready)
        except (ChatMovedError, ChatGoneError, SendRefusedError, SendFailedError) as exc:
            await self._clear_in_flight(chat_id, local_date)
            await self._not_sent(chat_id, exc)
            return False
        except asyncio.CancelledError:
            # Stopping: not a crash, so the marker does not count as one; the next run sends it.
            await self._clear_in_flight(chat_id, local_date)
            raise
        return True

    async def _deliver(self, outbox: Outbox, chat_id: int, body: str, ready: Ready | None) -> None:
        """The summary as the chart's caption when it fits, else the text and then the chart."""
        if ready is not None and len(body) <= CAPTION_LIMIT:
            await self.charts.deliver(
                ready, lambda photo: outbox.send_photo(chat_id, photo, caption=body)
            )
            return
        await outbox.send_text(chat_id, body)
        if ready is not None:
            await self.charts.deliver(ready, lambda photo: outbox.send_photo(chat_id, photo))

    async def _not_sent(self, chat_id: int, exc: Exception) -> None:
        d = self.deps
        match exc:
            case ChatMovedError(new_chat_id=new_chat_id):
                await subs.move_chat(d.db, chat_id, new_chat_id)
                await chat_store.move_chat(d.db, chat_id, new_chat_id)
                log.info("chat %s moved to %s; its subscription follows", chat_id, new_chat_id)
            case ChatGoneError():
                log.info("chat %s is gone (%s); unsubscribing it", chat_id, exc)
                await drop_chat(d, chat_id)
            case SendRefusedError():
                log.warning("summary to chat %s refused: %s", chat_id, exc)
            case _:
                # Network trouble or flood control: the subscription stays; the next check (a
                # minute later) retries. A timeout may hide a delivered message: at least once.
                log.warning("summary to chat %s not sent, will retry: %s", chat_id, exc)
