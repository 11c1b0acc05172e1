"""The scheduled work, on PTB's JobQueue: one repeating job per tracked source (their phases
spread apart, bot/core/schedule.py), the daily summary with its every-minute catch-up, and the
retention pass. Each job is a thin call into a service.

Source jobs are started for every source at start-up, and live by /track and /untrack. How many
requests run at once and how many reach one host are bounded in bot/sources/transport.py.
"""

from __future__ import annotations

import logging

from bot.chat.context import BotApplication, BotContext
from bot.chat.outbox import TelegramOutbox
from bot.core.model import Source
from bot.core.schedule import first_run_delay
from bot.services import sources_query
from bot.settings import Settings

log = logging.getLogger(__name__)


def job_name(source_id: int) -> str:
    return f"sample:{source_id}"


def sampling_job_ids(application: BotApplication) -> set[int] | None:
    """The ids of the sources whose sampling job is scheduled; None when the job queue is not
    running (what /healthz checks)."""
    queue = application.job_queue
    if queue is None or not queue.scheduler.running:
        return None
    return {
        job.data
        for job in queue.jobs()
        if (job.name or "").startswith("sample:") and isinstance(job.data, int)
    }


class JobSchedule:
    """The services' `SamplingSchedule` on the Application's job queue."""

    def __init__(self, application: BotApplication, spread_seconds: float) -> None:
        self._application = application
        self._spread = spread_seconds

    def start(self, source: Source) -> None:
        """(Re)start the source's job; a late run is still run (not APScheduler's 1 s grace)."""
        queue = self._application.job_queue
        assert queue is not None, "install python-telegram-bot[job-queue]"
        self.stop(source.id)
        queue.run_repeating(
            _sample_job,
            interval=source.interval_seconds,
            first=first_run_delay(source.id, source.interval_seconds, self._spread),
            data=source.id,
            name=job_name(source.id),
            job_kwargs={
                "misfire_grace_time": source.interval_seconds,
                "coalesce": True,
                "max_instances": 1,
            },
        )

    def stop(self, source_id: int) -> int:
        """Stop the source's job; returns how many jobs were removed."""
        queue = self._application.job_queue
        assert queue is not None, "install python-telegram-bot[job-queue]"
        jobs = queue.get_jobs_by_name(job_name(source_id))
        for job in jobs:
            job.schedule_removal()
        return len(jobs)


async def _sample_job(context: BotContext) -> None:
    data = context.bot_data
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    source = await sources_query.by_id(data.deps, job.data)
    if source is None:  # untracked while this run was waiting
        job.schedule_removal()
        return
    if data.deps.stopping.is_set():  # shutting down (bot/chat/shutdown.py): start nothing new
        return
    async with data.deps.job():
        await data.sampler.sample_once(source)


async def _summary_job(context: BotContext) -> None:
    data = context.bot_data
    if data.deps.stopping.is_set():
        return
    async with data.deps.job():
        paid = data.deps.settings.paid_broadcast
        sent = await data.summaries.send_due(TelegramOutbox(context.bot, paid=paid))
        if sent:
            log.info("daily summary sent to %d chats", sent)


async def _retention_job(context: BotContext) -> None:
    data = context.bot_data
    if data.deps.stopping.is_set():
        return
    async with data.deps.job():
        await data.retention.reduce_old_samples()


def schedule_summaries(application: BotApplication, settings: Settings) -> None:
    """At the set local time, and every minute after as a catch-up (it sends each chat once)."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    at = settings.daily_summary_time.replace(tzinfo=settings.timezone)
    queue.run_daily(
        _summary_job, time=at, name="summary:daily", job_kwargs={"misfire_grace_time": 3600}
    )
    queue.run_repeating(
        _summary_job,
        interval=settings.summary_check_seconds,
        first=min(2.0, settings.summary_check_seconds),  # after the first sample, promptly
        name="summary:check",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )


def schedule_retention(application: BotApplication, settings: Settings) -> None:
    """Reduce old samples and prune old rows soon after the start, then every hour."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    queue.run_repeating(
        _retention_job,
        interval=settings.retention_check_seconds,
        first=min(60.0, settings.retention_check_seconds),
        name="retention",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )
