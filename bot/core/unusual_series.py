"""The hourly series /why judges, built from the hourly rollup: pure arithmetic with numpy.

An hour without samples is a gap, never a zero: the change across a gap is spread evenly over
its hours (`rate`), so a gap neither creates a loss nor, when sampling resumes, a jump. Hours are
placed on the local calendar (a DST day simply has 23 or 25 of them), and the usual change for
each hour of the week comes from a multiplicative model — a weekday factor × an hour-of-day
profile — estimated with medians and MADs, so one burst after a post barely moves it.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Final

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

HOUR: Final = 3600
MAD_TO_SIGMA: Final = 1.4826  # a MAD times this estimates σ for normal noise
USUAL_QUANTILES: Final = (10.0, 90.0)  # "usual +15 to +25": the 10th to 90th percentile
NEIGHBOUR_HOURS: Final = 1  # an hour's pool also holds the hours either side of it, every day
WEEKDAY_FACTOR_LIMITS: Final = (0.5, 2.0)  # a weekday is never read as more different than this
ROUNDED_HIGH: Final = 2.0  # a rounded source's usual high hour: this × its mean hour
MIN_WEEKDAY_DAYS: Final = 2  # days of one weekday needed before its factor is trusted


@dataclass(frozen=True, slots=True)
class HourRow:
    """One hourly rollup row: an hour that had good samples (an hour with none has no row)."""

    hour: int  # UTC hour number: ts // 3600, the rollup's bucket
    last: int  # the hour's last good value
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Series:
    """Hours h0 .. h0+n-1 (all closed), dense: NaN where an hour had no sample."""

    h0: int
    value: Floats  # the hour's last value, NaN in a gap
    rate: Floats  # change per hour; across a gap the gap's change spread evenly
    span: Ints  # at an hour that ends a segment: hours since the previous sample (1: no gap)
    day: Ints  # local day index (0 = the first local day)
    hod: Ints  # local hour of day
    weekday: Ints  # local weekday of each hour, Monday 0
    days: tuple[date, ...]  # the local dates, by day index

    def at(self, hour: int) -> int:
        return hour - self.h0


def build_series(rows: Sequence[HourRow], tz: tzinfo, end_hour: int) -> Series | None:
    """The closed hours from the first row to `end_hour` (exclusive); None without two rows."""
    kept = sorted((r for r in rows if r.hour < end_hour), key=lambda r: r.hour)
    if len(kept) < 2:
        return None
    h0 = kept[0].hour
    n = end_hour - h0
    value = np.full(n, np.nan)
    for r in kept:
        value[r.hour - h0] = r.last
    rate = np.full(n, np.nan)
    span = np.zeros(n, dtype=np.int64)
    idx = np.flatnonzero(~np.isnan(value))
    for p, i in itertools.pairwise(idx):
        g = int(i - p)
        rate[p + 1 : i + 1] = (value[i] - value[p]) / g
        span[i] = g
    hours = np.arange(h0, end_hour, dtype=np.int64)
    local = hours * HOUR + _offsets(hours, tz)
    ordinal = local // 86400  # days since 1970-01-01 (a Thursday) on the local calendar
    day = ordinal - ordinal[0]
    hod = (local // HOUR) % 24
    weekday = (ordinal + 3) % 7
    first = date.fromordinal(date(1970, 1, 1).toordinal() + int(ordinal[0]))
    days = tuple(date.fromordinal(first.toordinal() + d) for d in range(int(day[-1]) + 1))
    return Series(h0, value, rate, span, day, hod, weekday, days)


def _offsets(hours: Ints, tz: tzinfo) -> Ints:
    """Each hour's UTC offset in seconds: asked once a day, and hour by hour only in a day
    whose offset changes (a DST switch), so 35 days cost ~40 look-ups, not 840."""

    def offset(h: int) -> int:
        delta = datetime.fromtimestamp(h * HOUR, UTC).astimezone(tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    out = np.empty(len(hours), dtype=np.int64)
    for k in range(0, len(hours), 24):
        chunk = hours[k : k + 24]
        a, b = offset(int(chunk[0])), offset(int(chunk[-1]))
        out[k : k + len(chunk)] = a if a == b else [offset(int(h)) for h in chunk]
    return out


def daily_gains(series: Series) -> Floats:
    """Each local day's change (gaps spread), NaN for a day with under half its hours known;
    the first and the still-open last day are NaN too (they are not whole)."""
    n_days = len(series.days)
    known = ~np.isnan(series.rate)
    total = np.bincount(series.day, weights=np.where(known, series.rate, 0.0), minlength=n_days)
    count = np.bincount(series.day, weights=known.astype(np.float64), minlength=n_days)
    hours = np.bincount(series.day, minlength=n_days)
    gains = np.where(count * 2 >= hours, total * hours / np.maximum(count, 1), np.nan)
    gains[0] = np.nan
    if n_days and series.hod[-1] != 23:
        gains[-1] = np.nan
    return gains


def weekday_factors(gains: Floats, days: Sequence[date], upto: int) -> Floats:
    """How much each weekday gains compared with the median day, from days before `upto`."""
    factors = np.ones(7)
    usable = [(days[d].weekday(), gains[d]) for d in range(min(upto, len(gains)))]
    usable = [(w, g) for w, g in usable if not np.isnan(g)]
    if not usable:
        return factors
    overall = float(np.median([g for _, g in usable]))
    if overall <= 0:
        return factors
    lo, hi = WEEKDAY_FACTOR_LIMITS
    for w in range(7):
        mine = [g for k, g in usable if k == w]
        if len(mine) >= MIN_WEEKDAY_DAYS:
            factors[w] = min(hi, max(lo, float(np.median(mine)) / overall))
    return factors


@dataclass(frozen=True, slots=True)
class HourBaseline:
    """Per hour: the usual change for that hour of the week (median, σ, usual low/high) and how
    often that hour grew at all."""

    median: Floats
    sigma: Floats
    low: Floats
    high: Floats
    grows: Floats  # share of the pool with a positive change


def hour_baselines(
    series: Series, factors: Floats, pool_days: int, first_day: int, *, rounded: bool = False
) -> HourBaseline:
    """For every hour of days `first_day` onwards, its usual from the `pool_days` days before
    its own day: the same hour of day ± NEIGHBOUR_HOURS, each day's value divided by its weekday
    factor and the result multiplied by this day's. Only clean hours (no gap) go in a pool.

    A rounded source's hours are mostly 0 with a tick now and then, so its median says nothing:
    its usual is the mean, σ the standard deviation, and its high ROUNDED_HIGH × the mean."""
    n_days = len(series.days)
    grid = np.full((n_days, 24), np.nan)
    clean = (series.span == 1) & ~np.isnan(series.rate)
    scaled = series.rate / factors[series.weekday]
    grid[series.day[clean], series.hod[clean]] = scaled[clean]
    n = len(series.rate)
    out = [np.full(n, np.nan) for _ in range(5)]
    shifts = range(-NEIGHBOUR_HOURS, NEIGHBOUR_HOURS + 1)
    for d in range(max(first_day, 1), n_days):
        rows = grid[max(0, d - pool_days) : d]
        pool = np.concatenate([np.roll(rows, -s, axis=1) for s in shifts], axis=0)
        have = (~np.isnan(pool)).sum(axis=0)
        if not have.any():
            continue
        med, lo, hi = column_quantiles(pool, (50.0, *USUAL_QUANTILES))
        (mad,) = column_quantiles(np.abs(pool - med[None, :]), (50.0,))
        if rounded:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # an hour never seen: NaN
                med = np.nanmean(pool, axis=0)
                mad = np.nanstd(pool, axis=0) / MAD_TO_SIGMA
            lo, hi = np.zeros_like(med), med * ROUNDED_HIGH
        grows = (pool > 0).sum(axis=0) / np.maximum(have, 1)
        mine = np.flatnonzero(series.day == d)
        f = factors[series.weekday[mine]]
        h = series.hod[mine]
        out[0][mine] = med[h] * f
        out[1][mine] = mad[h] * MAD_TO_SIGMA * f
        out[2][mine] = lo[h] * f
        out[3][mine] = hi[h] * f
        out[4][mine] = grows[h]
    return HourBaseline(*out)


def column_quantiles(pool: Floats, qs: Sequence[float]) -> list[Floats]:
    """Each column's quantiles (linear, as numpy's default), NaNs left out: one sort for all
    columns, where np.nanpercentile loops over them in Python (10× slower here)."""
    ordered = np.sort(pool, axis=0)  # NaNs sort last
    have = (~np.isnan(pool)).sum(axis=0)
    cols = np.arange(pool.shape[1])
    out = []
    for q in qs:
        pos = np.maximum(have - 1, 0) * (q / 100.0)
        below = np.floor(pos).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(have - 1, 0))
        frac = pos - below
        value = ordered[below, cols] * (1 - frac) + ordered[above, cols] * frac
        out.append(np.where(have > 0, value, np.nan))
    return out


def rounding_step(rows: Sequence[HourRow]) -> int:
    """A rounded source's step: the largest power of ten that divides every value it showed
    ("10.6M" → 100,000; "12.3만" → 1,000)."""
    values = [v for r in rows for v in (r.last, r.low, r.high) if v]
    step = 1
    while values and step < 10**15 and all(v % (step * 10) == 0 for v in values):
        step *= 10
    return step
