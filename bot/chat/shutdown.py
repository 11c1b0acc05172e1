"""Stopping on SIGTERM/SIGINT within seconds, whatever the jobs are waiting for.

PTB's own stop waits for every running job to finish, and a job can be waiting on a source that
never answers or on a Telegram flood wait. So the signal first tells jobs to stop starting work,
gives the running ones a short grace (a summary finishes the message it is sending), cancels
what is left (nothing half-written: each write is one transaction; an interrupted summary is
sent again by the next run), and only then lets PTB stop. A second signal is not caught: it
ends the process the hard way, in case even that hangs.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.chat.context import BotApplication
from bot.services.deps import Deps

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_stop_signals(application: BotApplication, grace_seconds: float) -> None:
    """Install the handlers once the Application runs on its loop (after its post_init)."""
    inner = application.post_init
    pending: set[asyncio.Task[None]] = set()

    async def post_init(app: BotApplication) -> None:
        if inner is not None:
            await inner(app)
        loop = asyncio.get_running_loop()

        def on_signal(signum: int) -> None:
            for sig in STOP_SIGNALS:
                loop.remove_signal_handler(sig)  # a second signal ends the process at once
            log.info("%s received: stopping", signal.Signals(signum).name)
            task = loop.create_task(stop_gracefully(app, grace_seconds))
            pending.add(task)
            task.add_done_callback(pending.discard)

        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, on_signal, sig)

    application.post_init = post_init


async def stop_gracefully(application: BotApplication, grace_seconds: float) -> None:
    if application.bot_data.is_open:
        await end_jobs(application.bot_data.deps, grace_seconds)
    application.stop_running()


async def end_jobs(deps: Deps, grace_seconds: float) -> int:
    """Let running jobs finish within the grace, cancel the rest; return how many were cut."""
    deps.stopping.set()
    running = set(deps.jobs)
    if not running:
        return 0
    _, late = await asyncio.wait(running, timeout=grace_seconds)
    for task in late:
        task.cancel()
    if late:
        await asyncio.wait(late, timeout=1.0)
        log.info("stopped %d job(s) that were still running", len(late))
    return len(late)
