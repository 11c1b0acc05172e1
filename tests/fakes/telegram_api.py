"""A local fake of the Telegram Bot API, spoken over real HTTP on 127.0.0.1.

Why: mocking ``telegram.Bot`` hides exactly the bugs that bite in production - wrong
parameter encoding, messages PTB cannot de-json, long-polling/offset mistakes, and how
Telegram's error answers (403 blocked, 400 chat not found, 429 retry after, migrated
groups) surface as PTB exceptions. This fake implements the wire protocol, so the
unmodified python-telegram-bot stack (``HTTPXRequest`` -> ``Bot`` -> ``Updater`` ->
``Application``) runs against it exactly as it would against api.telegram.org::

    with FakeTelegramAPI(token) as api:
        app = (
            ApplicationBuilder()
            .token(token)
            .base_url(f"{api.root_url}/bot")
            .base_file_url(f"{api.root_url}/file/bot")
            .build()
        )

How PTB 22 encodes requests (``telegram/request/_httpxrequest.py``): every call is a POST
whose parameters go through ``RequestData.json_parameters`` - strings are sent as they
are, everything else (ints, bools, lists, dicts such as ``reply_markup`` or
``commands``) is ``json.dumps``-ed into a string. Without files httpx sends these as an
``application/x-www-form-urlencoded`` body, with files as ``multipart/form-data`` where
the file part is named after the parameter (or its ``attach://`` name). So on the wire
*every* value is a string; :func:`decode_value` turns them back into Python values.

Only the standard library is used so the fake cannot share a bug with the client stack.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "FakeTelegramAPI",
    "SentMessage",
    "UploadedFile",
    "decode_value",
]

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

    def __repr__(self) -> str:  # uploaded bytes would flood assertion messages
        photo = None if self.photo is None else f"<{len(self.photo)} bytes>"
        return (
            f"SentMessage(message_id={self.message_id}, method={self.method!r}, "
            f"chat_id={self.chat_id}, text={self.text!r}, photo={photo}, "
            f"photo_file_id={self.photo_file_id!r})"
        )


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part; stands in ``params`` where the bot uploaded a file."""

    field: str
    filename: str | None
    content_type: str
    data: bytes

    def __repr__(self) -> str:  # bytes would flood assertion messages
        return (
            f"UploadedFile(field={self.field!r}, filename={self.filename!r}, "
            f"content_type={self.content_type!r}, size={len(self.data)})"
        )


class _ApiError(Exception):
    """Why: lets any handler depth bail out with a Telegram-shaped error answer."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class _DropConnectionError(Exception):
    """Why: models 'Bot API unreachable' - close the TCP connection without any answer."""


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    migrate_to_chat_id: int | None


@dataclass
class _Photo:
    sizes: list[JSONDict]
    data: bytes | None
    file_path: str


# --------------------------------------------------------------------------------------
# Parameter decoding
# --------------------------------------------------------------------------------------

# Parameters whose value is a string even when it looks like a number or JSON: decoding
# "123" sent as message text into an int would make the fake lie about what was sent.
_STRING_KEYS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "photo",
        "document",
        "action",
        "language_code",
        "description",
        "short_description",
        "name",
        "title",
        "query",
        "callback_query_id",
        "business_connection_id",
        "message_effect_id",
        "inline_message_id",
        "url",
        "secret_token",
        "file_id",
        "emoji",
    }
)
_INT_RE = re.compile(r"-?\d+")
_FLOAT_RE = re.compile(r"-?\d+\.\d+")


def decode_value(key: str, raw: str) -> Any:
    """Turn one wire string back into the value PTB json-dumped (see module docstring)."""
    if key in _STRING_KEYS:
        return raw
    if raw in ("true", "false"):
        return raw == "true"
    if raw[:1] in ("{", "["):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    if _INT_RE.fullmatch(raw):
        return int(raw)
    if _FLOAT_RE.fullmatch(raw):
        return float(raw)
    return raw


def _parse_multipart(content_type: str, body: bytes) -> JSONDict:
    """Why the email package: it is the stdlib's maintained MIME parser (``cgi`` is gone)."""
    head = f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n".encode("latin-1")
    msg = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not msg.is_multipart():
        raise ValueError("multipart body without parts")
    params: JSONDict = {}
    parts = msg.get_payload()
    assert isinstance(parts, list)
    for part in parts:
        assert isinstance(part, Message)
        name = _header_param(part, "name")
        if name is None:
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = _header_param(part, "filename")
        if filename is not None:
            params[name] = UploadedFile(
                field=name,
                filename=filename,
                content_type=part.get_content_type(),
                data=data,
            )
        else:
            charset = part.get_content_charset() or "utf-8"
            params[name] = decode_value(name, data.decode(charset))
    return params


def _header_param(part: Message, param: str) -> str | None:
    value = part.get_param(param, header="content-disposition")
    if value is None:
        return None
    if isinstance(value, tuple):
        return collapse_rfc2231_value(value)
    return str(value)


def _decode_params(content_type: str, body: bytes, query: str) -> JSONDict:
    """Accept every encoding the real Bot API accepts: query string, form, JSON, multipart."""
    params: JSONDict = {k: decode_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return params
    if ctype == "multipart/form-data":
        params.update(_parse_multipart(content_type, body))
    elif ctype == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        for key, value in data.items():
            params[key] = decode_value(key, value) if isinstance(value, str) else value
    else:  # application/x-www-form-urlencoded (also the default of many clients)
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        params.update({k: decode_value(k, v) for k, v in pairs})
    return params


# --------------------------------------------------------------------------------------
# parse_mode validation (ported in spirit from tdlib's MessageEntity.cpp)
# --------------------------------------------------------------------------------------

_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _entity_error(detail: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _parse_html(text: str) -> str:
    """Why: Telegram rejects any '<' that is not a supported tag; bots often forget escaping."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "&":
            m = _HTML_ENTITY_RE.match(text, i)
            if m:
                ref = m.group(1)
                if ref.startswith("#x"):
                    out.append(chr(int(ref[2:], 16)))
                elif ref.startswith("#"):
                    out.append(chr(int(ref[1:])))
                else:
                    out.append(_HTML_NAMED[ref])
                i = m.end()
                continue
        if c != "<":
            out.append(c)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] != "/":
            j = i
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            if j >= n:
                raise _entity_error(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            tag = text[i:j].lower()
            if tag not in _HTML_TAGS:
                raise _entity_error(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            k, quote = j, ""
            while k < n and (quote or text[k] != ">"):
                if text[k] in "\"'" and (not quote or quote == text[k]):
                    quote = "" if quote else text[k]
                k += 1
            if k >= n:
                raise _entity_error(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            attrs = text[j:k]
            if tag == "span" and not re.search(r"class\s*=\s*[\"']?tg-spoiler", attrs):
                raise _entity_error('Tag "span" must have class "tg-spoiler"')
            stack.append(tag)
            i = k + 1
        else:
            j = i + 1
            while j < n and text[j] != ">":
                j += 1
            if j >= n:
                raise _entity_error(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            tag = text[i + 1 : j].strip().lower()
            if not stack:
                raise _entity_error(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}"
                )
            if tag and tag != stack[-1]:
                raise _entity_error(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{stack[-1]}>", found "</{tag}>"'
                )
            stack.pop()
            i = j + 1
    if stack:
        raise _entity_error(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


_MDV2_RESERVED = "_*[]()~`>#+-=|{}.!"
_MDV2_NAMES = {
    "*": "Bold",
    "_": "Italic",
    "__": "Underline",
    "~": "Strikethrough",
    "||": "Spoiler",
    "`": "Code",
    "```": "Pre",
    "[": "TextUrl",
    "![": "CustomEmoji",
}


def _parse_markdown_v2(text: str) -> str:
    """Why: MarkdownV2 rejects unescaped '.', '-', '!' ... - the classic production 400."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (markup, byte offset)
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and ord(text[i + 1]) <= 126:
            out.append(text[i + 1])
            i += 2
            at_line_start = False
            continue
        in_code = bool(stack) and stack[-1][0] in ("`", "```")
        reserved = "`" if in_code else _MDV2_RESERVED
        if c not in reserved:
            out.append(c)
            at_line_start = c == "\n"
            i += 1
            continue
        top = stack[-1][0] if stack else ""
        closes = (
            (top == "*" and c == "*")
            or (top == "_" and c == "_" and text[i + 1 : i + 2] != "_")
            or (top == "__" and text.startswith("__", i))
            or (top == "~" and c == "~")
            or (top == "||" and text.startswith("||", i))
            or (top == "`" and c == "`")
            or (top == "```" and text.startswith("```", i))
            or (top in ("[", "![") and c == "]")
        )
        offset = _byte_offset(text, i)
        if closes:
            stack.pop()
            i += len(top) if top in ("__", "||", "```") else 1
            if top in ("[", "![") and text[i : i + 1] == "(":
                j = i + 1
                while j < n and text[j] != ")":
                    j += 2 if text[j] == "\\" else 1
                if j >= n:
                    raise _entity_error(f"Can't find end of a URL at byte offset {offset}")
                i = j + 1
            at_line_start = False
            continue
        if c == "_":
            markup = "__" if text.startswith("__", i) else "_"
        elif c in "*~[":
            markup = c
        elif c == "|" and text.startswith("||", i):
            markup = "||"
        elif c == "`":
            markup = "```" if text.startswith("```", i) else "`"
        elif c == "!" and text.startswith("![", i):
            markup = "!["
        elif c == ">" and at_line_start:
            i += 1  # blockquote marker: no closing needed
            at_line_start = False
            continue
        else:
            raise _entity_error(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        stack.append((markup, offset))
        i += len(markup)
        if markup == "```":  # optional language up to the first newline
            nl = text.find("\n", i)
            if nl != -1 and not text[i:nl].strip().count(" "):
                i = nl + 1
        at_line_start = False
    if stack:
        markup, offset = stack[-1]
        raise _entity_error(
            f"Can't find end of {_MDV2_NAMES[markup]} entity at byte offset {offset}"
        )
    return "".join(out)


def _parse_markdown(text: str) -> str:
    """Legacy Markdown: unclosed '_', '*', '`' or '[' (e.g. a bare user_name) is a 400."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            i += 1
            continue
        closer = "```" if text.startswith("```", i) else ("]" if c == "[" else c)
        start = i + len(closer) if closer == "```" else i + 1
        end = text.find(closer, start)
        if end == -1:
            raise _entity_error(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, i)}"
            )
        out.append(text[start:end])
        i = end + len(closer)
        if c == "[" and text[i : i + 1] == "(":
            close = text.find(")", i)
            i = n if close == -1 else close + 1
    return "".join(out)


def _plain_text(text: str, parse_mode: Any) -> str:
    mode = str(parse_mode).lower() if parse_mode else ""
    if not mode:
        return text
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return _parse_markdown(text)
    raise _ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")


# --------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------


def _image_size(data: bytes) -> tuple[int, int]:
    """Why: PhotoSize needs width/height; read them from PNG/JPEG headers like Telegram."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            seg_len = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            i += 2 + seg_len
    return 512, 512


# --------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stuck handler must never keep pytest alive
    # socketserver's default listen backlog is 5: a bot answering many updates at once (as PTB
    # does, up to 256 concurrently) overflows it on a busy machine, and the refused connections
    # look like network errors Telegram itself would never cause.
    request_queue_size = 256

    def __init__(self, fake: FakeTelegramAPI) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    """Why HTTP/1.1: httpx keeps connections alive; the fake must cope like Telegram does."""

    protocol_version = "HTTP/1.1"
    server: _Server
    server_version = "nginx/1.18.0"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes; without NODELAY, Nagle + delayed ACK
        # would add ~40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track(self.connection, add=False)

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
            status, ctype, payload = fake._dispatch(
                url.path, url.query, self.headers.get("Content-Type", ""), body
            )
        except _DropConnectionError:
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


_HTTPAnswer = tuple[int, str, bytes]  # (status, content type, body)


def _json_reply(status: int, body: JSONDict) -> _HTTPAnswer:
    return status, "application/json", json.dumps(body).encode("utf-8")


def _error_body(status: int, description: str, parameters: JSONDict | None = None) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


# Methods whose success produces a message in a chat: these are rate limited and 403'd
# for blocked users.
_MESSAGE_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED_TEXT = (
    "Bad Request: message is not modified: specified new message content and "
    "reply markup are exactly the same as a current content and reply markup "
    "of the message"
)
_QUERY_TOO_OLD_TEXT = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)


def _markup(params: JSONDict) -> JSONDict:
    """An inline keyboard as Telegram shows it in the Message; checks callback_data's 1-64
    bytes (Telegram's BUTTON_DATA_INVALID)."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return {}
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return {"reply_markup": {"inline_keyboard": markup["inline_keyboard"]}}


# --------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------


class FakeTelegramAPI:
    """A Telegram Bot API server for one bot token; drive it like users, observe like Telegram.

    All state is guarded by one lock; ``_cond`` (on that lock) wakes long polls when updates
    arrive and waiters when the bot sends messages.
    """

    def __init__(
        self, token: str, *, bot_id: int = 7000001, bot_username: str = "counter_test_bot"
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Counter Test Bot",
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
        self.errors: list[str] = []  # bugs inside the fake (answered with HTTP 500)
        # Telegram rejects malformed HTML/MarkdownV2 with 400 "can't parse entities"; the
        # fake does too. Escape hatch in case its parser is stricter than Telegram's.
        self.check_parse_mode = True
        # world state
        self.chat_member_counts: dict[str, int] = {}
        # getChatMember: (chat id, user id) -> "creator", "administrator", "member", ...
        self.chat_roles: dict[tuple[int, int], str] = {}
        self.chats: dict[int, JSONDict] = {}
        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._next_message_id = 1
        self._next_file = 1
        self._photos: dict[str, _Photo] = {}
        self._files_by_path: dict[str, bytes] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        # callback and inline queries: id -> the answer's params once answered (None until then)
        self.callback_answers: dict[str, JSONDict | None] = {}
        self.inline_answers: dict[str, JSONDict | None] = {}
        self._next_query = 1
        self.supports_inline_queries = False  # @BotFather's /setinline
        # faults
        self._failures: dict[str, deque[_Failure]] = {}
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
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._conns: set[socket.socket] = set()
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
        self._server = _Server(self)
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

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._conns.add(conn)
            else:
                self._conns.discard(conn)

    # ---------------------------------------------------------------- driving

    def send_command(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int = 1001,
        chat_type: str = "private",
        language_code: str | None = "en",
        first_name: str = "Test",
        username: str | None = "tester",
        edited: bool = False,
        chat_title: str | None = None,
    ) -> int:
        """Enqueue a text message as a user would type it; returns its update_id."""
        return self.send_raw_update(
            self.command_update(
                text,
                chat_id=chat_id,
                user_id=user_id,
                chat_type=chat_type,
                language_code=language_code,
                first_name=first_name,
                username=username,
                edited=edited,
                chat_title=chat_title,
            )
        )

    def command_update(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int = 1001,
        chat_type: str = "private",
        language_code: str | None = "en",
        first_name: str = "Test",
        username: str | None = "tester",
        edited: bool = False,
        chat_title: str | None = None,
    ) -> JSONDict:
        """The update a user's text message makes (without an update_id), not enqueued: what
        Telegram would POST to a webhook."""
        now = int(time.time())
        if chat_type == "private":
            chat: JSONDict = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "type": chat_type, "title": chat_title or f"Test {chat_type}"}
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        with self._lock:
            self.chats[chat_id] = chat
            message: JSONDict = {
                "message_id": self._new_message_id(),
                "date": now,
                "chat": dict(chat),
                "text": text,
            }
        if chat_type == "channel":
            message["sender_chat"] = dict(chat)
            key = "edited_channel_post" if edited else "channel_post"
        else:
            message["from"] = user
            key = "edited_message" if edited else "message"
        if edited:
            message["edit_date"] = now
        if text.startswith("/"):
            command = re.split(r"\s", text, maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2  # Telegram counts UTF-16 units
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {key: message}

    def send_raw_update(self, update: dict[str, Any]) -> int:
        """Enqueue any update dict; its update_id is assigned (overwritten) here."""
        with self._cond:
            update_id = self._next_update_id
            self._next_update_id += 1
            self._updates.append({**update, "update_id": update_id})
            self._cond.notify_all()
        return update_id

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

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int = 1001,
        language_code: str | None = "en",
        first_name: str = "Test",
    ) -> str:
        """A user presses an inline keyboard button (callback_data ``data``) under the bot's
        message; enqueues a ``callback_query`` update and returns the query id. A message the
        fake does not know is sent as an InaccessibleMessage (``date`` 0), as Telegram does."""
        query_id = self._new_query_id()
        with self._lock:
            known = self._messages.get((chat_id, message_id))
            message = (
                dict(known)
                if known is not None
                else {"chat": self._chat_for(chat_id), "message_id": message_id, "date": 0}
            )
            self.callback_answers[query_id] = None
        query: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, language_code, first_name),
            "message": message,
            "chat_instance": f"{abs(chat_id) * 7919}",
            "data": data,
        }
        self.send_raw_update({"callback_query": query})
        return query_id

    def send_inline_query(
        self,
        query: str,
        *,
        user_id: int = 1001,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> str:
        """A user types ``@bot query`` in a chat; enqueues an ``inline_query`` update (Telegram
        sends them only when inline mode is on) and returns its id."""
        if not self.supports_inline_queries:
            raise AssertionError("inline mode is off: set supports_inline_queries (/setinline)")
        query_id = self._new_query_id()
        with self._lock:
            self.inline_answers[query_id] = None
        inline: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, language_code, "Test"),
            "query": query,
            "offset": "",
            "chat_type": chat_type,
        }
        self.send_raw_update({"inline_query": inline})
        return query_id

    async def await_answer(
        self,
        answers: dict[str, JSONDict | None],
        query_id: str,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> JSONDict:
        """The params of the answer to a callback or inline query, once the bot gave it."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                answer = answers.get(query_id)
            if answer is not None:
                return answer
            if time.monotonic() >= deadline:
                raise AssertionError(f"query {query_id} not answered in {timeout}s")
            await asyncio.sleep(0.01)

    def message(self, chat_id: int, message_id: int) -> JSONDict:
        """The bot's message as Telegram holds it now (after any edits)."""
        with self._lock:
            return json.loads(json.dumps(self._messages[(chat_id, message_id)]))  # type: ignore[no-any-return]

    # ---------------------------------------------------------------- observing

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.sent if m.chat_id == chat_id]

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Params of every call of ``method`` (extension; handy for setMyCommands etc.)."""
        with self._lock:
            return [params for name, params in self.calls if name == method]

    def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Block until ``count`` messages reached ``chat_id``; never call it on the event loop."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                messages = [m for m in self.sent if m.chat_id == chat_id]
                if len(messages) >= count:
                    return messages
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
                self._cond.wait(remaining)

    async def await_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - public surface mirrors wait_for_messages
    ) -> list[SentMessage]:
        """Like :meth:`wait_for_messages` but yields to the loop so the bot can run."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages_to(chat_id)
            if len(messages) >= count:
                return messages
            if time.monotonic() >= deadline:
                with self._lock:
                    raise AssertionError(self._timeout_report(chat_id, count, timeout))
            await asyncio.sleep(0.01)

    def _timeout_report(self, chat_id: int, count: int, timeout: float) -> str:
        mine = [m for m in self.sent if m.chat_id == chat_id]
        lines = [
            f"expected {count} message(s) to chat {chat_id} within {timeout}s, got {len(mine)}:",
            *(f"  {m.method} #{m.message_id}: {m.text!r}" for m in mine),
            f"all sent ({len(self.sent)}):",
            *(f"  -> {m.chat_id} {m.method}: {m.text!r}" for m in self.sent[-20:]),
            "last calls:",
            *(f"  {name} {params!r:.200}" for name, params in self.calls[-10:]),
        ]
        if self.errors:
            lines += ["fake errors:", *self.errors]
        return "\n".join(lines)

    def pending_updates(self) -> int:
        """Updates the bot has not confirmed yet (confirmed = asked for a later offset)."""
        with self._lock:
            return len(self._updates)

    def clear(self) -> None:
        """Forget observations (sent, calls, rate_limited); faults and pending updates stay."""
        with self._lock:
            self.sent.clear()
            self.calls.clear()
            self.rate_limited = 0
            self.paid_messages = 0
            self.errors.clear()

    # ---------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str,
        times: int = 1,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with this Telegram error."""
        failure = _Failure(status, description, retry_after, migrate_to_chat_id)
        with self._lock:
            self._failures.setdefault(method.lower(), deque()).extend([failure] * times)

    def block_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.add(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        with self._lock:
            self._forgotten.add(chat_id)

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        with self._lock:
            self._migrated[old_chat_id] = new_chat_id
            old = self.chats.get(old_chat_id)
            if old is not None and new_chat_id not in self.chats:
                self.chats[new_chat_id] = {**old, "id": new_chat_id, "type": "supergroup"}

    def set_rate_limits(
        self,
        *,
        global_per_second: float | None = 30.0,
        per_chat_per_minute: int | None = 20,
        group_only_per_chat: bool = True,
    ) -> None:
        """Enforce Telegram's flood limits on message sends (``None`` disables one)."""
        with self._lock:
            self._global_per_second = global_per_second
            self._per_chat_per_minute = per_chat_per_minute
            self._group_only_per_chat = group_only_per_chat
            self._global_sends.clear()
            self._chat_sends.clear()

    def stall_chat(self, chat_id: int, stalled: bool = True) -> None:
        """Sends to this chat hang until it is released (or the fake stops), then the connection
        is dropped unanswered and nothing is delivered: the request never reached Telegram.
        Lets a test kill the bot at a known point in the middle of a broadcast."""
        with self._cond:
            if stalled:
                self._stalled_chats.add(chat_id)
            else:
                self._stalled_chats.discard(chat_id)
            self._cond.notify_all()

    def _hold_if_stalled(self, name: str, params: JSONDict) -> None:
        chat_id = params.get("chat_id")
        if name not in _MESSAGE_METHODS or chat_id not in self._stalled_chats:
            return
        with self._cond:
            self.stalled_calls += 1
            self._cond.notify_all()
            while chat_id in self._stalled_chats and not self._stopping:
                self._cond.wait(0.1)
        raise _DropConnectionError

    def set_latency(self, seconds: float) -> None:
        """Answer every request this much later, like a server a network round trip away."""
        with self._lock:
            self._latency = max(0.0, seconds)

    def set_unreachable(self, unreachable: bool) -> None:
        with self._cond:
            self._unreachable = unreachable
            self._cond.notify_all()

    # ---------------------------------------------------------------- dispatch

    def _dispatch(self, path: str, query: str, content_type: str, body: bytes) -> _HTTPAnswer:
        if self._unreachable:
            raise _DropConnectionError
        if self._latency and not path.endswith("/getUpdates"):
            time.sleep(self._latency)  # each request has its own server thread
        if path.startswith("/file/bot"):
            return self._serve_file(path[len("/file/bot") :])
        if not path.startswith("/bot"):
            return _json_reply(404, _error_body(404, "Not Found"))
        token, _, method = path[len("/bot") :].partition("/")
        if unquote(token) != self.token:
            return _json_reply(401, _error_body(401, "Unauthorized"))
        entry = self._methods.get(method.lower())
        if not method or entry is None:
            return _json_reply(404, _error_body(404, "Not Found"))
        name, handler = entry
        try:
            params = _decode_params(content_type, body, query)
        except (ValueError, UnicodeDecodeError) as exc:
            return _json_reply(400, _error_body(400, f"Bad Request: can't parse request: {exc}"))
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
                raise _ApiError(failure.status, failure.description, parameters)
            result = handler(name, params)
        except _ApiError as err:
            return _json_reply(err.status, _error_body(err.status, err.description, err.parameters))
        except _DropConnectionError:
            raise
        except Exception as exc:  # a bug in the fake: make it loud, never silent
            with self._lock:
                self.errors.append(f"{name}: {exc!r}")
            return _json_reply(500, _error_body(500, f"Internal Server Error: {exc!r}"))
        return _json_reply(200, {"ok": True, "result": result})

    def _serve_file(self, rest: str) -> _HTTPAnswer:
        token, _, file_path = rest.partition("/")
        if unquote(token) != self.token:
            return _json_reply(401, _error_body(401, "Unauthorized"))
        with self._lock:
            data = self._files_by_path.get(unquote(file_path))
        if data is None:
            return _json_reply(404, _error_body(404, "Not Found"))
        return 200, "application/octet-stream", data

    # ---------------------------------------------------------------- helpers

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
            raise _ApiError(400, "Bad Request: chat_id is empty")
        with self._lock:
            if isinstance(raw, str) and raw.startswith("@"):
                for chat in self.chats.values():
                    if str(chat.get("username", "")).lower() == raw[1:].lower():
                        if chat["type"] == "private":
                            break
                        raw = chat["id"]
                        break
                else:
                    raise _ApiError(400, "Bad Request: chat not found")
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise _ApiError(400, "Bad Request: chat not found")
            if raw in self._migrated:
                raise _ApiError(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": self._migrated[raw]},
                )
            if raw in self._forgotten:
                raise _ApiError(400, "Bad Request: chat not found")
            blockable = method in _MESSAGE_METHODS or method in (
                "sendChatAction",
                "editMessageText",
            )
            if blockable and raw in self._blocked:
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
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
                raise _ApiError(
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

    def _text_of(self, params: JSONDict, key: str, limit: int, too_long: str) -> tuple[str, str]:
        raw = params.get(key)
        text = "" if raw is None else str(raw)
        mode = params.get("parse_mode") if self.check_parse_mode else None
        plain = _plain_text(text, mode)
        if len(plain) > limit:
            raise _ApiError(400, f"Bad Request: {too_long}")
        return text, plain

    # ---------------------------------------------------------------- methods

    def _ok_true(self, method: str, params: JSONDict) -> bool:
        return True

    def _get_me(self, method: str, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _set_webhook(self, method: str, params: JSONDict) -> bool:
        url = params.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise _ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        with self._lock:
            self.webhook = dict(params)
        return True

    def _delete_webhook(self, method: str, params: JSONDict) -> bool:
        with self._lock:
            self.webhook = None
            if params.get("drop_pending_updates") is True:
                self._updates.clear()
        return True

    def _get_webhook_info(self, method: str, params: JSONDict) -> JSONDict:
        with self._lock:
            pending = len(self._updates)
            url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}

    def _get_updates(self, method: str, params: JSONDict) -> list[JSONDict]:
        """Long poll: confirm below ``offset``, then wait up to ``timeout`` for news."""
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook is not None:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            while True:
                if self._unreachable:
                    raise _DropConnectionError
                if self._updates or self._stopping:
                    return list(self._updates[:limit])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._cond.wait(remaining)

    def _send_message(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        text, plain = self._text_of(params, "text", 4096, "message is too long")
        if not plain.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        self._check_rate(chat, params)
        message = self._bot_message(chat, {"text": plain, **_markup(params)})
        self._record(
            SentMessage(
                message_id=message["message_id"],
                method=method,
                chat_id=chat["id"],
                text=text,
                photo=None,
                photo_file_id=None,
                params=params,
                at=time.monotonic(),
                plain_text=plain,
            )
        )
        return message

    def _send_photo(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        caption, plain = self._text_of(params, "caption", 1024, "message caption is too long")
        photo_param = params.get("photo")
        if isinstance(photo_param, str) and photo_param.startswith("attach://"):
            photo_param = params.get(photo_param[len("attach://") :])
        data: bytes | None = None
        if isinstance(photo_param, UploadedFile):
            if not photo_param.data:
                raise _ApiError(400, "Bad Request: file must be non-empty")
            data = photo_param.data
            photo = self._store_photo(data, _image_size(data))
            file_id = photo.sizes[-1]["file_id"]
        elif isinstance(photo_param, str) and photo_param:
            with self._lock:
                known = self._photos.get(photo_param)
            if known is not None:
                photo, file_id = known, photo_param
            elif photo_param.startswith(("http://", "https://")):
                photo = self._store_photo(None, (800, 600))
                file_id = photo.sizes[-1]["file_id"]
            else:
                raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        else:
            raise _ApiError(400, "Bad Request: there is no photo in the request")
        self._check_rate(chat, params)
        extra: JSONDict = {"photo": [dict(s) for s in photo.sizes]}
        if caption:
            extra["caption"] = plain
        extra.update(_markup(params))
        message = self._bot_message(chat, extra)
        self._record(
            SentMessage(
                message_id=message["message_id"],
                method=method,
                chat_id=chat["id"],
                text=caption or None,
                photo=data,
                photo_file_id=file_id,
                params=params,
                at=time.monotonic(),
                plain_text=plain or None,
            )
        )
        return message

    def _send_document(self, method: str, params: JSONDict) -> JSONDict:
        """An uploaded file (recorded in `photo`, its bytes; `params["document"]` its part)."""
        chat = self._target_chat(method, params)
        caption, plain = self._text_of(params, "caption", 1024, "message caption is too long")
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document[len("attach://") :])
        if not isinstance(document, UploadedFile):
            raise _ApiError(400, "Bad Request: there is no document in the request")
        if not document.data:
            raise _ApiError(400, "Bad Request: file must be non-empty")
        self._check_rate(chat, params)
        with self._lock:
            n = self._next_file
            self._next_file += 1
        extra: JSONDict = {
            "document": {
                "file_id": f"BQACAgIAAxkDAAIB{n:08d}FakeDocFileId",
                "file_unique_id": f"AgAD{n:08d}",
                "file_name": document.filename or "file",
                "mime_type": document.content_type,
                "file_size": len(document.data),
            }
        }
        if caption:
            extra["caption"] = plain
        message = self._bot_message(chat, extra)
        self._record(
            SentMessage(
                message_id=message["message_id"],
                method=method,
                chat_id=chat["id"],
                text=caption or None,
                photo=document.data,
                photo_file_id=None,
                params=params,
                at=time.monotonic(),
                plain_text=plain or None,
            )
        )
        return message

    def _store_photo(self, data: bytes | None, size: tuple[int, int]) -> _Photo:
        """Make Telegram-like PhotoSizes (thumbnails + original); any of their ids resends."""
        width, height = size
        longest = max(width, height, 1)
        targets = [t for t in (90, 320, 800) if t < longest] + [min(longest, 2560)]
        with self._lock:
            sizes: list[JSONDict] = []
            for target in targets:
                n = self._next_file
                self._next_file += 1
                scale = target / longest
                sizes.append(
                    {
                        "file_id": f"AgACAgIAAxkDAAIB{n:08d}FakePhotoFileId",
                        "file_unique_id": f"AQAD{n:08d}",
                        "width": max(1, round(width * scale)),
                        "height": max(1, round(height * scale)),
                        "file_size": len(data) if data and target == targets[-1] else 1000 * n,
                    }
                )
            photo = _Photo(sizes=sizes, data=data, file_path=f"photos/file_{self._next_file}.jpg")
            for s in sizes:
                self._photos[s["file_id"]] = photo
            if data is not None:
                self._files_by_path[photo.file_path] = data
        return photo

    def _send_chat_action(self, method: str, params: JSONDict) -> bool:
        self._target_chat(method, params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _edit_message_text(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        _, plain = self._text_of(params, "text", 4096, "message is too long")
        if not plain.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        with self._lock:
            message = self._messages.get((chat["id"], int(params.get("message_id") or 0)))
            if message is None:
                raise _ApiError(400, "Bad Request: message to edit not found")
            if "text" not in message:
                raise _ApiError(400, "Bad Request: there is no text in the message to edit")
            markup = _markup(params)
            if message.get("text") == plain and message.get("reply_markup") == markup.get(
                "reply_markup"
            ):
                raise _ApiError(400, _NOT_MODIFIED_TEXT)
            message["text"] = plain
            message.pop("reply_markup", None)
            message.update(markup)
            message["edit_date"] = int(time.time())
            return dict(message)

    def _edit_message_media(self, method: str, params: JSONDict) -> JSONDict:
        """editMessageMedia with an InputMediaPhoto: by file_id, URL or upload (attach://)."""
        chat = self._target_chat(method, params)
        media = params.get("media")
        if not isinstance(media, dict) or media.get("type") != "photo":
            raise _ApiError(400, "Bad Request: can't parse InputMedia: media type invalid")
        caption, plain = self._text_of(media, "caption", 1024, "message caption is too long")
        ref = media.get("media")
        if isinstance(ref, str) and ref.startswith("attach://"):
            ref = params.get(ref[len("attach://") :])
        if isinstance(ref, UploadedFile):
            if not ref.data:
                raise _ApiError(400, "Bad Request: file must be non-empty")
            photo = self._store_photo(ref.data, _image_size(ref.data))
            file_id = photo.sizes[-1]["file_id"]
        elif isinstance(ref, str) and ref:
            with self._lock:
                known = self._photos.get(ref)
            if known is None:
                raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            photo, file_id = known, ref
        else:
            raise _ApiError(400, "Bad Request: there is no media in the request")
        with self._lock:
            message = self._messages.get((chat["id"], int(params.get("message_id") or 0)))
            if message is None:
                raise _ApiError(400, "Bad Request: message to edit not found")
            markup = _markup(params)
            same_photo = any(s["file_id"] == file_id for s in message.get("photo", []))
            if (
                same_photo
                and message.get("caption", "") == plain
                and message.get("reply_markup") == markup.get("reply_markup")
            ):
                raise _ApiError(400, _NOT_MODIFIED_TEXT)
            message.pop("text", None)
            message.pop("reply_markup", None)
            message.pop("caption", None)
            message["photo"] = [dict(s) for s in photo.sizes]
            if caption:
                message["caption"] = plain
            message.update(markup)
            message["edit_date"] = int(time.time())
            return dict(message)

    def _answer_callback_query(self, method: str, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if len(str(params.get("text") or "")) > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        with self._lock:
            if query_id not in self.callback_answers or self.callback_answers[query_id]:
                raise _ApiError(400, _QUERY_TOO_OLD_TEXT)
            self.callback_answers[query_id] = dict(params)
        return True

    def _answer_inline_query(self, method: str, params: JSONDict) -> bool:
        """Checked as Telegram documents InlineQueryResult: at most 50 results, unique ids of
        1-64 bytes, an article's title and message text, a cached photo's known file id."""
        query_id = str(params.get("inline_query_id") or "")
        results = params.get("results")
        if not isinstance(results, list):
            raise _ApiError(400, 'Bad Request: parameter "results" can\'t be parsed as JSON')
        if len(results) > 50:
            raise _ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(r.get("id") or "") for r in results]
        if len(set(ids)) != len(ids) or not all(1 <= len(i.encode()) <= 64 for i in ids):
            raise _ApiError(400, "Bad Request: RESULT_ID_INVALID")
        for r in results:
            kind = r.get("type")
            if kind == "article":
                content = r.get("input_message_content") or {}
                if not r.get("title") or not str(content.get("message_text") or "").strip():
                    raise _ApiError(400, "Bad Request: MESSAGE_EMPTY")
                self._text_of(content, "message_text", 4096, "MESSAGE_TOO_LONG")
            elif kind == "photo" and "photo_file_id" in r:
                with self._lock:
                    if r["photo_file_id"] not in self._photos:
                        raise _ApiError(400, "Bad Request: PHOTO_INVALID")
                self._text_of(r, "caption", 1024, "MEDIA_CAPTION_TOO_LONG")
            else:
                raise _ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
        with self._lock:
            if query_id not in self.inline_answers or self.inline_answers[query_id]:
                raise _ApiError(400, _QUERY_TOO_OLD_TEXT)
            self.inline_answers[query_id] = dict(params)
        return True

    def _delete_message(self, method: str, params: JSONDict) -> bool:
        chat = self._target_chat(method, params)
        with self._lock:
            key = (chat["id"], int(params.get("message_id") or 0))
            if self._messages.pop(key, None) is None:
                raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    @staticmethod
    def _scope_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, method: str, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _ApiError(400, 'Bad Request: parameter "commands" can\'t be parsed as JSON')
        if len(commands) > 100:
            raise _ApiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
        for cmd in commands:
            if not isinstance(cmd, dict) or not _COMMAND_RE.fullmatch(str(cmd.get("command"))):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = str(cmd.get("description") or "")
            if not 1 <= len(description) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned = [{"command": c["command"], "description": c["description"]} for c in commands]
        with self._lock:
            self.commands_by_scope[self._scope_key(params)] = cleaned
            self.my_commands = cleaned
        return True

    def _get_my_commands(self, method: str, params: JSONDict) -> list[JSONDict]:
        with self._lock:
            return [dict(c) for c in self.commands_by_scope.get(self._scope_key(params), [])]

    def _delete_my_commands(self, method: str, params: JSONDict) -> bool:
        with self._lock:
            self.commands_by_scope.pop(self._scope_key(params), None)
        return True

    def _get_chat_member_count(self, method: str, params: JSONDict) -> int:
        raw = params.get("chat_id")
        if isinstance(raw, int) and not isinstance(raw, bool):
            self._target_chat(method, params)  # migrated/forgotten faults apply
        count = self.chat_member_counts.get(str(raw))
        if count is None:
            raise _ApiError(400, "Bad Request: chat not found")
        return count

    def _get_chat_member(self, method: str, params: JSONDict) -> JSONDict:
        """A ChatMember as Telegram documents it: "member" unless set in `chat_roles`."""
        chat = self._target_chat(method, params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise _ApiError(400, "Bad Request: invalid user_id specified")
        status = self.chat_roles.get((chat["id"], user_id), "member")
        member: JSONDict = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": "Test"},
        }
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                dict.fromkeys(
                    (
                        "can_be_edited",
                        "is_anonymous",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                    ),
                    False,
                )
            )
            member["can_manage_chat"] = True
        return member

    def _get_chat(self, method: str, params: JSONDict) -> JSONDict:
        raw = params.get("chat_id")
        if isinstance(raw, str) and raw.startswith("@") and raw in self.chat_member_counts:
            chat: JSONDict = {
                "id": -1000000000000 - (sum(map(ord, raw)) % 10**9),
                "type": "channel",
                "title": raw[1:],
                "username": raw[1:],
            }
        else:
            chat = self._target_chat(method, params)
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _get_file(self, method: str, params: JSONDict) -> JSONDict:
        file_id = str(params.get("file_id") or "")
        with self._lock:
            photo = self._photos.get(file_id)
        if photo is None or photo.data is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        size = next(s for s in photo.sizes if s["file_id"] == file_id)
        return {
            "file_id": file_id,
            "file_unique_id": size["file_unique_id"],
            "file_size": len(photo.data),
            "file_path": photo.file_path,
        }
