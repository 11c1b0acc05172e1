"""Planted hourly histories for /why's end-to-end tests: ~20 an hour by day and ~4 at night
(Seoul), ±20 % noise, with one event planted at a known local hour."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.model import Sample

SEOUL = ZoneInfo("Asia/Seoul")
END = datetime(2026, 12, 2, 0, 0, tzinfo=SEOUL)  # Wed 2 Dec, local midnight
NOW = END + timedelta(minutes=1)


def local_hour(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SEOUL).astimezone(UTC)


def planted(
    *,
    days: int = 35,
    extra: Callable[[datetime], float] = lambda at: 0.0,
    scale: Callable[[datetime], float] = lambda at: 1.0,
    seed: int = 1,
) -> list[Sample]:
    """One sample in each hour (at :30, the count once that hour's gain is in) up to END."""
    rng = random.Random(seed)
    value = 100_000.0
    out = []
    first = END.astimezone(UTC) - timedelta(days=days)
    for k in range(days * 24):
        at = first + timedelta(hours=k)
        base = 20.0 if 9 <= at.astimezone(SEOUL).hour <= 22 else 4.0
        value += round(base * scale(at) * rng.uniform(0.8, 1.2)) + extra(at)
        out.append(Sample(at + timedelta(minutes=30), int(value)))
    return out


JUMP_AT = local_hour(12, 1, 21)  # Tue 1 Dec 21:00: +860, still a jump (under 24 h ago)
LOSS_AT = local_hour(12, 1, 3)  # Tue 1 Dec 03:00: −420
STEP_AT = local_hour(11, 29, 21)  # Sun 29 Nov 21:00: +860 that stayed
SLOW_FROM = local_hour(11, 26, 0)  # Thu 26 Nov: growth at 0.4 of what it was

HISTORIES: dict[str, list[Sample]] = {
    "jump": planted(extra=lambda at: 860.0 if at == JUMP_AT else 0.0),
    "loss": planted(extra=lambda at: -420.0 if at == LOSS_AT else 0.0),
    "step": planted(extra=lambda at: 860.0 if at == STEP_AT else 0.0),
    "slow": planted(scale=lambda at: 0.4 if at >= SLOW_FROM else 1.0),
    "clean": planted(),
    "new": planted(days=5),
}
