"""A minimal Telegram Bot API on loopback: one bot, one private chat, one person at a terminal.

It answers what python-telegram-bot asks while running the bot (getMe, getUpdates long polling,
sendMessage, sendPhoto, sendDocument, setMyCommands, ...). Typed lines become updates; what the
bot sends is handed to `on_sent` (photos and documents saved to files first).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

BOT_ID = 7000000001
BOT_USERNAME = "channel_counter_demo_bot"
USER_ID = 1001
CHAT_ID = USER_ID  # a private chat's id is the user's
LONGEST_POLL = 30.0

JSON = dict[str, Any]


@dataclass(frozen=True)
class Sent:
    """What the bot sent to the chat: text, or a file saved at `path` with its caption."""

    method: str
    text: str | None
    path: Path | None = None


@dataclass(frozen=True)
class _Upload:
    filename: str | None
    data: bytes


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _value(raw: str) -> Any:
    """Form fields are strings, or JSON for anything else (PTB's json_parameters)."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def decode_params(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        loaded = json.loads(body or b"{}")
        return dict(loaded) if isinstance(loaded, dict) else {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        message = BytesParser().parsebytes(head + body)
        params: dict[str, Any] = {}
        parts: list[Any] = list(message.get_payload()) if message.is_multipart() else []
        for part in parts:
            if not isinstance(part, Message):
                continue
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                params[name] = _Upload(filename, data)
            else:
                params[name] = _value(data.decode("utf-8"))
        return params
    fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    return {key: _value(values[-1]) for key, values in fields.items()}


class LocalBotAPI:
    """The Bot API's side of the demo: a ThreadingHTTPServer on 127.0.0.1."""

    def __init__(
        self, token: str, files_dir: Path, on_sent: Callable[[Sent], None], language: str
    ) -> None:
        self.token = token
        self.files_dir = files_dir
        self.on_sent = on_sent
        self.language = language
        self._cond = threading.Condition()
        self._updates: list[JSON] = []
        self._next_update = 1
        self._next_message = 1
        self._next_file = 1
        self._files: dict[str, Path] = {}
        self.polled = threading.Event()  # the bot has asked for updates: it is running
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ the terminal's side

    def type_line(self, line: str) -> None:
        """What the person typed, as Telegram would deliver it: a message in the private chat."""
        message: JSON = {
            "message_id": self._new_message_id(),
            "date": int(time.time()),
            "chat": {"id": CHAT_ID, "type": "private", "first_name": "You"},
            "from": {
                "id": USER_ID,
                "is_bot": False,
                "first_name": "You",
                "language_code": self.language,
            },
            "text": line,
        }
        if line.startswith("/"):
            length = len(line.split(maxsplit=1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        with self._cond:
            self._updates.append({"update_id": self._next_update, "message": message})
            self._next_update += 1
            self._cond.notify_all()

    # ------------------------------------------------------------------ the bot's side

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, answer = api.dispatch(self.path, self.headers.get("Content-Type", ""), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def dispatch(self, path: str, content_type: str, body: bytes) -> tuple[int, JSON]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        method = path[len(prefix) :].split("?", 1)[0]
        try:
            params = decode_params(content_type, body)
            result = self._call(method, params)
        except _ApiError as exc:
            return exc.status, {
                "ok": False,
                "error_code": exc.status,
                "description": exc.description,
            }
        return 200, {"ok": True, "result": result}

    def _call(self, method: str, params: JSON) -> Any:
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Channel Counter (demo)",
                "username": BOT_USERNAME,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method in ("deleteWebhook", "setMyCommands", "deleteMyCommands", "sendChatAction"):
            return True
        if method in ("close", "logOut", "deleteMessage", "answerCallbackQuery"):
            return True
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getMyCommands":
            return []
        if method == "getUpdates":
            return self._get_updates(params)
        if method in ("sendMessage", "editMessageText"):
            self._check_chat(params)
            text = str(params.get("text", ""))
            self.on_sent(Sent(method, text))
            return self._message({"text": text})
        if method == "sendPhoto":
            self._check_chat(params)
            path, file_id = self._keep(params.get("photo"), params, ".png")
            caption = params.get("caption")
            self.on_sent(Sent(method, None if caption is None else str(caption), path))
            size = {"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}
            return self._message({"photo": [size]})
        if method == "sendDocument":
            self._check_chat(params)
            path, file_id = self._keep(params.get("document"), params, ".bin")
            caption = params.get("caption")
            self.on_sent(Sent(method, None if caption is None else str(caption), path))
            return self._message(
                {
                    "document": {
                        "file_id": file_id,
                        "file_unique_id": file_id,
                        "file_name": path.name,
                    }
                }
            )
        if method == "getChatMemberCount":
            raise _ApiError(400, "Bad Request: chat not found")
        raise _ApiError(400, f"Bad Request: the demo's Bot API has no method {method}")

    def _check_chat(self, params: JSON) -> None:
        if params.get("chat_id") != CHAT_ID:
            raise _ApiError(400, "Bad Request: chat not found")

    def _keep(self, value: Any, params: JSON, suffix: str) -> tuple[Path, str]:
        """Save an upload to a file (or find the file an earlier upload's id names)."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value[len("attach://") :])
        if isinstance(value, str) and value in self._files:
            return self._files[value], value
        if not isinstance(value, _Upload) or not value.data:
            raise _ApiError(400, "Bad Request: file must be non-empty")
        with self._cond:
            n = self._next_file
            self._next_file += 1
        name = Path(value.filename or f"file{suffix}").name
        kind = "chart" if suffix == ".png" and value.data.startswith(b"\x89PNG") else "file"
        path = self.files_dir / (f"{kind}-{n}.png" if kind == "chart" else f"{n}-{name}")
        path.write_bytes(value.data)
        file_id = f"demo-file-{n}"
        self._files[file_id] = path
        return path, file_id

    def _new_message_id(self) -> int:
        with self._cond:
            n = self._next_message
            self._next_message += 1
            return n

    def _message(self, extra: JSON) -> JSON:
        return {
            "message_id": self._new_message_id(),
            "date": int(time.time()),
            "chat": {"id": CHAT_ID, "type": "private", "first_name": "You"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Channel Counter (demo)"},
            **extra,
        }

    def _get_updates(self, params: JSON) -> list[JSON]:
        self.polled.set()
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), LONGEST_POLL)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._cond.wait(remaining)
            return list(self._updates)
