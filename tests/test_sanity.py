"""The sanity rule: a jump beyond the factor is held as suspect until the next sample decides."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Reading, Sample, Source
from bot.core.sanity import Verdict, judge, jumps
from bot.services.deps import Deps
from bot.services.sampling import Sampler
from bot.settings import Settings
from storage import samples, sources
from storage.database import open_database
from tests.fakes.clock import FakeClock

T0 = datetime(2026, 11, 25, tzinfo=UTC)


def s(value: int, minutes: int = 0) -> Sample:
    return Sample(T0 + timedelta(minutes=minutes), value)


@pytest.mark.parametrize(
    ("value", "reference", "factor", "expected"),
    [
        (1000, 100, 10, False),  # exactly ×10 is not beyond it
        (1001, 100, 10, True),
        (10, 100, 10, False),
        (9, 100, 10, True),
        (5, 0, 10, False),  # 0 -> 5: compared as 1 -> 5
        (11, 0, 10, True),
        (0, 0, 10, False),
        (10**9, 1, 0, False),  # factor 0: the check is off
        (250, 100, 2.5, False),
        (251, 100, 2.5, True),
    ],
)
def test_jumps(value: int, reference: int, factor: float, expected: bool) -> None:
    assert jumps(value, reference, factor) is expected


@pytest.mark.parametrize(
    ("value", "last_good", "held", "verdict"),
    [
        (123, None, None, Verdict.GOOD),  # the first sample is believed
        (1_050_000, s(1_000_000), None, Verdict.GOOD),
        (1_200, s(1_000_000), None, Verdict.SUSPECT),  # "1.2K" read as the whole count
        (1_000_100, s(1_000_000), s(1_200, 1), Verdict.GOOD),  # back to normal: stays excluded
        (1_250, s(1_000_000), s(1_200, 1), Verdict.CONFIRMS),  # it really dropped
        (50, s(1_000_000), s(1_200, 1), Verdict.SUSPECT),  # far from both
    ],
)
def test_judge(value: int, last_good: Sample | None, held: Sample | None, verdict: Verdict) -> None:
    assert judge(value, last_good, held, 10) is verdict


@pytest.fixture
async def rt(settings: Settings, clock: FakeClock) -> AsyncIterator[Deps]:
    db = await open_database(":memory:")
    async with httpx.AsyncClient() as http:
        yield Deps(settings=settings, clock=clock, db=db, http=http)
    await db.close()


async def add(rt: Deps) -> Source:
    return await sources.add_source(
        rt.db,
        kind=SourceKind.WEB,
        target="https://x.example/",
        label="x",
        interval_seconds=60,
        created_at=rt.clock.now(),
    )


async def feed(rt: Deps, clock: FakeClock, source: Source, values: list[int]) -> None:
    for value in values:
        clock.advance(timedelta(minutes=1))
        await Sampler(rt).record_outcome(source, Reading(value))


async def test_a_spike_back_to_normal_never_shows(rt: Deps, clock: FakeClock) -> None:
    source = await add(rt)
    await feed(rt, clock, source, [1_000_000, 1_000_010, 1_200, 1_000_030])
    good = [x.value async for x in samples.iter_samples(rt.db, source.id)]
    assert good == [1_000_000, 1_000_010, 1_000_030]
    assert await samples.count_samples(rt.db, source.id) == 4  # the spike is kept, held out
    latest = await samples.latest_sample(rt.db, source.id)
    assert latest is not None and latest.value == 1_000_030


async def test_a_real_jump_is_confirmed_by_the_next_sample(rt: Deps, clock: FakeClock) -> None:
    source = await add(rt)
    await feed(rt, clock, source, [40, 41, 900])
    latest = await samples.latest_sample(rt.db, source.id)
    assert latest is not None and latest.value == 41  # 900 is held
    held = await samples.latest_sample(rt.db, source.id, include_suspect=True)
    assert held is not None and held.value == 900

    await feed(rt, clock, source, [905])
    good = [x.value async for x in samples.iter_samples(rt.db, source.id)]
    assert good == [40, 41, 900, 905]


async def test_the_factor_comes_from_settings(rt: Deps, clock: FakeClock) -> None:
    rt.settings = replace(rt.settings, suspect_factor=0)  # off
    source = await add(rt)
    await feed(rt, clock, source, [40, 90_000])
    latest = await samples.latest_sample(rt.db, source.id)
    assert latest is not None and latest.value == 90_000
