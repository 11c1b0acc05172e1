"""One repeating job per tracked source, each at its own interval, their phases spread apart.

Started for every source at start-up, and live by /track and /untrack. How many requests run at
once and how many reach one host are bounded below, in bot/sources/transport.py.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, ContextTypes

from bot.chat.runtime import runtime
from bot.core.model import Source
from bot.services.sampling import sample_once
from storage import sources as source_store

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

_GOLDEN = 0.6180339887498949


def job_name(source_id: int) -> str:
    return f"sample:{source_id}"


def first_run_delay(source_id: int, interval_seconds: int, spread_seconds: float) -> float:
    """Seconds until a source's first scheduled sample.

    The golden-ratio sequence puts consecutive ids far apart and never on the same spot, so 100
    sources with one interval fire over the whole window instead of in the same second; each
    later run keeps its phase. The window is at most the interval (a source is never sampled
    later than one interval after start) and at most `spread_seconds` (a slow source is not left
    unsampled for an hour after a restart).
    """
    window = max(0.0, min(float(interval_seconds), spread_seconds))
    return 0.5 + ((source_id * _GOLDEN) % 1.0) * window


def schedule_sampling(application: AnyApplication, source: Source, spread_seconds: float) -> None:
    """(Re)start the source's job; a late run is still run (not APScheduler's 1 s grace)."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    unschedule_sampling(application, source.id)
    queue.run_repeating(
        _sample_job,
        interval=source.interval_seconds,
        first=first_run_delay(source.id, source.interval_seconds, spread_seconds),
        data=source.id,
        name=job_name(source.id),
        job_kwargs={
            "misfire_grace_time": source.interval_seconds,
            "coalesce": True,
            "max_instances": 1,
        },
    )


def unschedule_sampling(application: AnyApplication, source_id: int) -> int:
    """Stop the source's job; returns how many jobs were removed."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    jobs = queue.get_jobs_by_name(job_name(source_id))
    for job in jobs:
        job.schedule_removal()
    return len(jobs)


async def _sample_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    source = await source_store.source_by_id(rt.db, job.data)
    if source is None:  # untracked while this run was waiting
        job.schedule_removal()
        return
    if rt.stopping.is_set():  # shutting down (bot/shutdown.py): start nothing new
        return
    async with rt.job():
        await sample_once(rt, source)
