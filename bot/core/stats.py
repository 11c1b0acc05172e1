"""Deltas, rates and daily patterns: plain arithmetic on samples, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from bot.core.model import Sample

DAY = timedelta(days=1)
WEEK = timedelta(days=7)
RATE_WINDOW = timedelta(hours=1)
# An hourly rate is projected only from at least this much data: 3 minutes say nothing of an hour.
MIN_RATE_SPAN = timedelta(minutes=30)
# The seed's rule: the reference for "24 hours ago" is the sample nearest to exactly then,
# looked for within ±90 minutes; none there means no figure, not a guess.
REFERENCE_TOLERANCE = timedelta(minutes=90)
STALE_AFTER_INTERVALS = 3


def local_midnight(now: datetime, tz: tzinfo) -> datetime:
    """Today's local midnight (the first instant of the local date), as UTC."""
    local = now.astimezone(tz)
    midnight = datetime(local.year, local.month, local.day, tzinfo=tz)
    return midnight.astimezone(UTC)


def delta(current: Sample | None, reference: Sample | None) -> int | None:
    if current is None or reference is None:
        return None
    return current.value - reference.value


def rate_per_hour(latest: Sample | None, earliest: Sample | None) -> float | None:
    """Growth per hour between the earliest sample of the window and the latest one."""
    if latest is None or earliest is None:
        return None
    seconds = (latest.ts - earliest.ts).total_seconds()
    if seconds <= 0:
        return None
    return (latest.value - earliest.value) * 3600.0 / seconds


def is_stale(latest: Sample | None, now: datetime, interval_seconds: int) -> bool:
    if latest is None:
        return True
    return (now - latest.ts).total_seconds() > STALE_AFTER_INTERVALS * interval_seconds


def hour_boundaries(end: datetime, hours: int) -> list[datetime]:
    """The `hours + 1` whole-hour instants up to `end`, oldest first (UTC hours = local hours
    in every zone with whole-hour offsets; half-hour zones are shifted but still hourly)."""
    last = end.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return [last - timedelta(hours=h) for h in range(hours, -1, -1)]


@dataclass(frozen=True, slots=True)
class BestHour:
    hour: int  # local hour of day, 0-23: the hour from hour:00 to hour+1:00
    average_gain: float
    days: int  # how many observations of that hour were averaged


def best_hour(
    boundaries: Sequence[datetime], values: Sequence[Sample | None], tz: tzinfo
) -> BestHour | None:
    """The local hour of day with the largest average gain.

    `values[i]` is the last sample at or before `boundaries[i]`; an hour counts only when both
    ends have a sample taken within that hour's neighbourhood (no gap longer than the hour).
    """
    gains: dict[int, list[int]] = defaultdict(list)
    for i in range(1, len(boundaries)):
        start, end = values[i - 1], values[i]
        if start is None or end is None:
            continue
        if end.ts <= start.ts or boundaries[i] - start.ts > timedelta(hours=2):
            continue
        if boundaries[i] - end.ts > timedelta(hours=1):
            continue
        hour = boundaries[i - 1].astimezone(tz).hour
        gains[hour].append(end.value - start.value)
    if not gains:
        return None
    hour, observed = max(gains.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), -kv[0]))
    return BestHour(hour=hour, average_gain=sum(observed) / len(observed), days=len(observed))
