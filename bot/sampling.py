"""Taking one sample of a source and storing what came of it: a number or a failure."""

from __future__ import annotations

import logging

from bot.model import Failure, Reading, Sample, Source
from bot.runtime import Runtime
from bot.sources import read_source
from storage import samples, sources

log = logging.getLogger(__name__)


async def sample_once(rt: Runtime, source: Source) -> Reading | Failure:
    """Read the source now and record the outcome; never raises for a broken source."""
    outcome = await read_source(rt.http, source, rt.settings)
    at = rt.clock.now()
    if isinstance(outcome, Reading):
        await samples.insert_sample(
            rt.db, source.id, Sample(ts=at, value=outcome.value, approximate=outcome.approximate)
        )
        if outcome.name and outcome.name != source.name:
            await sources.set_source_name(rt.db, source.id, outcome.name)
    else:
        log.warning("sample of %s failed: %s", source.label, outcome)
        await samples.record_failure(rt.db, source.id, at, outcome.reason, outcome.detail)
    return outcome
