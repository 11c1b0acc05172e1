"""/compare: sources side by side, fair between sizes, and who catches whom. Pure, no I/O.

Per source: the count, its change over 24 hours, 7 days and 30 days (the references found by the
seed's rule: the sample nearest to exactly then, within ±90 minutes), the average gain per day
over 30 days, that gain as a percentage of the count (fair between a 10,000 and a 10,000,000
channel), and the rank by each. For every pair where the smaller grows faster: when it catches
up, from the same Theil–Sen trend and range as /forecast (`bot/core/forecast.py`), taken of the
gap between the two at the local midnights both have. A rounded source (≈, "10.6M") carries its
rounding into every figure as a margin: ranks within the margin are shared, a catch-up's range
is widened by it, and a gap inside it is called too close to say.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum

from bot.core.forecast import FLAT_PER_DAY, Trend, reach, trend
from bot.core.model import ChartLine, Sample

# Past this many days a 14-day trend says nothing: "not at this pace" rather than "in 9 years".
HORIZON_DAYS = 730
_DAY_SECONDS = 86_400.0


class Measure(Enum):
    """The figures compared, in the table's order."""

    COUNT = "count"
    DAY = "24h"
    WEEK = "7d"
    MONTH = "30d"
    PER_DAY = "per_day"
    GROWTH = "growth"


@dataclass(frozen=True, slots=True)
class Figure:
    """A compared figure; `margin` is how far rounding may have moved it (0 when exact)."""

    value: float
    margin: float = 0.0
    approximate: bool = False

    @property
    def low(self) -> float:
        return self.value - self.margin

    @property
    def high(self) -> float:
        return self.value + self.margin


@dataclass(frozen=True, slots=True)
class CompareInput:
    """One source as gathered by the edge: the samples the bot's rules found, and the counts at
    local midnights /forecast reads (`points_from_days`)."""

    label: str
    name: str
    latest: Sample
    day_ago: Sample | None = None  # nearest to latest − 24 h, within the tolerance
    week_ago: Sample | None = None
    month_ago: Sample | None = None
    midnights: tuple[tuple[int, int], ...] = ()  # (day ordinal, count at that local midnight)
    rounding: int = 1  # the step a rounded source's counts move in ("10.6M": 100,000); 1: exact

    @property
    def rounded(self) -> bool:
        return self.rounding > 1 or self.latest.approximate

    def margin(self, sample: Sample) -> float:
        """Half a rounding step for a rounded sample (the shown figure is the nearest step)."""
        return max(self.rounding, 1) / 2 if sample.approximate else 0.0


@dataclass(frozen=True, slots=True)
class Rank:
    place: int  # 1 + the sources certainly ahead (beyond both margins)
    tied: bool  # another source's figure is equal or within the margins of this one


@dataclass(frozen=True, slots=True)
class SourceFigures:
    label: str
    name: str
    count: Figure
    change_24h: Figure | None
    change_7d: Figure | None
    change_30d: Figure | None
    per_day: Figure | None  # average gain per day over `per_day_days`
    per_day_days: float | None  # 30 when the history has it; else the longest of 7 or 1
    growth_pct: Figure | None  # per_day as a percentage of the count
    trend: Trend | None  # the Theil–Sen trend of its own midnights (what /forecast says)
    ranks: Mapping[Measure, Rank]  # a measure without a figure has no rank

    def figure(self, measure: Measure) -> Figure | None:
        return {
            Measure.COUNT: self.count,
            Measure.DAY: self.change_24h,
            Measure.WEEK: self.change_7d,
            Measure.MONTH: self.change_30d,
            Measure.PER_DAY: self.per_day,
            Measure.GROWTH: self.growth_pct,
        }[measure]


@dataclass(frozen=True, slots=True)
class CatchUp:
    """`chaser` reaches `leader` in about `days` (between `days_soonest` and `days_latest`)."""

    chaser: str  # labels
    leader: str
    gap: Figure  # leader − chaser now
    closing_per_day: float  # how fast the gap shrinks: the trend of the gap, sign flipped
    closing_low: float  # the slow end of its range (rounding included)
    closing_high: float  # the fast end
    days: float
    days_soonest: float
    days_latest: float | None  # None: the slow end does not catch up within HORIZON_DAYS
    on: date
    soonest_on: date
    latest_on: date | None
    based_on: int  # midnights both sources have, of the last 14
    approximate: bool


class Why(Enum):
    """Why a pair where the smaller grows faster has no catch-up date."""

    NOT_CLOSING = "not_closing"  # the gap's own trend is flat or widening: not at this pace
    TOO_FAR = "too_far"  # it closes, but past HORIZON_DAYS: not at this pace either
    TOO_SHORT = "too_short"  # fewer than 3 midnights both have
    LEVEL = "level"  # the gap is within the rounding: who leads cannot be told


@dataclass(frozen=True, slots=True)
class NotCaught:
    chaser: str
    leader: str
    gap: Figure
    why: Why
    closing_per_day: float | None  # None: no trend to tell
    based_on: int


@dataclass(frozen=True, slots=True)
class Comparison:
    sources: tuple[SourceFigures, ...]  # largest count first
    pairs: tuple[CatchUp | NotCaught, ...]  # the soonest catch-ups first, then the others
    today: date  # the local date the catch-up dates count from


def rounding_of(values: Iterable[int]) -> int:
    """The step a rounded source's counts move in: the largest power of ten dividing every one
    of them (10,600,000 and 10,700,000 → 100,000; 123,000 → 1,000). Its recent counts should be
    given: one round figure alone ("11M") would claim too coarse a step."""
    step = 0
    for value in values:
        if value == 0:
            continue
        own = 1
        while value % (own * 10) == 0 and own < 10**12:
            own *= 10
        step = own if step == 0 else min(step, own)
    return max(step, 1)


def _change_since(source: CompareInput, before: Sample) -> Figure:
    latest = source.latest
    return Figure(
        float(latest.value - before.value),
        source.margin(latest) + source.margin(before),
        latest.approximate or before.approximate,
    )


def _change(source: CompareInput, before: Sample | None) -> Figure | None:
    return None if before is None else _change_since(source, before)


def _per_day(source: CompareInput) -> tuple[Figure, float] | None:
    """The average gain per day over the longest of 30 days, 7 days or 24 hours found."""
    for before in (source.month_ago, source.week_ago, source.day_ago):
        if before is None:
            continue
        days = (source.latest.ts - before.ts).total_seconds() / _DAY_SECONDS
        if days <= 0:
            continue
        change = _change_since(source, before)
        return Figure(change.value / days, change.margin / days, change.approximate), days
    return None


def _growth(per_day: Figure | None, count: Figure) -> Figure | None:
    if per_day is None or count.value <= 0:
        return None
    pct = 100.0 * per_day.value / count.value
    # First order: the gain's own margin, and the count's share of the ratio.
    margin = 100.0 * per_day.margin / count.value + abs(pct) * count.margin / count.value
    return Figure(pct, margin, per_day.approximate or count.approximate)


def rank(figures: Sequence[Figure | None]) -> list[Rank | None]:
    """Places by each figure, largest first: 1 + how many are certainly larger (beyond both
    margins), so figures within each other's rounding share a place, as equal exact ones do."""
    out: list[Rank | None] = []
    for i, mine in enumerate(figures):
        if mine is None:
            out.append(None)
            continue
        others = [f for j, f in enumerate(figures) if j != i and f is not None]
        ahead = sum(1 for f in others if f.low > mine.high)
        tied = any(f.low <= mine.high and f.high >= mine.low for f in others)
        out.append(Rank(1 + ahead, tied))
    return out


def _figures(source: CompareInput) -> SourceFigures:
    latest = source.latest
    count = Figure(float(latest.value), source.margin(latest), latest.approximate)
    per_day = _per_day(source)
    return SourceFigures(
        label=source.label,
        name=source.name,
        count=count,
        change_24h=_change(source, source.day_ago),
        change_7d=_change(source, source.week_ago),
        change_30d=_change(source, source.month_ago),
        per_day=per_day[0] if per_day else None,
        per_day_days=per_day[1] if per_day else None,
        growth_pct=_growth(per_day[0] if per_day else None, count),
        trend=trend(source.midnights),
        ranks={},
    )


def _grows_faster(chaser: SourceFigures, leader: SourceFigures) -> bool:
    """By its own midnight trend or by its average gain per day: either is what a reader of the
    table would expect a catch-up line for."""
    if (
        chaser.trend is not None
        and leader.trend is not None
        and chaser.trend.per_day > leader.trend.per_day
    ):
        return True
    return (
        chaser.per_day is not None
        and leader.per_day is not None
        and chaser.per_day.value > leader.per_day.value
    )


def catch_up(chaser: CompareInput, leader: CompareInput, today: date) -> CatchUp | NotCaught:
    """When `chaser` (the smaller now) reaches `leader`: the /forecast trend of the gap between
    them at the midnights both have, from the gap now to zero."""
    gap_now = leader.latest.value - chaser.latest.value
    now_margin = leader.margin(leader.latest) + chaser.margin(chaser.latest)
    gap = Figure(float(gap_now), now_margin, now_margin > 0)
    theirs = dict(chaser.midnights)
    points = [(day, value - theirs[day]) for day, value in leader.midnights if day in theirs]
    found = trend(points)
    closing = -found.per_day if found is not None else None
    if gap_now <= now_margin:
        based_on = found.based_on if found is not None else len(points)
        return NotCaught(chaser.label, leader.label, gap, Why.LEVEL, closing, based_on)
    if found is None or closing is None:
        return NotCaught(chaser.label, leader.label, gap, Why.TOO_SHORT, None, len(points))
    if closing < FLAT_PER_DAY:
        return NotCaught(chaser.label, leader.label, gap, Why.NOT_CLOSING, closing, found.based_on)
    # A rounded source's midnights are rounded too, so the pairwise slopes already spread by
    # its rounding (adjacent days of "10.6M" differ by 0 or a whole step): the range has it.
    # The distance now is only known to within both half steps: the range's ends reach for
    # the near and the far end of it.
    q1, q3 = found.q1, found.q3
    middle = reach(-gap_now, found.per_day, q1, q3)
    near = reach(-(gap_now - now_margin), found.per_day, q1, q3)
    far = reach(-(gap_now + now_margin), found.per_day, q1, q3)
    assert middle is not None and near is not None and far is not None  # closing, gap > margin
    if middle.days > HORIZON_DAYS:
        return NotCaught(chaser.label, leader.label, gap, Why.TOO_FAR, closing, found.based_on)
    latest = far.latest if far.latest is not None and far.latest <= HORIZON_DAYS else None
    return CatchUp(
        chaser=chaser.label,
        leader=leader.label,
        gap=gap,
        closing_per_day=closing,
        closing_low=max(-q3, 0.0),
        closing_high=-q1,
        days=middle.days,
        days_soonest=near.soonest,
        days_latest=latest,
        on=today + timedelta(days=round(middle.days)),
        soonest_on=today + timedelta(days=round(near.soonest)),
        latest_on=today + timedelta(days=round(latest)) if latest is not None else None,
        based_on=found.based_on,
        approximate=chaser.rounded or leader.rounded,
    )


def compare(sources: Sequence[CompareInput], today: date) -> Comparison:
    """Every figure, rank and catch-up of the sources; `today` is the local date now."""
    ordered = sorted(sources, key=lambda s: -s.latest.value)  # stable: equals keep their order
    plain = [_figures(s) for s in ordered]
    ranks = {m: rank([f.figure(m) for f in plain]) for m in Measure}
    figures = tuple(
        replace(f, ranks={m: r for m in Measure if (r := ranks[m][i]) is not None})
        for i, f in enumerate(plain)
    )
    pairs: list[CatchUp | NotCaught] = []
    for (i, leader), (j, chaser) in itertools.combinations(enumerate(ordered), 2):
        if chaser.latest.value == leader.latest.value and not (chaser.rounded or leader.rounded):
            continue  # level and exact: nobody is behind
        if _grows_faster(figures[j], figures[i]):
            pairs.append(catch_up(chaser, leader, today))
    caught = sorted((p for p in pairs if isinstance(p, CatchUp)), key=lambda p: p.days)
    return Comparison(
        sources=figures,
        pairs=(*caught, *(p for p in pairs if isinstance(p, NotCaught))),
        today=today,
    )


COMPARE_MAX_SOURCES = 4  # columns a phone shows side by side, as /chart's panels


class Chosen(Enum):
    """How the compared sources were chosen, which the reply says."""

    NAMED = "named"  # the labels typed
    ALL = "all"  # every tracked source: there are few enough
    MOST_FOLLOWED = "most_followed"  # those most chats subscribed to
    LARGEST = "largest"  # nobody subscribed to any: the largest counts


@dataclass(frozen=True, slots=True)
class Choice:
    labels: tuple[str, ...]  # in tracked order
    how: Chosen
    left_out: int  # named beyond `most`; unnamed: tracked sources not compared


@dataclass(frozen=True, slots=True)
class Tracked:
    """What choosing needs of a tracked source: its label, how many chats subscribed, its count."""

    label: str
    subscribers: int = 0
    count: int | None = None  # its latest count; None: no sample yet


def choose(
    tracked: Sequence[Tracked], named: Sequence[str] = (), most: int = COMPARE_MAX_SOURCES
) -> Choice | list[str]:
    """The sources `/compare [label …]` means. Named: those (ignoring case, each once, at most
    `most`), or the labels not tracked as a list. None named: all when few enough, else the
    `most` most subscribed (the largest count, then tracked order, among equals), or when
    nobody subscribed, the largest counts. Sources without a sample are never chosen unnamed."""
    by_key = {t.label.casefold(): t for t in tracked}
    if named:
        unknown = [word for word in named if word.casefold() not in by_key]
        if unknown:
            return unknown
        distinct = list(dict.fromkeys(word.casefold() for word in named))
        first = distinct[:most]  # as typed
        keep = [t.label for t in tracked if t.label.casefold() in first]
        return Choice(tuple(keep), Chosen.NAMED, len(distinct) - len(keep))
    counted = [(i, t) for i, t in enumerate(tracked) if t.count is not None]
    if len(counted) <= most:
        labels = tuple(t.label for _, t in counted)
        return Choice(labels, Chosen.ALL, len(tracked) - len(labels))
    followed = any(t.subscribers > 0 for _, t in counted)
    ranked = sorted(counted, key=lambda it: (-it[1].subscribers, -(it[1].count or 0), it[0]))
    keep_at = sorted(i for i, _ in ranked[:most])
    return Choice(
        tuple(tracked[i].label for i in keep_at),
        Chosen.MOST_FOLLOWED if followed else Chosen.LARGEST,
        len(tracked) - len(keep_at),
    )


@dataclass(frozen=True, slots=True)
class IndexedLine:
    """A chart line rescaled to 100 at its first point, so a 10,000 and a 10,000,000 channel
    can be read on one axis: 112 means 12% more than at the range's start."""

    label: str
    points: tuple[tuple[datetime, float, int], ...]  # (time, index, the raw count)


def indexed(line: ChartLine) -> IndexedLine | None:
    """None when the line has no point or starts at 0 or below (no base to index to)."""
    points = sorted(line.points, key=lambda p: p.ts)
    if not points or points[0].value <= 0:
        return None
    base = points[0].value
    return IndexedLine(line.label, tuple((p.ts, 100.0 * p.value / base, p.value) for p in points))
