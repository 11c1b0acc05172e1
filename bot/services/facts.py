"""Gathering what /now and the daily summary report: a few indexed lookups, then pure values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

import aiosqlite

from bot.core.days import DailyGains, daily_gains, gap_tolerance, plan_days
from bot.core.facts import NowFacts, SourceStatus, SummaryFacts
from bot.core.forecast import MAX_DAYS as FORECAST_DAYS
from bot.core.forecast import Declined, Forecast, NoForecast, forecast, points_from_days
from bot.core.model import ChartLine, Sample, Source
from bot.core.ranges import ChartRange
from bot.core.stats import (
    DAY,
    RATE_WINDOW,
    REFERENCE_TOLERANCE,
    WEEK,
    best_hour,
    hour_boundaries,
    local_midnight,
)
from storage import failures as failure_store
from storage import samples


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
    failures = await failure_store.recent_failures(
        db, source.id, since=latest.ts if latest else None, limit=3
    )
    failure_count = (
        await failure_store.count_failures_since(db, source.id, latest.ts if latest else None)
        if failures
        else 0
    )
    return NowFacts(
        source, now, latest, day_ago, midnight, rate_from, tuple(failures), failure_count
    )


async def gather_now_brief(
    db: aiosqlite.Connection, chosen: Sequence[Source], now: datetime
) -> list[NowFacts]:
    """What /now without a label shows of every source (its latest sample and the one 24 hours
    before), in one statement for all of them; the fields the brief does not show are left
    empty."""
    found = await samples.latest_with_reference(
        db, [s.id for s in chosen], DAY, REFERENCE_TOLERANCE
    )
    out = []
    for source in chosen:
        latest, day_ago = found.get(source.id, (None, None))
        out.append(NowFacts(source, now, latest, day_ago, None, None, ()))
    return out


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


async def gather_status(db: aiosqlite.Connection, source: Source) -> SourceStatus:
    latest = await samples.latest_sample(db, source.id)
    newest = await samples.latest_sample(db, source.id, include_suspect=True)
    held = newest if newest is not None and newest != latest else None
    failures = await failure_store.recent_failures(db, source.id, limit=1)
    return SourceStatus(source, latest, held, failures[0] if failures else None)


async def gather_statuses(db: aiosqlite.Connection, chosen: Sequence[Source]) -> list[SourceStatus]:
    """`gather_status` of every source in three statements, whatever their number."""
    ids = [s.id for s in chosen]
    latest = await samples.latest_samples(db, ids)
    newest = await samples.latest_samples(db, ids, include_suspect=True)
    failures = await failure_store.latest_failures(db, ids)
    out = []
    for source in chosen:
        good, last = latest.get(source.id), newest.get(source.id)
        held = last if last is not None and last != good else None
        out.append(SourceStatus(source, good, held, failures.get(source.id)))
    return out


async def latest_of(
    db: aiosqlite.Connection, chosen: Sequence[Source]
) -> list[tuple[Source, Sample | None]]:
    """Each source with its latest good sample (what a chart's caption shows), one statement."""
    found = await samples.latest_samples(db, [s.id for s in chosen])
    return [(source, found.get(source.id)) for source in chosen]


async def gather_days(
    db: aiosqlite.Connection, source: Source, now: datetime, tz: tzinfo, count: int
) -> DailyGains | None:
    """/days: one lookup per local midnight (and the week's and month's starts), never the
    history in between; None when the source has no sample yet."""
    latest = await samples.latest_sample(db, source.id)
    if latest is None:
        return None
    plan = plan_days(now, tz, count)
    at_boundaries = await samples.samples_at(db, source.id, plan.boundaries(tz))
    return daily_gains(plan, tz, at_boundaries, latest, gap_tolerance(source.interval_seconds))


async def gather_forecast(
    db: aiosqlite.Connection,
    source: Source,
    now: datetime,
    tz: tzinfo,
    target: int | None,
) -> Forecast | NoForecast | None:
    """/forecast: the counts at the last 14 local midnights (the lookups /days makes), then the
    trend; None when the source has no sample yet."""
    gains = await gather_days(db, source, now, tz, FORECAST_DAYS + 1)
    if gains is None or not gains.rows or gains.rows[0].total is None:
        return None
    result = forecast(points_from_days(gains), gains.rows[0].total, target)
    if isinstance(result, NoForecast) and result.reason is Declined.REACHED and target is not None:
        first = await samples.first_sample_at_or_above(db, source.id, target)
        if first is not None:  # when it was reached, in the chat's own days
            result = replace(result, reached_on=first.ts.astimezone(tz).date())
    return result
