"""What a `/metrics` scrape reads from storage: every tracked source (hidden ones too: they are
still sampled) with its latest good sample, in one statement."""

from __future__ import annotations

from bot.core.model import Sample, Source
from bot.services.deps import Deps
from bot.services.facts import latest_of
from storage import sources as source_store


async def tracked_with_latest(deps: Deps) -> list[tuple[Source, Sample | None]]:
    return await latest_of(deps.db, await source_store.list_sources(deps.db))
