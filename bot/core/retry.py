"""Retrying a failed reading inside its own sampling interval: backoff with jitter, Retry-After.

The rule that keeps the schedule: a retry is only made when it can finish (its whole deadline
included) before the next scheduled sample is due. A source that asks for a longer wait than
that is left alone until then (`not_before`), and the skipped samples are failures that say so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core import reasons
from bot.core.model import Failure, Reading
from bot.core.reasons import Reason

Outcome = Reading | Failure
Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]
Jitter = Callable[[], float]  # uniform in [0, 1)


def is_transient(failure: Failure) -> bool:
    return reasons.is_transient(failure.reason, failure.status)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 3  # tries per scheduled sample, the first included
    base_seconds: float = 1.0  # first backoff step; doubles each retry
    cap_seconds: float = 60.0


def backoff_seconds(policy: RetryPolicy, retry: int, jitter: float) -> float:
    """'Equal jitter': half the exponential step fixed, half random, so retries from many
    sources spread out but never come sooner than half the step."""
    step = min(policy.cap_seconds, policy.base_seconds * float(2**retry))
    return step / 2 + step / 2 * jitter


def next_delay(
    policy: RetryPolicy,
    failure: Failure,
    *,
    retry: int,
    elapsed: float,
    budget: float,
    attempt_deadline: float,
    jitter: float,
) -> float | None:
    """How long to wait before retry number `retry` (0-based), or None to stop trying.

    `elapsed` is the time spent on this sample so far, `budget` the time until the next one is
    due; a retry is made only when waiting plus a whole attempt still fits in the budget.
    """
    if retry + 1 >= policy.attempts or not is_transient(failure):
        return None
    delay = backoff_seconds(policy, retry, jitter)
    if failure.retry_after is not None:
        delay = max(delay, failure.retry_after)
    if elapsed + delay + attempt_deadline > budget:
        return None
    return delay


@dataclass(frozen=True, slots=True)
class Tried:
    outcome: Outcome
    attempts: int
    waited: float  # seconds slept between attempts


async def read_with_retries(
    attempt: Callable[[], Awaitable[Outcome]],
    policy: RetryPolicy,
    *,
    budget: float,
    attempt_deadline: float,
    sleep: Sleep,
    monotonic: Monotonic,
    jitter: Jitter,
) -> Tried:
    """Run `attempt` (each bounded by `attempt_deadline`) until it reads, or retrying no longer
    fits; the last failure is the outcome."""
    started = monotonic()
    waited = 0.0
    retry = 0
    while True:
        outcome = await bounded(attempt, attempt_deadline)
        if isinstance(outcome, Reading):
            return Tried(outcome, retry + 1, waited)
        delay = next_delay(
            policy,
            outcome,
            retry=retry,
            elapsed=monotonic() - started,
            budget=budget,
            attempt_deadline=attempt_deadline,
            jitter=jitter(),
        )
        if delay is None:
            return Tried(outcome, retry + 1, waited)
        await sleep(delay)
        waited += delay
        retry += 1


async def bounded(attempt: Callable[[], Awaitable[Outcome]], deadline: float) -> Outcome:
    """One attempt, with a total deadline whatever the source kind does inside it."""
    try:
        async with asyncio.timeout(deadline):
            return await attempt()
    except TimeoutError:
        return Failure(Reason.TOO_SLOW, f"no answer within {deadline:g} s")
