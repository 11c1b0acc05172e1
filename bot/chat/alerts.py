"""Telling the bot's admins when a source or the database stops working, once, and once again
when it works: the decision is pure (`after_sample`), the delivery a thin loop over admin ids.

Admins get each message in English and Korean: the bot does not know their language, and a
broken bot is no time for the operator to be guessing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from telegram import Bot
from telegram.error import TelegramError

from bot.core.model import Failure, Reading, Source, SourceHealth
from bot.presentation.formatting import format_reason
from bot.presentation.texts import LANGUAGES, text

log = logging.getLogger(__name__)

LAYOUT_CHANGED = "layout_changed"
# The page came back but the number is not where it was: waiting will not bring it back.
LAYOUT_REASONS = frozenset({LAYOUT_CHANGED, "no_match", "not_a_count"})


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # "failing", "layout_changed" or "recovered"
    failures: int
    reason: str
    detail: str
    since: datetime | None


def after_sample(
    health: SourceHealth, outcome: Reading | Failure, at: datetime, threshold: int
) -> tuple[SourceHealth, Notice | None]:
    """The source's health after one more sample, and the notice it calls for, if any.

    One alert when the failures in a row reach `threshold`, or at once when the page layout
    changed (waiting would not help); nothing more while it stays broken; one "recovered".
    """
    if isinstance(outcome, Reading):
        if health.alerted:
            return SourceHealth(), Notice(
                "recovered", health.failures, health.reason, health.detail, health.since
            )
        return SourceHealth(), None
    failing = SourceHealth(
        failures=health.failures + 1,
        alerted=health.alerted,
        reason=outcome.reason,
        detail=outcome.detail,
        since=health.since or at,
    )
    if health.alerted:
        return failing, None
    if outcome.reason in LAYOUT_REASONS or failing.failures >= threshold:
        kind = LAYOUT_CHANGED if outcome.reason in LAYOUT_REASONS else "failing"
        notice = Notice(kind, failing.failures, outcome.reason, outcome.detail, failing.since)
        return replace(failing, alerted=True), notice
    return failing, None


def source_notice_text(notice: Notice, source: Source, tz: tzinfo) -> str:
    """The alert for one source, in every language the bot speaks."""
    since = notice.since.astimezone(tz).strftime("%Y-%m-%d %H:%M") if notice.since else "?"
    who = source.display_name
    if who != source.label:
        who = f"{who} ({source.label})"
    parts = []
    for lang in LANGUAGES:
        parts.append(
            text(
                lang,
                f"alert.{notice.kind}",
                who=who,
                failures=notice.failures,
                since=since,
                reason=format_reason(lang, notice.reason),
                detail=notice.detail or "-",
            )
        )
    return "\n\n".join(parts)


def storage_notice_text(kind: str, error: str, unsaved: int) -> str:
    """`kind` is "storage.failing" or "storage.recovered"."""
    return "\n\n".join(
        text(lang, f"alert.{kind}", error=error, unsaved=unsaved) for lang in LANGUAGES
    )


async def tell_admins(bot: Bot | None, admin_ids: Iterable[int], body: str) -> int:
    """Send `body` to every admin; one who cannot be reached is logged, not retried."""
    if bot is None:
        return 0
    told = 0
    for user_id in sorted(admin_ids):
        try:
            await bot.send_message(user_id, body[:4096])
            told += 1
        except TelegramError as exc:
            log.warning("could not tell admin %s: %s", user_id, type(exc).__name__)
    return told
