"""What chats hear of on their own, checked after each stored sample: a milestone first reached
(to the source's subscribers) and each chat's own alerts (bot/core/milestones.py and
bot/core/chat_alerts.py decide). Sent through the Outbox, so the same flood limits apply.

The mark or the alert's state is stored before the message goes out: at most once, so a crash
between the two loses a message rather than repeating it after a restart. A chat gets at most
`ALERTS_PER_HOUR` alert messages an hour: an alert beyond that is held (in memory) and told, with
how many more were held, by the next message the hour allows, at the next sample.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from bot.core import chat_alerts as rules
from bot.core import milestones
from bot.core.chat_alerts import ALERTS_PER_HOUR, AlertBudget, AlertKind, ChatAlert
from bot.core.days import gap_tolerance, midnight_of
from bot.core.model import Sample, Source
from bot.core.unusual import Unusual
from bot.core.unusual_news import NEWS_WINDOW, announce_key, news_since
from bot.presentation.numbers import format_count, format_delta
from bot.presentation.texts import text
from bot.presentation.why import format_unusual_alert
from bot.services.chat_settings import prefs_of
from bot.services.deps import Deps
from bot.services.outbox import ChatGoneError, ChatMovedError, Outbox, SendError
from bot.services.subscriptions import drop_chat
from bot.services.why import explain
from storage import chat_alerts as alert_store
from storage import chat_settings as chat_store
from storage import milestones as milestone_store
from storage import samples, unusual_announced
from storage import subscriptions as subs

log = logging.getLogger(__name__)

# Called by the Sampler after a good sample is stored (bot/services/sampling.py).
SampleHook = Callable[[Source, Sample], Awaitable[None]]

# `/alert unusual`: a new chat alert hears of what was found in the last day, never older news.
UNUSUAL_NEWS: Final = timedelta(days=1)


def alert_text(lang: str, alert: ChatAlert, source: Source, sample: Sample, change: int) -> str:
    values = {
        "name": source.display_name,
        "value": format_count(sample.value),
        "threshold": format_count(alert.threshold)
        if alert.kind is not AlertKind.CHANGE
        else format_delta(alert.threshold),
        "change": format_delta(change),
    }
    return text(lang, f"alert.{alert.kind.value}", **values)


@dataclass
class Watch:
    deps: Deps
    outbox: Outbox
    judged_hour: dict[int, int] = field(default_factory=dict)  # source id: the hour last judged
    budgets: dict[int, AlertBudget] = field(default_factory=dict)  # per chat, this hour's
    held: dict[int, tuple[str, str]] = field(default_factory=dict)  # chat -> latest held alert

    async def after_sample(self, source: Source, sample: Sample) -> None:
        await self.check_milestone(source, sample)
        await self.check_alerts(source, sample)

    async def check_milestone(self, source: Source, sample: Sample) -> None:
        db = self.deps.db
        announced = await milestone_store.announced(db, source.id)
        every = source.opts.milestone_every
        step = milestones.after_value(announced, sample.value, every)
        if step.mark != announced:
            await milestone_store.set_announced(db, source.id, step.mark, sample.ts)
        if step.announce is None:
            return
        log.info("source %s reached the milestone %d", source.label, step.announce)
        for sub in await subs.subscriptions(db):
            if sub.source_id == source.id:
                body = text(
                    sub.lang,
                    "milestone.reached",
                    name=source.display_name,
                    value=format_count(step.announce),
                )
                await self.send(sub.chat_id, body)

    async def check_alerts(self, source: Source, sample: Sample) -> None:
        db = self.deps.db
        await self.tell_held()
        alerts = await alert_store.source_alerts(db, source.id)
        unusual = [a for a in alerts if a.kind is AlertKind.UNUSUAL]
        if unusual:
            await self.check_unusual(source, sample.ts, unusual)
        alerts = [a for a in alerts if a.kind is not AlertKind.UNUSUAL]
        if not alerts:
            return
        change: int | None = None
        if any(a.kind is AlertKind.CHANGE for a in alerts):
            tz = self.deps.settings.timezone
            midnight = midnight_of(sample.ts.astimezone(tz).date(), tz)
            (start,) = await samples.samples_at(db, source.id, [midnight])
            if start is not None and midnight - start.ts <= gap_tolerance(source.interval_seconds):
                change = sample.value - start.value
        for alert in alerts:
            value = change if alert.kind is AlertKind.CHANGE else sample.value
            step = rules.after_value(alert, value)
            if step.armed != alert.armed:
                await alert_store.set_armed(db, alert, step.armed)
            if step.fire:
                log.info(
                    "alert %s %d of chat %d fired", alert.kind.value, alert.threshold, alert.chat_id
                )
                body = alert_text(alert.lang, alert, source, sample, change or 0)
                await self.alert(alert.chat_id, alert.lang, body)

    async def alert(self, chat_id: int, lang: str, body: str) -> None:
        """Send an alert if the chat's hour allows one more, with the held ones told; else
        hold it (the latest held is what the next allowed message says)."""
        now = self.deps.clock.now()
        budget = self.budgets.get(chat_id, AlertBudget())
        if not rules.may_send(budget, now):
            self.budgets[chat_id] = rules.held_one(budget)
            self.held[chat_id] = (lang, body)
            return
        await self._send_alert(chat_id, lang, body, budget.held, budget)

    async def tell_held(self) -> None:
        """The held alerts of each chat whose hour allows a message again; budgets of chats
        quiet for an hour are forgotten, so memory follows the chats alerting now."""
        now = self.deps.clock.now()
        for chat_id, (lang, body) in list(self.held.items()):
            budget = self.budgets.get(chat_id, AlertBudget())
            if rules.may_send(budget, now):
                await self._send_alert(chat_id, lang, body, max(0, budget.held - 1), budget)
        for chat_id, budget in list(self.budgets.items()):
            if (
                not budget.held
                and rules.may_send(budget, now)
                and not any(now - t < rules.ALERT_HOUR for t in budget.sent)
            ):
                del self.budgets[chat_id]

    async def _send_alert(
        self, chat_id: int, lang: str, body: str, more: int, budget: AlertBudget
    ) -> None:
        if more:
            body += "\n" + text(lang, "alert.held_back", count=more, cap=ALERTS_PER_HOUR)
        self.budgets[chat_id] = rules.sent_one(budget, self.deps.clock.now())
        self.held.pop(chat_id, None)
        await self.send(chat_id, body)

    async def check_unusual(self, source: Source, at: datetime, alerts: list[ChatAlert]) -> None:
        """At most once an hour per source (a movement is found when its hour closes): what /why
        finds that no check announced before, once, to each chat with `/alert unusual`."""
        hour = int(at.timestamp()) // 3600
        if self.judged_hour.get(source.id) == hour:
            return
        self.judged_hour[source.id] = hour
        db = self.deps.db
        found = await explain(db, source, at, self.deps.settings.timezone, NEWS_WINDOW)
        if not isinstance(found.result, Unusual):
            return
        since = at - NEWS_WINDOW
        told = await unusual_announced.announced(db, source.id, since)
        news = [
            e
            for e in news_since(found.result.events, at - UNUSUAL_NEWS)
            if announce_key(e) not in told
        ]
        if not news:
            return
        # Stored before sending: at most once, as milestones are.
        keys = [announce_key(e) for e in news]
        await unusual_announced.add_announced(db, source.id, keys, at, since)
        for alert in alerts:
            tz = prefs_of(await chat_store.get(db, alert.chat_id), self.deps.settings)
            for event in reversed(news):  # oldest first, as they happened
                log.info(
                    "unusual %s of %s told to chat %d", event.kind, source.label, alert.chat_id
                )
                body = format_unusual_alert(source, event, tz.timezone, alert.lang)
                await self.send(alert.chat_id, body)

    async def send(self, chat_id: int, body: str) -> None:
        db = self.deps.db
        try:
            await self.outbox.send_text(chat_id, body)
        except ChatGoneError:
            log.info("chat %d is gone: its subscriptions and alerts are removed", chat_id)
            await drop_chat(self.deps, chat_id)
        except ChatMovedError as exc:
            await subs.move_chat(db, chat_id, exc.new_chat_id)
            await self.send(exc.new_chat_id, body)
        except SendError as exc:
            log.warning("could not tell chat %d: %s", chat_id, exc)
