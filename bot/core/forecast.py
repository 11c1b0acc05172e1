"""When a count reaches a target: /forecast. Pure arithmetic, no I/O.

The trend is the Theil–Sen slope (the median of the slopes between every pair of days) of the
counts at the last 7–14 local midnights, the same boundary values /days uses: one campaign
spike or a gap moves it little, where a least-squares line or "the last day's gain" would jump.
The answer is a range, from the 25th and 75th percentiles of those pairwise slopes, never one
false-precise date. It declines, saying why, when there are fewer than 3 days, when the trend
is flat, or when the count moves away from the target.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.core.chat_numbers import parse_typed_number
from bot.core.days import DailyGains

MIN_DAYS = 3  # daily values needed (two changes at least)
MAX_DAYS = 14  # the most recent days used
# Below this many per day (in either direction) the trend is called flat: no date at all.
FLAT_PER_DAY = 0.5
# Past this many days (about ten years) a date would be noise: the forecast says "too far".
MAX_FORECAST_DAYS = 3653


class Declined(Enum):
    TOO_SHORT = "too_short"  # fewer than MIN_DAYS daily values
    FLAT = "flat"  # no movement to speak of
    AWAY = "away"  # moving away from the target
    REACHED = "reached"  # the count is already there (or past it, on its way up)
    TOO_FAR = "too_far"  # more than MAX_FORECAST_DAYS away: no date, just "too far"


@dataclass(frozen=True, slots=True)
class Forecast:
    target: int
    latest: int
    per_day: float  # the Theil–Sen slope
    per_day_low: float  # 25th percentile of the pairwise slopes (toward the target: slowest)
    per_day_high: float  # 75th percentile (toward the target: fastest)
    days: float  # at per_day
    days_soonest: float  # at the fastest of the range
    days_latest: float | None  # at the slowest; None: the slow end does not reach it at all
    based_on: int  # how many daily values went in


@dataclass(frozen=True, slots=True)
class NoForecast:
    reason: Declined
    target: int | None
    per_day: float | None = None
    based_on: int = 0
    reached_on: date | None = None  # REACHED: the local day of the first sample at the target


def round_step(value: int) -> int:
    """What counts as round near `value`: the largest 1, 2.5 or 5 × 10^k within a quarter of it
    (248,100 → 50,000; 87,683 → 10,000; 10,600,000 → 2,500,000), so the next round number is
    near enough to plan for and still one people say ("250,000 friends")."""
    limit = max(1, abs(value) // 4)
    step, magnitude = 1, 1
    while magnitude <= limit:
        # 1, 2.5 and 5 of this order of magnitude (2.5 only where it is a whole number)
        for candidate in (magnitude, magnitude * 5 // 2 if magnitude >= 10 else 0, magnitude * 5):
            if 0 < candidate <= limit:
                step = max(step, candidate)
        magnitude *= 10
    return step


def round_above(value: int) -> int:
    """The next round number above value: 248,100 → 250,000; 250,000 → 300,000."""
    step = round_step(value)
    return (value // step + 1) * step


def round_below(value: int) -> int | None:
    """The largest round number below value (None when that would be 0 or less)."""
    step = round_step(value)
    below = (value - 1) // step * step
    return below if below > 0 else None


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), on sorted values."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def pairwise_slopes(points: Sequence[tuple[int, int]]) -> list[float]:
    """Slopes between every pair of (day index, value) points, sorted."""
    return sorted(
        (b[1] - a[1]) / (b[0] - a[0])
        for i, a in enumerate(points)
        for b in points[i + 1 :]
        if b[0] != a[0]
    )


@dataclass(frozen=True, slots=True)
class Trend:
    """The Theil–Sen trend of daily values and its range: what /forecast and /compare's
    catch-up rest on, so both say the same of one history."""

    per_day: float  # the median of the pairwise slopes
    q1: float  # their 25th percentile
    q3: float  # their 75th percentile
    based_on: int  # how many daily values went in
    span_days: int  # from the first of them to the last


def trend(points: Sequence[tuple[int, int]]) -> Trend | None:
    """The trend of the last MAX_DAYS (day index, value) points, any order; None with fewer than
    MIN_DAYS distinct days."""
    used = sorted(points)[-MAX_DAYS:]
    if len({day for day, _ in used}) < MIN_DAYS:
        return None
    slopes = pairwise_slopes(used)
    return Trend(
        per_day=percentile(slopes, 0.5),
        q1=percentile(slopes, 0.25),
        q3=percentile(slopes, 0.75),
        based_on=len(used),
        span_days=used[-1][0] - used[0][0],
    )


@dataclass(frozen=True, slots=True)
class Reach:
    """How long a trend takes to cover a distance: at its slope, and at each end of its range."""

    days: float
    soonest: float  # at the range's end that is steepest toward the distance
    latest: float | None  # at the other end; None: that end does not get there at all


def reach(distance: float, per_day: float, q1: float, q3: float) -> Reach | None:
    """`distance` (signed) at `per_day`, with the range q1..q3; None when the trend does not head
    that way."""
    if distance == 0 or (distance > 0) != (per_day > 0):
        return None
    # Toward the target, the fast end of the range is the steeper slope in its direction.
    fast, slow = (q3, q1) if distance > 0 else (q1, q3)
    return Reach(
        days=distance / per_day,
        soonest=distance / fast,
        latest=distance / slow if slow * distance > 0 else None,
    )


def forecast(
    points: Sequence[tuple[int, int]], latest: int, target: int | None = None
) -> Forecast | NoForecast:
    """`points`: (day index, count at that day's local midnight), any order, gaps left out;
    `latest` the count now. The default target is the next round number in the trend's
    direction."""
    found = trend(points)
    if target is not None and (
        target == latest or (target < latest and (found is None or found.per_day > -FLAT_PER_DAY))
    ):  # already there, and not a falling count heading down to it
        per_day_now = found.per_day if found is not None else None
        return NoForecast(Declined.REACHED, target, per_day_now, found.based_on if found else 0)
    if found is None:
        return NoForecast(Declined.TOO_SHORT, target, based_on=min(len(points), MAX_DAYS))
    per_day, based_on = found.per_day, found.based_on
    if abs(per_day) < FLAT_PER_DAY:
        return NoForecast(Declined.FLAT, target, per_day, based_on)
    if target is None:
        target = round_above(latest) if per_day > 0 else round_below(latest)
        if target is None:
            return NoForecast(Declined.AWAY, None, per_day, based_on)
    # Here target != latest: a given one equal to it returned above, a round one never is.
    distance = target - latest
    way = reach(distance, per_day, found.q1, found.q3)
    if way is None:
        return NoForecast(Declined.AWAY, target, per_day, based_on)
    if way.days > MAX_FORECAST_DAYS:
        return NoForecast(Declined.TOO_FAR, target, per_day, based_on)
    fast, slow = (found.q3, found.q1) if distance > 0 else (found.q1, found.q3)
    return Forecast(
        target=target,
        latest=latest,
        per_day=per_day,
        per_day_low=slow,
        per_day_high=fast,
        days=way.days,
        days_soonest=way.soonest,
        days_latest=way.latest if (way.latest or 0) <= MAX_FORECAST_DAYS else None,
        based_on=based_on,
    )


@dataclass(frozen=True, slots=True)
class ForecastWords:
    label: str | None
    target: int | None


def split_forecast_words(words: Sequence[str]) -> ForecastWords | None:
    """`/forecast [label] [target]` in either order; a target is a whole number as people type
    it ("250,000", "250000", "25만", "1.2만"); None when the words cannot mean that."""
    if len(words) > 2:
        return None
    label: str | None = None
    target: int | None = None
    for word in words:
        number = parse_typed_number(word)
        if number is not None or (word.isascii() and word.replace(",", "").isdigit()):
            if target is not None or number is None or number <= 0:
                return None
            target = number
        elif label is None:
            label = word
        else:
            return None
    return ForecastWords(label, target)


def points_from_days(gains: DailyGains) -> list[tuple[int, int]]:
    """(day number, count) at each local midnight /days found, gaps left out: a finished day's
    total is the count at its end, the next midnight."""
    return [
        (row.day.toordinal() + 1, row.total)
        for row in gains.rows
        if not row.today and row.total is not None
    ]
