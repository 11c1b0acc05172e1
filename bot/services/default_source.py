"""The source named in `.env` (KAKAO_CHANNEL_ID), defined once for the bot and the CLI."""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.core.kinds import SourceKind
from bot.core.model import Source
from bot.services.deps import Deps
from bot.settings import Settings
from storage import sources

log = logging.getLogger(__name__)

DEFAULT_LABEL = "kakao"


async def ensure_default_source(
    db: aiosqlite.Connection, settings: Settings, at: datetime
) -> Source:
    """The `.env` Kakao channel's source, created under the label "kakao" if it is not tracked."""
    return await sources.ensure_source(
        db,
        kind=SourceKind.KAKAO,
        target=settings.kakao_channel_id,
        label=DEFAULT_LABEL,
        interval_seconds=settings.sample_interval_seconds,
        created_at=at,
    )


async def track_default_source(deps: Deps) -> None:
    """The .env Kakao channel is tracked at first start; after that, /track and /untrack rule.

    (Re-adding it at every start would bring back a channel an admin untracked.)
    """
    settings = deps.settings
    if await sources.count_sources(deps.db) == 0:
        default = await ensure_default_source(deps.db, settings, deps.clock.now())
        log.info("first start: tracking %s every %s s", default.key, default.interval_seconds)
    elif await sources.source_by_key(deps.db, SourceKind.KAKAO, settings.kakao_channel_id) is None:
        log.info(
            "KAKAO_CHANNEL_ID=%s is not tracked; sources are managed in the chat with /track",
            settings.kakao_channel_id,
        )
