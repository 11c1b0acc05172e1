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

import base64
import json
import quopri
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
    """Why the parts are found by hand: `bytes.find` goes at C speed, and the email package (the
    stdlib's maintained MIME parser; ``cgi`` is gone) reads only each part's few header lines.
    Fed a whole multi-MB upload it went line by line in Python: 0.2 s for a 3.6 MB document,
    holding the GIL that the fake's answers to everyone else were waiting for."""
    delimiter = b"--" + _boundary(content_type)
    start = body.find(delimiter)
    if start < 0:
        raise ValueError("multipart body without parts")
    params: JSONDict = {}
    at = start + len(delimiter)
    while at < len(body) and not body.startswith(b"--", at):  # "--boundary--" closes the body
        head_starts = body.find(b"\r\n", at) + 2  # past any padding after the delimiter
        if head_starts < 2:
            break
        ends = body.find(b"\r\n" + delimiter, head_starts)
        if ends < 0:  # no closing boundary: the last part runs to the end (as email reads it)
            ends = len(body)
        head_ends = body.find(b"\r\n\r\n", head_starts - 2, ends)
        if head_ends < 0:
            raise ValueError("multipart part without a blank line after its headers")
        part = BytesParser(policy=policy.HTTP).parsebytes(
            body[head_starts : head_ends + 4], headersonly=True
        )
        _add_part(params, part, body[head_ends + 4 : ends])
        at = ends + 2 + len(delimiter)
    return params


def _boundary(content_type: str) -> bytes:
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    boundary = BytesParser(policy=policy.HTTP).parsebytes(head, headersonly=True).get_boundary()
    if not boundary:
        raise ValueError("multipart body without a boundary")
    return boundary.encode("latin-1")


def _add_part(params: JSONDict, part: Message, data: bytes) -> None:
    name = _header_param(part, "name")
    if name is None:
        return
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        data = base64.b64decode(data)
    elif encoding == "quoted-printable":
        data = quopri.decodestring(data)
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
