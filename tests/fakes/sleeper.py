"""Stands in for asyncio.sleep between retries: records each wait, moves the clock, waits not."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from tests.fakes.clock import FakeClock


class FakeSleeper:
    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.clock is not None:
            self.clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)

    def monotonic(self) -> float:
        """Real elapsed time plus every wait that was skipped: what the retry budget sees."""
        return time.monotonic() + sum(self.waits)
