"""Adding and removing tracked sources: what /track and /untrack do, without Telegram.

A source is only added after one sample of it yielded a number, so nothing broken is tracked;
its job starts at once (through the `SamplingSchedule` the edge provides), and removing a source
stops its job before its history is deleted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from bot.core.milestones import with_milestone_every
from bot.core.model import Failure, Reading, Source
from bot.core.source_choice import find_by_label
from bot.services.deps import Deps
from bot.services.sampling import Sampler
from bot.services.sources_query import UnknownLabel
from bot.sources.addresses import (
    AddressRefusedError,
    HostUnresolvedError,
    check_host,
    port_problem,
    url_port,
    url_problem,
)
from bot.sources.kinds import KINDS
from bot.sources.specs import TrackRequest
from storage import samples
from storage import sources as source_store

log = logging.getLogger(__name__)


class SamplingSchedule(Protocol):
    """Starts and stops a source's repeating sample job (the edge's scheduler does it)."""

    def start(self, source: Source) -> None: ...

    def stop(self, source_id: int) -> int: ...


@dataclass(frozen=True, slots=True)
class AlreadyTracked:
    label: str


@dataclass(frozen=True, slots=True)
class LabelTaken:
    label: str


@dataclass(frozen=True, slots=True)
class AddressRefused:
    """The host resolves to a private address (and private ones are not allowed)."""

    host: str
    address: str
    detail: str  # the English detail, for logs


@dataclass(frozen=True, slots=True)
class HostUnresolved:
    """The host name does not resolve: not a private address, a name nothing answers to."""

    host: str


@dataclass(frozen=True, slots=True)
class PortRefused:
    port: int
    allowed: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReadingFailed:
    where: str
    failure: Failure


@dataclass(frozen=True, slots=True)
class Tracked:
    source: Source
    reading: Reading


TrackOutcome = (
    AlreadyTracked
    | LabelTaken
    | AddressRefused
    | HostUnresolved
    | PortRefused
    | ReadingFailed
    | Tracked
)


async def refusal(sampler: Sampler, request: TrackRequest) -> TrackOutcome | None:
    """Why the request is refused before any sample is taken, or None when it may go on."""
    d = sampler.deps
    same = await source_store.source_by_key(d.db, request.kind, request.target)
    if same is not None:
        return AlreadyTracked(same.label)
    if await source_store.source_by_label(d.db, request.label) is not None:
        return LabelTaken(request.label)
    if KINDS[request.kind].url:
        problem = url_problem(request.target)  # parse_track_request checked it already
        host = urlsplit(request.target).hostname or ""
        if problem is not None:
            return AddressRefused(host, "", problem.key)
        try:
            await check_host(
                host,
                url_port(request.target),
                allow_private=d.settings.allow_private_sources,
                timeout=d.settings.request_timeout_seconds,
            )
        except AddressRefusedError as exc:
            return AddressRefused(exc.host or host, exc.address, str(exc))
        except HostUnresolvedError as exc:
            return HostUnresolved(exc.host or host)
        allowed = d.settings.source_ports()
        port = url_port(request.target)
        if port_problem(port, allowed) is not None:
            return PortRefused(port, tuple(sorted(allowed)))
    return None


async def add(sampler: Sampler, schedule: SamplingSchedule, request: TrackRequest) -> TrackOutcome:
    """Read once, add, store that reading, start sampling (after `refusal` said nothing)."""
    d = sampler.deps
    candidate = Source(
        id=0,
        kind=request.kind,
        target=request.target,
        label=request.label,
        name=None,
        interval_seconds=request.interval_seconds,
        options=request.options,
    )
    outcome = await sampler.take_reading(candidate)
    if isinstance(outcome, Failure):
        return ReadingFailed(candidate.key, outcome)
    try:
        source = await source_store.add_source(
            d.db,
            kind=request.kind,
            target=request.target,
            label=request.label,
            interval_seconds=request.interval_seconds,
            created_at=d.clock.now(),
            name=outcome.name,
            options=request.options,
        )
    except source_store.SourceExistsError:
        # Someone tracked the same thing while this sample was being taken.
        return await refusal(sampler, request) or LabelTaken(request.label)
    await sampler.record_outcome(source, outcome)
    schedule.start(source)
    log.info("tracking %s as %s every %s s", source.key, source.label, source.interval_seconds)
    return Tracked(source, outcome)


async def untrack(sampler: Sampler, schedule: SamplingSchedule, source: Source) -> int:
    """Stop the source's job, then delete it with its history; return how many samples went."""
    db = sampler.deps.db
    schedule.stop(source.id)
    deleted = await samples.count_samples(db, source.id)
    await source_store.remove_source(db, source.id)
    log.info("untracked %s (%s), %d samples deleted", source.label, source.key, deleted)
    return deleted


@dataclass(frozen=True, slots=True)
class Untracked:
    source: Source
    samples: int  # how many went with it


async def untrack_label(
    sampler: Sampler, schedule: SamplingSchedule, label: str
) -> Untracked | UnknownLabel:
    """/untrack <label>: the source and its history gone, or which labels there are."""
    tracked = await source_store.list_sources(sampler.deps.db)
    source = find_by_label(tracked, label)
    if source is None:
        return UnknownLabel(label, tracked)
    return Untracked(source, await untrack(sampler, schedule, source))


@dataclass(frozen=True, slots=True)
class MilestonesSet:
    source: Source
    every: int | None  # None: the 1-2-5 sequence


async def set_milestones(deps: Deps, label: str, every: int | None) -> MilestonesSet | UnknownLabel:
    """/milestones <label> <N|default>: which round numbers the source's subscribers hear of."""
    tracked = await source_store.list_sources(deps.db)
    source = find_by_label(tracked, label)
    if source is None:
        return UnknownLabel(label, tracked)
    options = with_milestone_every(source.options, every)
    await source_store.set_source_options(deps.db, source.id, options)
    return MilestonesSet(source, every)
