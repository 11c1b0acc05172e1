"""The seed's rules, pinned so that bending one fails a test.

- "24 hours ago" is the sample nearest to exactly 24 h before the *latest sample* (not the clock),
  looked for within ±90 minutes; outside that there is no figure.
- The daily summary is sent once per chat per *local* day (not per UTC date).

Each rule is pinned at the level of the pure function or the storage query, and once end to end
through the real Application and the fake Bot API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Sample, Source
from bot.core.stats import DAY, REFERENCE_TOLERANCE, WEEK
from bot.demo.bot_api import FakeTelegramAPI
from bot.services.facts import gather_now, gather_summary
from bot.services.summary import due_now
from bot.settings import Settings
from storage import failures as failure_store
from storage import samples, sources
from storage.database import open_database
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.job_runs import summary_checks_ran
from tests.running import SEOUL, default_source_db, running_bot, wait_until

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
LATEST = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 12:00 in Seoul
CHAT = 1001


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    conn = await open_database(tmp_path / "c.db")
    try:
        yield conn
    finally:
        await conn.close()


async def a_source(db: aiosqlite.Connection) -> Source:
    return await sources.add_source(
        db,
        kind=SourceKind.KAKAO,
        target="_x",
        label="kakao",
        interval_seconds=30,
        created_at=LATEST - WEEK,
    )


# ---------------------------------------------------------------- "24 hours ago": ±90 minutes


def test_the_tolerance_is_ninety_minutes() -> None:
    assert timedelta(minutes=90) == REFERENCE_TOLERANCE


@pytest.mark.parametrize(
    ("offset_minutes", "found"),
    [
        (-90, True),  # exactly 90 minutes early: still the reference
        (90, True),
        (-91, False),  # one minute further: no figure, not a guess
        (91, False),
        (-179, False),  # well inside a ±180-minute window
        (179, False),
    ],
)
async def test_day_ago_is_looked_for_within_ninety_minutes(
    db: aiosqlite.Connection, offset_minutes: int, found: bool
) -> None:
    src = await a_source(db)
    lone = Sample(LATEST - DAY + timedelta(minutes=offset_minutes), 1_000)
    await samples.insert_samples(db, src.id, [lone, Sample(LATEST, 1_500)])
    now_facts = await gather_now(db, src, LATEST, SEOUL)
    summary_facts = await gather_summary(db, src, LATEST, SEOUL)
    expected = lone if found else None
    assert now_facts.day_ago == expected
    assert summary_facts.day_ago == expected


@pytest.mark.parametrize(("offset_minutes", "found"), [(90, True), (-91, False), (150, False)])
async def test_week_ago_is_looked_for_within_ninety_minutes(
    db: aiosqlite.Connection, offset_minutes: int, found: bool
) -> None:
    src = await a_source(db)
    lone = Sample(LATEST - WEEK + timedelta(minutes=offset_minutes), 1_000)
    await samples.insert_samples(db, src.id, [lone, Sample(LATEST, 1_500)])
    summary_facts = await gather_summary(db, src, LATEST, SEOUL)
    assert summary_facts.week_ago == (lone if found else None)


async def test_sample_near_bounds_are_inclusive_and_pick_the_nearest(
    db: aiosqlite.Connection,
) -> None:
    src = await a_source(db)
    target = LATEST - DAY
    tol = timedelta(minutes=90)
    await samples.insert_samples(
        db, src.id, [Sample(target - tol, 1), Sample(target + tol + timedelta(seconds=1), 2)]
    )
    assert await samples.sample_near(db, src.id, target, tol) == Sample(target - tol, 1)
    # Equally near on both sides: the earlier one.
    await samples.insert_samples(db, src.id, [Sample(target + tol, 3)])
    assert await samples.sample_near(db, src.id, target, tol) == Sample(target - tol, 1)
    assert await samples.sample_near(db, src.id, target, tol - timedelta(seconds=1)) is None


# ---------------------------------------------------------------- "24 hours ago": of the latest


async def test_day_ago_is_measured_from_the_latest_sample_not_the_clock(
    db: aiosqlite.Connection,
) -> None:
    """The source stopped answering two hours ago: the 24-hour change is still that of the
    latest sample (now - 24 h would land on another sample, inside the tolerance)."""
    src = await a_source(db)
    reference = Sample(LATEST - DAY, 1_000)
    clock_based = Sample(LATEST - DAY + timedelta(hours=2), 1_200)
    await samples.insert_samples(db, src.id, [reference, clock_based, Sample(LATEST, 1_500)])
    now = LATEST + timedelta(hours=2)
    assert (await gather_now(db, src, now, SEOUL)).day_ago == reference
    assert (await gather_summary(db, src, now, SEOUL)).day_ago == reference


async def test_a_stale_latest_sample_still_finds_its_own_day_ago(
    db: aiosqlite.Connection,
) -> None:
    """Three hours stale: 24 h before the clock is further than 90 minutes from any sample, yet
    24 h before the latest sample there is one."""
    src = await a_source(db)
    reference = Sample(LATEST - DAY, 1_000)
    await samples.insert_samples(db, src.id, [reference, Sample(LATEST, 1_500)])
    now = LATEST + timedelta(hours=3)
    assert (await gather_now(db, src, now, SEOUL)).day_ago == reference
    assert (await gather_summary(db, src, now, SEOUL)).day_ago == reference


# ---------------------------------------------------------------- once per local day (pure)


@pytest.mark.parametrize(
    ("tz", "at", "now", "local_date", "scheduled"),
    [
        # 08:00 in Seoul is 23:00 UTC of the day before.
        (
            SEOUL,
            time(8, 0),
            datetime(2026, 11, 24, 23, 0, 5, tzinfo=UTC),
            date(2026, 11, 25),
            datetime(2026, 11, 24, 23, 0, tzinfo=UTC),
        ),
        (
            SEOUL,
            time(8, 0),
            datetime(2026, 11, 25, 14, 59, tzinfo=UTC),  # 23:59 in Seoul, still the 25th
            date(2026, 11, 25),
            datetime(2026, 11, 24, 23, 0, tzinfo=UTC),
        ),
        # 18:00 in Los Angeles (UTC-8 in November) is 02:00 UTC of the day after.
        (
            LOS_ANGELES,
            time(18, 0),
            datetime(2026, 11, 26, 2, 30, tzinfo=UTC),
            date(2026, 11, 25),
            datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
        ),
        (
            LOS_ANGELES,
            time(18, 0),
            datetime(2026, 11, 26, 7, 59, tzinfo=UTC),  # 23:59 in Los Angeles
            date(2026, 11, 25),
            datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
        ),
    ],
)
def test_due_is_keyed_by_the_local_date(
    tz: ZoneInfo, at: time, now: datetime, local_date: date, scheduled: datetime
) -> None:
    due = due_now(now, tz, at)
    assert due is not None
    assert due.local_date == local_date
    assert due.scheduled == scheduled


@pytest.mark.parametrize(
    ("tz", "at", "now"),
    [
        (SEOUL, time(8, 0), datetime(2026, 11, 25, 22, 59, tzinfo=UTC)),  # 07:59 on the 26th
        (SEOUL, time(8, 0), datetime(2026, 11, 25, 15, 0, tzinfo=UTC)),  # 00:00 on the 26th
        (LOS_ANGELES, time(18, 0), datetime(2026, 11, 26, 1, 59, tzinfo=UTC)),  # 17:59
        (LOS_ANGELES, time(18, 0), datetime(2026, 11, 26, 8, 0, tzinfo=UTC)),  # 00:00 next day
    ],
)
def test_not_due_before_the_local_time(tz: ZoneInfo, at: time, now: datetime) -> None:
    assert due_now(now, tz, at) is None


@pytest.mark.parametrize(
    ("tz", "at"), [(SEOUL, time(8, 0)), (LOS_ANGELES, time(18, 0)), (SEOUL, time(9, 0))]
)
def test_checking_every_minute_sends_once_per_local_day_at_the_local_time(
    tz: ZoneInfo, at: time
) -> None:
    """What the every-minute check does with the delivery rows, over three days."""
    start = datetime(2026, 11, 24, 0, 0, tzinfo=tz).astimezone(UTC)
    delivered: dict[date, datetime] = {}
    for minute in range(3 * 24 * 60):
        now = start + timedelta(minutes=minute)
        due = due_now(now, tz, at)
        if due is not None and due.local_date not in delivered:
            delivered[due.local_date] = now
    assert delivered == {
        date(2026, 11, d): datetime.combine(date(2026, 11, d), at, tzinfo=tz).astimezone(UTC)
        for d in (24, 25, 26)
    }


# ---------------------------------------------------------------- end to end: /now

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=SEOUL)


def five_minutes(start: datetime, end: datetime, base: int) -> list[Sample]:
    """A sample every 5 minutes from `start` to `end` inclusive, +3 each: +36 per hour."""
    count = int((end - start) / timedelta(minutes=5)) + 1
    return [Sample(start + timedelta(minutes=5 * k), base + 3 * k) for k in range(count)]


async def seed(settings: Settings, rows: list[Sample]) -> None:
    async with default_source_db(settings, rows[0].ts) as (db, src):
        await samples.insert_samples(db, src.id, rows)


async def now_reply(telegram: FakeTelegramAPI) -> list[str]:
    telegram.send_command("/now")
    (reply,) = await telegram.await_messages(CHAT, 1)
    assert reply.text is not None
    return reply.text.split("\n")


async def test_now_says_not_enough_history_when_the_nearest_is_two_hours_off(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    # Two days of history with a hole of ±2 h around 24 h before NOW; the bot samples at NOW.
    hole_start, hole_end = NOW - DAY - timedelta(hours=2), NOW - DAY + timedelta(hours=2)
    rows = five_minutes(NOW - 2 * DAY, hole_start, 100_000) + five_minutes(
        hole_end, NOW - timedelta(minutes=5), 200_000
    )
    await seed(settings, rows)
    source_server.set_kakao_count("_xdhKKT", 300_000)
    clock.set(NOW)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: latest_is(bot.deps.db, NOW))
        lines = await now_reply(telegram)
    assert lines[0] == "배민커넥트: 300,000 friends"
    assert lines[1] == "24 h: not enough history yet"


async def test_now_measures_24_hours_from_the_latest_sample_when_the_source_fails(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    # History every 5 minutes up to three hours ago; since then the source answers 503.
    latest = NOW - timedelta(hours=3)
    rows = five_minutes(latest - 2 * DAY, latest, 100_000)
    await seed(settings, rows)
    source_server.set("/rocket-web/web/v2/profiles/_xdhKKT", Response(status=503, body=b"busy"))
    source_server.set("/_xdhKKT", Response(status=503, body=b"busy"))
    clock.set(NOW)
    async with running_bot(replace(settings, sample_attempts=1), clock) as bot:
        await wait_until(lambda: has_failure(bot.deps.db))
        lines = await now_reply(telegram)
    assert lines[0] == f"kakao: {rows[-1].value:,} friends"  # no name learnt: the label
    # 24 h before the latest sample: +36/h × 24 h. (24 h before the clock would say +756.)
    assert lines[1] == "24 h: +864"


async def latest_is(db: aiosqlite.Connection, moment: datetime) -> bool:
    latest = await samples.latest_sample(db, 1)
    return latest is not None and latest.ts == moment


async def has_failure(db: aiosqlite.Connection) -> bool:
    return bool(await failure_store.recent_failures(db, 1, limit=1))


# ---------------------------------------------------------------- end to end: once per local day


async def test_the_summary_comes_once_per_local_day_when_the_utc_date_differs(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    """At 08:00 in Seoul it is 23:00 UTC the day before: the UTC date turns over an hour after
    the summary went out, and that must not make it due again."""
    tuned = replace(settings, daily_summary_time=time(8, 0))
    due = datetime(2026, 11, 25, 8, 0, 5, tzinfo=SEOUL)
    source_server.set_kakao_count("_xdhKKT", 1234)
    clock.set(due - timedelta(hours=1))
    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: latest_is(bot.deps.db, clock.now()))
        telegram.send_command("/subscribe")
        (subscribed,) = await telegram.await_messages(CHAT, 1)
        assert subscribed.text == (
            "Subscribed: a summary of 배민커넥트 arrives here every day at 08:00 (Asia/Seoul)."
        )
        clock.set(due)  # 2026-11-24 23:00:05 UTC
        replies = await telegram.await_messages(CHAT, 2)
        assert replies[1].text is not None
        assert replies[1].text.startswith("Daily summary · 2026-11-25\n")
        clock.set(due + timedelta(hours=2))  # 10:00 in Seoul, 01:00 UTC on the 25th
        await summary_checks_ran(bot)
        assert len(telegram.messages_to(CHAT)) == 2

    # A restart late the same local day (23:30 in Seoul, 14:30 UTC) does not send it again.
    clock.set(datetime(2026, 11, 25, 23, 30, tzinfo=SEOUL))
    async with running_bot(tuned, clock) as bot:
        await summary_checks_ran(bot)
    assert len(telegram.messages_to(CHAT)) == 2

    # The next local day it comes again, once.
    clock.set(due + DAY)
    async with running_bot(tuned, clock) as bot:
        replies = await telegram.await_messages(CHAT, 3)
        await summary_checks_ran(bot)
    assert len(telegram.messages_to(CHAT)) == 3
    assert replies[2].text is not None
    assert replies[2].text.startswith("Daily summary · 2026-11-26\n")
