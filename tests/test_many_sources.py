"""The commands that list every source read them all in a statement or three, and answer
exactly what the per-source lookups answer (the latest sample, the one nearest 24 h before it,
a held suspect, the newest failure), edge cases included."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.services.facts import (
    gather_now,
    gather_now_brief,
    gather_status,
    gather_statuses,
    latest_of,
)
from storage import failures as failure_store
from storage import samples, sources
from storage.database import open_database

NOW = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SEOUL = UTC


def at(seconds_before_now: float) -> datetime:
    return NOW - timedelta(seconds=seconds_before_now)


# Per source: (seconds before now, value, suspect); the latest good sample is at -100 s.
CASES: dict[str, list[tuple[float, int, bool]]] = {
    "tie": [(86_500 + 10, 1, False), (86_500 - 10, 2, False), (100, 9, False)],
    "before_only": [(86_500 + 600, 3, False), (100, 9, False)],
    "after_only": [(86_500 - 5_000, 4, False), (100, 9, False)],
    "too_far": [(86_500 + 90 * 60 + 1, 5, False), (100, 9, False)],
    "exact": [(86_500, 6, False), (86_500 - 1, 7, False), (100, 9, False)],
    "held": [(86_500, 6, False), (100, 9, False), (50, 900, True)],
    "suspect_reference": [(86_500, 6, True), (86_400, 8, False), (100, 9, False)],
    "only_suspect": [(100, 9, True)],
    "empty": [],
    "approximate": [(86_500, 6, False), (100, 9, False)],
}


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    conn = await open_database(tmp_path / "many.db")
    try:
        for label, rows in CASES.items():
            source = await sources.add_source(
                conn,
                kind=SourceKind.KAKAO,
                target=f"_{label}",
                label=label,
                interval_seconds=30,
                created_at=NOW - 3 * DAY,
            )
            for before, value, suspect in rows:
                sample = Sample(at(before), value, approximate=label == "approximate")
                await samples.insert_sample(conn, source.id, sample, suspect=suspect)
            if label in ("tie", "empty", "held"):
                await failure_store.record_failure(conn, source.id, at(300), "timeout", "old")
                await failure_store.record_failure(conn, source.id, at(30), "http_503", "newest")
                await failure_store.record_failure(
                    conn, source.id, at(30), "http_429", "same second"
                )
        await conn.commit()
        yield conn
    finally:
        await conn.close()


async def test_now_brief_answers_what_each_lookup_answers(db: aiosqlite.Connection) -> None:
    chosen = await sources.list_sources(db)
    brief = await gather_now_brief(db, chosen, NOW)
    one_by_one = [await gather_now(db, s, NOW, SEOUL) for s in chosen]
    assert [(f.source, f.latest, f.day_ago) for f in brief] == [
        (f.source, f.latest, f.day_ago) for f in one_by_one
    ]
    by_label = {f.source.label: f for f in brief}
    assert by_label["tie"].day_ago is not None and by_label["tie"].day_ago.value == 1
    assert by_label["too_far"].day_ago is None
    assert by_label["suspect_reference"].day_ago.value == 8  # type: ignore[union-attr]
    assert by_label["only_suspect"].latest is None and by_label["empty"].latest is None


async def test_statuses_answer_what_each_lookup_answers(db: aiosqlite.Connection) -> None:
    chosen = await sources.list_sources(db)
    assert await gather_statuses(db, chosen) == [await gather_status(db, s) for s in chosen]
    held = (await gather_statuses(db, [s for s in chosen if s.label == "held"]))[0]
    assert held.held is not None and held.held.value == 900
    assert held.last_failure is not None and held.last_failure.detail == "same second"
    assert await latest_of(db, chosen) == [
        (s, await samples.latest_sample(db, s.id)) for s in chosen
    ]
    assert await gather_statuses(db, []) == [] and await gather_now_brief(db, [], NOW) == []
