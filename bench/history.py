"""Generated histories: a realistic growth curve with noise, gaps and a few failures.

The curve is what a popular KakaoTalk channel looks like: slow logistic growth, more new friends
in the daytime than at night, a random walk of joins and leaves on top (so a count sometimes
goes down), a few outages of the sampler (gaps of minutes to hours, recorded as failures), and
sample times that jitter by a second or two like a real 30 s schedule does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from storage import failures as failure_store
from storage import samples, sources
from storage.database import open_database

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 25, 9, 0, 5, tzinfo=SEOUL)  # the benches' "now": just after 09:00
INTERVAL = 30
CHANNEL = "_xdhKKT"


@dataclass(frozen=True, slots=True)
class Outage:
    start: int  # sample index where the gap starts
    length: int  # samples missed
    reason: str


def history(count: int, *, end: datetime = NOW, seed: int = 5) -> Iterator[Sample | Outage]:
    """`count` samples ending 10 s before `end`, oldest first, with outages in between."""
    rng = random.Random(seed)
    # About one outage per 10 000 samples (3.5 days), at least 2: gaps from 2 minutes to 6 hours.
    outages: dict[int, Outage] = {}
    for _ in range(max(2, count // 10_000)):
        at = rng.randrange(count // 10, count - 10) if count > 100 else count // 2
        length = rng.choice((4, 10, 30, 120, 720))
        reason = rng.choice(("timeout", "http_503", "http_429", "layout_changed"))
        outages[at] = Outage(at, length, reason)
    missed = sum(o.length for o in outages.values())
    span = (count + missed) * INTERVAL
    start = end.astimezone(UTC) - timedelta(seconds=span + 10)
    base, ceiling = 180_000, 400_000
    value = float(base)
    slot = 0
    index = 0
    while index < count:
        outage = outages.get(index)
        if outage is not None:
            yield outage
            slot += outage.length
            del outages[index]
        ts = start + timedelta(seconds=slot * INTERVAL + rng.randint(0, 2))
        hour = (ts.astimezone(SEOUL).hour + ts.astimezone(SEOUL).minute / 60) / 24
        daytime = 0.35 + 0.65 * max(0.0, math.sin(math.pi * (hour - 0.3) / 0.7))
        room = 1 - value / ceiling  # logistic: growth slows as the count nears its ceiling
        value += max(-3.0, rng.gauss(0.9 * room * daytime, 1.2))
        yield Sample(ts=ts, value=int(value))
        slot += 1
        index += 1


def fresh(path: Path) -> Path:
    """`path`, with whatever an earlier run left there removed."""
    path.unlink(missing_ok=True)
    return path


def file_size(path: Path) -> int:
    return path.stat().st_size


async def create_history_db(path: Path, count: int, *, end: datetime = NOW) -> int:
    """A database holding the default source with `count` generated samples; its source id."""
    fresh(path)
    db = await open_database(path)
    try:
        source = await sources.add_source(
            db,
            kind=SourceKind.KAKAO,
            target=CHANNEL,
            label="kakao",
            name="배민커넥트",
            interval_seconds=INTERVAL,
            created_at=end - timedelta(days=400),
        )
        batch: list[Sample] = []
        for item in history(count, end=end):
            if isinstance(item, Outage):
                if batch:
                    await samples.insert_samples(db, source.id, batch)
                    batch = []
                last = await samples.latest_sample(db, source.id)
                first_miss = (last.ts if last else end) + timedelta(seconds=INTERVAL)
                for k in range(min(item.length, 5)):  # a few recorded failures per outage
                    at = first_miss + timedelta(seconds=k * INTERVAL)
                    await failure_store.record_failure(db, source.id, at, item.reason, "generated")
                continue
            batch.append(item)
            if len(batch) >= 50_000:
                await samples.insert_samples(db, source.id, batch)
                batch = []
        if batch:
            await samples.insert_samples(db, source.id, batch)
        await checkpoint(db)
        return source.id
    finally:
        await db.close()


async def checkpoint(db: aiosqlite.Connection) -> None:
    """Fold the WAL into the main file, so the file's size is the database's size."""
    await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
