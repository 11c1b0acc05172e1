"""/why: when and how a count moved unusually, judged from hourly rollup rows. Pure, no I/O.

The rules (every threshold is a named constant below, pinned by tests/test_unusual.py):

- **Usual** for an hour is what that hour of the week gained over the previous BASELINE_DAYS
  days: the same hour of day ± one hour, every day, scaled by a weekday factor (median day of
  that weekday / median day), summarised by the median and MAD (σ ≈ 1.4826 × MAD, never below
  the Poisson √usual) and the 10th–90th percentiles shown as "usual +15 to +25".
- **Jump / loss**: an hour's change more than JUMP_SIGMAS σ above the usual and at least
  JUMP_FACTOR × the usual high (a loss: a fall more than LOSS_SIGMAS σ below the usual and
  at least LOSS_FACTOR × the usual high in size). Adjacent hours of the same sign make one event.
  A day's change is judged the same way against the usual day (DAY_SIGMAS, DAY_FACTOR), with
  what the hourly events already explain taken out. Never less than MIN_CHANGE.
- **Step**: a jump that still holds at least STEP_KEEP of its gain STEP_HOLD_HOURS later. Until
  then it is a jump (`settled=False`); a jump that went back stays a jump, and the falls that
  took it back are part of it, not losses.
- **Change of pace**: the day's gain (weekday-adjusted) at least PACE_MIN_CHANGE faster or
  slower than the median of the PACE_BASE_DAYS days before, for PACE_MIN_DAYS days or more,
  each of them at least PACE_DAY_MIN_CHANGE off; it is dated to the first such day.
- **Stop**: STOP_MIN_HOURS or more hours without growth where the usual would have brought at
  least STOP_MIN_EXPECTED and those hours grew in at least STOP_ALWAYS of the pool.
- **Gaps** are never a loss or a jump: the change across hours without samples is judged per
  hour, against the usual of all the hours it spans.
- **Rounded sources** (≈) are judged with their rounding: the step (the largest power of ten
  dividing every value) is taken off every change first, so a tick of one step is no event.
- Before MIN_HISTORY_DAYS of history nothing is judged: the answer says how many days it has.

Method choice and bench figures: docs/UNUSUAL.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Final

import numpy as np

from bot.core.unusual_pace import PaceFound, find_pace_changes
from bot.core.unusual_series import (
    HOUR,
    USUAL_QUANTILES,
    Floats,
    HourBaseline,
    HourRow,
    Series,
    build_series,
    daily_gains,
    hour_baselines,
    rounding_step,
    weekday_factors,
)

BASELINE_DAYS: Final = 28  # the usual is learnt from this many days before the judged one
MIN_HISTORY_DAYS: Final = 14  # two of each weekday before anything is judged
JUMP_SIGMAS: Final = 6.0
JUMP_FACTOR: Final = 4.0  # × the usual high ("usual +15 to +25": at least +100)
LOSS_SIGMAS: Final = 4.0
LOSS_FACTOR: Final = 1.0  # a fall at least as big as a usual high hour's gain
DAY_SIGMAS: Final = 6.0
DAY_FACTOR: Final = 2.0  # × the usual high day
MIN_CHANGE: Final = 10  # smaller changes are never events, whatever the usual
STEP_HOLD_HOURS: Final = 24
STEP_KEEP: Final = 0.5
STOP_MIN_HOURS: Final = 3
STOP_MIN_EXPECTED: Final = 30.0  # what the usual would have brought over the stop, at least
STOP_ROUNDED_STEPS: Final = 4  # for a rounded source: at least this many rounding steps
STOP_ALWAYS: Final = 0.9
STOP_MAX_FALL: Final = 0.25  # a stop is flat: a fall beyond this share of the usual is a loss


class EventKind(StrEnum):
    JUMP = "jump"
    LOSS = "loss"
    STEP = "step"
    PACE_CHANGE = "pace_change"
    STOP = "stop"


class Span(StrEnum):
    HOUR = "hour"  # one or a few hours
    DAY = "day"  # a local day


class Pace(StrEnum):
    FASTER = "faster"
    SLOWER = "slower"


@dataclass(frozen=True, slots=True)
class Movement:
    """A jump, loss or step: `change` over `hours` hours from `start`, against the usual."""

    kind: EventKind
    start: datetime  # aware UTC: the first hour's (or the local day's) start
    hours: int  # how many hours it took (more than 1 across adjacent hours or a gap)
    span: Span
    change: int
    usual: int  # the usual change over those hours (the median)
    usual_low: int  # the usual range (10th–90th percentile) over those hours
    usual_high: int
    factor: float | None  # change / usual; None when the usual is not positive
    settled: bool  # a jump whose hold window has passed (it is then a step, or went back)
    approximate: bool


@dataclass(frozen=True, slots=True)
class PaceChange:
    """The daily gain changed by PACE_MIN_CHANGE or more from `start` (a local day's start)."""

    kind: EventKind
    start: datetime
    direction: Pace
    before_per_day: float
    after_per_day: float
    days: int  # the days it has lasted so far
    approximate: bool


@dataclass(frozen=True, slots=True)
class Stop:
    """No growth for `hours` hours from `start` where the usual would have brought `expected`."""

    kind: EventKind
    start: datetime
    hours: int
    expected: int
    ongoing: bool  # still flat at the last closed hour
    approximate: bool


UnusualEvent = Movement | PaceChange | Stop


@dataclass(frozen=True, slots=True)
class Usual:
    """The usual hourly and daily change (10th–90th percentiles) over the baseline."""

    hour_low: int
    hour_high: int
    day_low: int
    day_high: int


@dataclass(frozen=True, slots=True)
class Unusual:
    """What was unusual, newest first (empty: nothing was), and the usual it was judged by."""

    events: tuple[UnusualEvent, ...]
    usual: Usual


@dataclass(frozen=True, slots=True)
class NotEnoughHistory:
    needed_days: int
    have_days: int

    @property
    def more_days(self) -> int:
        return max(1, self.needed_days - self.have_days)


def rows_since(now: datetime, window: timedelta) -> datetime:
    """The earliest hour `detect_unusual` reads for a window ending now: the baseline before it."""
    start = now - window - timedelta(days=BASELINE_DAYS + 1)
    return start.replace(minute=0, second=0, microsecond=0)


def detect_unusual(
    rows: Sequence[HourRow],
    tz: tzinfo,
    now: datetime,
    *,
    window: timedelta = timedelta(days=7),
    rounded: bool = False,
) -> Unusual | NotEnoughHistory:
    """The unusual movements whose start lies in (now − window, now], judged on closed hours."""
    end_hour = int(now.timestamp()) // HOUR
    series = build_series(rows, tz, end_hour)
    have = 0 if series is None else (end_hour - series.h0) // 24
    if series is None or have < MIN_HISTORY_DAYS + 1:
        return NotEnoughHistory(MIN_HISTORY_DAYS + 1, have)
    step = rounding_step(rows) if rounded else 1
    window_hour = max(int((now - window).timestamp()) // HOUR, series.h0)
    first_day = max(MIN_HISTORY_DAYS, int(series.day[series.at(window_hour)]) - 1)
    gains = daily_gains(series)
    factors = weekday_factors(gains, series.days, first_day)
    base = hour_baselines(series, factors, BASELINE_DAYS, first_day, rounded=step > 1)
    moves = _settle(series, base, _hour_movements(series, base, step, first_day), step > 1)
    paces = find_pace_changes(gains, factors, series.days, first_day, step)
    days = _day_movements(series, gains, factors, moves, paces, step, first_day)
    stops = _stops(series, base, step, first_day)
    approx = step > 1
    events: list[UnusualEvent] = [*moves, *days, *stops]
    for p in paces:
        pace = _pace_event(series, tz, p, approx)
        if not any(_covers(s, pace) for s in stops):
            events.append(pace)
    since = window_hour * HOUR
    kept = [e for e in events if e.start.timestamp() >= since]
    kept.sort(key=lambda e: e.start, reverse=True)
    return Unusual(tuple(kept), _usual(series, gains, first_day))


def _when(series: Series, i: int) -> datetime:
    return datetime.fromtimestamp((series.h0 + i) * HOUR, UTC)


@dataclass(frozen=True, slots=True)
class _Seg:
    """A judged stretch of closed hours [a, b] (indices) and its change."""

    a: int
    b: int
    change: float
    usual: float
    low: float
    high: float
    sign: int


def _hour_movements(series: Series, base: HourBaseline, step: int, first_day: int) -> list[_Seg]:
    """Each judged segment (an hour, or a gap and the hour that ends it) against the usual of
    the hours it spans, all at once with prefix sums."""

    def spans(x: Floats) -> Floats:
        total: Floats = np.concatenate(([0.0], np.cumsum(x)))
        out: Floats = total[ends + 1] - total[starts]
        return out

    ends = np.flatnonzero((series.span > 0) & (series.day >= first_day))
    starts = ends - series.span[ends] + 1
    if not len(ends):
        return []
    known = ~np.isnan(base.median)
    whole = spans((~known).astype(np.float64)) == 0
    med = np.where(known, base.median, 0.0)
    floor = np.sqrt(np.maximum(np.abs(med), 1.0))
    usual = spans(med)
    sigma = np.sqrt(spans(np.maximum(np.nan_to_num(base.sigma), floor) ** 2))
    high = spans(np.nan_to_num(base.high))
    low = spans(np.nan_to_num(base.low))
    change = series.value[ends] - series.value[starts - 1]
    judged = np.sign(change) * np.maximum(0.0, np.abs(change) - (step if step > 1 else 0))
    top = np.maximum(high, 1.0)
    up = (judged - usual > JUMP_SIGMAS * sigma) & (judged >= JUMP_FACTOR * top)
    up &= judged - usual >= MIN_CHANGE
    down = (judged < 0) & (usual - judged > LOSS_SIGMAS * sigma) & (-judged >= LOSS_FACTOR * top)
    down &= -judged >= MIN_CHANGE
    segs = [
        _Seg(
            int(starts[k]),
            int(ends[k]),
            float(change[k]),
            float(usual[k]),
            float(low[k]),
            float(high[k]),
            1 if up[k] else -1,
        )
        for k in np.flatnonzero((up | down) & whole)
    ]
    merged: list[_Seg] = []
    for s in segs:
        last = merged[-1] if merged else None
        if last is not None and last.sign == s.sign and s.a == last.b + 1:
            merged[-1] = _Seg(
                last.a,
                s.b,
                last.change + s.change,
                last.usual + s.usual,
                last.low + s.low,
                last.high + s.high,
                s.sign,
            )
        else:
            merged.append(s)
    return merged


@dataclass(frozen=True, slots=True)
class _Judged:
    seg: _Seg
    kind: EventKind
    settled: bool


def _settle(series: Series, base: HourBaseline, segs: list[_Seg], approx: bool) -> list[Movement]:
    """Jumps become steps when they hold; the falls that take a jump back are part of it."""
    n = len(series.rate)
    judged: list[_Judged] = []
    absorbed: set[int] = set()
    for k, s in enumerate(segs):
        if k in absorbed:
            continue
        if s.sign < 0:
            judged.append(_Judged(s, EventKind.LOSS, True))
            continue
        end = s.b + STEP_HOLD_HOURS
        if end >= n:
            judged.append(_Judged(s, EventKind.JUMP, False))
            continue
        after = series.rate[s.b + 1 : end + 1]
        expected = np.nan_to_num(base.median[s.b + 1 : end + 1])
        drift = float(np.nansum(after) - expected[~np.isnan(after)].sum())
        kept = s.change + min(0.0, drift)
        if kept >= STEP_KEEP * s.change:
            judged.append(_Judged(s, EventKind.STEP, True))
            continue
        judged.append(_Judged(s, EventKind.JUMP, True))
        for j in range(k + 1, len(segs)):
            if segs[j].sign < 0 and s.b < segs[j].a <= end:
                absorbed.add(j)
    return [_movement(series, j.seg, j.kind, Span.HOUR, j.settled, approx) for j in judged]


def _movement(
    series: Series, s: _Seg, kind: EventKind, span: Span, settled: bool, approx: bool
) -> Movement:
    return Movement(
        kind=kind,
        start=_when(series, s.a),
        hours=s.b - s.a + 1,
        span=span,
        change=round(s.change),
        usual=round(s.usual),
        usual_low=round(s.low),
        usual_high=round(s.high),
        factor=round(s.change / s.usual, 1) if s.usual >= 1 else None,
        settled=settled,
        approximate=approx,
    )


def _day_movements(
    series: Series,
    gains: Floats,
    factors: Floats,
    moves: list[Movement],
    paces: list[PaceFound],
    step: int,
    first_day: int,
) -> list[Movement]:
    """Whole local days well outside the usual day, beyond what their hourly events explain."""
    out: list[Movement] = []
    for d in range(first_day, len(gains)):
        if np.isnan(gains[d]):
            continue
        pool = gains[max(0, d - BASELINE_DAYS) : d]
        wd = np.array([series.days[k].weekday() for k in range(max(0, d - BASELINE_DAYS), d)])
        keep = ~np.isnan(pool)
        if keep.sum() < MIN_HISTORY_DAYS // 2:
            continue
        f = factors[series.days[d].weekday()]
        norm = pool[keep] / factors[wd[keep]]
        usual = float(np.median(norm)) * f
        sigma = max(float(np.median(np.abs(norm - np.median(norm)))) * 1.4826 * f, 1.0)
        sigma = max(sigma, float(np.sqrt(max(abs(usual), 1.0))))
        low, high = (float(q) * f for q in np.percentile(norm, USUAL_QUANTILES))
        idx = np.flatnonzero(series.day == d)
        a, b = int(idx[0]), int(idx[-1])
        start, stop = _when(series, a), _when(series, b + 1)
        explained = sum(m.change - m.usual for m in moves if start <= m.start < stop)
        change = float(gains[d])
        rest = change - explained
        judged = np.sign(rest) * max(0.0, abs(rest) - (step if step > 1 else 0))
        sign = 0
        top = DAY_FACTOR * max(high, 1.0)
        if judged - usual > DAY_SIGMAS * sigma and judged >= top and change >= top:
            sign = 1
        elif judged < 0 and change < 0 and usual - judged > DAY_SIGMAS * sigma:
            sign = -1
        if not sign or abs(judged) < MIN_CHANGE:
            continue
        if any(p.first <= d < p.first + p.days and p.sign == sign for p in paces):
            continue  # the first days of a change of pace, said once as that
        seg = _Seg(a, b, change, usual, low, high, sign)
        kind = EventKind.JUMP if sign > 0 else EventKind.LOSS
        out.append(_movement(series, seg, kind, Span.DAY, True, step > 1))
    return out


def _stops(series: Series, base: HourBaseline, step: int, first_day: int) -> list[Stop]:
    flat = ~np.isnan(series.rate) & (series.rate <= 0) & (series.day >= first_day)
    out: list[Stop] = []
    n = len(flat)
    i = 0
    while i < n:
        if not flat[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and flat[j + 1]:
            j += 1
        hours = j - i + 1
        expected = float(np.nansum(base.median[i : j + 1]))
        grows = float(np.nanmean(base.grows[i : j + 1])) if hours else 0.0
        enough = expected >= (STOP_ROUNDED_STEPS * step if step > 1 else STOP_MIN_EXPECTED)
        always = step > 1 or grows >= STOP_ALWAYS
        fall = -float(np.nansum(series.rate[i : j + 1]))
        level = fall <= STOP_MAX_FALL * expected + (step if step > 1 else 0)
        if hours >= STOP_MIN_HOURS and enough and always and level:
            at = _when(series, i)
            out.append(Stop(EventKind.STOP, at, hours, round(expected), j == n - 1, step > 1))
        i = j + 1
    return out


def _covers(stop: Stop, pace: PaceChange) -> bool:
    """A stop that fills most of a slowdown's days is the same story: say it once, as a stop."""
    inside = pace.start <= stop.start < pace.start + timedelta(days=pace.days)
    return pace.direction is Pace.SLOWER and inside and stop.hours >= 12 * pace.days


def _pace_event(series: Series, tz: tzinfo, p: PaceFound, approx: bool) -> PaceChange:
    day = series.days[p.first]
    start = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
    return PaceChange(
        kind=EventKind.PACE_CHANGE,
        start=start,
        direction=Pace.FASTER if p.sign > 0 else Pace.SLOWER,
        before_per_day=round(p.before, 1),
        after_per_day=round(p.after, 1),
        days=p.days,
        approximate=approx,
    )


def _usual(series: Series, gains: Floats, first_day: int) -> Usual:
    clean = (series.span == 1) & (series.day < first_day) & ~np.isnan(series.rate)
    rates = series.rate[clean] if clean.any() else np.array([0.0])
    days = gains[:first_day][~np.isnan(gains[:first_day])]
    days = days if len(days) else np.array([0.0])
    h_lo, h_hi = np.percentile(rates, USUAL_QUANTILES)
    d_lo, d_hi = np.percentile(days, USUAL_QUANTILES)
    return Usual(round(h_lo), round(h_hi), round(d_lo), round(d_hi))
