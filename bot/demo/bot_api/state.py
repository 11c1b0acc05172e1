"""What the fake Bot API holds (chats, messages, files, queues, faults) and the rules every
method shares: which chat a call means, Telegram's flood limits, the message it makes."""

from __future__ import annotations

import hashlib
import math
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.demo.bot_api.errors import ApiError
from bot.demo.bot_api.markup import plain_text
from bot.demo.bot_api.server import Server

JSONDict = dict[str, Any]

PAID_PER_SECOND = 1000  # Telegram's paid broadcast: allow_paid_broadcast, 0.1 Star a message


@dataclass
class SentMessage:
    """One message the bot sent, as the fake recorded it (what a user would have seen)."""

    message_id: int
    method: str  # "sendMessage", "sendPhoto", ...
    chat_id: int
    text: str | None  # text for sendMessage, caption for sendPhoto - as sent (with markup)
    photo: bytes | None  # uploaded bytes for sendPhoto (None when sent by file_id/URL)
    photo_file_id: str | None  # the file_id used or assigned
    params: dict[str, Any]  # all decoded parameters
    at: float  # time.monotonic() when received
    # Extension: the text after Telegram parsed parse_mode markup away (what users read).
    plain_text: str | None = None
    # Extension: the upload's size and SHA-256, kept even when its bytes are not (keep_documents).
    size: int | None = None
    sha256: str | None = None

    @classmethod
    def of(
        cls,
        message: JSONDict,
        method: str,
        params: JSONDict,
        text: str,
        plain: str,
        *,
        kept: bytes | None = None,
        upload: bytes | None = None,
        file_id: str | None = None,
    ) -> SentMessage:
        """The record of a call that made `message`: the file's bytes kept (or not), and the
        upload's size and SHA-256 either way, so a bench can check documents without them."""
        return cls(
            message_id=message["message_id"],
            method=method,
            chat_id=message["chat"]["id"],
            text=text or None,
            photo=kept,
            photo_file_id=file_id,
            params=params,
            at=time.monotonic(),
            plain_text=plain or None,
            size=None if upload is None else len(upload),
            sha256=None if upload is None else hashlib.sha256(upload).hexdigest(),
        )

    def __repr__(self) -> str:  # uploaded bytes would flood assertion messages
        photo = None if self.photo is None else f"<{len(self.photo)} bytes>"
        return (
            f"SentMessage(message_id={self.message_id}, method={self.method!r}, "
            f"chat_id={self.chat_id}, text={self.text!r}, photo={photo}, "
            f"photo_file_id={self.photo_file_id!r})"
        )


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None
    migrate_to_chat_id: int | None


@dataclass
class Photo:
    sizes: list[JSONDict]
    data: bytes | None
    file_path: str


# Methods whose success produces a message in a chat: these are rate limited and 403'd
# for blocked users.
MESSAGE_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})


NOT_MODIFIED_TEXT = (
    "Bad Request: message is not modified: specified new message content and "
    "reply markup are exactly the same as a current content and reply markup "
    "of the message"
)


QUERY_TOO_OLD_TEXT = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)


def inline_markup(params: JSONDict) -> JSONDict:
    """An inline keyboard as Telegram shows it in the Message; checks callback_data's 1-64
    bytes (Telegram's BUTTON_DATA_INVALID)."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return {}
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return {"reply_markup": {"inline_keyboard": markup["inline_keyboard"]}}


class ApiState:
    """A Telegram Bot API server's state for one bot token, and what its methods share.

    All state is guarded by one lock; ``_cond`` (on that lock) wakes long polls when updates
    arrive and waiters when the bot sends messages.
    """

    def __init__(
        self,
        token: str,
        *,
        bot_id: int = 7000001,
        bot_username: str = "counter_test_bot",
        bot_name: str = "Counter Test Bot",
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        # observing
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.my_commands: list[dict[str, Any]] = []
        self.webhook: JSONDict | None = None  # setWebhook's parameters while one is set
        self.commands_by_scope: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.rate_limited = 0
        self.paid_messages = 0  # sends with allow_paid_broadcast: what the owner is billed for
        # Called with each message the bot sends, and each edit (the demo's terminal prints them).
        self.watchers: list[Callable[[SentMessage], None]] = []
        self.polled = threading.Event()  # the bot has asked for updates: it is running
        self.errors: list[str] = []  # bugs inside the fake (answered with HTTP 500)
        # Telegram rejects malformed HTML/MarkdownV2 with 400 "can't parse entities"; the
        # fake does too. Escape hatch in case its parser is stricter than Telegram's.
        self.check_parse_mode = True
        # Sent documents' bytes, in `sent` and `calls`. A bench receiving many multi-MB exports
        # turns this off: each is then recorded by its size and SHA-256 alone.
        self.keep_documents = True
        # world state
        self.chat_member_counts: dict[str, int] = {}
        # getChatMember: (chat id, user id) -> "creator", "administrator", "member", ...
        self.chat_roles: dict[tuple[int, int], str] = {}
        # ... and an administrator's rights beyond the defaults, e.g. {"can_post_messages": False}
        self.chat_rights: dict[tuple[int, int], JSONDict] = {}
        self.chats: dict[int, JSONDict] = {}
        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._next_message_id = 1
        self._next_file = 1
        self._photos: dict[str, Photo] = {}
        self._files_by_path: dict[str, bytes] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        # callback and inline queries: id -> the answer's params once answered (None until then)
        self.callback_answers: dict[str, JSONDict | None] = {}
        self.inline_answers: dict[str, JSONDict | None] = {}
        self._next_query = 1
        self.supports_inline_queries = False  # @BotFather's /setinline
        # faults
        self._failures: dict[str, deque[Failure]] = {}
        self._blocked: set[int] = set()
        self._forgotten: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._unreachable = False
        self._stalled_chats: set[int] = set()
        self.stalled_calls = 0  # message sends that hung on a stalled chat (and were dropped)
        self._latency = 0.0
        self._global_per_second: float | None = None
        self._per_chat_per_minute: int | None = None
        self._group_only_per_chat = True
        self._global_sends: deque[float] = deque()
        self._chat_sends: dict[int, deque[float]] = {}
        # server
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._conns: set[socket.socket] = set()

    def _new_message_id(self) -> int:
        with self._lock:
            message_id = self._next_message_id
            self._next_message_id += 1
            return message_id

    def _chat_for(self, chat_id: int) -> JSONDict:
        known = self.chats.get(chat_id)
        if known is not None:
            return dict(known)
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": f"Chat {chat_id}"}

    def _target_chat(self, method: str, params: JSONDict) -> JSONDict:
        """Resolve ``chat_id`` and apply the per-chat faults (migrated, forgotten, blocked)."""
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        with self._lock:
            if isinstance(raw, str) and raw.startswith("@"):
                for chat in self.chats.values():
                    if str(chat.get("username", "")).lower() == raw[1:].lower():
                        if chat["type"] == "private":
                            break
                        raw = chat["id"]
                        break
                else:
                    raise ApiError(400, "Bad Request: chat not found")
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise ApiError(400, "Bad Request: chat not found")
            if raw in self._migrated:
                raise ApiError(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": self._migrated[raw]},
                )
            if raw in self._forgotten:
                raise ApiError(400, "Bad Request: chat not found")
            blockable = method in MESSAGE_METHODS or method in (
                "sendChatAction",
                "editMessageText",
            )
            if blockable and raw in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return self._chat_for(raw)

    def _check_rate(self, chat: JSONDict, params: JSONDict | None = None) -> None:
        """Telegram's documented limits: ~30 msg/s overall, 20 msg/min per group; a message
        with `allow_paid_broadcast` may go at up to 1,000/s overall (and is counted as paid)."""
        now = time.monotonic()
        paid = bool((params or {}).get("allow_paid_broadcast"))
        with self._lock:
            retry: float | None = None
            if paid:
                self.paid_messages += 1
            overall = PAID_PER_SECOND if paid else self._global_per_second
            if overall is not None and self._global_per_second is not None:
                while self._global_sends and self._global_sends[0] <= now - 1.0:
                    self._global_sends.popleft()
                if len(self._global_sends) >= overall:
                    retry = self._global_sends[0] + 1.0 - now
            per_chat = self._per_chat_per_minute
            limited_chat = not self._group_only_per_chat or chat["type"] != "private"
            sends = self._chat_sends.setdefault(chat["id"], deque())
            if retry is None and per_chat is not None and limited_chat:
                while sends and sends[0] <= now - 60.0:
                    sends.popleft()
                if len(sends) >= per_chat:
                    retry = sends[0] + 60.0 - now
            if retry is not None:
                self.rate_limited += 1
                seconds = max(1, math.ceil(retry))
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {seconds}",
                    {"retry_after": seconds},
                )
            self._global_sends.append(now)
            sends.append(now)

    def _bot_message(self, chat: JSONDict, extra: JSONDict) -> JSONDict:
        message: JSONDict = {
            "message_id": self._new_message_id(),
            "date": int(time.time()),
            "chat": chat,
        }
        if chat["type"] == "channel":
            message["sender_chat"] = chat  # channel posts carry no "from"
        else:
            message["from"] = dict(self.bot_user)
        message.update(extra)
        with self._lock:
            self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _record(self, sent: SentMessage) -> None:
        with self._cond:
            self.sent.append(sent)
            self._cond.notify_all()
        self._show(sent)

    def _show(self, sent: SentMessage) -> None:
        """Tell the watchers (outside the lock: they may take their own)."""
        for watcher in list(self.watchers):
            watcher(sent)

    def _text_of(self, params: JSONDict, key: str, limit: int, too_long: str) -> tuple[str, str]:
        raw = params.get(key)
        text = "" if raw is None else str(raw)
        mode = params.get("parse_mode") if self.check_parse_mode else None
        plain = plain_text(text, mode)
        if len(plain) > limit:
            raise ApiError(400, f"Bad Request: {too_long}")
        return text, plain

    def _user(self, user_id: int, language_code: str | None, first_name: str) -> JSONDict:
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    def _new_query_id(self) -> str:
        with self._lock:
            n = self._next_query
            self._next_query += 1
        return f"{4_000_000_000_000 + n}"

    def send_raw_update(self, update: dict[str, Any]) -> int:
        """Enqueue any update dict; its update_id is assigned (overwritten) here."""
        with self._cond:
            update_id = self._next_update_id
            self._next_update_id += 1
            self._updates.append({**update, "update_id": update_id})
            self._cond.notify_all()
        return update_id
