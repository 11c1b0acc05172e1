"""Retrying a reading inside its sampling interval, run with an injected sleep and clock: how
many attempts, how long they waited, and which outcome is kept."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.core.model import Failure, Reading
from bot.core.reasons import Reason
from bot.core.retry import Outcome, RetryPolicy, Tried, backoff_seconds, bounded, read_with_retries

DEFAULT_POLICY = RetryPolicy()


class Timeline:
    """A monotonic clock that moves only when an attempt takes time or the retry sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def attempts_giving(
    timeline: Timeline, outcomes: list[Outcome], *, takes: float = 0.0
) -> Callable[[], Awaitable[Outcome]]:
    given = iter(outcomes)

    async def attempt() -> Outcome:
        timeline.now += takes
        return next(given)

    return attempt


async def tried(
    timeline: Timeline,
    outcomes: list[Outcome],
    *,
    policy: RetryPolicy = DEFAULT_POLICY,
    budget: float = 100.0,
    deadline: float = 1.0,
    takes: float = 0.0,
    jitter: float = 0.0,
) -> Tried:
    return await read_with_retries(
        attempts_giving(timeline, outcomes, takes=takes),
        policy,
        budget=budget,
        attempt_deadline=deadline,
        sleep=timeline.sleep,
        monotonic=timeline.monotonic,
        jitter=lambda: jitter,
    )


async def test_a_first_reading_is_kept_without_waiting() -> None:
    timeline = Timeline()
    assert await tried(timeline, [Reading(5)]) == Tried(Reading(5), 1, 0.0)
    assert timeline.slept == []


async def test_transient_failures_are_retried_with_doubling_steps_until_a_reading() -> None:
    timeline = Timeline()
    outcomes: list[Outcome] = [Failure(Reason.TIMEOUT, "1"), Failure(Reason.DROPPED, "2")]
    result = await tried(timeline, [*outcomes, Reading(7)])
    assert result == Tried(Reading(7), 3, 1.5)
    assert timeline.slept == [0.5, 1.0]  # half of 1 s, then half of 2 s (no jitter)


async def test_the_last_failure_is_the_outcome_once_the_attempts_are_spent() -> None:
    timeline = Timeline()
    outcomes: list[Outcome] = [Failure(Reason.TIMEOUT, str(k)) for k in range(5)]
    result = await tried(timeline, outcomes, policy=RetryPolicy(attempts=3))
    assert result == Tried(Failure(Reason.TIMEOUT, "2"), 3, 1.5)


async def test_a_failure_waiting_will_not_cure_is_not_retried() -> None:
    timeline = Timeline()
    result = await tried(timeline, [Failure(Reason.LAYOUT_CHANGED), Reading(1)])
    assert result == Tried(Failure(Reason.LAYOUT_CHANGED), 1, 0.0)
    assert timeline.slept == []


async def test_the_jitter_drawn_spreads_the_wait_up_to_the_whole_step() -> None:
    timeline = Timeline()
    result = await tried(timeline, [Failure(Reason.TIMEOUT), Reading(2)], jitter=0.5)
    assert result == Tried(Reading(2), 2, 0.75)
    assert backoff_seconds(RetryPolicy(), 0, 1.0) == 1.0
    assert backoff_seconds(RetryPolicy(cap_seconds=3.0), 5, 0.0) == 1.5


async def test_time_spent_in_attempts_counts_against_the_budget() -> None:
    # Each attempt takes 0.4 s. After the first: 0.4 + 0.5 wait + 1 s attempt = 1.9 <= 3.
    # After the second: 1.3 + 1.0 wait + 1 s attempt = 3.3 > 3, so no third attempt.
    timeline = Timeline(start=5000.0)
    outcomes: list[Outcome] = [Failure(Reason.TIMEOUT, str(k)) for k in range(3)]
    result = await tried(timeline, outcomes, budget=3.0, deadline=1.0, takes=0.4)
    assert result == Tried(Failure(Reason.TIMEOUT, "1"), 2, 0.5)
    assert timeline.slept == [0.5]


async def test_an_attempt_over_its_deadline_is_too_slow() -> None:
    async def hangs() -> Outcome:
        await asyncio.sleep(10)
        return Reading(1)

    failure = await bounded(hangs, 0.05)
    assert failure == Failure(Reason.TOO_SLOW, "no answer within 0.05 s")
    assert str(failure) == "too_slow: no answer within 0.05 s"
    assert str(Failure(Reason.HTTP, status=503)) == "http_503"


async def test_an_attempt_within_its_deadline_gives_its_outcome() -> None:
    async def quick() -> Outcome:
        return Reading(3, name="n")

    assert await bounded(quick, 1.0) == Reading(3, name="n")


async def test_a_5xx_is_retried_and_a_404_is_not() -> None:
    timeline = Timeline()
    busy = Failure(Reason.HTTP, "busy", status=503)
    assert await tried(timeline, [busy, Reading(4)]) == Tried(Reading(4), 2, 0.5)
    missing = Failure(Reason.HTTP, "gone", status=404)
    assert await tried(timeline, [missing, Reading(4)]) == Tried(missing, 1, 0.0)


async def test_a_retry_after_longer_than_the_backoff_is_waited_for() -> None:
    timeline = Timeline()
    asked = Failure(Reason.TIMEOUT, retry_after=5.0)
    assert await tried(timeline, [asked, Reading(1)]) == Tried(Reading(1), 2, 5.0)
    brief = Failure(Reason.TIMEOUT, retry_after=0.1)
    assert await tried(timeline, [brief, Reading(1)]) == Tried(Reading(1), 2, 0.5)


async def test_each_attempt_is_cut_at_its_deadline() -> None:
    async def hangs() -> Outcome:
        await asyncio.sleep(2)
        return Reading(1)

    result = await read_with_retries(
        hangs,
        RetryPolicy(attempts=1),
        budget=100.0,
        attempt_deadline=0.05,
        sleep=asyncio.sleep,
        monotonic=lambda: 0.0,
        jitter=lambda: 0.0,
    )
    assert result == Tried(Failure(Reason.TOO_SLOW, "no answer within 0.05 s"), 1, 0.0)
