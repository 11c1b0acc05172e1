"""A real HTTP server on 127.0.0.1 that serves source pages (Kakao profiles, t.me pages, ...).

Tests set what each path answers; the bot fetches it over real sockets like the real pages.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow or hanging source)
    # Misbehaviour on the wire (at most one of these):
    body_size: int = 0  # stream this many bytes of filler instead of `body` (a 50 MB page)
    trickle: float = 0.0  # send `body` one byte per this many seconds (never ends in time)
    stall: bool = False  # send half of `body`, then hold the connection until the server stops
    drop: str = ""  # "before_headers" or "mid_body": close the connection abruptly there


def kakao_profile_json(count: int | None, name: str = "배민커넥트") -> bytes:
    """The v2 profile document shaped like the real one (see fixtures/kakao/profile_v2.json)."""
    doc = json.loads((FIXTURES / "kakao" / "profile_v2.json").read_text(encoding="utf-8"))
    profile = doc["cards"][0]["profile"]
    profile["name"] = name
    if count is None:
        del profile["friend_count"]
    else:
        profile["friend_count"] = count
    return json.dumps(doc, ensure_ascii=False).encode()


def kakao_profile_html(count_text: str, name: str = "배민커넥트") -> bytes:
    html = (FIXTURES / "kakao" / "profile_legacy.html").read_text(encoding="utf-8")
    return html.replace("198,765", count_text).replace("배민커넥트", name).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 refuses connections under load


class SourceServer:
    """Serves whatever the test put at each path; 404 elsewhere. Records every request."""

    def __init__(self) -> None:
        self._routes: dict[str, Response] = {}
        self._sequences: dict[str, list[Response]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.request_times: list[tuple[str, float]] = []  # (path, time.monotonic())
        self.stalled = 0  # requests currently held by a `stall` answer
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def set(self, path: str, response: Response) -> None:
        with self._lock:
            self._routes[path] = response
            self._sequences.pop(path, None)

    def set_sequence(self, path: str, responses: list[Response]) -> None:
        """Answer `path` with each response in turn; the last one keeps being answered."""
        with self._lock:
            self._sequences[path] = list(responses)
            self._routes.pop(path, None)

    def _next_response(self, path: str) -> Response | None:
        sequence = self._sequences.get(path)
        if sequence:
            return sequence.pop(0) if len(sequence) > 1 else sequence[0]
        return self._routes.get(path)

    def set_kakao_count(self, channel_id: str, count: int | None, name: str = "배민커넥트") -> None:
        self.set(
            f"/rocket-web/web/v2/profiles/{channel_id}",
            Response(body=kakao_profile_json(count, name), content_type="application/json"),
        )

    def requests_to(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out as separate writes: without NODELAY, Nagle and the
                # client's delayed ACK hold every answer back ~40 ms.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with owner._lock:
                    owner.requests.append((path, dict(self.headers.items())))
                    owner.request_times.append((path, time.monotonic()))
                    response = owner._next_response(path)
                if response is None:
                    response = Response(status=404, body=b"<html><body>Not found</body></html>")
                if response.delay:
                    owner._stopping.wait(response.delay)
                try:
                    if response.drop == "before_headers":
                        self._cut()
                        return
                    length = response.body_size or len(response.body)
                    self.send_response_only(response.status)
                    self.send_header("Server", self.version_string())
                    if "Date" not in response.headers:  # a test may set the server's clock
                        self.send_header("Date", self.date_time_string())
                    self.send_header("Content-Type", response.content_type)
                    self.send_header("Content-Length", str(length))
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self._write_body(response)
                except OSError:  # the client gave up (deadline, size cap): as real servers see
                    self.close_connection = True

            def _write_body(self, response: Response) -> None:
                body = response.body
                if response.body_size:
                    chunk = b"x" * 65536
                    left = response.body_size
                    while left > 0 and not owner._stopping.is_set():
                        self.wfile.write(chunk[: min(left, len(chunk))])
                        left -= len(chunk)
                elif response.trickle:
                    for i in range(len(body)):
                        if owner._stopping.wait(response.trickle):
                            break
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                    self.close_connection = True
                elif response.stall:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    with owner._lock:
                        owner.stalled += 1
                    try:
                        owner._stopping.wait()
                    finally:
                        with owner._lock:
                            owner.stalled -= 1
                    self.close_connection = True
                elif response.drop == "mid_body":
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self._cut()
                else:
                    self.wfile.write(body)

            def _cut(self) -> None:
                """Close the TCP connection at once, mid-conversation."""
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SourceServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def refused_url() -> str:
    """A loopback URL where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
