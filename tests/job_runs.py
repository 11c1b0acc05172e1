"""Waiting for a positive event instead of a bare sleep: finished runs of the bot's jobs.

"Nothing more was sent" is only worth asserting once the bot has had the chance to send more:
`summary_checks_ran` waits until whole summary checks have run, begun after the call and
finished, however slow the machine is.
"""

from __future__ import annotations

from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent

from tests.running import RunningBot, wait_until

SUMMARY_CHECK = "summary:check"


def _finished(application: Any) -> dict[str, int]:
    """Finished runs per APScheduler job id, counted by a listener added on first use."""
    scheduler = application.job_queue.scheduler
    counts: dict[str, int] | None = getattr(scheduler, "_tests_finished_runs", None)
    if counts is None:
        found: dict[str, int] = {}

        def listener(event: JobExecutionEvent) -> None:
            found[event.job_id] = found.get(event.job_id, 0) + 1

        scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        scheduler._tests_finished_runs = counts = found
    return counts


async def job_runs(bot: RunningBot, name: str, count: int = 2, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Wait until `count` runs of the job called `name` have begun after this call and ended.

    A run already under way when this is called may have begun before it (before the clock was
    moved, say), so one more finished run than asked for is waited for: the job does not overlap
    itself (`max_instances=1`)."""
    (job,) = bot.application.job_queue.get_jobs_by_name(name)
    counts = _finished(bot.application)
    target = counts.get(job.job.id, 0) + count + 1
    await wait_until(lambda: counts.get(job.job.id, 0) >= target, timeout=timeout)


async def summary_checks_ran(bot: RunningBot, count: int = 2) -> None:
    """Whole summary checks ran since this call: whatever they were going to send, they sent."""
    await job_runs(bot, SUMMARY_CHECK, count)
