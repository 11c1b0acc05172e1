"""A token bucket per client: how the web edge rations its costly answers (PNG, series, CSV).
Pure: the caller passes the time."""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rate:
    """`burst` tokens at most, refilled at `per_second`; each request spends its cost."""

    burst: float
    per_second: float


class Buckets:
    """One bucket per key (a client's address), the least recently seen forgotten past `most`."""

    def __init__(self, rate: Rate, most: int = 10_000) -> None:
        self.rate = rate
        self.most = most
        self._held: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key → (tokens, at)

    def take(self, key: str, now: float, cost: float = 1.0) -> float:
        """0 when the request may go ahead (its cost spent), else the seconds until it may."""
        tokens, at = self._held.pop(key, (self.rate.burst, now))
        tokens = min(self.rate.burst, tokens + max(0.0, now - at) * self.rate.per_second)
        wait = 0.0
        if tokens >= cost:
            tokens -= cost
        else:
            wait = (cost - tokens) / self.rate.per_second
        self._held[key] = (tokens, now)
        if len(self._held) > self.most:
            self._held.popitem(last=False)
        return wait


def retry_after(wait: float) -> str:
    """The Retry-After header's whole seconds (at least 1)."""
    return str(max(1, math.ceil(wait)))


class Pace:
    """One bucket for everyone, where a request may queue for its token: under a flood, clients
    are slowed to `rate` (waiting costs nothing) instead of taking the event loop from everyone
    else; past `longest` a request is refused."""

    def __init__(self, rate: Rate, longest: float) -> None:
        self.rate = rate
        self.longest = longest
        self._tokens = rate.burst
        self._at: float | None = None

    def reserve(self, now: float) -> float | None:
        """Seconds to wait for this request's token (0: go), or None: refused."""
        if self._at is not None:
            gained = max(0.0, now - self._at) * self.rate.per_second
            self._tokens = min(self.rate.burst, self._tokens + gained)
        self._at = now
        wait = max(0.0, (1 - self._tokens) / self.rate.per_second)
        if wait > self.longest:
            return None
        self._tokens -= 1
        return wait
