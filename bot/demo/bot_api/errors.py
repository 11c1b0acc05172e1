"""How the fake answers what Telegram would refuse, and how it plays "unreachable"."""

from __future__ import annotations

import json
from typing import Any

JSONDict = dict[str, Any]
HTTPAnswer = tuple[int, str, bytes]  # (status, content type, body)


class ApiError(Exception):
    """Why: lets any handler depth bail out with a Telegram-shaped error answer."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class DropConnectionError(Exception):
    """Why: models 'Bot API unreachable' - close the TCP connection without any answer."""


def json_reply(status: int, body: JSONDict) -> HTTPAnswer:
    return status, "application/json", json.dumps(body).encode("utf-8")


def error_body(status: int, description: str, parameters: JSONDict | None = None) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body
