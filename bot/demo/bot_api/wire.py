"""What PTB puts on the wire, read back: parameters in every encoding, uploads, image sizes.

How PTB 22 encodes requests (``telegram/request/_httpxrequest.py``): every call is a POST
whose parameters go through ``RequestData.json_parameters`` - strings are sent as they
are, everything else (ints, bools, lists, dicts such as ``reply_markup`` or
``commands``) is ``json.dumps``-ed into a string. Without files httpx sends these as an
``application/x-www-form-urlencoded`` body, with files as ``multipart/form-data`` where
the file part is named after the parameter (or its ``attach://`` name). So on the wire
*every* value is a string; :func:`decode_value` turns them back into Python values.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value
from typing import Any
from urllib.parse import parse_qsl

JSONDict = dict[str, Any]


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


def decode_params(content_type: str, body: bytes, query: str) -> JSONDict:
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


def image_size(data: bytes) -> tuple[int, int]:
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
