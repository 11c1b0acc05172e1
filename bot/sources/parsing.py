"""Where pages are parsed: never on the event loop, always within a CPU, memory and time bound.

A `ParsePool` keeps a few worker processes (spawned when first needed, not forked from the bot's
threads) that run the pure parse functions of bot/sources on a page's text. Each task has a CPU
budget (RLIMIT_CPU raised to "used so far + budget" before it; the kernel ends a worker that
overruns with SIGXCPU), an address-space bound (RLIMIT_AS) and a wall-clock backstop after which
the parent kills the worker. A worker that dies or is killed is replaced by the next task; the
task itself is a `Failure(Reason.TOO_COMPLEX)`, recorded and alerted on like any other failure.

The `Parse` seam and `parse_inline` (the same functions in the caller, for tests and tools that
parse trusted text) are in bot/sources/parse.py, which the kinds import; this module imports the
kinds (to warm its workers up), never the other way round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import multiprocessing
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Final

from bot.core.model import Failure, Reading
from bot.core.reasons import Reason
from bot.sources.parse import ParseFunction, outcome_of

log = logging.getLogger(__name__)

CPU_SECONDS: Final = 2.0
MEMORY_BYTES: Final = 768 << 20  # address space of a worker, its interpreter included
WORKERS: Final = 2
_START_SECONDS: Final = 60.0  # spawning imports lexbor and RE2; generous on a loaded machine


def _serve(conn: Connection, cpu_seconds: float, memory_bytes: int) -> None:
    """The worker's loop: set its bounds, then parse what it is sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the bot decides when its workers stop
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    if hard_as == resource.RLIM_INFINITY or memory_bytes < hard_as:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard_as))
    # Import what the tasks need (every registered kind) before saying ready, so the budget is
    # spent on parsing.
    import bot.sources.kinds  # noqa: F401

    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    conn.send("ready")
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = math.ceil(usage.ru_utime + usage.ru_stime + cpu_seconds)
        if hard_cpu != resource.RLIM_INFINITY:
            soft = min(soft, hard_cpu)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard_cpu))
        conn.send(outcome_of(fn, args))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()

    def close(self) -> None:
        self.kill()
        self.process.join(5)
        self.conn.close()


class ParsePool:
    """A few worker processes that parse pages; `await pool(fn, *args)`; `await pool.close()`."""

    def __init__(
        self,
        workers: int = WORKERS,
        *,
        cpu_seconds: float = CPU_SECONDS,
        memory_bytes: int = MEMORY_BYTES,
        wall_seconds: float | None = None,
    ) -> None:
        self.cpu_seconds = cpu_seconds
        self.memory_bytes = memory_bytes
        # The CPU limit has one-second steps and a busy machine shares its cores: the wall-clock
        # backstop leaves room for both.
        self.wall_seconds = wall_seconds or 3 * (math.ceil(cpu_seconds) + 1)
        self._workers = workers
        self._slots = asyncio.Semaphore(workers)
        self._idle: list[_Worker] = []
        self._context = multiprocessing.get_context("spawn")
        self._closed = False
        self._spawns: set[asyncio.Task[_Worker]] = set()  # spawning, perhaps for nobody now
        self.replaced = 0  # workers killed or dead after a task: what the bounds caught

    @property
    def ready(self) -> int:
        """Workers started and waiting for a page."""
        return len(self._idle)

    async def warm(self) -> None:
        """Start a worker now, before the first page: a spawn imports lexbor and RE2 (~0.3 s of
        CPU, seconds on a loaded machine), which must not count against a source's deadline.
        One is enough to start with; another starts when two pages are read at once."""
        if self._idle or self._spawns:
            return
        spawn = self._spawn_task()
        spawn.add_done_callback(self._adopt)
        try:
            await asyncio.shield(spawn)
        except Exception as exc:  # the first page will try again
            log.warning("a parse worker did not start ahead of time: %s", exc)

    def _spawn_task(self) -> asyncio.Task[_Worker]:
        task = asyncio.create_task(asyncio.to_thread(self._spawn))
        self._spawns.add(task)
        task.add_done_callback(self._spawns.discard)
        return task

    async def _spawned(self) -> _Worker:
        """A new worker for the caller. A caller that gives up (a source's deadline) does not
        throw the spawn away: the worker is kept for the next task, so a slow start is paid
        once, not again by every sample that times out waiting for it."""
        spawn = self._spawn_task()
        try:
            return await asyncio.shield(spawn)
        except asyncio.CancelledError:
            spawn.add_done_callback(self._adopt)
            raise

    def _adopt(self, spawn: asyncio.Task[_Worker]) -> None:
        """A worker spawned ahead of a task (or for a caller that left) joins the idle ones."""
        if spawn.cancelled() or spawn.exception() is not None:
            return
        worker = spawn.result()
        if self._closed or len(self._idle) >= self._workers:
            worker.kill()
            worker.conn.close()
        else:
            self._idle.append(worker)

    async def __call__(self, fn: ParseFunction, /, *args: Any) -> Reading | Failure:
        if self._closed:
            return Failure(Reason.INTERNAL, "the bot is stopping")
        async with self._slots:
            worker = self._idle.pop() if self._idle else await self._spawned()
            try:
                outcome, keep = await asyncio.to_thread(self._run, worker, fn, args)
            except BaseException:  # the caller gave up (cancelled), or the task would not pickle
                self.replaced += 1
                worker.kill()  # the thread sees the pipe close and ends
                raise
            if keep and not self._closed:
                self._idle.append(worker)
            else:  # overran or died: never reused
                self.replaced += int(not keep)
                await asyncio.to_thread(worker.close)
            return outcome

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self.cpu_seconds, self.memory_bytes),
            name="channel-counter-parser",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(_START_SECONDS) or parent.recv() != "ready":
            worker.close()
            raise RuntimeError("a parse worker did not start")
        return worker

    def _run(
        self, worker: _Worker, fn: ParseFunction, args: tuple[Any, ...]
    ) -> tuple[Reading | Failure, bool]:
        """Send one task and wait for its answer within the wall-clock bound (in a thread)."""
        started = time.monotonic()
        try:
            worker.conn.send((fn, args))
            if worker.conn.poll(self.wall_seconds):
                outcome: Reading | Failure
                outcome, trace = worker.conn.recv()
                if trace is not None:
                    log.error("parsing with %s raised:\n%s", fn.__name__, trace)
                return outcome, True
        except (EOFError, OSError):
            pass  # the worker died: the kernel ended it for its CPU or it ran out of memory
        worker.kill()
        worker.process.join(5)
        code = worker.process.exitcode
        took = time.monotonic() - started
        log.warning("parse worker for %s ended (exit %s) after %.1f s", fn.__name__, code, took)
        if code == -signal.SIGXCPU:
            why = f"reading the page took more than {self.cpu_seconds:g} s of CPU"
        elif code == -signal.SIGKILL and took >= self.wall_seconds:
            why = f"reading the page took longer than {self.wall_seconds:g} s"
        else:
            why = f"reading the page stopped its worker (exit {code})"
        return Failure(Reason.TOO_COMPLEX, why), False

    async def close(self) -> None:
        self._closed = True
        if self._spawns:  # a spawn under way ends in a kill (`_adopt`): give it a moment
            await asyncio.wait(set(self._spawns), timeout=5)
        idle, self._idle = self._idle, []
        for worker in idle:
            await asyncio.to_thread(worker.close)
