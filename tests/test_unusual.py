"""The rules that decide "unusual" (/why), pinned: each test fails when its rule is bent."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core import unusual, unusual_pace
from bot.core.unusual import (
    EventKind,
    Movement,
    NotEnoughHistory,
    Pace,
    PaceChange,
    Span,
    Stop,
    Unusual,
    detect_unusual,
)
from bot.core.unusual_series import HOUR, HourRow

SEOUL = ZoneInfo("Asia/Seoul")
END = datetime(2026, 12, 2, 0, 0, tzinfo=SEOUL).astimezone(UTC)  # a local midnight
END_HOUR = int(END.timestamp()) // HOUR
DAYS = 35


def _hour_of(local_day_back: int, hod: int) -> int:
    """UTC hour number of `hod`:00 local, `local_day_back` days before END's local date."""
    day = (END.astimezone(SEOUL) - timedelta(days=local_day_back)).replace(hour=hod)
    return int(day.timestamp()) // HOUR


def history(
    *,
    days: int = DAYS,
    extra: Callable[[int], float] = lambda h: 0.0,
    scale: Callable[[int], float] = lambda h: 1.0,
    flat: Callable[[int], bool] = lambda h: False,
    missing: Callable[[int], bool] = lambda h: False,
    start: int = 100_000,
    rounding: int = 1,
    seed: int = 1,
) -> list[HourRow]:
    """Hourly rows: ~20 an hour by day, ~4 at night, ±20 % noise; `extra` added at an hour."""
    rng = random.Random(seed)
    value = float(start)
    rows = []
    for h in range(END_HOUR - days * 24, END_HOUR):
        hod = datetime.fromtimestamp(h * HOUR, UTC).astimezone(SEOUL).hour
        base = 20.0 if 9 <= hod <= 22 else 4.0
        gain = 0.0 if flat(h) else round(base * scale(h) * rng.uniform(0.8, 1.2))
        value += gain + extra(h)
        if missing(h):
            continue
        shown = int(round(value / rounding) * rounding)
        rows.append(HourRow(h, shown, shown, shown))
    return rows


def judge(rows: list[HourRow], *, at: datetime = END, rounded: bool = False) -> Unusual:
    answer = detect_unusual(rows, SEOUL, at + timedelta(minutes=1), rounded=rounded)
    assert isinstance(answer, Unusual), answer
    return answer


JUMP_AT = _hour_of(2, 21)  # two days ago, 21:00 local


def test_a_steady_history_is_nothing_unusual_with_its_usual_range() -> None:
    answer = judge(history())
    assert answer.events == ()
    assert 3 <= answer.usual.hour_low <= answer.usual.hour_high <= 25
    assert 250 <= answer.usual.day_low <= answer.usual.day_high <= 350


def test_before_enough_history_it_says_how_many_days_it_has() -> None:
    answer = detect_unusual(history(days=10), SEOUL, END)
    assert answer == NotEnoughHistory(needed_days=unusual.MIN_HISTORY_DAYS + 1, have_days=10)
    assert answer.more_days == 5


def test_a_jump_is_named_as_its_hour_closes_and_becomes_a_step_when_it_holds() -> None:
    rows = history(extra=lambda h: 860 if h == JUMP_AT else 0)
    early = judge(rows, at=datetime.fromtimestamp((JUMP_AT + 1) * HOUR, UTC))
    (jump,) = early.events
    assert isinstance(jump, Movement)
    assert (jump.kind, jump.settled, jump.hours) == (EventKind.JUMP, False, 1)
    assert jump.start == datetime.fromtimestamp(JUMP_AT * HOUR, UTC)
    assert jump.change > 860 and jump.factor is not None and 35 <= jump.factor <= 50
    assert jump.usual_low <= jump.usual <= jump.usual_high <= 25
    (step,) = judge(rows).events
    assert (step.kind, step.start) == (EventKind.STEP, jump.start)


def test_a_jump_that_goes_back_stays_a_jump_and_its_falls_are_not_losses() -> None:
    back = {JUMP_AT + k: -250 for k in range(1, 4)}
    (jump,) = judge(history(extra=lambda h: 860 if h == JUMP_AT else back.get(h, 0))).events
    assert isinstance(jump, Movement)
    assert (jump.kind, jump.settled) == (EventKind.JUMP, True)


def test_the_jump_factor_is_the_line() -> None:
    # the usual high of a day hour is ~24: JUMP_FACTOR × that is the least a jump may be
    small = judge(history(extra=lambda h: 60 if h == JUMP_AT else 0))
    assert small.events == ()
    big = judge(history(extra=lambda h: 130 if h == JUMP_AT else 0))
    assert [e.kind for e in big.events] == [EventKind.STEP]
    assert unusual.JUMP_FACTOR == 4.0 and unusual.JUMP_SIGMAS == 6.0


def test_a_loss_is_a_fall_well_below_the_usual() -> None:
    (loss,) = judge(history(extra=lambda h: -300 if h == JUMP_AT else 0)).events
    assert isinstance(loss, Movement) and loss.kind is EventKind.LOSS and loss.change < -270
    assert judge(history(extra=lambda h: -15 if h == JUMP_AT else 0)).events == ()


def test_a_gap_is_never_a_loss_or_a_jump() -> None:
    gap = set(range(JUMP_AT - 6, JUMP_AT))
    # six hours without samples: the hour after them carries their growth, judged per hour
    assert judge(history(missing=lambda h: h in gap)).events == ()
    # the same catch-up squeezed into one sampled hour would be a jump: the rule is the spread
    squeezed = history(
        flat=lambda h: h in gap, extra=lambda h: 120 if h == JUMP_AT else 0, missing=lambda h: False
    )
    assert EventKind.STEP in [e.kind for e in judge(squeezed).events]


def test_a_change_of_pace_needs_three_days_and_is_dated_to_its_first() -> None:
    began = _hour_of(5, 0)
    answer = judge(history(scale=lambda h: 1.6 if h >= began else 1.0))
    (pace,) = [e for e in answer.events if isinstance(e, PaceChange)]
    assert pace.direction is Pace.FASTER and pace.days >= 3
    assert pace.start == datetime.fromtimestamp(began * HOUR, UTC)
    assert 1.4 <= pace.after_per_day / pace.before_per_day <= 1.8
    two_days = _hour_of(2, 0)
    assert judge(history(scale=lambda h: 1.6 if h >= two_days else 1.0)).events == ()
    slower = judge(history(scale=lambda h: 0.5 if h >= began else 1.0)).events
    assert [(e.kind, getattr(e, "direction", None)) for e in slower] == [
        (EventKind.PACE_CHANGE, Pace.SLOWER)
    ]


def test_a_change_of_pace_says_its_days_and_both_paces_to_the_half() -> None:
    # Four faster days: the pace after is the median of four days, the pace before of fourteen,
    # so either can end in .5, which is shown, not rounded away.
    began = _hour_of(4, 0)
    (pace,) = judge(history(scale=lambda h: 1.6 if h >= began else 1.0, seed=3)).events
    assert pace == PaceChange(
        EventKind.PACE_CHANGE,
        datetime.fromtimestamp(began * HOUR, UTC),
        Pace.FASTER,
        before_per_day=317.5,
        after_per_day=506.5,
        days=4,
        approximate=False,
    )
    assert pace.start.tzinfo is UTC


def test_a_change_of_pace_under_thirty_percent_is_the_usual() -> None:
    began = _hour_of(6, 0)
    assert judge(history(scale=lambda h: 1.2 if h >= began else 1.0)).events == ()
    assert unusual_pace.PACE_MIN_DAYS == 3 and unusual_pace.PACE_MIN_CHANGE == 0.30


def test_a_stop_is_hours_of_no_growth_where_there_always_was() -> None:
    still = set(range(_hour_of(1, 10), _hour_of(1, 16)))
    (stop,) = judge(history(flat=lambda h: h in still)).events
    assert isinstance(stop, Stop) and stop.hours == 6 and not stop.ongoing
    assert stop.expected >= 100
    brief = set(range(_hour_of(1, 10), _hour_of(1, 12)))
    assert judge(history(flat=lambda h: h in brief)).events == ()


def test_a_rounded_source_is_judged_with_its_rounding() -> None:
    # +1,500 in an hour on a count shown to the thousand: one or two ticks, no event
    bump = history(extra=lambda h: 1500 if h == JUMP_AT else 0, start=1_000_000, rounding=1000)
    assert judge(bump, rounded=True).events == ()
    # the same +1,500 on an exact count is a jump
    exact = history(extra=lambda h: 1500 if h == JUMP_AT else 0, start=1_000_000)
    assert [e.kind for e in judge(exact).events] == [EventKind.STEP]
    big = history(extra=lambda h: 9000 if h == JUMP_AT else 0, start=1_000_000, rounding=1000)
    (jump,) = judge(big, rounded=True).events
    assert jump.kind is EventKind.STEP and jump.approximate


def test_events_come_newest_first_and_only_from_the_window() -> None:
    old = _hour_of(12, 20)
    rows = history(extra=lambda h: 900 if h in (JUMP_AT, _hour_of(4, 15), old) else 0)
    starts = [e.start for e in judge(rows).events]
    assert len(starts) == 2 and starts == sorted(starts, reverse=True)
    wide = detect_unusual(rows, SEOUL, END, window=timedelta(days=14))
    assert isinstance(wide, Unusual) and len(wide.events) == 3


@pytest.mark.parametrize("name", ["STEP_HOLD_HOURS", "STEP_KEEP", "STOP_MIN_HOURS"])
def test_thresholds_are_named_constants(name: str) -> None:
    assert isinstance(getattr(unusual, name), int | float)


def steady(per_hour: int, extra: dict[int, int], *, days: int = DAYS) -> list[HourRow]:
    """Exactly `per_hour` every hour (no noise: the usual is exact, its σ the Poisson floor),
    plus `extra` at the given hours."""
    value, rows = 100_000, []
    for h in range(END_HOUR - days * 24, END_HOUR):
        value += per_hour + extra.get(h, 0)
        rows.append(HourRow(h, value, value, value))
    return rows


EDGE_AT = END_HOUR - 30  # the day before END's local date, mid-afternoon


def moves(per_hour: int, change: int) -> list[tuple[EventKind, int, int, float | None]]:
    """The events when the hour at EDGE_AT changes by `change` instead of `per_hour`."""
    events = judge(steady(per_hour, {EDGE_AT: change - per_hour})).events
    return [(e.kind, e.change, e.usual, e.factor) for e in events if isinstance(e, Movement)]


def test_a_jump_needs_at_least_ten_more_than_the_usual_hour() -> None:
    assert moves(1, 11) == [(EventKind.STEP, 11, 1, 11.0)]  # the usual is 1: +10 over it
    assert moves(1, 10) == []


def test_a_jump_needs_four_times_the_usual_high() -> None:
    assert moves(20, 80) == [(EventKind.STEP, 80, 20, 4.0)]
    assert moves(20, 81) == [(EventKind.STEP, 81, 20, 4.0)]  # 4.05×, shown to one decimal
    assert moves(20, 79) == []


def test_a_loss_needs_a_fall_of_ten_and_of_the_usual_high() -> None:
    assert moves(4, -10) == [(EventKind.LOSS, -10, 4, -2.5)]
    assert moves(4, -9) == []
    assert moves(25, -25) == [(EventKind.LOSS, -25, 25, -1.0)]
    assert moves(25, -24) == []


def test_adjacent_jumping_hours_make_one_event() -> None:
    (step,) = judge(steady(20, {EDGE_AT: 100, EDGE_AT + 1: 100})).events
    assert isinstance(step, Movement)
    assert (step.kind, step.start, step.hours, step.change, step.usual) == (
        EventKind.STEP,
        datetime.fromtimestamp(EDGE_AT * HOUR, UTC),
        2,
        240,
        40,
    )


def test_with_just_enough_history_its_last_day_is_judged() -> None:
    rows = steady(20, {END_HOUR - 5: 100}, days=unusual.MIN_HISTORY_DAYS + 1)
    (jump,) = judge(rows).events
    assert isinstance(jump, Movement) and jump.kind is EventKind.JUMP and jump.change == 120


def rows_at(rate: Callable[[int], int], *, days: int = DAYS) -> list[HourRow]:
    """Exactly `rate(h)` gained in hour h, no noise."""
    value, rows = 100_000, []
    for h in range(END_HOUR - days * 24, END_HOUR):
        value += rate(h)
        rows.append(HourRow(h, value, value, value))
    return rows


def one_day(usual: int, that_day: int, *, day_back: int = 2) -> Callable[[int], int]:
    """`usual` an hour, but `that_day` an hour through the local day `day_back` days ago."""
    first = _hour_of(day_back, 0)
    return lambda h: that_day if first <= h < first + 24 else usual


def day_moves(
    rows: list[HourRow],
) -> list[tuple[EventKind, Span, datetime, int, int, float | None]]:
    return [
        (e.kind, e.span, e.start, e.change, e.usual, e.factor)
        for e in judge(rows).events
        if isinstance(e, Movement)
    ]


DAY_START = datetime.fromtimestamp(_hour_of(2, 0) * HOUR, UTC)


def test_a_day_of_twice_the_usual_high_day_is_a_jump_though_no_hour_is() -> None:
    assert day_moves(rows_at(one_day(20, 40))) == [
        (EventKind.JUMP, Span.DAY, DAY_START, 960, 480, 2.0)
    ]
    (day,) = judge(rows_at(one_day(20, 40))).events
    assert isinstance(day, Movement) and day.settled is True and day.approximate is False
    assert day_moves(rows_at(one_day(20, 39))) == []


def test_a_day_that_fell_is_a_loss() -> None:
    assert day_moves(rows_at(one_day(20, -10))) == [
        (EventKind.LOSS, Span.DAY, DAY_START, -240, 480, -0.5)
    ]


def test_a_day_must_move_ten_at_least() -> None:
    flat = one_day(0, 1)
    first = _hour_of(2, 0)
    assert day_moves(rows_at(lambda h: flat(h) if h < first + 10 else 0)) == [
        (EventKind.JUMP, Span.DAY, DAY_START, 10, 0, None)
    ]
    assert day_moves(rows_at(lambda h: flat(h) if h < first + 9 else 0)) == []


def test_what_an_hour_explains_is_not_said_again_of_its_day() -> None:
    hour = _hour_of(2, 5)
    rows = rows_at(lambda h: 520 if h == hour else 20)  # the day: 980, over twice 480
    assert day_moves(rows) == [
        (EventKind.STEP, Span.HOUR, datetime.fromtimestamp(hour * HOUR, UTC), 520, 20, 26.0)
    ]


def test_a_day_is_judged_against_its_own_weekday() -> None:
    def weekly(h: int) -> int:
        weekend = datetime.fromtimestamp(h * HOUR, UTC).astimezone(SEOUL).weekday() >= 5
        return 10 if weekend else 20

    assert judge(rows_at(weekly)).events == ()
    sunday = _hour_of(3, 0)
    assert datetime.fromtimestamp(sunday * HOUR, UTC).astimezone(SEOUL).weekday() == 6
    busy_sunday = rows_at(lambda h: 21 if sunday <= h < sunday + 24 else weekly(h))
    assert day_moves(busy_sunday) == [
        (EventKind.JUMP, Span.DAY, datetime.fromtimestamp(sunday * HOUR, UTC), 504, 240, 2.1)
    ]


def test_the_first_days_of_a_change_of_pace_are_not_also_jumps() -> None:
    began = _hour_of(4, 0)
    (pace,) = judge(rows_at(lambda h: 50 if h >= began else 20)).events
    assert isinstance(pace, PaceChange) and pace.days == 4


def hour_back(h: int) -> int:
    return h - END_HOUR


def settled(rows: list[HourRow]) -> list[tuple[EventKind, int, int, bool]]:
    """(kind, hours before END it started, change, settled) of each movement, newest first."""
    return [
        (e.kind, hour_back(int(e.start.timestamp()) // HOUR), e.change, e.settled)
        for e in judge(rows).events
        if isinstance(e, Movement)
    ]


HELD = END_HOUR - 60  # a jump's hour, its 24-hour hold window well inside the history


def test_a_jump_settles_once_its_whole_hold_window_has_closed() -> None:
    assert settled(rows_at(lambda h: 120 if h == END_HOUR - 24 else 20)) == [
        (EventKind.JUMP, -24, 120, False)
    ]
    assert settled(rows_at(lambda h: 120 if h == END_HOUR - 25 else 20)) == [
        (EventKind.STEP, -25, 120, True)
    ]


def test_a_step_keeps_at_least_half_of_its_jump() -> None:
    def giving_back(hours: int) -> Callable[[int], int]:
        return lambda h: 120 if h == HELD else (10 if HELD < h <= HELD + hours else 20)

    assert settled(rows_at(giving_back(6))) == [(EventKind.STEP, -60, 120, True)]  # kept 60
    assert settled(rows_at(giving_back(7))) == [(EventKind.JUMP, -60, 120, True)]  # kept 50


def test_the_falls_in_a_jumps_hold_window_are_part_of_it_and_later_ones_are_not() -> None:
    def back_at(after: int) -> Callable[[int], int]:
        return lambda h: 120 if h == HELD else (-100 if h == HELD + after else 20)

    assert settled(rows_at(back_at(24))) == [(EventKind.JUMP, -60, 120, True)]
    assert settled(rows_at(back_at(25))) == [
        (EventKind.LOSS, -35, -100, True),
        (EventKind.STEP, -60, 120, True),
    ]
    twice = rows_at(lambda h: 120 if h == HELD else (-100 if h in (HELD + 2, HELD + 40) else 20))
    assert settled(twice) == [(EventKind.LOSS, -20, -100, True), (EventKind.JUMP, -60, 120, True)]


def test_every_event_is_said_whatever_came_before_it() -> None:
    assert settled(rows_at(lambda h: 120 if h in (HELD, HELD + 30) else 20)) == [
        (EventKind.STEP, -30, 120, True),
        (EventKind.STEP, -60, 120, True),
    ]
    assert settled(rows_at(lambda h: -100 if h == HELD else (120 if h == HELD + 30 else 20))) == [
        (EventKind.STEP, -30, 120, True),
        (EventKind.LOSS, -60, -100, True),
    ]


Paced = tuple[int, Pace, float, float, int]


def paces(rows: list[HourRow], window: timedelta = timedelta(days=7)) -> list[Paced]:
    """(local days before END it began, direction, before, after, days) of each pace change."""
    answer = detect_unusual(rows, SEOUL, END + timedelta(minutes=1), window=window)
    assert isinstance(answer, Unusual)
    return [
        ((END - e.start).days, e.direction, e.before_per_day, e.after_per_day, e.days)
        for e in answer.events
        if isinstance(e, PaceChange)
    ]


def from_day(back: int, after: Callable[[int], int], before: int = 20) -> list[HourRow]:
    began = _hour_of(back, 0)
    return rows_at(lambda h: after(h) if h >= began else before)


def daily(back: int, rates: list[int]) -> Callable[[int], int]:
    """An hourly rate for each local day from `back` days before END on (the last one stays)."""
    began = _hour_of(back, 0)
    return lambda h: rates[min((h - began) // 24, len(rates) - 1)]


def test_a_change_of_pace_of_exactly_thirty_percent_is_one() -> None:
    assert paces(from_day(5, lambda h: 26)) == [(5, Pace.FASTER, 480.0, 624.0, 5)]
    assert paces(from_day(5, lambda h: 25)) == []
    assert paces(from_day(5, lambda h: 14)) == [(5, Pace.SLOWER, 480.0, 336.0, 5)]
    assert paces(from_day(5, lambda h: 15)) == []
    assert paces(from_day(5, lambda h: 16)) == []  # 20 % slower


def test_each_first_day_of_a_change_of_pace_is_fifteen_percent_off_at_least() -> None:
    assert paces(from_day(4, daily(4, [23, 29]))) == [(4, Pace.FASTER, 480.0, 696.0, 4)]
    assert paces(from_day(4, daily(4, [22, 29]))) == [(3, Pace.FASTER, 480.0, 696.0, 3)]
    assert paces(from_day(4, daily(4, [17, 11]))) == [(4, Pace.SLOWER, 480.0, 264.0, 4)]
    assert paces(from_day(4, daily(4, [18, 11]))) == [(3, Pace.SLOWER, 480.0, 264.0, 3)]


def test_three_changed_days_are_enough() -> None:
    assert paces(from_day(3, lambda h: 40)) == [(3, Pace.FASTER, 480.0, 960.0, 3)]


def test_a_pace_of_five_a_day_is_one_to_change_and_of_four_is_not() -> None:
    def per_day(count: int) -> Callable[[int], int]:
        """`count` hours of one each, from 9:00 local."""
        return lambda h: int(9 <= datetime.fromtimestamp(h * HOUR, SEOUL).hour < 9 + count)

    began = _hour_of(5, 0)
    five = rows_at(lambda h: per_day(10)(h) if h >= began else per_day(5)(h))
    assert paces(five) == [(5, Pace.FASTER, 5.0, 10.0, 5)]
    four = rows_at(lambda h: per_day(8)(h) if h >= began else per_day(4)(h))
    assert paces(four) == []


def test_a_second_change_of_pace_is_judged_against_the_pace_since_the_first() -> None:
    first, second = _hour_of(20, 0), _hour_of(13, 0)
    rows = rows_at(lambda h: 45 if h >= second else (30 if h >= first else 20))
    assert paces(rows, window=timedelta(days=30)) == [
        (13, Pace.FASTER, 720.0, 1080.0, 7),
        (20, Pace.FASTER, 480.0, 720.0, 7),
    ]


def test_a_rounded_sources_pace_is_judged_on_the_sum_of_its_days() -> None:
    def shown(rate: Callable[[int], int]) -> list[HourRow]:
        value, rows = 1_000_000, []
        for h in range(END_HOUR - DAYS * 24, END_HOUR):
            value += rate(h)
            rounded = round(value / 1000) * 1000
            rows.append(HourRow(h, rounded, rounded, rounded))
        return rows

    def found(after: int) -> list[PaceChange]:
        began = _hour_of(6, 0)
        rows = shown(lambda h: after if h >= began else 100)
        answer = detect_unusual(rows, SEOUL, END + timedelta(minutes=1), rounded=True)
        assert isinstance(answer, Unusual)
        return [e for e in answer.events if isinstance(e, PaceChange)]

    (faster,) = found(150)
    assert (faster.direction, faster.before_per_day, faster.after_per_day) == (
        Pace.FASTER,
        2000.0,
        3500.0,
    )
    assert (faster.days, faster.approximate) == (7, True)
    (slower,) = found(50)
    assert (slower.direction, slower.before_per_day, slower.after_per_day) == (
        Pace.SLOWER,
        2000.0,
        1000.0,
    )
    assert (slower.days, slower.approximate) == (6, True)
    assert found(140) == []


def test_a_finely_rounded_source_counts_its_changed_days_like_an_exact_one() -> None:
    # Rounded to 10 while it gains ~480 a day: its days are whole enough to judge one by one.
    began, ended = _hour_of(5, 0), _hour_of(2, 0)
    value, rows = 1_000_000, []
    for h in range(END_HOUR - DAYS * 24, END_HOUR):
        value += 40 if began <= h < ended else 20
        shown = round(value / 10) * 10
        rows.append(HourRow(h, shown, shown, shown))
    (pace,) = judge(rows, rounded=True).events
    assert isinstance(pace, PaceChange)
    assert (pace.direction, pace.days, pace.approximate) == (Pace.FASTER, 3, True)


STILL = END_HOUR - 40  # an afternoon the day before yesterday


def stops(rate: Callable[[int], int]) -> list[Stop]:
    return [e for e in judge(rows_at(rate)).events if isinstance(e, Stop)]


def stop_at(start: int, hours: int, expected: int, *, ongoing: bool = False) -> Stop:
    when = datetime.fromtimestamp(start * HOUR, UTC)
    return Stop(EventKind.STOP, when, hours, expected, ongoing, False)


def test_three_flat_hours_where_sixty_were_usual_are_a_stop() -> None:
    assert stops(lambda h: 0 if STILL <= h < STILL + 3 else 20) == [stop_at(STILL, 3, 60)]
    assert stops(lambda h: 0 if STILL + 1 <= h < STILL + 4 else 20) == [stop_at(STILL + 1, 3, 60)]
    assert stops(lambda h: 0 if STILL <= h < STILL + 2 else 20) == []
    assert stops(lambda h: 1 if STILL <= h < STILL + 3 else 20) == []  # slow is not stopped


def test_a_stop_still_flat_at_the_last_hour_is_ongoing() -> None:
    assert stops(lambda h: 0 if h >= END_HOUR - 5 else 20) == [
        stop_at(END_HOUR - 5, 5, 100, ongoing=True)
    ]


def test_a_stop_needs_thirty_that_the_usual_would_have_brought() -> None:
    assert stops(lambda h: 0 if STILL <= h < STILL + 3 else 10) == [stop_at(STILL, 3, 30)]
    assert stops(lambda h: 0 if STILL <= h < STILL + 3 else 5) == []


def test_a_stop_may_fall_a_quarter_of_the_usual_and_no_more() -> None:
    assert stops(lambda h: -5 if STILL <= h < STILL + 3 else 20) == [stop_at(STILL, 3, 60)]
    assert stops(lambda h: {STILL: -5, STILL + 1: -5, STILL + 2: -6}.get(h, 20)) == []


def test_a_slowdown_that_a_stop_fills_is_said_once_as_the_stop() -> None:
    began = _hour_of(4, 0)
    (stop,) = judge(rows_at(lambda h: 0 if h >= began else 20)).events
    assert stop == stop_at(began, 96, 1920, ongoing=True)


def test_only_events_inside_the_window_are_said() -> None:
    rows = rows_at(lambda h: 120 if h == END_HOUR - 24 * 10 else 20)
    assert judge(rows).events == ()
    month = detect_unusual(rows, SEOUL, END + timedelta(minutes=1), window=timedelta(days=30))
    assert isinstance(month, Unusual) and len(month.events) == 1


def test_an_exact_source_is_judged_exactly_unless_told_it_is_rounded() -> None:
    rows = rows_at(lambda h: 120 if h == HELD else 20)  # every count a multiple of ten
    exact = detect_unusual(rows, SEOUL, END + timedelta(minutes=1))
    assert isinstance(exact, Unusual)
    (step,) = exact.events
    assert isinstance(step, Movement) and not step.approximate


def test_the_history_it_has_is_counted_in_whole_days() -> None:
    assert detect_unusual([], SEOUL, END) == NotEnoughHistory(15, 0)
    rows = history(days=10)
    assert detect_unusual(rows, SEOUL, END + timedelta(hours=5)) == NotEnoughHistory(15, 10)
    assert detect_unusual(history(days=14), SEOUL, END) == NotEnoughHistory(15, 14)


Told = tuple[EventKind, Span, int, int, int, int, int]


def told(rows: list[HourRow]) -> list[Told]:
    """(kind, span, hours before END, change, usual, usual low, usual high) of each movement."""
    return [
        (e.kind, e.span, hour_back(int(e.start.timestamp()) // HOUR), e.change, e.usual,
         e.usual_low, e.usual_high)
        for e in judge(rows).events
        if isinstance(e, Movement)
    ]  # fmt: skip


DAY = _hour_of(2, 0)  # local midnight two days before END


def test_adjacent_hours_add_up_their_usual_range() -> None:
    assert told(rows_at(lambda h: 120 if h in (HELD, HELD + 1) else 20)) == [
        (EventKind.STEP, Span.HOUR, -60, 240, 40, 40, 40)
    ]


def test_an_hour_at_either_end_of_a_day_is_that_days_to_explain() -> None:
    hour = (EventKind.STEP, Span.HOUR)
    assert told(rows_at(lambda h: 520 if h == DAY + 23 else 20)) == [(*hour, -25, 520, 20, 20, 20)]
    assert told(rows_at(lambda h: 520 if h == DAY else 20)) == [(*hour, -48, 520, 20, 20, 20)]


def test_an_hour_of_the_next_day_explains_nothing_of_this_one() -> None:
    rows = rows_at(lambda h: 520 if h == DAY + 24 else (40 if DAY <= h < DAY + 24 else 20))
    assert told(rows) == [
        (EventKind.JUMP, Span.HOUR, -24, 520, 20, 20, 20),
        (EventKind.JUMP, Span.DAY, -48, 960, 480, 480, 480),
    ]


def test_an_hour_explains_only_what_it_gained_over_its_usual() -> None:
    # The day gains 41 an hour (984) and one hour 541: 521 over its usual is explained, the
    # rest (963) is still over twice the usual day.
    rows = rows_at(lambda h: 541 if h == DAY + 12 else (41 if DAY <= h < DAY + 24 else 20))
    assert told(rows) == [
        (EventKind.STEP, Span.HOUR, -36, 541, 20, 20, 20),
        (EventKind.JUMP, Span.DAY, -48, 1484, 480, 480, 480),
    ]


def test_an_event_before_the_window_is_judged_but_not_said() -> None:
    rows = rows_at(lambda h: 120 if h == END_HOUR - 7 * 24 - 5 else 20)
    assert judge(rows).events == ()
    eight = detect_unusual(rows, SEOUL, END + timedelta(minutes=1), window=timedelta(days=8))
    assert isinstance(eight, Unusual) and [e.kind for e in eight.events] == [EventKind.STEP]


def test_the_falling_days_of_a_slowdown_are_said_once_as_the_slowdown() -> None:
    began = _hour_of(4, 0)
    (pace,) = judge(rows_at(lambda h: -10 if h >= began else 20)).events
    assert isinstance(pace, PaceChange) and pace.direction is Pace.SLOWER and pace.days == 4


def test_a_loss_after_a_jump_still_in_its_hold_window_is_said_too() -> None:
    rows = rows_at(lambda h: 120 if h == END_HOUR - 10 else (-100 if h == END_HOUR - 5 else 20))
    assert settled(rows) == [(EventKind.LOSS, -5, -100, True), (EventKind.JUMP, -10, 120, False)]


def test_days_before_enough_history_are_not_judged() -> None:
    busy = _hour_of(3, 0)
    rows = rows_at(lambda h: 40 if busy <= h < busy + 24 else 20, days=16)
    assert judge(rows).events == ()  # day 12 of 16: its usual is not known yet


def test_a_stop_on_the_first_day_judged_is_said() -> None:
    rows = rows_at(lambda h: 0 if h >= END_HOUR - 5 else 20, days=unusual.MIN_HISTORY_DAYS + 1)
    assert [e.kind for e in judge(rows).events] == [EventKind.STOP]
