"""Rules of unusual pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from bot.core.unusual import STOP_MIN_HOURS, EventKind, Movement, Pace, PaceChange, Span, Stop
from bot.core.unusual_news import NEWS_WINDOW, announce_key, found_at, news_since
from bot.core.unusual_pace import PACE_DAY_MIN_CHANGE, PACE_MIN_DAYS, _run

T0 = datetime(2026, 12, 1, 5, tzinfo=UTC)


def jump(start: datetime, hours: int = 1) -> Movement:
    return Movement(EventKind.JUMP, start, hours, Span.HOUR, 500, 20, 15, 25, 25.0, False, False)


def test_an_event_is_found_when_its_rule_can_first_name_it() -> None:
    assert found_at(jump(T0, hours=3)) == T0 + timedelta(hours=3)
    assert STOP_MIN_HOURS == 3
    stop = Stop(EventKind.STOP, T0, 10, 50, True, False)
    assert found_at(stop) == T0 + timedelta(hours=3)
    assert PACE_MIN_DAYS == 3
    pace = PaceChange(EventKind.PACE_CHANGE, T0, Pace.FASTER, 100.0, 200.0, 5, False)
    assert found_at(pace) == T0 + timedelta(days=3)
    assert timedelta(days=4) == NEWS_WINDOW


def test_news_is_what_was_found_after_the_moment_in_the_order_given() -> None:
    newer, older = jump(T0 + timedelta(hours=2)), jump(T0)
    assert news_since([newer, older], T0) == [newer, older]
    assert news_since([newer, older], T0 + timedelta(hours=1)) == [newer]  # found exactly then
    assert news_since([newer, older], T0 + timedelta(hours=3)) == []


def test_the_announce_key_is_the_kind_and_the_start_second() -> None:
    assert announce_key(jump(T0)) == ("jump", int(T0.timestamp()))
    step = Movement(EventKind.STEP, T0, 1, Span.HOUR, 500, 20, 15, 25, 25.0, True, False)
    assert announce_key(step) == ("jump", int(T0.timestamp()))
    stop = Stop(EventKind.STOP, T0, 10, 50, True, False)
    assert announce_key(stop) == ("stop", int(T0.timestamp()))


def test_a_run_of_changed_days_counts_from_the_first_while_each_stays_fifteen_percent_off() -> None:
    faster, slower = 1 + PACE_DAY_MIN_CHANGE, 1 - PACE_DAY_MIN_CHANGE
    assert _run(np.array([1.5, 1.4, 1.3, faster, 1.0, 1.5]), 1) == 4
    assert _run(np.array([1.5, 1.4, 1.3, 1.3, 1.3]), 1) == 5
    assert _run(np.array([0.5, 0.6, 0.7, slower, 1.0, 0.5]), -1) == 4
    assert _run(np.array([1.5, 0.9, 1.5, 1.5]), 1) == 3  # never fewer than PACE_MIN_DAYS
    assert _run(np.array([0.9, 0.9, 0.9, 0.9]), 1) == 3
