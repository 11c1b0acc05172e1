"""/compare's catch-up estimate against held-out history: how far off it is, and how often the
day it actually happened fell inside the range it stated.

Each pair is generated (seeded) for 30 days of history and 730 held out: a leader and a smaller,
faster chaser, in four kinds of history. `bot.core.compare.catch_up` sees only the history (the
counts at the last 14 local midnights, the latest count at 15:00 on day 30); the held-out part
says when the chaser really reached the leader. Beside it, the naive estimate a reader of the
table might make: the gap over the difference of the two 30-day average gains per day.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.report import Report, Row, percentile
from bot.core.compare import CatchUp, CompareInput, catch_up, rounding_of
from bot.core.model import Sample

HISTORY_DAYS = 30
HELD_OUT_DAYS = 730  # the estimate's own horizon: every date it may give can be checked
NOW_OFFSET = 15 / 24  # "now" is 15:00 on the last history day
DAY0 = datetime(2026, 1, 1, tzinfo=UTC)
TODAY = (DAY0 + timedelta(days=HISTORY_DAYS)).date()


@dataclass(frozen=True, slots=True)
class Series:
    """A count through time: per-day gains, and how a day's gain is spread over its hours."""

    start: float
    gains: list[float]  # gains[d]: the change during day d
    cycle: float = 0.0  # intraday amplitude: 0 spreads a day's gain evenly
    rounding: int = 1  # counts shown rounded to this step (1: exact)

    def at(self, t: float) -> float:
        day = min(int(t), len(self.gains) - 1)
        f = t - day
        # the gain so far within the day: f with a daily wave (slow at night), 1 at midnight
        spread = f - self.cycle * math.sin(2 * math.pi * f) / (2 * math.pi)
        return self.start + sum(self.gains[:day]) + self.gains[day] * spread

    def shown(self, t: float) -> int:
        value = round(self.at(t))
        return round(value / self.rounding) * self.rounding if self.rounding > 1 else value


def _cumulative(series: Series) -> list[float]:
    out, total = [series.start], series.start
    for gain in series.gains:
        total += gain
        out.append(total)
    return out


@dataclass(frozen=True, slots=True)
class Case:
    leader: Series
    chaser: Series
    midnight_late: list[float]  # how long before each midnight its sample was taken (days)


Maker = Callable[[random.Random], Case]
DAYS = HISTORY_DAYS + HELD_OUT_DAYS + 1


def _pair(rng: random.Random) -> tuple[float, float, float, float]:
    """A leader's start and rate, and a chaser that would catch it in 20–400 days."""
    leader_rate = rng.uniform(50, 1_500)
    leader_start = rng.uniform(30_000, 600_000)
    true_days = rng.uniform(20, 400)
    gap = leader_start * rng.uniform(0.05, 0.6)
    chaser_rate = leader_rate + gap / (true_days + HISTORY_DAYS)
    return leader_start, leader_rate, leader_start - gap, chaser_rate


def _noisy(rng: random.Random, rate: float, spikes: bool = True) -> list[float]:
    gains = [max(0.0, rng.gauss(rate, 0.3 * rate)) for _ in range(DAYS)]
    if spikes:
        for _ in range(rng.randint(0, 2)):  # a campaign day or two
            gains[rng.randrange(DAYS)] += rate * rng.uniform(3, 8)
    return gains


def _on_time(rng: random.Random) -> list[float]:
    return [0.0] * (DAYS + 1)


def linear(rng: random.Random) -> Case:
    ls, lr, cs, cr = _pair(rng)
    return Case(Series(ls, _noisy(rng, lr)), Series(cs, _noisy(rng, cr)), _on_time(rng))


def slowing(rng: random.Random) -> Case:
    """The chaser's growth halves every 60–400 days (a campaign wearing off, a market filling):
    the trend of today overstates tomorrow, and some never catch up at all."""
    ls, lr, cs, cr = _pair(rng)
    half_life = rng.uniform(60, 400)
    gains = [g * 0.5 ** (d / half_life) for d, g in enumerate(_noisy(rng, cr))]
    return Case(Series(ls, _noisy(rng, lr)), Series(cs, gains), _on_time(rng))


def cycles(rng: random.Random) -> Case:
    """Busy weekdays and quiet weekends, slow nights, and midnight samples taken up to an hour
    early (the bot takes the last sample at or before midnight)."""
    ls, lr, cs, cr = _pair(rng)

    def weekly(rate: float, quiet: int) -> list[float]:
        base = rate * 7 / (5 + 2 * 0.5)
        return [g * (0.5 if (d + quiet) % 7 >= 5 else 1.0) for d, g in enumerate(_noisy(rng, base))]

    late = [rng.uniform(0, 1 / 24) for _ in range(DAYS + 1)]
    return Case(
        Series(ls, weekly(lr, 0), cycle=0.8),
        Series(cs, weekly(cr, 0), cycle=0.8),
        late,
    )


def rounded(rng: random.Random) -> Case:
    """Both shown rounded to three significant figures ("12.3만", "245K"), as rounded sources."""
    ls, lr, cs, cr = _pair(rng)
    step = 10 ** max(0, int(math.log10(cs)) - 2)
    return Case(
        Series(ls, _noisy(rng, lr), rounding=step),
        Series(cs, _noisy(rng, cr), rounding=step),
        _on_time(rng),
    )


SCENARIOS: dict[str, Maker] = {
    "linear + noise": linear,
    "slowing": slowing,
    "daily cycles": cycles,
    "rounded (3 digits)": rounded,
}


def _input(label: str, series: Series, late: list[float]) -> CompareInput:
    now = HISTORY_DAYS + NOW_OFFSET

    def sample(t: float) -> Sample:
        return Sample(DAY0 + timedelta(days=t), series.shown(t), approximate=series.rounding > 1)

    midnights = tuple(
        (TODAY.toordinal() + d - HISTORY_DAYS, series.shown(d - late[d]))
        for d in range(HISTORY_DAYS - 13, HISTORY_DAYS + 1)
    )
    rounding = rounding_of(v for _, v in midnights) if series.rounding > 1 else 1
    return CompareInput(
        label,
        label,
        sample(now),
        day_ago=sample(now - 1),
        week_ago=sample(now - 7),
        month_ago=sample(now - 30),
        midnights=midnights,
        rounding=rounding,
    )


def _actual(case: Case) -> float | None:
    """Days from now until the chaser's true count reaches the leader's; None: not in the
    held-out part."""
    now = HISTORY_DAYS + NOW_OFFSET
    leader, chaser = _cumulative(case.leader), _cumulative(case.chaser)
    if case.chaser.at(now) >= case.leader.at(now):
        return 0.0
    for d in range(HISTORY_DAYS + 1, DAYS):
        if chaser[d] >= leader[d]:
            before = max(now, d - 1.0)
            gap_before = case.leader.at(before) - case.chaser.at(before)
            gap_after = leader[d] - chaser[d]
            return before - now + (d - before) * gap_before / (gap_before - gap_after)
    return None


def _naive(case: Case) -> float | None:
    """The gap over the difference of the 30-day average gains (what the table's column says)."""
    now = HISTORY_DAYS + NOW_OFFSET
    lead, chase = case.leader, case.chaser
    closing = (
        chase.shown(now) - chase.shown(now - 30) - (lead.shown(now) - lead.shown(now - 30))
    ) / 30
    gap = lead.shown(now) - chase.shown(now)
    return gap / closing if closing > 0 and gap > 0 else None


@dataclass
class Tally:
    errors: list[float]
    relative: list[float]
    inside: int = 0
    estimated: int = 0
    crossed_estimated: int = 0
    never_crossed: int = 0  # estimated, but not reached in the held-out part
    declined: int = 0
    declined_crossed: int = 0  # said "not at this pace" and it did catch up
    naive_errors: list[float] | None = None


def measure(make: Maker, pairs: int, seed: int) -> Tally:
    rng = random.Random(seed)
    tally = Tally([], [], naive_errors=[])
    for _ in range(pairs):
        case = make(rng)
        actual = _actual(case)
        estimate = catch_up(
            _input("chaser", case.chaser, case.midnight_late),
            _input("leader", case.leader, case.midnight_late),
            TODAY,
        )
        naive = _naive(case)
        if actual is not None and naive is not None and tally.naive_errors is not None:
            tally.naive_errors.append(abs(naive - actual))
        if not isinstance(estimate, CatchUp):
            tally.declined += 1
            tally.declined_crossed += actual is not None
            continue
        tally.estimated += 1
        if actual is None:
            tally.never_crossed += 1
            continue
        tally.crossed_estimated += 1
        tally.errors.append(abs(estimate.days - actual))
        tally.relative.append(abs(estimate.days - actual) / max(actual, 1.0))
        latest = estimate.days_latest if estimate.days_latest is not None else math.inf
        tally.inside += estimate.days_soonest <= actual <= latest
    return tally


def _days(value: float) -> str:
    return f"{value:.1f} d" if value < 10 else f"{value:.0f} d"


async def bench_compare(report: Report, pairs: int = 400) -> None:
    for i, (name, make) in enumerate(SCENARIOS.items()):
        t = measure(make, pairs, seed=2200 + i)
        if not t.errors:
            report.add(Row("11 /compare catch-up", name, f"no estimate in {pairs} pairs"))
            continue
        naive = t.naive_errors or [math.nan]
        report.add(
            Row(
                "11 /compare catch-up",
                name,
                f"|error| median {_days(percentile(t.errors, 50))} · p90 "
                f"{_days(percentile(t.errors, 90))} · median {percentile(t.relative, 50):.0%} "
                f"of the days · actual day in the stated range "
                f"{t.inside / t.crossed_estimated:.0%} (n={t.crossed_estimated}); "
                f"dated but never caught {t.never_crossed}; declined {t.declined} "
                f"(of which caught later {t.declined_crossed})",
                baseline=f"30-day averages: |error| median {_days(percentile(naive, 50))} · "
                f"p90 {_days(percentile(naive, 90))}",
            )
        )
    report.note(
        f"11 /compare catch-up: {pairs} generated pairs per row, {HISTORY_DAYS} days seen, "
        f"{HELD_OUT_DAYS} held out; the estimate is bot.core.compare.catch_up (the Theil–Sen "
        "trend of the gap at the last 14 local midnights, its range from the 25th–75th "
        "percentile slopes); errors only where it gave a date and the chaser did catch up"
    )
