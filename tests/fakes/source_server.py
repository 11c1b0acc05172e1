"""A real HTTP server on 127.0.0.1 that serves source pages (Kakao profiles, t.me pages, ...).

Tests set what each path answers; the bot fetches it over real sockets like the real pages.
"""

from __future__ import annotations

import json
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


class SourceServer:
    """Serves whatever the test put at each path; 404 elsewhere. Records every request."""

    def __init__(self) -> None:
        self._routes: dict[str, Response] = {}
        self._lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str]]] = []
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

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with owner._lock:
                    owner.requests.append((path, dict(self.headers.items())))
                    response = owner._routes.get(path)
                if response is None:
                    response = Response(status=404, body=b"<html><body>Not found</body></html>")
                if response.delay:
                    time.sleep(response.delay)
                try:
                    self.send_response(response.status)
                    self.send_header("Content-Type", response.content_type)
                    self.send_header("Content-Length", str(len(response.body)))
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SourceServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
