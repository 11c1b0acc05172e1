"""Gathering what /now and the daily summary report: a few indexed lookups, then pure values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import aiosqlite

from bot.core.model import ChartLine, FailureRecord, Sample, Source
from bot.core.ranges import ChartRange
from bot.core.stats import (
    DAY,
    RATE_WINDOW,
    REFERENCE_TOLERANCE,
    WEEK,
    BestHour,
    best_hour,
    hour_boundaries,
    local_midnight,
)
from storage import samples


@dataclass(frozen=True, slots=True)
class NowFacts:
    source: Source
    now: datetime
    latest: Sample | None
    day_ago: Sample | None
    midnight: Sample | None  # the first sample at or after local midnight
    rate_from: Sample | None  # the earliest sample within the rate window before `latest`
    failures: tuple[FailureRecord, ...]  # failures newer than `latest`, newest first
    failure_count: int = 0  # how many failures there were since `latest`, in all


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    source: Source
    now: datetime
    latest: Sample | None
    day_ago: Sample | None
    week_ago: Sample | None
    best: BestHour | None


async def gather_now(
    db: aiosqlite.Connection, source: Source, now: datetime, tz: tzinfo
) -> NowFacts:
    latest = await samples.latest_sample(db, source.id)
    day_ago = midnight = rate_from = None
    if latest is not None:
        day_ago = await samples.sample_near(db, source.id, latest.ts - DAY, REFERENCE_TOLERANCE)
        midnight = await samples.first_sample_at_or_after(db, source.id, local_midnight(now, tz))
        rate_from = await samples.first_sample_at_or_after(
            db, source.id, latest.ts - RATE_WINDOW, before=latest.ts
        )
    failures = await samples.recent_failures(
        db, source.id, since=latest.ts if latest else None, limit=3
    )
    failure_count = (
        await samples.count_failures_since(db, source.id, latest.ts if latest else None)
        if failures
        else 0
    )
    return NowFacts(
        source, now, latest, day_ago, midnight, rate_from, tuple(failures), failure_count
    )


async def gather_summary(
    db: aiosqlite.Connection, source: Source, now: datetime, tz: tzinfo
) -> SummaryFacts:
    latest = await samples.latest_sample(db, source.id)
    day_ago = week_ago = None
    best = None
    if latest is not None:
        day_ago = await samples.sample_near(db, source.id, latest.ts - DAY, REFERENCE_TOLERANCE)
        week_ago = await samples.sample_near(db, source.id, latest.ts - WEEK, REFERENCE_TOLERANCE)
        boundaries = hour_boundaries(now, 7 * 24)
        values = await samples.samples_at(db, source.id, boundaries)
        best = best_hour(boundaries, values, tz)
    return SummaryFacts(source, now, latest, day_ago, week_ago, best)


async def gather_chart(
    db: aiosqlite.Connection,
    chosen: Sequence[Source],
    chart_range: ChartRange,
    now: datetime,
    *,
    max_points: int = 1500,
) -> list[ChartLine]:
    """One downsampled line per source over the range (bounded points, chosen in SQL)."""
    lines: list[ChartLine] = []
    for source in chosen:
        first = await samples.first_sample(db, source.id)
        if first is None:
            continue
        start = chart_range.start(now, first.ts)
        end = now + timedelta(seconds=1)
        points = await samples.series_between(db, source.id, start, end, max_points=max_points)
        if points:
            lines.append(ChartLine(label=source.display_name, points=tuple(points)))
    return lines


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """What /sources shows of one source: its last good value, a held suspect, its last error."""

    source: Source
    latest: Sample | None
    held: Sample | None  # a newer sample held as suspect, waiting for the next to confirm it
    last_failure: FailureRecord | None


async def gather_status(db: aiosqlite.Connection, source: Source) -> SourceStatus:
    latest = await samples.latest_sample(db, source.id)
    newest = await samples.latest_sample(db, source.id, include_suspect=True)
    held = newest if newest is not None and newest != latest else None
    failures = await samples.recent_failures(db, source.id, limit=1)
    return SourceStatus(source, latest, held, failures[0] if failures else None)
