"""storage/samples.py pinned where mutation testing found it loose: keyset paging of the
export, counts, the suspect flag, the ±tolerance lookups, each against a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import ChartPoint, Sample
from storage import samples, sources
from storage.database import open_database

T0 = datetime(2026, 9, 1, tzinfo=UTC)
SID = 1


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    conn = await open_database(tmp_path / "c.db")
    for label in ("kakao", "other"):
        await sources.add_source(
            conn,
            kind=SourceKind.KAKAO,
            target=f"_{label}",
            label=label,
            interval_seconds=30,
            created_at=T0,
        )
    try:
        yield conn
    finally:
        await conn.close()


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


async def every(db: aiosqlite.Connection, *, batch: int) -> list[Sample]:
    return [s async for s in samples.iter_samples(db, SID, batch=batch)]


async def test_the_export_pages_by_time_through_every_good_sample(
    db: aiosqlite.Connection,
) -> None:
    stored = [Sample(at(k), 1000 - k, approximate=k % 2 == 0) for k in range(7)]
    assert await samples.insert_samples(db, SID, stored) == 7
    await samples.insert_sample(db, SID, Sample(at(7), 5), suspect=True)
    await samples.insert_sample(db, 2, Sample(at(3), 77))
    for batch in (1, 2, 3, 5000):
        assert await every(db, batch=batch) == stored  # the suspect is left out
    assert [s async for s in samples.iter_samples(db, SID)] == stored


async def test_the_export_reaches_samples_from_before_1970(db: aiosqlite.Connection) -> None:
    old = [
        Sample(datetime(1901, 1, 1, tzinfo=UTC), 3),
        Sample(datetime(1969, 12, 31, tzinfo=UTC), 4),
    ]
    await samples.insert_samples(db, SID, old)
    assert await every(db, batch=1) == old


async def test_counting_counts_one_source_and_every_stored_sample(
    db: aiosqlite.Connection,
) -> None:
    assert await samples.count_samples(db, SID) == 0
    await samples.insert_samples(db, SID, [Sample(at(k), k) for k in range(3)])
    await samples.insert_sample(db, SID, Sample(at(9), 5), suspect=True)
    await samples.insert_sample(db, 2, Sample(at(1), 1))
    assert await samples.count_samples(db, SID) == 4


async def test_a_target_was_reached_at_the_first_good_sample_at_or_above_it(
    db: aiosqlite.Connection,
) -> None:
    await samples.insert_samples(db, SID, [Sample(at(0), 90), Sample(at(2), 100)])
    await samples.insert_sample(db, SID, Sample(at(1), 150, approximate=True), suspect=True)
    await samples.insert_samples(db, SID, [Sample(at(3), 120, approximate=True)])
    await samples.insert_sample(db, 2, Sample(at(-1), 500))
    assert await samples.first_sample_at_or_above(db, SID, 100) == Sample(at(2), 100)
    assert await samples.first_sample_at_or_above(db, SID, 101) == Sample(at(3), 120, True)
    assert await samples.first_sample_at_or_above(db, SID, 121) is None


async def test_the_first_sample_in_a_span_is_good_and_before_its_end(
    db: aiosqlite.Connection,
) -> None:
    await samples.insert_samples(db, SID, [Sample(at(k), k) for k in (1, 5)])
    await samples.insert_sample(db, SID, Sample(at(3), 99), suspect=True)
    assert await samples.first_sample_at_or_after(db, SID, at(2)) == Sample(at(5), 5)
    assert await samples.first_sample_at_or_after(db, SID, at(2), before=at(5)) is None
    assert await samples.first_sample_at_or_after(db, SID, at(1), before=at(5)) == Sample(at(1), 1)
    assert await samples.first_sample(db, SID) == Sample(at(1), 1)
    assert await samples.first_sample(db, 2) is None


async def test_the_first_sample_may_be_at_the_epoch(db: aiosqlite.Connection) -> None:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    await samples.insert_samples(db, SID, [Sample(epoch, 7), Sample(at(0), 8)])
    assert await samples.first_sample(db, SID) == Sample(epoch, 7)


async def test_storing_one_sample_says_whether_it_was_new(db: aiosqlite.Connection) -> None:
    assert await samples.insert_sample(db, SID, Sample(at(0), 1)) is True
    assert await samples.insert_sample(db, SID, Sample(at(0), 2)) is False


async def test_a_pass_from_after_leaves_what_came_before_it(db: aiosqlite.Connection) -> None:
    rows = [Sample(T0 + timedelta(minutes=m), m) for m in range(0, 4 * 24 * 60, 5)]
    await samples.insert_samples(db, SID, rows)
    removed = await samples.reduce_history(
        db, SID, T0 + timedelta(days=3), after=T0 + timedelta(days=2)
    )
    assert removed == 24 * 6  # one of the two samples in each bucket of day 2
    assert await samples.count_samples(db, SID) == len(rows) - removed
    kept = [s async for s in samples.iter_samples(db, SID)]
    assert kept[: 2 * 24 * 12] == rows[: 2 * 24 * 12]  # days 0 and 1 untouched


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^naive datetime: pass an aware datetime$"):
        samples.to_ts(datetime(2026, 9, 1))


async def test_a_series_of_an_empty_or_backward_range_or_no_points_is_empty(
    db: aiosqlite.Connection,
) -> None:
    await samples.insert_samples(db, SID, [Sample(at(k), k) for k in range(10)])
    assert await samples.series_between(db, SID, at(5), at(5)) == []
    assert await samples.series_between(db, SID, at(5), at(2)) == []
    assert await samples.series_between(db, SID, at(0), at(10), max_points=0) == []
    (point,) = await samples.series_between(db, SID, at(0), at(10), max_points=1)
    assert point == ChartPoint(at(9), 9, 0, 9)


async def test_a_series_has_at_most_1500_points_by_default(db: aiosqlite.Connection) -> None:
    second = [Sample(T0 + timedelta(seconds=s), s) for s in range(1501)]
    await samples.insert_samples(db, SID, second)
    points = await samples.series_between(db, SID, T0, T0 + timedelta(seconds=1501))
    assert len(points) == 751  # two seconds a point
    assert points[0] == ChartPoint(T0 + timedelta(seconds=1), 1, 0, 1)


async def test_reducing_a_source_without_samples_removes_nothing(
    db: aiosqlite.Connection,
) -> None:
    assert await samples.reduce_history(db, SID, at(60)) == 0
