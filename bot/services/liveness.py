"""Whether the bot is healthy, for `/healthz`: the database takes writes and every tracked
source has its sampling job."""

from __future__ import annotations

from collections.abc import Callable

from bot.services.deps import Deps
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
    tracked = {s.id for s in await source_store.list_sources(deps.db)}
    missing = tracked - jobs
    if missing:
        return f"sampling jobs missing for {len(missing)} of {len(tracked)} sources"
    return None
