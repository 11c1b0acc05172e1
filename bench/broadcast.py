"""Bench 5: the daily summary to 10 000 subscribed chats, against the local fake Bot API
enforcing Telegram's flood limits (30 messages/s overall, 20/min per group) with 429s.

The real Application (its AIORateLimiter included) runs bot.services.summary.Summaries.send_due, as
its summary job does, until every chat has had today's summary. Duplicates and losses are
counted from what the fake Bot API received.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bench.harness import bench_settings, bot_app
from bench.history import NOW, fresh
from bench.report import Report, Row
from bot.chat.outbox import TelegramOutbox
from bot.demo.bot_api import FakeTelegramAPI
from storage import sources
from storage import subscriptions as subs
from storage.database import open_database
from tests.fakes.clock import FakeClock

LATENCY = 0.06  # the fake Bot API answers as api.telegram.org does from afar: 60 ms later
GROUP_SHARE = 10  # one chat in ten is a group (Telegram limits groups to 20 messages a minute)
MAX_ROUNDS = 5  # the summary job runs every minute; a bench run gives it this many tries


def chat_ids(count: int) -> list[int]:
    return [-1_000_000_000 - i if i % GROUP_SHARE == 0 else 10_000_000 + i for i in range(count)]


async def _subscribed_copy(history_db: Path, path: Path, chats: list[int]) -> None:
    shutil.copy(history_db, fresh(path))
    db = await open_database(path)
    try:
        source = (await sources.list_sources(db))[0]
        since = NOW - timedelta(days=1)
        for chat in chats:
            await subs.subscribe(db, chat, source.id, "ko" if chat % 3 else "en", since)
    finally:
        await db.close()


async def run_broadcast(
    history_db: Path,
    workdir: Path,
    telegram: FakeTelegramAPI,
    count: int,
    concurrency: int | None,
    *,
    paid: bool = False,
) -> dict[str, float]:
    chats = chat_ids(count)
    path = workdir / f"broadcast-{count}.db"
    await _subscribed_copy(history_db, path, chats)
    telegram.clear()
    telegram.set_rate_limits()  # Telegram's: 30/s overall, 20/min per group
    telegram.set_latency(LATENCY)
    settings = replace(
        bench_settings(path, telegram.root_url, "http://127.0.0.1:9"), paid_broadcast=paid
    )
    rounds = 0
    async with bot_app(settings, FakeClock(NOW)) as (app, data):
        telegram.clear()  # forget setMyCommands and friends from the start
        started = time.monotonic()
        while rounds < MAX_ROUNDS:
            rounds += 1
            outbox = TelegramOutbox(app.bot, paid=paid)
            await data.summaries.send_due(outbox, concurrency=concurrency)
            delivered = {m.chat_id for m in telegram.sent}
            if len(delivered) >= count:
                break
        elapsed = time.monotonic() - started
        recorded = 0
        for chat in chats:
            recorded += await subs.summary_sent(data.deps.db, chat, NOW.date())
    telegram.set_rate_limits(global_per_second=None, per_chat_per_minute=None)
    telegram.set_latency(0.0)
    per_chat = Counter(m.chat_id for m in telegram.sent)
    times = sorted(m.at for m in telegram.sent)
    # Sustained: the middle 80 % of the messages over the time they took.
    lo, hi = len(times) // 10, len(times) * 9 // 10
    sustained = (hi - lo) / (times[hi] - times[lo]) if hi > lo and times[hi] > times[lo] else 0.0
    fresh(path)
    return {
        "elapsed": elapsed,
        "messages": len(telegram.sent),
        "rate": len(telegram.sent) / elapsed,
        "sustained": sustained,
        "429s": telegram.rate_limited,
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "lost": sum(1 for c in chats if per_chat[c] == 0),
        "recorded": recorded,
        "rounds": rounds,
        "paid": telegram.paid_messages,
    }


async def bench_broadcast(
    report: Report,
    history_db: Path,
    workdir: Path,
    telegram: FakeTelegramAPI,
    *,
    chats: int = 10_000,
    sequential_chats: int = 300,
) -> None:
    seq = await run_broadcast(history_db, workdir, telegram, sequential_chats, concurrency=1)
    ours = await run_broadcast(history_db, workdir, telegram, chats, concurrency=None)
    ok = ours["sustained"] >= 25 and ours["duplicates"] == 0 and ours["lost"] == 0
    report.add(
        Row(
            "5 daily summary broadcast",
            f"{chats:,} chats",
            f"{ours['elapsed']:.0f} s · {ours['rate']:.1f} msg/s (sustained "
            f"{ours['sustained']:.1f}) · {ours['429s']:.0f}× 429 · {ours['duplicates']:.0f} dup · "
            f"{ours['lost']:.0f} lost · {ours['recorded']:.0f} recorded · "
            f"{ours['rounds']:.0f} run(s)",
            f"one at a time, {sequential_chats} chats: {seq['rate']:.1f} msg/s · "
            f"{seq['429s']:.0f}× 429 · {seq['duplicates']:.0f} dup · {seq['lost']:.0f} lost",
            "≥ 25 msg/s sustained, 0 dup, 0 lost",
            ok,
        )
    )
    paid = await run_broadcast(history_db, workdir, telegram, chats, concurrency=None, paid=True)
    full = 100_000
    report.add(
        Row(
            "5 broadcast with PAID_BROADCAST (allow_paid_broadcast, 0.1 Star/message)",
            f"{chats:,} chats",
            f"{paid['elapsed']:.1f} s · sustained {paid['sustained']:.0f} msg/s · "
            f"{paid['429s']:.0f}× 429 · {paid['duplicates']:.0f} dup · {paid['lost']:.0f} lost · "
            f"{paid['paid']:.0f} paid → 100,000 chats in "
            f"~{full / max(paid['sustained'], 1e-9) / 60:.1f} min, {full * 0.1:,.0f} Stars",
            f"free: 100,000 chats in ~{full / max(ours['sustained'], 1e-9) / 60:.0f} min, 0 Stars",
            "0 dup, 0 lost",
            paid["duplicates"] == 0 and paid["lost"] == 0,
        )
    )
    report.note(
        "5 broadcast: Summaries.send_due through the real Application (AIORateLimiter with "
        "bot/chat/ratelimit.py's buckets: 1 + 28/s overall, max_retries=3) to the fake Bot API "
        "with set_rate_limits() (30 msg/s overall, 20/min "
        f"per group; 1 chat in {GROUP_SHARE} a group). Each chat gets one photo with the summary "
        "as caption (the chart is uploaded once, then sent by file_id). 'sustained' is the "
        "middle 80 % of messages over the time they took; 'runs' counts send_due "
        "calls (the bot's job repeats every minute) until every chat had it. The one-at-a-time "
        f"line is the same code with concurrency=1. The fake answers {LATENCY * 1000:.0f} ms "
        "late (set_latency), as Telegram does over the internet."
    )
