"""The source named in `.env` (KAKAO_CHANNEL_ID), defined once for the bot and the CLI."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.core.model import Source
from bot.settings import Settings
from storage import sources

DEFAULT_LABEL = "kakao"


async def ensure_default_source(
    db: aiosqlite.Connection, settings: Settings, at: datetime
) -> Source:
    """The `.env` Kakao channel's source, created under the label "kakao" if it is not tracked."""
    return await sources.ensure_source(
        db,
        kind="kakao",
        target=settings.kakao_channel_id,
        label=DEFAULT_LABEL,
        interval_seconds=settings.sample_interval_seconds,
        created_at=at,
    )
