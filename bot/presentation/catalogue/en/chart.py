"""/chart: titles, ranges, captions, axes, the cooldown, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "chart.usage": "Usage: /chart [label] [24h|7d|30d|all|days], e.g. /chart days",
    "chart.empty": "Nothing to draw yet for {name}: no samples in that range.",
    "chart.title": "{name} — {noun}",
    "chart.range.24h": "last 24 hours",
    "chart.range.7d": "last 7 days",
    "chart.range.30d": "last 30 days",
    "chart.range.all": "all history",
    "chart.range.days": "change per day, last 14 days",
    "chart.days.gaps": {
        "one": "{count} day with a gap (no bar)",
        "other": "{count} days with gaps (no bar)",
    },
    "chart.caption": "{name}: {counted} · {range}",
    "chart.note.began": "tracking began {ago} ago",
    "chart.note.latest": "{value} ({change} in range)",
    # chart axes and keys (issue 20: the unit on the y axis, today's partial bar)
    "chart.axis.kakao": "friends",
    "chart.axis.telegram": "subscribers",
    "chart.axis.web": "count",
    "chart.axis.unknown": "count",
    "chart.axis.days": "{unit}, change per day",
    "chart.days.today": "today so far (the day is not over)",
    "chart.title.many": "Tracked counts",
    "chart.caption.item": "{title}: {counted}",
    "chart.more": {
        "one": "…and {count} more source (those most subscribed to are drawn); /chart <label> shows any one.",
        "other": "…and {count} more sources (those most subscribed to are drawn); /chart <label> shows any one.",
    },
    "chart.wait": "One chart per {cooldown} in each chat, please. Try again in {wait}.",
}
