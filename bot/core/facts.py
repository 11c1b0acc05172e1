"""What /now, /sources and the daily summary report of one source: plain values, gathered by
bot/services/facts.py, made into figures by bot/core/figures.py and drawn by bot/presentation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.model import FailureRecord, Sample, Source, SourceHealth
from bot.core.stats import BestHour
from bot.core.unusual import UnusualEvent


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
    unusual: UnusualEvent | None = None  # the newest found since the last summary (/why)


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """What /sources shows of one source: its last good value, a held suspect, its last error."""

    source: Source
    latest: Sample | None
    held: Sample | None  # a newer sample held as suspect, waiting for the next to confirm it
    last_failure: FailureRecord | None


@dataclass(frozen=True, slots=True)
class SourceState:
    """What /status shows of one source: its health and its last good sample."""

    source: Source
    health: SourceHealth
    latest: Sample | None
