"""Rules of compare pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.compare import (
    COMPARE_MAX_SOURCES,
    HORIZON_DAYS,
    CatchUp,
    Choice,
    Chosen,
    CompareInput,
    Figure,
    NotCaught,
    Tracked,
    Why,
    catch_up,
    choose,
    compare,
    rounding_of,
)
from bot.core.model import Sample
from tests.test_compare import NOW, TODAY, T


def test_exactly_as_many_as_shown_are_all_of_them() -> None:
    four = [Tracked(label, subscribers=1, count=10) for label in "abcd"]
    assert COMPARE_MAX_SOURCES == 4
    assert choose(four) == Choice(("a", "b", "c", "d"), Chosen.ALL, 0)


def test_one_subscriber_is_followed() -> None:
    tracked = [
        Tracked("a", 0, 900),
        Tracked("b", 1, 10),
        Tracked("c", 0, 800),
        Tracked("d", 0, 700),
        Tracked("e", 0, 600),
    ]
    assert choose(tracked, most=2) == Choice(("a", "b"), Chosen.MOST_FOLLOWED, 3)


def test_equals_keep_tracked_order() -> None:
    tracked = [Tracked(label, subscribers=2, count=50) for label in "edcba"]
    assert choose(tracked, most=2) == Choice(("e", "d"), Chosen.MOST_FOLLOWED, 3)


def exact(label: str, value: int, **before: Sample | None) -> CompareInput:
    return CompareInput(label, label.upper(), Sample(NOW, value), **before)  # type: ignore[arg-type]


def ago(days: float, value: int, *, approximate: bool = False) -> Sample:
    return Sample(NOW - timedelta(days=days), value, approximate=approximate)


def test_a_change_is_approximate_when_either_end_is() -> None:
    source = replace(exact("a", 10_000, day_ago=ago(1, 9_000, approximate=True)), rounding=1000)
    (figures,) = compare([source], TODAY).sources
    assert figures.change_24h == Figure(1_000.0, 500.0, True)
    assert figures.per_day == Figure(1_000.0, 500.0, True)
    assert figures.growth_pct == Figure(10.0, 5.0, True)  # the count itself is exact


def test_the_per_day_skips_a_reference_not_before_the_latest_and_takes_a_single_day() -> None:
    same = exact("a", 100, month_ago=Sample(NOW, 90), week_ago=ago(7, 30))
    (figures,) = compare([same], TODAY).sources
    assert figures.per_day == Figure(10.0) and figures.per_day_days == 7.0
    one_day = exact("b", 100, day_ago=ago(1, 40))
    (figures,) = compare([one_day], TODAY).sources
    assert figures.per_day == Figure(60.0) and figures.per_day_days == 1.0


def test_without_references_there_is_no_per_day_and_no_growth() -> None:
    (figures,) = compare([exact("a", 100)], TODAY).sources
    assert (figures.per_day, figures.per_day_days, figures.growth_pct) == (None, None, None)
    assert figures.name == "A"


def test_growth_needs_a_count_above_zero() -> None:
    zero, one = exact("z", 0, day_ago=ago(1, 0)), exact("o", 1, day_ago=ago(1, 0))
    by_label = {f.label: f for f in compare([zero, one], TODAY).sources}
    assert by_label["z"].growth_pct is None
    assert by_label["o"].growth_pct == Figure(100.0)


def test_the_growth_margin_carries_both_roundings() -> None:
    source = CompareInput(
        "r",
        "R",
        Sample(NOW, 10_000, True),
        month_ago=ago(30, 7_000, approximate=True),
        rounding=1000,
    )
    (figures,) = compare([source], TODAY).sources
    assert figures.per_day == Figure(100.0, pytest.approx(1000 / 30), True)  # type: ignore[arg-type]
    # 100 a day of 10,000 is 1 %; ±(100 × 33.3 / 10,000) for the gain, ±(1 × 500 / 10,000)
    assert figures.growth_pct is not None
    assert figures.growth_pct.value == pytest.approx(1.0)
    assert figures.growth_pct.margin == pytest.approx(100 * (1000 / 30) / 10_000 + 500 / 10_000)


def trended(label: str, value: int, per_day: int, *, gain: float | None = None) -> CompareInput:
    """A source whose midnights rise `per_day` a day; `gain` its average per day (None: none)."""
    midnights = tuple((T + d, value + per_day * d) for d in range(-5, 0))
    day_ago = None if gain is None else ago(1, round(value - gain))
    return CompareInput(label, label, Sample(NOW, value), day_ago=day_ago, midnights=midnights)


def test_a_faster_own_trend_alone_makes_a_pair() -> None:
    leader, chaser = trended("big", 1_000, 10), trended("small", 500, 20)
    (pair,) = compare([leader, chaser], TODAY).pairs
    assert (pair.chaser, pair.leader) == ("small", "big")


def test_equal_trends_and_equal_gains_make_no_pair() -> None:
    leader, chaser = trended("big", 1_000, 10, gain=10), trended("small", 500, 10, gain=10)
    assert compare([leader, chaser], TODAY).pairs == ()
    faster = trended("small", 500, 10, gain=11)
    (pair,) = compare([leader, faster], TODAY).pairs
    assert pair.chaser == "small"


def test_level_exact_sources_are_skipped_and_the_others_still_compared() -> None:
    first, second = trended("a", 1_000, 10), trended("b", 1_000, 10)
    third = trended("c", 500, 30)
    result = compare([first, second, third], TODAY)
    assert [(p.chaser, p.leader) for p in result.pairs] == [("c", "a"), ("c", "b")]
    assert result.today == TODAY


def test_level_sources_are_compared_when_one_is_rounded() -> None:
    leader = replace(trended("a", 1_000, 10), rounding=100)
    chaser = trended("b", 1_000, 30)
    (pair,) = compare([leader, chaser], TODAY).pairs
    assert isinstance(pair, NotCaught) and pair.why is Why.LEVEL


def test_unfollowed_sources_are_chosen_by_the_larger_count_zero_included() -> None:
    tracked = [Tracked("a", 0, 0), Tracked("b", 0, 1)]
    assert choose(tracked, most=1) == Choice(("b",), Chosen.LARGEST, 1)


def side(
    label: str,
    latest: int,
    midnights: list[int],
    *,
    rounding: int = 1,
    approximate: bool = False,
) -> CompareInput:
    """A source at `latest` now, with `midnights` the counts at its last local midnights."""
    days = range(-len(midnights), 0)
    return CompareInput(
        label,
        label,
        Sample(NOW, latest, approximate),
        midnights=tuple((T + d, v) for d, v in zip(days, midnights, strict=True)),
        rounding=rounding,
    )


def gap_of(gaps: list[int], now: int, **rounded: int | bool) -> tuple[CompareInput, CompareInput]:
    """(chaser, leader): the leader stays at 10,000; the chaser is `gaps` behind at its
    midnights and `now` behind now."""
    leader = side("big", 10_000, [10_000] * len(gaps), **rounded)  # type: ignore[arg-type]
    chaser = side("small", 10_000 - now, [10_000 - g for g in gaps], **rounded)  # type: ignore[arg-type]
    return chaser, leader


def test_an_exact_catch_up_has_every_figure() -> None:
    chaser, leader = gap_of([130, 120, 110], 100)
    assert catch_up(chaser, leader, TODAY) == CatchUp(
        "small", "big", Figure(100.0), 10.0, 10.0, 10.0, 10.0, 10.0, 10.0,
        TODAY + timedelta(days=10), TODAY + timedelta(days=10), TODAY + timedelta(days=10),
        3, False,
    )  # fmt: skip


def test_a_gap_within_the_rounding_is_level_and_says_the_trend_it_has() -> None:
    chaser, leader = gap_of([120 - k for k in range(16)], 50, rounding=100, approximate=True)
    assert catch_up(chaser, leader, TODAY) == NotCaught(
        "small", "big", Figure(50.0, 100.0, True), Why.LEVEL, 1.0, 14
    )
    chaser, leader = gap_of([], 50, rounding=100, approximate=True)
    assert catch_up(chaser, leader, TODAY) == NotCaught(
        "small", "big", Figure(50.0, 100.0, True), Why.LEVEL, None, 0
    )


def test_too_few_midnights_say_so_with_how_many_there_were() -> None:
    chaser, leader = gap_of([5, 4], 2, approximate=True)  # half a step each: ±1 in all
    assert catch_up(chaser, leader, TODAY) == NotCaught(
        "small", "big", Figure(2.0, 1.0, True), Why.TOO_SHORT, None, 2
    )


def test_a_widening_gap_is_not_closing() -> None:
    chaser, leader = gap_of([100, 110, 120], 130)
    assert catch_up(chaser, leader, TODAY) == NotCaught(
        "small", "big", Figure(130.0), Why.NOT_CLOSING, -10.0, 3
    )


def test_past_two_years_is_too_far_and_exactly_two_years_is_dated() -> None:
    chaser, leader = gap_of([734, 733, 732], 731)
    assert catch_up(chaser, leader, TODAY) == NotCaught(
        "small", "big", Figure(731.0), Why.TOO_FAR, 1.0, 3
    )
    chaser, leader = gap_of([733, 732, 731], 730)
    caught = catch_up(chaser, leader, TODAY)
    assert isinstance(caught, CatchUp) and caught.days == HORIZON_DAYS


def test_a_slow_spread_trend_dates_the_middle_and_the_soonest_but_not_the_far_end() -> None:
    # The gap closes by 0.5 a day (exactly the least that counts); its slopes spread from
    # 0.83 a day (the fast end) to 0.125 (the slow end, which would take 776 days).
    chaser, leader = gap_of([100, 99, 100, 98, 99, 97], 97)
    caught = catch_up(chaser, leader, TODAY)
    assert isinstance(caught, CatchUp)
    assert (caught.closing_per_day, caught.closing_low) == (0.5, 0.125)
    assert caught.closing_high == pytest.approx(5 / 6)
    assert caught.days == 194.0 and caught.days_soonest == pytest.approx(97 * 6 / 5)
    assert (caught.days_latest, caught.latest_on) == (None, None)


def test_the_rounding_widens_the_range_to_the_near_and_far_ends_of_the_gap() -> None:
    # Both rounded to 10: the gap 300 is 295 to 305. Closing 10 a day, exactly.
    chaser, leader = gap_of([350, 340, 330], 300, rounding=10, approximate=True)
    caught = catch_up(chaser, leader, TODAY)
    assert isinstance(caught, CatchUp)
    assert caught.gap == Figure(300.0, 10.0, True)
    assert (caught.days, caught.days_soonest, caught.days_latest) == (30.0, 29.0, 31.0)
    assert caught.approximate
    # Closing 1 a day from 720: the far end is 730 days away (just dated) or 820 (not).
    chaser, leader = gap_of([723, 722, 721], 720, rounding=10, approximate=True)
    at_the_horizon = catch_up(chaser, leader, TODAY)
    assert isinstance(at_the_horizon, CatchUp) and at_the_horizon.days_latest == HORIZON_DAYS
    chaser, leader = gap_of([723, 722, 721], 720, rounding=100, approximate=True)
    past_it = catch_up(chaser, leader, TODAY)
    assert isinstance(past_it, CatchUp) and past_it.days == 720.0
    assert (past_it.days_latest, past_it.latest_on) == (None, None)


def test_one_rounded_source_makes_the_catch_up_approximate() -> None:
    leader = side("big", 10_000, [10_000] * 3, rounding=10, approximate=True)
    chaser = side("small", 9_900, [9_870, 9_880, 9_890])
    caught = catch_up(chaser, leader, TODAY)
    assert isinstance(caught, CatchUp) and caught.approximate
    assert caught.gap == Figure(100.0, 5.0, True)


def test_the_rounding_is_the_finest_step_any_count_shows() -> None:
    assert rounding_of([10, 1_000]) == 10
    assert rounding_of([1_000, 10]) == 10
    assert rounding_of([1, 100]) == 1
    assert rounding_of([0, 0]) == 1
    assert rounding_of([10**13]) == 10**12  # the coarsest step a count is read in
