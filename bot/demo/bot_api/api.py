"""The fake Bot API itself: every area's methods in one server, its lifecycle and dispatch."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Self
from urllib.parse import unquote

from bot.demo.bot_api.chats import Chats
from bot.demo.bot_api.errors import (
    ApiError,
    DropConnectionError,
    HTTPAnswer,
    error_body,
    json_reply,
)
from bot.demo.bot_api.faults import Faults
from bot.demo.bot_api.files import Files
from bot.demo.bot_api.messages import Messages
from bot.demo.bot_api.observing import Observing
from bot.demo.bot_api.queries import Queries
from bot.demo.bot_api.server import Server
from bot.demo.bot_api.state import JSONDict
from bot.demo.bot_api.updates import Updates
from bot.demo.bot_api.wire import decode_params


class FakeTelegramAPI(Updates, Messages, Files, Queries, Chats, Faults, Observing):
    """A Telegram Bot API server for one bot token; drive it like users, observe like Telegram."""

    def __init__(
        self,
        token: str,
        *,
        bot_id: int = 7000001,
        bot_username: str = "counter_test_bot",
        bot_name: str = "Counter Test Bot",
    ) -> None:
        super().__init__(token, bot_id=bot_id, bot_username=bot_username, bot_name=bot_name)
        self._methods = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "logOut": self._ok_true,
                "close": self._ok_true,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "sendChatAction": self._send_chat_action,
                "editMessageText": self._edit_message_text,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "editMessageMedia": self._edit_message_media,
                "answerInlineQuery": self._answer_inline_query,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getChatMemberCount": self._get_chat_member_count,
                "getChatMember": self._get_chat_member,
                "getChat": self._get_chat,
                "getFile": self._get_file,
            }.items()
        }

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve from a daemon thread."""
        if self._server is not None:
            return
        self._stopping = False
        self._server = Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-telegram-api",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; wakes blocked long polls and cuts keep-alive sockets so nothing hangs."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT`` - the value for TELEGRAM_API_URL."""
        if self._server is None:
            raise RuntimeError("FakeTelegramAPI is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._conns.add(conn)
            else:
                self._conns.discard(conn)

    def dispatch(self, path: str, query: str, content_type: str, body: bytes) -> HTTPAnswer:
        if self._unreachable:
            raise DropConnectionError
        if self._latency and not path.endswith("/getUpdates"):
            time.sleep(self._latency)  # each request has its own server thread
        if path.startswith("/file/bot"):
            return self._serve_file(path[len("/file/bot") :])
        if not path.startswith("/bot"):
            return json_reply(404, error_body(404, "Not Found"))
        token, _, method = path[len("/bot") :].partition("/")
        if unquote(token) != self.token:
            return json_reply(401, error_body(401, "Unauthorized"))
        entry = self._methods.get(method.lower())
        if not method or entry is None:
            return json_reply(404, error_body(404, "Not Found"))
        name, handler = entry
        try:
            params = decode_params(content_type, body, query)
        except (ValueError, UnicodeDecodeError) as exc:
            return json_reply(400, error_body(400, f"Bad Request: can't parse request: {exc}"))
        with self._lock:
            self.calls.append((name, params))
        self._hold_if_stalled(name, params)
        with self._lock:
            queue = self._failures.get(name.lower())
            failure = queue.popleft() if queue else None
        try:
            if failure is not None:
                parameters: JSONDict = {}
                if failure.retry_after is not None:
                    parameters["retry_after"] = failure.retry_after
                if failure.migrate_to_chat_id is not None:
                    parameters["migrate_to_chat_id"] = failure.migrate_to_chat_id
                raise ApiError(failure.status, failure.description, parameters)
            result = handler(name, params)
        except ApiError as err:
            return json_reply(err.status, error_body(err.status, err.description, err.parameters))
        except DropConnectionError:
            raise
        except Exception as exc:  # a bug in the fake: make it loud, never silent
            with self._lock:
                self.errors.append(f"{name}: {exc!r}")
            return json_reply(500, error_body(500, f"Internal Server Error: {exc!r}"))
        return json_reply(200, {"ok": True, "result": result})
