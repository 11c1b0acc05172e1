"""Which tracked sources an answer is about, and what is known of them: the reads the chat edge
makes before it answers, so no handler reaches storage itself."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.deeplinks import find_for_word
from bot.core.facts import SourceState, SourceStatus
from bot.core.model import Source
from bot.core.source_choice import find_by_label
from bot.services.deps import Deps
from bot.services.facts import gather_statuses
from bot.services.sampling import Sampler
from storage import samples
from storage import sources as source_store


@dataclass(frozen=True, slots=True)
class Chosen:
    sources: list[Source]


@dataclass(frozen=True, slots=True)
class NothingTracked:
    pass


@dataclass(frozen=True, slots=True)
class UnknownLabel:
    label: str
    tracked: list[Source]  # what the reply offers instead


Choice = Chosen | NothingTracked | UnknownLabel


async def tracked(deps: Deps) -> list[Source]:
    return await source_store.list_sources(deps.db)


async def by_id(deps: Deps, source_id: int) -> Source | None:
    """None when the source was untracked (a job or a button that outlived it)."""
    return await source_store.source_by_id(deps.db, source_id)


async def choose(deps: Deps, label: str | None) -> Choice:
    """The labelled source, or every tracked one without a label."""
    if label is not None:
        # One indexed lookup: a command's cost does not grow with the sources tracked.
        labelled = await source_store.source_by_label(deps.db, label.strip())
        if labelled is not None:
            return Chosen([labelled])
    everything = await tracked(deps)
    if not everything:
        return NothingTracked()
    if label is None:
        return Chosen(everything)
    found = find_by_label(everything, label)
    return Chosen([found]) if found is not None else UnknownLabel(label, everything)


async def chosen_by_id(deps: Deps, source_id: int | None) -> tuple[list[Source], list[Source]]:
    """What a button means (one source, or all of them with None), and everything tracked."""
    everything = await tracked(deps)
    return [s for s in everything if source_id is None or s.id == source_id], everything


async def for_word(deps: Deps, word: str) -> Source | None:
    """The source a share link's word names (its label, or its id)."""
    return find_for_word(await tracked(deps), word)


async def statuses(deps: Deps) -> list[SourceStatus]:
    """/sources: every source with its latest sample, a held one and its last failure."""
    return await gather_statuses(deps.db, await tracked(deps))


async def states(sampler: Sampler) -> list[SourceState]:
    """/status: every source with its health and latest sample."""
    db = sampler.deps.db
    return [
        SourceState(
            source, await sampler.current_health(source), await samples.latest_sample(db, source.id)
        )
        for source in await source_store.list_sources(db)
    ]
