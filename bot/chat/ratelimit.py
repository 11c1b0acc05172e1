"""Rate limits as pure logic: per-chat cooldowns (one chart per chat per period; the caller
passes the time, so tests move it by hand), Telegram's flood limits as leaky buckets, and which
lane's send takes the next slot of the overall rate (bot/chat/lanes.py paces them)."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Generic, TypeVar


class Cooldown:
    """Remembers when each key last went ahead; memory stays bounded by forgetting keys whose
    cooldown has run out."""

    def __init__(self, seconds: float, *, max_keys: int = 10_000) -> None:
        self.seconds = seconds
        self.max_keys = max_keys
        self._last: dict[Hashable, datetime] = {}

    def wait_for(self, key: Hashable, now: datetime) -> float:
        """Seconds until `key` may go again; 0 when it may go now (nothing is taken)."""
        last = self._last.get(key)
        if last is None or self.seconds <= 0:
            return 0.0
        return max(0.0, self.seconds - (now - last).total_seconds())

    def try_take(self, key: Hashable, now: datetime) -> float:
        """Go ahead (return 0) and start the key's cooldown, or return the seconds to wait."""
        wait = self.wait_for(key, now)
        if wait > 0:
            return wait
        if len(self._last) >= self.max_keys:
            self._forget_expired(now)
        self._last[key] = now
        return 0.0

    def _forget_expired(self, now: datetime) -> None:
        expired = [k for k, t in self._last.items() if (now - t).total_seconds() >= self.seconds]
        for key in expired:
            del self._last[key]
        if len(self._last) >= self.max_keys:  # all still cooling down: drop the oldest
            for key, _ in sorted(self._last.items(), key=lambda kv: kv[1])[
                : len(self._last) - self.max_keys + 1
            ]:
                del self._last[key]


@dataclass(frozen=True, slots=True)
class LeakyBucket:
    """What PTB's AIORateLimiter takes: `max_rate` per `time_period` seconds (aiolimiter)."""

    max_rate: float
    time_period: float


def telegram_buckets(per_second: float, group_per_minute: float) -> tuple[LeakyBucket, LeakyBucket]:
    """Leaky buckets that never exceed Telegram's limits in any window.

    aiolimiter lets a full bucket burst, then leaks at max_rate/time_period; in a window of W
    seconds that is up to max_rate + W * max_rate/time_period. With the documented defaults
    (30 per 1 s, 20 per 60 s) a burst followed by the steady rate sends 60 in a second and 40
    in a minute. Overall, sends go one at a time, evenly spaced, one below what the limit
    leaves (28/s for 30): a broadcast to thousands of chats runs at that steady rate, which a
    burst would lower, and a send the network delays a little still cannot make a 429 (each
    pauses every send for a second). Half the per-minute group limit may burst and the rest
    leaks steadily. No window ever holds more than the limit. 0 disables a limit.
    """
    overall = LeakyBucket(0, 0)
    if per_second > 0:
        burst = 1.0
        headroom = min(1.0, (per_second - burst) / 2) if per_second > burst else 0.0
        overall = LeakyBucket(burst, burst / max(per_second - burst - headroom, 1e-9))
    group = LeakyBucket(0, 0)
    if group_per_minute > 0:
        burst = max(1.0, group_per_minute // 2)
        group = LeakyBucket(burst, 60.0 * burst / max(group_per_minute - burst, 1e-9))
    return overall, group


class Lane(IntEnum):
    """Who a send is for, in the order they go when several wait for Telegram's overall rate."""

    REPLY = 0  # text or an edit answering a person's own command (or button)
    REPLY_MEDIA = 1  # a photo or file answering a person's own command
    BULK = 2  # what the Outbox sends unasked: summaries, milestones, alerts


BULK_SHARE = 5  # while replies wait, at least 1 slot in this many still goes to bulk sends

T = TypeVar("T")


class LaneQueue(Generic[T]):
    """Who goes next when a slot of the overall rate opens: replies before bulk, texts before
    photos, first come first served within a lane; while replies keep coming, bulk still gets
    one slot in `BULK_SHARE`, so a broadcast is slowed by a rush of commands, never stopped."""

    def __init__(self, bulk_share: int = BULK_SHARE) -> None:
        self._lanes: dict[Lane, deque[T]] = {lane: deque() for lane in Lane}
        self._bulk_share = max(1, bulk_share)
        self._since_bulk = 0  # reply slots given in a row while bulk waited

    def __len__(self) -> int:
        return sum(len(q) for q in self._lanes.values())

    def push(self, lane: Lane, item: T) -> None:
        self._lanes[lane].append(item)

    def pop(self) -> T | None:
        bulk = self._lanes[Lane.BULK]
        replies = self._lanes[Lane.REPLY] or self._lanes[Lane.REPLY_MEDIA]
        if bulk and (not replies or self._since_bulk >= self._bulk_share - 1):
            self._since_bulk = 0
            return bulk.popleft()
        if replies:
            self._since_bulk = self._since_bulk + 1 if bulk else 0
            return replies.popleft()
        return None
