"""/compare, the page's comparison and /api/compare: which sources, what is known of each (the
samples /now's rule finds near 24 h, 7 d and 30 d ago, and the local midnights /forecast reads),
then the pure comparison (bot/core/compare.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import aiosqlite

from bot.core.compare import (
    Choice,
    CompareInput,
    Comparison,
    Tracked,
    choose,
    compare,
    rounding_of,
)
from bot.core.forecast import MAX_DAYS as FORECAST_DAYS
from bot.core.forecast import points_from_days
from bot.core.model import Source
from bot.core.stats import DAY, REFERENCE_TOLERANCE, WEEK
from bot.services import sources_query
from bot.services.deps import Deps
from bot.services.facts import gather_days
from storage import samples
from storage import subscriptions as subs

MONTH = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Compared:
    comparison: Comparison
    choice: Choice
    sources: tuple[Source, ...]  # the compared ones, in tracked order
    tracked: int  # how many sources are tracked


@dataclass(frozen=True, slots=True)
class NothingToCompare:
    """Nothing tracked, or nothing with a sample yet."""


@dataclass(frozen=True, slots=True)
class NotTracked:
    labels: tuple[str, ...]  # the words that name no tracked source
    tracked: tuple[Source, ...]


CompareOutcome = Compared | NothingToCompare | NotTracked


async def gather_input(
    db: aiosqlite.Connection, source: Source, now: datetime, tz: tzinfo
) -> CompareInput | None:
    """A source as the comparison needs it; None without a sample yet."""
    latest = await samples.latest_sample(db, source.id)
    if latest is None:
        return None
    near = [
        await samples.sample_near(db, source.id, latest.ts - back, REFERENCE_TOLERANCE)
        for back in (DAY, WEEK, MONTH)
    ]
    gains = await gather_days(db, source, now, tz, FORECAST_DAYS + 1)
    midnights = tuple(points_from_days(gains)) if gains is not None else ()
    rounding = 1
    if latest.approximate:
        rounded = [s.value for s in (latest, *near) if s is not None and s.approximate]
        rounding = rounding_of([*rounded, *(v for _, v in midnights)])
    return CompareInput(
        label=source.label,
        name=source.display_name,
        latest=latest,
        day_ago=near[0],
        week_ago=near[1],
        month_ago=near[2],
        midnights=midnights,
        rounding=rounding,
    )


async def compared(
    deps: Deps, named: Sequence[str], tz: tzinfo, *, shown: Sequence[Source] | None = None
) -> CompareOutcome:
    """The comparison of the named labels, or of the few sources `choose` picks; `shown`, when
    given, is what may be compared (the page and the API leave hidden sources out)."""
    everything = list(shown) if shown is not None else await sources_query.tracked(deps)
    if not everything:
        return NothingToCompare()
    latest = await samples.latest_samples(deps.db, [s.id for s in everything])
    followers = await subs.subscriber_counts(deps.db)
    tracked = [
        Tracked(
            s.label,
            followers.get(s.id, 0),
            None if (x := latest.get(s.id)) is None else x.value,
        )
        for s in everything
    ]
    choice = choose(tracked, named)
    if isinstance(choice, list):
        return NotTracked(tuple(choice), tuple(everything))
    by_label = {s.label: s for s in everything}
    chosen = tuple(by_label[label] for label in choice.labels)
    now = deps.clock.now()
    gathered = [await gather_input(deps.db, s, now, tz) for s in chosen]
    inputs = [x for x in gathered if x is not None]
    if not inputs:
        return NothingToCompare()
    today = now.astimezone(tz).date()
    return Compared(compare(inputs, today), choice, chosen, len(everything))


async def by_ids(deps: Deps, ids: Sequence[int]) -> list[Source]:
    """The sources a button names that are still tracked, in tracked order."""
    wanted = set(ids)
    return [s for s in await sources_query.tracked(deps) if s.id in wanted]
