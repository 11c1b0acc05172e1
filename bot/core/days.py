"""Daily gains from the samples at local midnights: /days. Pure arithmetic, no I/O.

A day's change is the count at its end (the last good sample at or before the next local
midnight, or the latest sample for today) minus the count at its start (the last good sample at
or before its own local midnight). A boundary whose sample is older than the tolerance is a gap:
the day says so instead of inventing a number. The caller reads one sample per boundary
(`boundaries()`), so the cost follows the days asked for, not the history held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.core.model import Sample
from bot.core.stats import REFERENCE_TOLERANCE

DEFAULT_DAYS = 14
MAX_DAYS = 60


def midnight_of(day: date, tz: tzinfo) -> datetime:
    """The first instant of a local date, as UTC (right across time-zone changes)."""
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def gap_tolerance(interval_seconds: int) -> timedelta:
    """How old a boundary's sample may be: the seed's ±90 minutes, or two intervals of a source
    sampled less often than that."""
    return max(REFERENCE_TOLERANCE, timedelta(seconds=2 * interval_seconds))


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The local days asked for and the boundaries whose samples they need."""

    days: tuple[date, ...]  # oldest first; the last is today
    week_start: date  # this week's Monday
    month_start: date  # the first of this month

    def boundaries(self, tz: tzinfo) -> list[datetime]:
        """Each day's midnight, then the week's and the month's starts (UTC)."""
        moments = [midnight_of(d, tz) for d in self.days]
        return [*moments, midnight_of(self.week_start, tz), midnight_of(self.month_start, tz)]


def plan_days(now: datetime, tz: tzinfo, count: int) -> DayPlan:
    today = now.astimezone(tz).date()
    days = tuple(today - timedelta(days=k) for k in range(count - 1, -1, -1))
    return DayPlan(days, today - timedelta(days=today.weekday()), today.replace(day=1))


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    change: int | None  # None: a gap at either end
    total: int | None  # the count at the day's end; None: a gap there
    approximate: bool
    today: bool  # the day is not over: its end is the latest sample


@dataclass(frozen=True, slots=True)
class DailyGains:
    rows: tuple[DayRow, ...]  # newest first; days before the first sample are left out
    week: int | None  # since this week's Monday midnight, None without a sample there
    month: int | None  # since the first of the month's midnight, likewise
    week_start: date
    month_start: date
    approximate: bool


def _good(sample: Sample | None, boundary: datetime, tolerance: timedelta) -> Sample | None:
    if sample is None or boundary - sample.ts > tolerance:
        return None
    return sample


def daily_gains(
    plan: DayPlan,
    tz: tzinfo,
    at_boundaries: Sequence[Sample | None],
    latest: Sample | None,
    tolerance: timedelta,
) -> DailyGains:
    """`at_boundaries[i]` is the last good sample at or before `plan.boundaries(tz)[i]`."""
    moments = plan.boundaries(tz)
    starts = [_good(s, m, tolerance) for s, m in zip(at_boundaries, moments, strict=True)]
    n = len(plan.days)
    rows: list[DayRow] = []
    for i, day in enumerate(plan.days):
        today = i == n - 1
        if today:
            end = latest
        else:
            end = starts[i + 1]
            if at_boundaries[i + 1] is None:
                continue  # the day ended before the first sample: not part of the history
        start = starts[i]
        change = end.value - start.value if start is not None and end is not None else None
        approximate = any(s is not None and s.approximate for s in (start, end))
        rows.append(DayRow(day, change, end.value if end else None, approximate, today))

    def since(start: Sample | None) -> int | None:
        return latest.value - start.value if latest is not None and start is not None else None

    week, month = starts[n], starts[n + 1]
    return DailyGains(
        rows=tuple(reversed(rows)),
        week=since(week),
        month=since(month),
        week_start=plan.week_start,
        month_start=plan.month_start,
        approximate=any(s is not None and s.approximate for s in (latest, week, month)),
    )


@dataclass(frozen=True, slots=True)
class DaysWords:
    label: str | None
    count: int


def split_days_words(words: Sequence[str]) -> DaysWords | None:
    """`/days [label] [N]` in either order (a label is never only digits); None when the words
    cannot mean that or N is not 1 to MAX_DAYS."""
    if len(words) > 2:
        return None
    label: str | None = None
    count: int | None = None
    for word in words:
        digits = word.removesuffix("일")  # /days 7일
        if digits.isascii() and digits.isdigit():
            if count is not None or len(digits) > 4 or not 1 <= int(digits) <= MAX_DAYS:
                return None
            count = int(digits)
        elif label is None:
            label = word
        else:
            return None
    return DaysWords(label, count or DEFAULT_DAYS)
