"""Taking one sample of a source and storing what came of it: a number or a failure."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.model import Failure, Reading, Sample, Source
from bot.runtime import Runtime
from bot.sanity import Verdict, judge
from bot.sources import read_source
from storage import samples, sources

log = logging.getLogger(__name__)


async def take_reading(rt: Runtime, source: Source) -> Reading | Failure:
    """Read the source now, storing nothing (what /track does before it adds a source)."""
    return await read_source(rt.http, source, rt.settings, member_count=rt.member_count)


async def sample_once(rt: Runtime, source: Source) -> Reading | Failure:
    """Read the source now and record the outcome; never raises for a broken source."""
    outcome = await take_reading(rt, source)
    await record_outcome(rt, source, outcome)
    return outcome


async def record_outcome(rt: Runtime, source: Source, outcome: Reading | Failure) -> None:
    at = rt.clock.now()
    if isinstance(outcome, Reading):
        verdict = await store_reading(rt, source, outcome, at)
        if verdict is Verdict.SUSPECT:
            log.warning("sample of %s held as suspect: %s", source.label, outcome.value)
        if outcome.name and outcome.name != source.name:
            await sources.set_source_name(rt.db, source.id, outcome.name)
    else:
        log.warning("sample of %s failed: %s", source.label, outcome)
        await samples.record_failure(rt.db, source.id, at, outcome.reason, outcome.detail)


async def store_reading(rt: Runtime, source: Source, reading: Reading, at: datetime) -> Verdict:
    """Store a good number, applying the sanity rule (bot/sanity.py) against the last ones."""
    last_good = await samples.latest_sample(rt.db, source.id)
    newest = await samples.latest_sample(rt.db, source.id, include_suspect=True)
    held = newest if newest is not None and newest != last_good else None
    verdict = judge(reading.value, last_good, held, rt.settings.suspect_factor)
    sample = Sample(ts=at, value=reading.value, approximate=reading.approximate)
    await samples.insert_sample(rt.db, source.id, sample, suspect=verdict is Verdict.SUSPECT)
    if verdict is Verdict.CONFIRMS and held is not None:
        await samples.confirm_suspect(rt.db, source.id, held.ts)
    return verdict
