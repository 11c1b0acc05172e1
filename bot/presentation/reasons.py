"""Why a sample failed, in plain words (raw details only in /status). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.model import FailureRecord
from bot.core.reasons import Reason
from bot.presentation.texts import text


def format_reason(lang: str, reason: Reason | None, status: int | None = None) -> str:
    """A failure's reason in plain words."""
    if reason is None:
        return "-"
    if reason is Reason.HTTP:
        if status == 429:
            return text(lang, "reason.http_429")
        key = "reason.http_5xx" if status is not None and status >= 500 else "reason.http_4xx"
        return text(lang, key, code=status if status is not None else "?")
    return text(lang, f"reason.{reason.value}")


def format_failing(failures: Sequence[FailureRecord], count: int, lang: str) -> str:
    """Why the latest samples failed: how many in a row, and the latest reason."""
    reason = format_reason(lang, failures[0].reason, failures[0].status)
    if count > 1:
        return text(lang, "now.failing.many", count=count, reason=reason)
    return text(lang, "now.failing", reason=reason)
