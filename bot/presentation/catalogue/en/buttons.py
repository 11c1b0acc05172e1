"""Buttons under answers, inline mode and share links, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "buttons.all_sources": "All",
    "buttons.range.24h": "24h",
    "buttons.range.7d": "7d",
    "buttons.range.30d": "30d",
    "buttons.range.all": "all",
    "buttons.range.days": "days",
    "buttons.days_chart": "📊 As bars",
    "buttons.chosen": "• {label}",
    "buttons.stale": "This button is from an older message; please send the command again.",
    "buttons.gone": "That source is no longer tracked. /sources lists what is.",
    "buttons.empty": "Nothing to draw in that range yet.",
    "buttons.refresh": "↻ Refresh",
    "buttons.nothing_new": "Nothing new since {time}.",
    "buttons.subscribe": "✅ Subscribe this chat",
    "deeplink.confirm": "Subscribe this group to the daily summary of {name}?",
    "deeplink.unknown": "That link is for a source I no longer track. /sources lists what is.",
    "deeplink.share": "Share: {link}",
    "inline.none": "No tracked source matches that.",
    "inline.chart": "{name} — chart",
}
