"""What the bot's admins are told: in every language the bot speaks, one after the other.

Admins get each notice in English and Korean: the bot does not know their language, and a
broken bot is no time for the operator to be guessing. Pure: values in, text out.
"""

from __future__ import annotations

from datetime import tzinfo

from bot.core.alert_rules import Notice
from bot.core.lang import LANGS
from bot.core.model import Source
from bot.presentation.reasons import format_reason
from bot.presentation.sources import source_title
from bot.presentation.texts import text


def in_every_language(key: str, **values: object) -> str:
    return "\n\n".join(text(lang, key, **values) for lang in LANGS)


def source_notice_text(notice: Notice, source: Source, tz: tzinfo) -> str:
    """The alert for one source, in every language the bot speaks."""
    since = notice.since.astimezone(tz).strftime("%Y-%m-%d %H:%M") if notice.since else "?"
    return "\n\n".join(
        text(
            lang,
            f"alert.{notice.kind}",
            who=source_title(source),
            failures=notice.failures,
            count=notice.failures,
            since=since,
            reason=format_reason(lang, notice.reason, notice.status),
            detail=notice.detail or "-",
        )
        for lang in LANGS
    )


def storage_notice_text(kind: str, error: str, unsaved: int) -> str:
    """`kind` is "storage.failing" or "storage.recovered"."""
    return in_every_language(f"alert.{kind}", error=error, unsaved=unsaved, count=unsaved)


def summary_skipped_text(chat_id: int, crashes: int) -> str:
    return in_every_language(
        "alert.summary_skipped", chat_id=chat_id, crashes=crashes, count=crashes
    )
