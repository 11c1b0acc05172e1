"""A small map whose entries expire: who is a group's admin, asked of Telegram at most once a
minute per (chat, person) instead of on every command. Pure: the time is passed in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Expiring(Generic[K, V]):
    """Values kept for `ttl` after they were put; at most `most` keys (the oldest go first)."""

    def __init__(self, ttl: timedelta, most: int = 10_000) -> None:
        self.ttl = ttl
        self.most = most
        self._items: dict[K, tuple[V, datetime]] = {}

    def get(self, key: K, now: datetime) -> V | None:
        found = self._items.get(key)
        if found is None:
            return None
        value, until = found
        if now >= until:
            del self._items[key]
            return None
        return value

    def put(self, key: K, value: V, now: datetime) -> None:
        self._items.pop(key, None)
        self._items[key] = (value, now + self.ttl)
        while len(self._items) > self.most:
            del self._items[next(iter(self._items))]

    def forget(self, key: K) -> None:
        self._items.pop(key, None)
