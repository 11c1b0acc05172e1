"""At most a few alert messages per chat an hour; what is held back is told, never lost."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.chat.outbox import TelegramOutbox
from bot.core.chat_alerts import (
    ALERT_HOUR,
    ALERTS_PER_HOUR,
    AlertBudget,
    held_one,
    may_send,
    sent_one,
)
from bot.demo.bot_api import FakeTelegramAPI
from bot.services.watch import Watch
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.running import SEOUL, running_bot

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=SEOUL)
CHAT = 4242


def test_four_an_hour_then_held() -> None:
    assert ALERTS_PER_HOUR == 4
    budget = AlertBudget()
    for k in range(ALERTS_PER_HOUR):
        assert may_send(budget, T0 + timedelta(minutes=k))
        budget = sent_one(budget, T0 + timedelta(minutes=k))
    assert not may_send(budget, T0 + timedelta(minutes=59))
    budget = held_one(held_one(budget))
    assert budget.held == 2  # kept until told
    assert may_send(budget, T0 + ALERT_HOUR)  # the first one has left the hour
    assert sent_one(budget, T0 + ALERT_HOUR).held == 0


async def test_a_storm_sends_four_then_tells_the_held_ones(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(T0)
    async with running_bot(settings, clock) as bot:
        watch = Watch(bot.deps, TelegramOutbox(bot.application.bot))
        for k in range(12):  # a count flickering around its threshold
            await watch.alert(CHAT, "en", f"alert {k}")
        assert [m.text for m in telegram.messages_to(CHAT)] == [f"alert {k}" for k in range(4)]
        clock.set(T0 + ALERT_HOUR + timedelta(seconds=1))
        await watch.tell_held()
        last = telegram.messages_to(CHAT)[-1].text or ""
    assert len(telegram.messages_to(CHAT)) == 5
    assert last.startswith("alert 11\n(+7 more alerts held back")
    assert not watch.held
