"""Replies first: a person's /now is not queued behind a broadcast to many chats (the real
Application and its laned rate limiter against the fake Bot API, which enforces 30/s), and the
rule choosing the next lane, pure."""

from __future__ import annotations

import asyncio
import time

from bot.chat.outbox import TelegramOutbox
from bot.chat.ratelimit import BULK_SHARE, Lane, LaneQueue
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import running_bot
from tests.test_faults_telegram import DUE, seed

BROADCAST = [20_000 + k for k in range(150)]
ASKER = 555_001


def test_replies_go_first_and_bulk_keeps_a_share() -> None:
    queue: LaneQueue[str] = LaneQueue()
    for k in range(10):
        queue.push(Lane.BULK, f"b{k}")
    queue.push(Lane.REPLY_MEDIA, "photo")
    assert queue.pop() == "photo"  # a reply before bulk sends queued earlier
    for k in range(10):
        queue.push(Lane.REPLY, f"r{k}")
    queue.push(Lane.REPLY_MEDIA, "photo2")
    order = [queue.pop() for _ in range(len(queue))]
    assert order[: BULK_SHARE - 2] == ["r0", "r1", "r2"]  # texts first
    assert order[BULK_SHARE - 2] == "b0"  # replies kept coming: bulk still gets 1 in 5
    assert order.index("photo2") > order.index("r9")  # photos after texts
    assert [x for x in order if x and x.startswith("b")] == [f"b{k}" for k in range(10)]
    assert queue.pop() is None


async def test_now_is_answered_quickly_during_a_broadcast(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    await seed(settings, BROADCAST)
    source_server.set_kakao_count("_xdhKKT", 2000)
    telegram.set_rate_limits(global_per_second=30, per_chat_per_minute=20)
    telegram.set_latency(0.02)
    clock.set(DUE)
    async with running_bot(settings, clock) as bot:
        await telegram.await_messages(BROADCAST[0], 1, timeout=30)
        # And a storm of bulk texts all queued at once (as many watchers' alerts could be).
        outbox = TelegramOutbox(bot.application.bot)
        storm = [asyncio.create_task(outbox.send_text(c, "storm")) for c in BROADCAST[::2]]
        await asyncio.sleep(0.1)
        waits = []
        for k in range(3):
            sent = len(telegram.messages_to(ASKER + k))
            asked = time.monotonic()
            telegram.send_command("/now", chat_id=ASKER + k, user_id=ASKER + k)
            await telegram.await_messages(ASKER + k, sent + 1, timeout=20)
            waits.append(time.monotonic() - asked)
        left = [c for c in BROADCAST if not telegram.messages_to(c)]
        assert len(left) > 30  # the broadcast was still going: the answers went ahead of it
        await asyncio.gather(*storm)
        for chat in BROADCAST:
            await telegram.await_messages(chat, 1, timeout=30)
    assert telegram.rate_limited == 0
    # Behind the broadcast it would be seconds (150 chats at ~28/s); ahead of it, a slot or so
    # plus the bot's own work (behind the storm: ~3 s) on a loaded machine.
    assert max(waits) < 1.5, waits
