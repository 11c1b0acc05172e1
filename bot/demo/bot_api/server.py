"""HTTP plumbing: a threading server on 127.0.0.1 speaking HTTP/1.1 like the real Bot API."""

from __future__ import annotations

import contextlib
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from bot.demo.bot_api.errors import DropConnectionError, HTTPAnswer


class Dispatcher(Protocol):
    """What the server needs of the fake: an answer per request, and its open connections."""

    def dispatch(self, path: str, query: str, content_type: str, body: bytes) -> HTTPAnswer: ...

    def track(self, conn: socket.socket, *, add: bool) -> None: ...


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a stuck handler must never keep pytest alive
    # socketserver's default listen backlog is 5: a bot answering many updates at once (as PTB
    # does, up to 256 concurrently) overflows it on a busy machine, and the refused connections
    # look like network errors Telegram itself would never cause.
    request_queue_size = 256

    def __init__(self, fake: Dispatcher) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    """Why HTTP/1.1: httpx keeps connections alive; the fake must cope like Telegram does."""

    protocol_version = "HTTP/1.1"
    server: Server
    server_version = "nginx/1.18.0"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes; without NODELAY, Nagle + delayed ACK
        # would add ~40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake.track(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake.track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request stderr logging; ``calls`` is the log."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        fake = self.server.fake
        try:
            body = self._read_body()
            url = urlsplit(self.path)
            status, ctype, payload = fake.dispatch(
                url.path, url.query, self.headers.get("Content-Type", ""), body
            )
        except DropConnectionError:
            self.close_connection = True
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # client went away (e.g. a cancelled long poll)
            self.close_connection = True
