"""/now: one source in full, several briefly, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "now.headline": "{name}: {counted}",
    "now.day": "24 h: {delta}",
    "now.day.none": "24 h: not enough history yet",
    "now.midnight": "Since midnight: {delta}",
    "now.midnight.none": "Since midnight: no sample yet today",
    "now.midnight.since": " (first sample today at {time})",
    "now.rate": "Rate: {rate}/h (last {span})",
    "now.rate.none": "Rate: not enough samples in the last hour",
    "now.rate.short": "Rate: not enough history yet ({span} of samples)",
    "now.age": "Last sample: {age} ago",
    "now.stale": "⚠️ This figure is stale: no good sample for {age}.",
    "now.failing": "Why: the last attempt failed — {reason}.",
    "now.failing.many": "Why: the last {count} attempts failed — latest: {reason}.",
    "now.empty": "No sample of {name} yet; the first one comes within {interval}.",
    "now.brief.title": "{count} tracked counts:",
    "now.brief.item": "• {title}: {counted}",
    "now.brief.day": "24 h {delta}",
    "now.brief.empty": "• {title}: no sample yet",
    "now.brief.stale": "⚠️ stale",
    "now.brief.hint": "/now <label> shows one in full.",
    "now.empty.failing": "No sample of {name} yet.",
}
