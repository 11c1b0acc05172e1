"""A change of pace: the daily gain faster or slower by about 30 % for at least three days.

Days are compared after their weekday factor is taken out, so a quiet weekend is not a
slowdown. The pace before is the median of up to PACE_BASE_DAYS days, which one campaign day
barely moves; the change is dated to the first day of the run. Pure arithmetic, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np

from bot.core.unusual_series import Floats

PACE_MIN_CHANGE: Final = 0.30  # the median day after, against the pace before
PACE_DAY_MIN_CHANGE: Final = 0.15  # each of the first PACE_MIN_DAYS days, the same way
PACE_MIN_DAYS: Final = 3
PACE_BASE_DAYS: Final = 14  # the pace before: median of up to this many days
PACE_BASE_MIN_DAYS: Final = 7
PACE_AFTER_DAYS: Final = 7  # the pace after: median of up to this many days
PACE_MIN_PER_DAY: Final = 5.0  # a pace below this is no pace to change (a stop, if anything)
PACE_ROUNDING_SHARE: Final = 0.25  # a rounded source's step above this share of a day: sum days


@dataclass(frozen=True, slots=True)
class PaceFound:
    first: int  # day index of the first changed day
    days: int  # changed days so far
    sign: int  # +1 faster, -1 slower
    before: float  # per day, as gained (weekday factors put back: the median day)
    after: float


def find_pace_changes(
    gains: Floats, factors: Floats, days: Sequence[date], first_day: int, step: int
) -> list[PaceFound]:
    """Every change of pace starting on day `first_day` or later, oldest first."""
    wd = np.array([d.weekday() for d in days], dtype=np.int64)
    norm = gains / factors[wd]
    whole = np.flatnonzero(~np.isnan(norm))
    out: list[PaceFound] = []
    regime = 0
    c = first_day
    while c < len(norm):
        found = _at(norm, gains, whole, regime, c, step)
        if found is None:
            c += 1
            continue
        out.append(found)
        regime = c
        c += max(PACE_BASE_MIN_DAYS, found.days)
    return out


def _at(
    norm: Floats, gains: Floats, whole: np.ndarray, regime: int, c: int, step: int
) -> PaceFound | None:
    before_idx = whole[(whole >= max(regime, c - PACE_BASE_DAYS)) & (whole < c)]
    after_idx = whole[whole >= c][:PACE_AFTER_DAYS]
    if len(before_idx) < PACE_BASE_MIN_DAYS or len(after_idx) < PACE_MIN_DAYS:
        return None
    if np.isnan(norm[c]) or after_idx[PACE_MIN_DAYS - 1] != c + PACE_MIN_DAYS - 1:
        return None  # the run must start on c and its first days must be whole
    before = float(np.median(norm[before_idx]))
    if before < PACE_MIN_PER_DAY:
        return None
    ratios = norm[after_idx] / before
    first = ratios[:PACE_MIN_DAYS]
    median = float(np.median(ratios))
    coarse = step > 1 and step > PACE_ROUNDING_SHARE * before
    if coarse:
        total = float(norm[after_idx].sum())
        expected = before * len(after_idx)
        off = abs(total - expected) - 2 * step
        if off < PACE_MIN_CHANGE * expected:
            return None
        sign = 1 if total > expected else -1
    elif median >= 1 + PACE_MIN_CHANGE and (first >= 1 + PACE_DAY_MIN_CHANGE).all():
        sign = 1
    elif median <= 1 - PACE_MIN_CHANGE and (first <= 1 - PACE_DAY_MIN_CHANGE).all():
        sign = -1
    else:
        return None
    days = _run(ratios, sign)
    return PaceFound(
        first=c,
        days=days if not coarse else len(after_idx),
        sign=sign,
        before=float(np.median(gains[before_idx])),
        after=float(np.median(gains[after_idx[: max(days, PACE_MIN_DAYS)]])),
    )


def _run(ratios: Floats, sign: int) -> int:
    """How many days from the first the pace stayed changed (at least PACE_MIN_DAYS)."""
    limit = 1 + sign * PACE_DAY_MIN_CHANGE
    n = 0
    for r in ratios:
        if (r >= limit) if sign > 0 else (r <= limit):
            n += 1
        else:
            break
    return max(n, PACE_MIN_DAYS)
