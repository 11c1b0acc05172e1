"""/sources drawn: each source's label, kind, interval, last value, held suspect and last error;
and how sources are named in any reply (`배민커넥트 (kakao)`, a list of labels). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.deeplinks import share_link
from bot.core.facts import SourceStatus
from bot.core.model import Sample, Source
from bot.core.urls import public_url
from bot.presentation.messages import pack_messages
from bot.presentation.numbers import counted, format_duration, shown_count
from bot.presentation.reasons import format_reason
from bot.presentation.texts import text

_KEY_CHARS = 60
MAX_LABELS_LISTED = 30  # labels are at most 32 characters: 30 of them fit any reply


def source_title(source: Source) -> str:
    """`배민커넥트 (kakao)`: the page's name with the label people type, once each."""
    name = source.display_name
    return name if name.casefold() == source.label.casefold() else f"{name} ({source.label})"


def format_labels(sources: Sequence[Source], lang: str, most: int = MAX_LABELS_LISTED) -> str:
    """The labels, comma-separated; past `most` the list ends in "… and N more"."""
    labels = [s.label for s in sources]
    if len(labels) <= most:
        return ", ".join(labels)
    return text(lang, "labels.more", labels=", ".join(labels[:most]), count=len(labels) - most)


def _count_text(sample: Sample) -> str:
    return shown_count(sample.value, sample.approximate)


def shown_key(source: Source, *, full: bool) -> str:
    """`kind:target`; a web address's user info, query and fragment (a key may hide there)
    only when `full` (the bot's admins), else its scheme, host and path."""
    target = source.target if full or "://" not in source.target else public_url(source.target)
    key = f"{source.kind}:{target}"
    return key if len(key) <= _KEY_CHARS else key[: _KEY_CHARS - 1] + "…"


def format_source_status(
    status: SourceStatus, lang: str, now: datetime, *, full: bool = False
) -> str:
    """One /sources block: label, kind:target, interval; last value and success; last error."""
    source = status.source
    key = shown_key(source, full=full)
    lines = [
        text(
            lang,
            "sources.item",
            title=source_title(source),
            kind=source.kind,
            where=key,
            interval=format_duration(source.interval_seconds, lang),
        )
    ]
    if status.latest is None:
        lines.append(text(lang, "sources.value.none"))
    else:
        lines.append(
            text(
                lang,
                "sources.value",
                counted=counted(lang, source.kind, _count_text(status.latest)),
                age=format_duration((now - status.latest.ts).total_seconds(), lang),
            )
        )
    if status.held is not None:
        lines.append(
            text(
                lang,
                "sources.held",
                count=_count_text(status.held),
                age=format_duration((now - status.held.ts).total_seconds(), lang),
            )
        )
    failure = status.last_failure
    if failure is None:
        lines.append(text(lang, "sources.error.none"))
    else:
        lines.append(
            text(
                lang,
                "sources.error",
                reason=format_reason(lang, failure.reason, failure.status),
                age=format_duration((now - failure.ts).total_seconds(), lang),
            )
        )
    return "\n".join(lines)


def format_sources(
    statuses: Sequence[SourceStatus],
    lang: str,
    now: datetime,
    *,
    bot_username: str | None = None,
    full: bool = False,
) -> list[str]:
    """/sources as one or more messages, each under Telegram's length limit; with the bot's
    username, each source's share link (it subscribes the chat that opens it); `full`: the
    whole of each address (for the bot's admins)."""
    if not statuses:
        return [text(lang, "nothing_tracked")]
    blocks = [text(lang, "sources.title", count=len(statuses))]
    for status in statuses:
        block = format_source_status(status, lang, now, full=full)
        if bot_username:
            link = share_link(bot_username, status.source)
            block += "\n  " + text(lang, "deeplink.share", link=link)
        blocks.append(block)
    return pack_messages(blocks)
