"""The daily summary, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "summary.title": "Daily summary · {date}",
    "summary.count": "{name}: {counted}",
    "summary.day": "Last 24 h: {delta}",
    "summary.day.none": "Last 24 h: not enough history yet",
    "summary.week": "Last 7 days: {delta}",
    "summary.week.none": "Last 7 days: not enough history yet",
    "summary.best": {
        "one": "Best hour: {start}–{end} (avg {gain} over {days} day)",
        "other": "Best hour: {start}–{end} (avg {gain} over {days} days)",
    },
    "summary.best.none": "Best hour: not enough history yet",
    "summary.nodata": "{name}: no sample yet",
}
