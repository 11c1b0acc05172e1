"""Whether the bot is healthy, for `/healthz`: the database takes writes, every tracked source
has its sampling job, and the default source (every source, with HEALTH_ALL_SOURCES) has had a
good sample within HEALTH_STALE_INTERVALS of its intervals: a bot that never gets a number is
not healthy, however well it runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.core.kinds import SourceKind
from bot.core.model import Source
from bot.services.deps import Deps
from storage import failures as failure_store
from storage import samples
from storage import sources as source_store

# The ids of the sources whose sampling job is scheduled, or None when the scheduler is not
# running; the chat edge provides it (the job queue is Telegram's).
SamplingJobs = Callable[[], set[int] | None]


async def unhealthy(deps: Deps, sampling_jobs: SamplingJobs) -> str | None:
    """Why the bot is not healthy, in one line, or None."""
    if deps.stopping.is_set():
        return "stopping"
    if deps.db_health.error is not None:
        return f"database refuses writes: {deps.db_health.error}"
    jobs = sampling_jobs()
    if jobs is None:
        return "sampler not running"
    listed = await source_store.list_sources(deps.db)
    tracked = {s.id for s in listed}
    missing = tracked - jobs
    if missing:
        return f"sampling jobs missing for {len(missing)} of {len(tracked)} sources"
    return await _stale(deps, listed)


async def _stale(deps: Deps, listed: list[Source]) -> str | None:
    """Why the watched sources have gone without a number: none good for `intervals` of their
    intervals, with at least as many failures since (a bot just restarted after a pause has not
    failed yet, so it is not called unhealthy for the pause)."""
    settings = deps.settings
    intervals = settings.health_stale_intervals
    if intervals <= 0:
        return None
    key = f"{SourceKind.KAKAO}:{settings.kakao_channel_id}"
    watched = listed if settings.health_all_sources else [s for s in listed if s.key == key]
    if not watched:
        return None
    now = deps.clock.now()
    latest = await samples.latest_samples(deps.db, [s.id for s in watched])
    for source in watched:
        good = latest.get(source.id)
        since = good.ts if good is not None else None
        if since is not None and now - since < timedelta(
            seconds=intervals * source.interval_seconds
        ):
            continue
        failed = await failure_store.count_failures_since(deps.db, source.id, since)
        if failed < intervals:
            continue
        last = await failure_store.recent_failures(deps.db, source.id, limit=1)
        why = f" (latest: {last[0].tag})" if last else ""
        when = f"since {since.isoformat()}" if since is not None else "ever"
        return f"no good sample of {source.label} {when}: {failed} failed{why}"
    return None
