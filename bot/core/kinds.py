"""What kind of thing a source counts, as a type: `SourceKind`. Pure.

Each kind is read, typed after /track and labelled by its entry in bot/sources/kinds.py (the
registry); its noun in a reply is chosen in bot/presentation, keyed by this enum.
"""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    """The stored tag of a source's kind (the `kind` column, the `kakao:` of `/track kakao:…`)."""

    KAKAO = "kakao"  # a KakaoTalk channel's friends
    TELEGRAM = "telegram"  # a public Telegram channel's or group's subscribers
    WEB = "web"  # any web page's number, picked out by an extractor
    # A kind this version does not know (a newer version stored it): listed, never read.
    UNKNOWN = "unknown"


def source_kind(tag: str) -> SourceKind:
    """The kind a stored tag names; `UNKNOWN` rather than an error, so one odd row cannot stop
    every command that lists sources."""
    try:
        return SourceKind(tag)
    except ValueError:
        return SourceKind.UNKNOWN
