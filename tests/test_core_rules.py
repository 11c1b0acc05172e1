"""Rules the numbers depend on, pinned at their edges: what mutation testing (mutmut over
bot/core and storage/samples.py) showed no other test would notice if it were bent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.alert_rules import Notice, NoticeKind, after_sample
from bot.core.expiring import Expiring
from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading, Sample, SourceHealth
from bot.core.reasons import Reason, is_transient
from bot.core.retry import RetryPolicy, next_delay
from bot.core.stats import best_hour, hour_boundaries, is_stale, rate_per_hour
from storage import failures as failure_store
from storage import sources
from storage.database import open_database

T = datetime(2026, 11, 25, 10, 37, 12, 500_000, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")


def test_hour_boundaries_are_whole_hours_oldest_first_ending_with_this_hour() -> None:
    assert hour_boundaries(T, 3) == [datetime(2026, 11, 25, h, tzinfo=UTC) for h in (7, 8, 9, 10)]
    assert hour_boundaries(T, 0) == [datetime(2026, 11, 25, 10, tzinfo=UTC)]


def hours(*values: int | None) -> tuple[list[datetime], list[Sample | None]]:
    """Boundaries 00:00, 01:00, ... UTC and, at each, a sample taken 5 minutes before it."""
    start = datetime(2026, 11, 25, tzinfo=UTC)
    bounds = [start + timedelta(hours=i) for i in range(len(values))]
    found = [
        None if v is None else Sample(b - timedelta(minutes=5), v)
        for b, v in zip(bounds, values, strict=True)
    ]
    return bounds, found


def test_best_hour_averages_each_hour_and_counts_the_first_one() -> None:
    # Hours 00, 01, 02 gain 30, 10, 10: the first hour is the best.
    bounds, found = hours(100, 130, 140, 150)
    best = best_hour(bounds, found, UTC)
    assert best is not None and (best.hour, best.average_gain, best.days) == (0, 30.0, 1)


def test_best_hour_is_by_average_not_by_total() -> None:
    # Hour 0 twice (+10, +10: total 20), hour 1 once (+15): hour 1 has the larger average.
    start = datetime(2026, 11, 25, tzinfo=UTC)
    bounds = [start + timedelta(hours=h) for h in (0, 1, 2, 24, 25)]
    found: list[Sample | None] = [
        Sample(bounds[0], 100),
        Sample(bounds[1], 110),
        Sample(bounds[2], 125),
        Sample(bounds[3], 200),
        Sample(bounds[4], 210),
    ]
    best = best_hour(bounds, found, UTC)
    assert best is not None and (best.hour, best.average_gain, best.days) == (1, 15.0, 1)


def test_best_hour_skips_gaps_without_stopping_and_ties_go_to_the_earlier_hour() -> None:
    bounds, found = hours(100, None, 100, 110, 120)  # hour 0 and 1 unknown; 2 and 3 gain 10
    best = best_hour(bounds, found, UTC)
    assert best is not None and (best.hour, best.average_gain) == (2, 10.0)


def test_best_hour_neighbourhoods_are_inclusive() -> None:
    start = datetime(2026, 11, 25, tzinfo=UTC)
    bounds = [start, start + timedelta(hours=1)]
    # The hour's start sample exactly 2 h before its end boundary, its end sample exactly 1 h:
    # both still count.
    found: list[Sample | None] = [Sample(bounds[1] - timedelta(hours=2), 100), Sample(start, 160)]
    best = best_hour(bounds, found, UTC)
    assert best is not None and best.average_gain == 60.0
    # A second more on either side, and the hour does not count.
    late_start: list[Sample | None] = [
        Sample(bounds[1] - timedelta(hours=2, seconds=1), 100),
        Sample(start, 160),
    ]
    assert best_hour(bounds, late_start, UTC) is None
    stale_end: list[Sample | None] = [
        Sample(bounds[1] - timedelta(hours=2), 100),
        Sample(start - timedelta(seconds=1), 160),
    ]
    assert best_hour(bounds, stale_end, UTC) is None


def test_best_hour_is_the_local_hour() -> None:
    bounds, found = hours(100, 130, 140)
    best = best_hour(bounds, found, SEOUL)
    assert best is not None and best.hour == 9  # 00:00 UTC is 09:00 in Seoul


def test_stale_after_exactly_three_intervals_and_not_before() -> None:
    sample = Sample(T, 1)
    assert is_stale(None, T, 30)
    assert not is_stale(sample, T + timedelta(seconds=90), 30)
    assert is_stale(sample, T + timedelta(seconds=91), 30)


def test_a_rate_over_one_second_is_still_a_rate() -> None:
    assert rate_per_hour(Sample(T + timedelta(seconds=1), 11), Sample(T, 10)) == 3600.0
    assert rate_per_hour(Sample(T, 11), Sample(T, 10)) is None


def test_every_5xx_is_transient_and_nothing_around_it() -> None:
    assert is_transient(Reason.HTTP, 500) and is_transient(Reason.HTTP, 599)
    assert not is_transient(Reason.HTTP, 499) and not is_transient(Reason.HTTP, 600)
    assert is_transient(Reason.HTTP, 429) and is_transient(Reason.HTTP, 408)
    assert not is_transient(Reason.HTTP, None)


def test_the_last_attempt_is_not_retried_and_a_retry_may_end_exactly_at_the_budget() -> None:
    policy = RetryPolicy(attempts=2, base_seconds=1.0)
    failure = Failure(Reason.TIMEOUT)
    common = {"elapsed": 0.0, "attempt_deadline": 1.5, "jitter": 0.0}
    # First retry: waits half the first step (0.5 s), then a whole attempt (1.5 s): 2.0 s.
    assert next_delay(policy, failure, retry=0, budget=2.0, **common) == 0.5
    assert next_delay(policy, failure, retry=0, budget=1.99, **common) is None
    assert next_delay(policy, failure, retry=1, budget=100.0, **common) is None


def test_health_remembers_the_failure_and_the_recovery_tells_what_it_was() -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    failing, notice = after_sample(
        SourceHealth(), Failure(Reason.HTTP, "503 body", status=503), at, 2
    )
    assert notice is None
    assert (failing.reason, failing.status, failing.detail, failing.since) == (
        Reason.HTTP,
        503,
        "503 body",
        at,
    )
    later = at + timedelta(minutes=1)
    failing, notice = after_sample(failing, Failure(Reason.TIMEOUT, "slow"), later, 2)
    assert notice is not None and notice.kind is NoticeKind.FAILING
    assert (notice.reason, notice.status, notice.detail, notice.since) == (
        Reason.TIMEOUT,
        None,
        "slow",
        at,
    )
    healthy, notice = after_sample(failing, Reading(5), later, 2)
    assert healthy == SourceHealth()
    assert notice is not None and notice.kind is NoticeKind.RECOVERED
    assert (notice.failures, notice.reason, notice.detail, notice.since) == (
        2,
        Reason.TIMEOUT,
        "slow",
        at,
    )


def test_a_changed_layout_alerts_at_once_and_a_told_failure_stays_told() -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    moved = Failure(Reason.LAYOUT_CHANGED, "no count here", status=200)
    told, notice = after_sample(SourceHealth(), moved, at, 3)
    assert notice == Notice(
        NoticeKind.LAYOUT_CHANGED, 1, Reason.LAYOUT_CHANGED, 200, "no count here", at
    )
    assert told == SourceHealth(1, True, Reason.LAYOUT_CHANGED, 200, "no count here", at)
    later = at + timedelta(minutes=1)
    still, notice = after_sample(told, Failure(Reason.HTTP, "gone", status=503), later, 3)
    assert notice is None
    assert still == SourceHealth(2, True, Reason.HTTP, 503, "gone", at)


def test_failures_alert_when_they_reach_the_threshold_with_their_status() -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    health = SourceHealth()
    for _ in range(2):
        health, notice = after_sample(health, Failure(Reason.HTTP, "busy", status=503), at, 3)
        assert notice is None and not health.alerted
    health, notice = after_sample(health, Failure(Reason.HTTP, "busy", status=503), at, 3)
    assert notice == Notice(NoticeKind.FAILING, 3, Reason.HTTP, 503, "busy", at)
    assert health.alerted


async def test_failures_since_none_means_all_of_them(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "c.db")
    try:
        src = await sources.add_source(
            db, kind=SourceKind.KAKAO, target="_x", label="x", interval_seconds=30, created_at=T
        )
        for k in range(3):
            await failure_store.record_failure(
                db, src.id, T + timedelta(minutes=k), "timeout", f"#{k}"
            )
        assert await failure_store.count_failures_since(db, src.id, None) == 3
        assert await failure_store.count_failures_since(db, src.id, T) == 2
        every = await failure_store.recent_failures(db, src.id)
        assert [f.detail for f in every] == ["#2", "#1", "#0"]
        after = await failure_store.recent_failures(db, src.id, since=T + timedelta(minutes=1))
        assert [f.detail for f in after] == ["#2"]
    finally:
        await db.close()


def test_an_hour_without_a_new_sample_or_with_a_stale_end_is_skipped_not_the_rest() -> None:
    start = datetime(2026, 11, 25, tzinfo=UTC)
    b = [start + timedelta(hours=h) for h in range(4)]
    same = Sample(b[0] - timedelta(minutes=5), 100)
    # Hour 0: no sample taken during it (both ends are the same sample): not a gain of 0.
    assert best_hour(b[:2], [same, same], UTC) is None
    on_the_hour = Sample(b[0], 100)  # the only sample, taken exactly at 00:00
    assert best_hour(b[:2], [on_the_hour, on_the_hour], UTC) is None
    # Hour 0's end is stale (taken over an hour before its boundary); hours 1 and 2 are fine.
    found: list[Sample | None] = [
        Sample(b[0] - timedelta(minutes=5), 100),
        Sample(b[0] + timedelta(minutes=1), 150),  # 59 min before b[1]: fine for hour 1's start
        Sample(b[2] - timedelta(minutes=5), 160),
        Sample(b[3] - timedelta(minutes=5), 190),
    ]
    stale = [*found]
    stale[1] = Sample(b[1] - timedelta(hours=1, seconds=1), 150)
    best = best_hour(b, stale, UTC)
    assert best is not None and (best.hour, best.average_gain) == (2, 30.0)
    # Hour 0's start is too old (over two hours before its end boundary); the rest still count.
    old = [Sample(b[1] - timedelta(hours=2, seconds=1), 100), *found[1:]]
    best = best_hour(b, old, UTC)
    assert best is not None and (best.hour, best.average_gain) == (2, 30.0)


def test_a_recovery_notice_carries_the_http_status() -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    failing, _ = after_sample(SourceHealth(), Failure(Reason.HTTP, "x", status=503), at, 1)
    _, notice = after_sample(failing, Reading(1), at, 1)
    assert notice is not None and (notice.reason, notice.status) == (Reason.HTTP, 503)


async def test_a_stored_failure_keeps_its_time(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "c.db")
    try:
        src = await sources.add_source(
            db, kind=SourceKind.KAKAO, target="_x", label="x", interval_seconds=30, created_at=T
        )
        at = T.replace(microsecond=0)
        await failure_store.record_failure(db, src.id, at, "http_503", "busy")
        (got,) = await failure_store.recent_failures(db, src.id)
        assert (got.ts, got.reason, got.status, got.detail) == (at, Reason.HTTP, 503, "busy")
    finally:
        await db.close()


def test_an_expiring_entry_lasts_its_ttl_and_no_longer() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    kept: Expiring[tuple[int, int], bool] = Expiring(timedelta(seconds=60), most=2)
    kept.put((1, 2), True, start)
    assert kept.get((1, 2), start + timedelta(seconds=59)) is True
    assert kept.get((1, 2), start + timedelta(seconds=60)) is None
    for n in range(3):
        kept.put((n, n), False, start)
    assert kept.get((0, 0), start) is None  # the oldest went past `most`
    assert kept.get((2, 2), start) is False
