"""The figures of an answer, computed once from its facts.

/now's text, the status page's card, the daily summary and a chart's caption draw these values
and compute nothing themselves, so two renderings of one answer cannot drift apart: which
changes are known, which are marked "≈" (a rounded source, or anything computed from one),
whether a rate rests on enough samples, how old the latest sample is and whether it is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.core.facts import NowFacts, SummaryFacts
from bot.core.model import FailureRecord, Sample, Source
from bot.core.stats import (
    MIN_RATE_SPAN,
    BestHour,
    is_stale,
    local_midnight,
    rate_per_hour,
)
from bot.core.unusual import UnusualEvent

# Today's first sample this long after local midnight: "since midnight" says where today starts.
LATE_FIRST_SAMPLE = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Count:
    """A count as shown: its value, and whether the source only gives a rounded one ("≈")."""

    value: int
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """A signed change between two samples; approximate when either end is."""

    value: int
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Rate:
    """Growth per hour over `minutes` of samples (at least MIN_RATE_SPAN of them)."""

    per_hour: float
    approximate: bool
    minutes: int


@dataclass(frozen=True, slots=True)
class ShortRate:
    """Too few minutes of samples to project an hour from: how many seconds there are."""

    span_seconds: float


@dataclass(frozen=True, slots=True)
class NowFigures:
    """What /now and the status page show of one source. `count` is None when nothing good
    has been sampled yet; the changes are None when their reference sample is missing."""

    source: Source
    interval_seconds: int
    count: Count | None
    latest_ts: datetime | None
    day: Change | None  # against the sample nearest 24 h before the latest (±90 min)
    midnight: Change | None  # against today's first sample
    midnight_since: datetime | None  # local time of today's first sample, when it came late
    rate: Rate | ShortRate | None  # None: no second sample in the rate window
    age_seconds: float | None
    stale: bool
    failures: tuple[FailureRecord, ...]  # newer than the latest good sample, newest first
    failure_count: int


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    """What the daily summary shows of one source."""

    source: Source
    count: Count | None
    day: Change | None
    week: Change | None
    best: BestHour | None
    unusual: UnusualEvent | None = None


def count_of(sample: Sample | None) -> Count | None:
    return None if sample is None else Count(sample.value, sample.approximate)


def change(latest: Sample | None, reference: Sample | None) -> Change | None:
    """latest − reference, marked approximate when either is; None when either is missing."""
    if latest is None or reference is None:
        return None
    return Change(latest.value - reference.value, latest.approximate or reference.approximate)


def _rate(latest: Sample, earliest: Sample | None) -> Rate | ShortRate | None:
    per_hour = rate_per_hour(latest, earliest)
    if per_hour is None or earliest is None:
        return None
    span = latest.ts - earliest.ts
    if span < MIN_RATE_SPAN:
        return ShortRate(span.total_seconds())
    minutes = round(span.total_seconds() / 60)  # at least MIN_RATE_SPAN's 30
    return Rate(per_hour, latest.approximate or earliest.approximate, minutes)


def _late_start(first: Sample | None, now: datetime, tz: tzinfo | None) -> datetime | None:
    """Today's first sample in local time, when it came well after local midnight."""
    if tz is None or first is None or first.ts - local_midnight(now, tz) <= LATE_FIRST_SAMPLE:
        return None
    return first.ts.astimezone(tz)


def now_figures(
    facts: NowFacts, tz: tzinfo | None = None, interval_seconds: int | None = None
) -> NowFigures:
    """/now's figures of one source. `interval_seconds` (default: the source's) decides
    staleness; with `tz`, a first sample well after local midnight is reported as such."""
    interval = facts.source.interval_seconds if interval_seconds is None else interval_seconds
    latest = facts.latest
    if latest is None:
        rate, age, since = None, None, None
    else:
        rate = _rate(latest, facts.rate_from)
        age = (facts.now - latest.ts).total_seconds()
        since = _late_start(facts.midnight, facts.now, tz)
    return NowFigures(
        source=facts.source,
        interval_seconds=interval,
        count=count_of(latest),
        latest_ts=None if latest is None else latest.ts,
        day=change(latest, facts.day_ago),
        midnight=change(latest, facts.midnight),
        midnight_since=since,
        rate=rate,
        age_seconds=age,
        stale=is_stale(latest, facts.now, interval),
        failures=facts.failures,
        failure_count=facts.failure_count,
    )


def summary_figures(facts: SummaryFacts) -> SummaryFigures:
    return SummaryFigures(
        source=facts.source,
        count=count_of(facts.latest),
        day=change(facts.latest, facts.day_ago),
        week=change(facts.latest, facts.week_ago),
        best=facts.best,
        unusual=facts.unusual,
    )


def counts_of(latest: Sequence[tuple[Source, Sample | None]]) -> list[tuple[Source, Count | None]]:
    """Each source's count now, as a chart's caption shows it."""
    return [(source, count_of(sample)) for source, sample in latest]
