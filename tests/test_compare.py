"""/compare's core: figures, ranks and catch-ups on histories whose answer is known (two linear
histories: the catch-up day is arithmetic), a pair that never catches, a pair that slowed, a
rounded pair, and how the sources are chosen when none are named."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from bot.core.compare import (
    HORIZON_DAYS,
    CatchUp,
    Choice,
    Chosen,
    CompareInput,
    Figure,
    Measure,
    NotCaught,
    Rank,
    Tracked,
    Why,
    catch_up,
    choose,
    compare,
    rank,
    rounding_of,
)
from bot.core.forecast import Forecast, forecast
from bot.core.model import Sample
from tests.running import SEOUL

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 0, 0, tzinfo=SEOUL)  # at today's local midnight: day 0 exactly
T = TODAY.toordinal()


def history(
    label: str,
    at: Callable[[float], float],
    *,
    rounding: int = 1,
    days: int = 14,
) -> CompareInput:
    """A source whose count at day offset d (0 = now, -1 = a day ago) is `at(d)`, rounded to
    `rounding` when that is above 1, with its last `days` local midnights."""
    rounded = rounding > 1

    def sample(offset: float) -> Sample:
        value = at(offset)
        shown = round(value / rounding) * rounding if rounded else round(value)
        return Sample(NOW + timedelta(days=offset), shown, approximate=rounded)

    midnights = tuple((T + d, sample(d).value) for d in range(-days, 0))
    return CompareInput(
        label=label,
        name=label.upper(),
        latest=sample(0),
        day_ago=sample(-1),
        week_ago=sample(-7),
        month_ago=sample(-30),
        midnights=midnights,
        rounding=rounding,
    )


def linear(start: float, per_day: float) -> Callable[[float], float]:
    return lambda d: start + per_day * d


def test_two_linear_histories_catch_up_on_the_arithmetic_day() -> None:
    a = history("coupang", linear(100_000, 100))
    b = history("baemin", linear(80_000, 300))
    result = compare([b, a], TODAY)
    assert [s.label for s in result.sources] == ["coupang", "baemin"]  # largest first
    (pair,) = result.pairs
    assert isinstance(pair, CatchUp)
    assert (pair.chaser, pair.leader) == ("baemin", "coupang")
    # the gap 20,000 closes by 200 a day: 100 days, every end of the range the same
    assert pair.days == pytest.approx(100)
    assert pair.days_soonest == pytest.approx(100)
    assert pair.days_latest == pytest.approx(100)
    assert pair.on == pair.soonest_on == pair.latest_on == TODAY + timedelta(days=100)
    assert pair.closing_per_day == pytest.approx(200)
    assert pair.gap == Figure(20_000.0)
    assert pair.based_on == 14
    assert not pair.approximate


def test_figures_and_ranks_of_the_linear_pair() -> None:
    a = history("coupang", linear(100_000, 100))
    b = history("baemin", linear(80_000, 300))
    big, small = compare([a, b], TODAY).sources
    assert big.count == Figure(100_000.0)
    assert (big.change_24h, big.change_7d, big.change_30d) == (
        Figure(100.0),
        Figure(700.0),
        Figure(3_000.0),
    )
    assert small.per_day == Figure(pytest.approx(300.0))  # type: ignore[arg-type]
    assert small.per_day_days == pytest.approx(30)
    assert big.growth_pct is not None and small.growth_pct is not None
    assert big.growth_pct.value == pytest.approx(0.1)
    assert small.growth_pct.value == pytest.approx(0.375)
    assert big.ranks[Measure.COUNT] == Rank(1, tied=False)
    assert small.ranks[Measure.COUNT] == Rank(2, tied=False)
    for measure in (Measure.DAY, Measure.WEEK, Measure.MONTH, Measure.PER_DAY, Measure.GROWTH):
        assert small.ranks[measure] == Rank(1, tied=False)
        assert big.ranks[measure] == Rank(2, tied=False)
    # the trend each source carries is /forecast's
    own = forecast(list(a.midnights), a.latest.value)
    assert isinstance(own, Forecast) and big.trend is not None
    assert big.trend.per_day == pytest.approx(own.per_day)


def test_the_smaller_growing_slower_is_no_pair_at_all() -> None:
    a = history("a", linear(100_000, 300))
    b = history("b", linear(80_000, 100))
    assert compare([a, b], TODAY).pairs == ()


def test_a_source_that_slowed_is_not_at_this_pace() -> None:
    """Its 30-day average is faster than the leader's, but its last two weeks are not: the
    reader sees the faster average, and the reply says it will not catch up at this pace."""
    a = history("steady", linear(100_000, 200))
    b = history("slowed", lambda d: 80_000 + (50 * d if d >= -14 else 1_050 * (d + 14) - 700))
    result = compare([a, b], TODAY)
    small = result.sources[1]
    assert small.per_day is not None and small.per_day.value > 200
    (pair,) = result.pairs
    assert isinstance(pair, NotCaught)
    assert pair.why is Why.NOT_CLOSING
    assert pair.closing_per_day == pytest.approx(-150)


def test_closing_past_the_horizon_is_not_at_this_pace() -> None:
    a = history("giant", linear(1_000_000, 100))
    b = history("tiny", linear(10_000, 101))
    (pair,) = compare([a, b], TODAY).pairs
    assert isinstance(pair, NotCaught) and pair.why is Why.TOO_FAR
    assert pair.closing_per_day == pytest.approx(1)  # 990,000 days away, past the horizon
    assert HORIZON_DAYS < 990_000


def test_too_few_shared_midnights_gives_no_date() -> None:
    a = history("a", linear(100_000, 100), days=2)
    b = history("b", linear(80_000, 300))
    (pair,) = compare([a, b], TODAY).pairs
    assert isinstance(pair, NotCaught) and pair.why is Why.TOO_SHORT


def test_a_noisy_pair_with_a_spike_keeps_the_true_day_in_its_range() -> None:
    rng = random.Random(22)
    noise = {d: rng.randint(-400, 400) for d in range(-40, 1)}
    a = history("a", lambda d: 100_000 + 100 * d + noise[round(d)])
    spiky = history("b", lambda d: 80_000 + 300 * d + (15_000 if round(d) == -5 else 0))
    pair = catch_up(spiky, a, TODAY)
    assert isinstance(pair, CatchUp)
    assert pair.days_latest is not None
    assert pair.days_soonest < pair.days < pair.days_latest
    assert pair.days_soonest <= 100 <= pair.days_latest
    assert 90 < pair.days < 110


def test_a_rounded_pair_carries_its_rounding() -> None:
    """Counts shown as "10.6M": each figure is ≈ with a margin, and the catch-up's range is wider
    than the exact pair's and still holds the true day (1,560,000 / 20,000 = 78)."""
    a = history("big", linear(10_560_000, 20_000), rounding=100_000)
    b = history("fast", linear(9_000_000, 40_000), rounding=100_000)
    result = compare([a, b], TODAY)
    big, fast = result.sources
    assert big.count == Figure(10_600_000.0, 50_000.0, approximate=True)
    assert big.change_24h is not None and big.change_24h.margin == 100_000
    assert big.per_day is not None and big.per_day.approximate
    assert big.per_day.margin == pytest.approx(100_000 / 30)
    assert fast.growth_pct is not None and fast.growth_pct.approximate
    # over 24 hours the two gains (0 or 100,000 vs 0 or 100,000) are within each other's margin
    assert big.ranks[Measure.DAY].tied and fast.ranks[Measure.DAY].tied
    (pair,) = result.pairs
    assert isinstance(pair, CatchUp) and pair.approximate
    assert pair.gap == Figure(1_600_000.0, 100_000.0, approximate=True)
    assert pair.days_latest is not None
    assert pair.days_soonest < 78 < pair.days_latest
    assert pair.soonest_on < TODAY + timedelta(days=78) < pair.latest_on  # type: ignore[operator]
    fast_exact = history("fast", linear(9_000_000, 40_000))
    exact = catch_up(fast_exact, history("big", linear(10_560_000, 20_000)), TODAY)
    assert isinstance(exact, CatchUp)
    assert pair.days_latest - pair.days_soonest > 10 * (
        (exact.days_latest or 0) - exact.days_soonest
    )


def test_a_gap_within_the_rounding_cannot_say_who_leads() -> None:
    a = history("a", linear(10_620_000, 1_000), rounding=100_000)
    b = history("b", linear(10_580_000, 5_000), rounding=100_000)
    (pair,) = compare([a, b], TODAY).pairs
    assert isinstance(pair, NotCaught) and pair.why is Why.LEVEL
    assert pair.gap.value == 0
    big, small = compare([a, b], TODAY).sources
    assert big.ranks[Measure.COUNT] == small.ranks[Measure.COUNT] == Rank(1, tied=True)


def test_ranks_share_places_within_margins_and_skip_missing_figures() -> None:
    figures = [Figure(100, 10), Figure(95, 10), Figure(80), None, Figure(80)]
    assert rank(figures) == [
        Rank(1, tied=True),
        Rank(1, tied=True),
        Rank(3, tied=True),
        None,
        Rank(3, tied=True),
    ]
    assert rank([Figure(3), Figure(2), Figure(1)]) == [
        Rank(1, False),
        Rank(2, False),
        Rank(3, False),
    ]


def test_a_young_source_averages_over_what_it_has() -> None:
    young = history("young", linear(5_000, 70))
    young = CompareInput(
        young.label, young.name, young.latest, young.day_ago, young.week_ago, None, ()
    )
    (figures,) = compare([young], TODAY).sources
    assert figures.change_30d is None and Measure.MONTH not in figures.ranks
    assert figures.per_day_days == pytest.approx(7)
    assert figures.per_day is not None and figures.per_day.value == pytest.approx(70)
    assert figures.trend is None


def test_catch_ups_come_soonest_first() -> None:
    leader = history("leader", linear(100_000, 100))
    soon = history("soon", linear(90_000, 600))  # 10,000 / 500 = 20 days
    later = history("later", linear(50_000, 1_100))  # 50,000 / 1,000 = 50 days; soon: 40,000/500
    pairs = compare([leader, later, soon], TODAY).pairs
    assert [(p.chaser, p.leader) for p in pairs] == [
        ("soon", "leader"),
        ("later", "leader"),
        ("later", "soon"),
    ]
    assert [round(p.days) for p in pairs if isinstance(p, CatchUp)] == [20, 50, 80]


@pytest.mark.parametrize(
    ("values", "step"),
    [
        ([10_600_000, 10_700_000], 100_000),
        ([123_000], 1_000),
        ([11_000_000, 10_900_000], 100_000),
        ([198_765], 1),
        ([], 1),
        ([0, 5_000], 1_000),
    ],
)
def test_rounding_step_from_recent_counts(values: list[int], step: int) -> None:
    assert rounding_of(values) == step


TRACKED = [
    Tracked("a", subscribers=0, count=500),
    Tracked("b", subscribers=3, count=100),
    Tracked("c", subscribers=3, count=900),
    Tracked("d", subscribers=1, count=50),
    Tracked("e", subscribers=0, count=10_000),
    Tracked("new", subscribers=9, count=None),
]


def test_unnamed_choice_all_when_few_enough() -> None:
    assert choose(TRACKED[:3]) == Choice(("a", "b", "c"), Chosen.ALL, 0)
    # a source without a sample yet is not compared
    assert choose([*TRACKED[:2], TRACKED[-1]]) == Choice(("a", "b"), Chosen.ALL, 1)


def test_unnamed_choice_most_followed_then_largest() -> None:
    assert choose(TRACKED) == Choice(("b", "c", "d", "e"), Chosen.MOST_FOLLOWED, 2)
    assert choose(TRACKED, most=2) == Choice(("b", "c"), Chosen.MOST_FOLLOWED, 4)
    nobody = [Tracked(t.label, 0, t.count) for t in TRACKED]
    assert choose(nobody, most=2) == Choice(("c", "e"), Chosen.LARGEST, 4)


def test_named_choice() -> None:
    assert choose(TRACKED, ["C", "a", "c"]) == Choice(("a", "c"), Chosen.NAMED, 0)
    assert choose(TRACKED, ["a", "zz", "yy"]) == ["zz", "yy"]
    assert choose(TRACKED, ["e", "d", "c", "b", "a"]) == Choice(
        ("b", "c", "d", "e"), Chosen.NAMED, 1
    )


def test_the_catch_up_bench_runs_at_toy_size() -> None:
    """bench/compare.py measures catch_up on held-out history: a few pairs of each kind of
    history show it still runs against the core's current signatures."""
    from bench.compare import SCENARIOS, measure

    for name, make in SCENARIOS.items():
        tally = measure(make, pairs=8, seed=1)
        assert tally.estimated + tally.declined == 8, name
