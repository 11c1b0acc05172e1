"""Rules of misc pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.clock import SystemClock
from bot.core.compare import IndexedLine, indexed
from bot.core.kinds import SourceKind
from bot.core.model import ChartLine, ChartPoint, Source
from bot.core.source_choice import CHART_MAX_SOURCES, most_followed
from bot.core.unusual import (
    BASELINE_DAYS,
    EventKind,
    Pace,
    PaceChange,
    Stop,
    _covers,
    rows_since,
)

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def test_system_clock_is_aware_utc_now() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert before <= now <= datetime.now(UTC)


def test_indexed_rescales_to_100_at_the_first_point_in_time() -> None:
    line = ChartLine("k", (ChartPoint(T0 + timedelta(hours=1), 150), ChartPoint(T0, 200)))
    assert indexed(line) == IndexedLine(
        "k", ((T0, 100.0, 200), (T0 + timedelta(hours=1), 75.0, 150))
    )
    assert indexed(ChartLine("k", ())) is None
    assert (
        indexed(ChartLine("k", (ChartPoint(T0, 0), ChartPoint(T0 + timedelta(hours=1), 5)))) is None
    )
    assert indexed(ChartLine("k", (ChartPoint(T0, -1),))) is None
    assert indexed(ChartLine("k", (ChartPoint(T0, 1),))) == IndexedLine("k", ((T0, 100.0, 1),))


def test_rows_since_reaches_back_over_the_baseline_to_the_hour() -> None:
    now = datetime(2026, 12, 30, 10, 42, 17, 5, tzinfo=UTC)
    start = rows_since(now, timedelta(days=2))
    assert BASELINE_DAYS == 28
    assert start == datetime(2026, 11, 29, 10, tzinfo=UTC)


def source(source_id: int) -> Source:
    return Source(source_id, SourceKind.WEB, "https://example.com", f"s{source_id}", None, 30)


def test_most_followed_keeps_tracked_order() -> None:
    tracked = [source(i) for i in (5, 1, 3, 2, 4, 6)]
    subscribers = {3: 2, 4: 2, 6: 1, 5: 7}
    assert CHART_MAX_SOURCES == 4
    assert [s.id for s in most_followed(tracked, subscribers)] == [5, 3, 4, 6]
    assert [s.id for s in most_followed(tracked, subscribers, 2)] == [5, 3]
    assert [s.id for s in most_followed(tracked, {}, 3)] == [1, 3, 2]
    assert most_followed([], subscribers) == []


def pace(direction: Pace, days: int) -> PaceChange:
    return PaceChange(EventKind.PACE_CHANGE, T0, direction, 100.0, 10.0, days, False)


def stop(start: datetime, hours: int) -> Stop:
    return Stop(EventKind.STOP, start, hours, 50, True, False)


def test_a_stop_covers_a_slowdown_it_fills() -> None:
    assert _covers(stop(T0, 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0, 23), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0, 24), pace(Pace.FASTER, 2))
    assert _covers(stop(T0 + timedelta(days=2) - timedelta(hours=1), 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0 + timedelta(days=2), 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0 - timedelta(hours=1), 48), pace(Pace.SLOWER, 2))
