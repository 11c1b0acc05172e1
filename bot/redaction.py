"""Keeping the bot token out of every log line, whoever logs it and at whatever level.

PTB logs the Bot API URL (which contains the token) at DEBUG, httpx logs request URLs at INFO,
and exception texts may quote URLs. A log-record factory rewrites each record as it is made, so
no handler or formatter anywhere can print the secret. The same factory hides the values of any
URL's query (a web source may carry a key there), its password and its fragment.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any

from bot.core.urls import redact_urls_in

REPLACEMENT = "<redacted>"
_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, REPLACEMENT)
    return text


def _contains_secret(text: str) -> bool:
    return any(secret in text for secret in _secrets)


def install_redaction(token: str) -> None:
    """Redact `token` (and its secret half after the colon) from all log records from now on."""
    global _installed
    with _lock:
        if token:
            _secrets.add(token)
            secret_half = token.partition(":")[2]
            if len(secret_half) >= 8:
                _secrets.add(secret_half)
        if _installed:
            return
        _installed = True
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            try:
                message = record.getMessage()
            except Exception:  # a bad format string is the caller's bug, not ours
                return record
            cleaned = redact(message) if _contains_secret(message) else message
            cleaned = redact_urls_in(cleaned)
            if cleaned != message:
                record.msg = cleaned
                record.args = None
            if record.exc_info and record.exc_info[1] is not None:
                text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
                if _contains_secret(text):
                    record.exc_text = redact(text)
            return record

        logging.setLogRecordFactory(factory)
