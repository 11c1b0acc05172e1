"""A simulated KakaoTalk channel on loopback, for the demo without internet.

It serves the profile JSON the real pf.kakao.com serves (the shape of
`rocket-web/web/v2/profiles/<id>`: a "profile" card with `name` and `friend_count`), and its count
follows one function of time, so the seeded history and the live samples join up: a steady
growth with a daily rhythm (most joins in the Korean daytime) and a little noise.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.core.model import Sample

NAME = "배민커넥트 (simulated)"
NAMES = {"en": NAME, "ko": "배민커넥트 (시뮬레이션)"}  # the demo speaks its language throughout
START = datetime(2026, 1, 1, tzinfo=UTC)
BASE = 198_000
PER_DAY = 85.0  # friends a day, on average
DAILY_SWING = 0.6  # how much of a day's growth follows the daytime rhythm


def channel_name(language: str) -> str:
    """The simulated channel's name in the demo's language."""
    return NAMES.get(language, NAME)


def friends_at(at: datetime) -> int:
    """The simulated count at a moment: growth, a daily rhythm, a few friends of noise."""
    days = (at - START).total_seconds() / 86400
    # The integral of 1 + s*sin(2π(d - 6h)) - peaking in the afternoon in Korea (UTC+9).
    phase = 2 * math.pi * (days - 0.25 + 9 / 24)
    rhythm = -DAILY_SWING * math.cos(phase) / (2 * math.pi)
    minute = int((at - START).total_seconds() // 60)
    noise = hashlib.blake2b(minute.to_bytes(8, "big", signed=True), digest_size=1).digest()[0]
    return round(BASE + PER_DAY * (days + rhythm)) + noise % 7 - 3


def history(until: datetime, days: int = 30) -> Iterator[Sample]:
    """A realistic past up to `until`: every 5 minutes, then every 30 s over the last 2 hours
    (the bot's own interval), as if the bot had been running for a month."""
    recent = until - timedelta(hours=2)
    at = until - timedelta(days=days)
    while at <= until:
        yield Sample(ts=at, value=friends_at(at))
        at += timedelta(minutes=5) if at < recent else timedelta(seconds=30)


def profile_json(channel_id: str, count: int, name: str = NAME) -> dict[str, Any]:
    return {
        "cards": [
            {
                "type": "profile",
                "updated_at": 1725000000000,
                "profile": {"name": name, "friend_count": count, "uuid": channel_id},
            },
            {"type": "post", "title": "소식", "posts": []},
        ]
    }


class SimulatedChannel:
    """pf.kakao.com's profile JSON for one channel, on 127.0.0.1."""

    def __init__(self, channel_id: str, name: str = NAME) -> None:
        self.channel_id = channel_id
        path = f"/rocket-web/web/v2/profiles/{channel_id}"

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.split("?", 1)[0] != path:
                    self.send_error(404)
                    return
                count = friends_at(datetime.now(UTC))
                body = json.dumps(profile_json(channel_id, count, name)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
