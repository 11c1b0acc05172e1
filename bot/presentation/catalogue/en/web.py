"""The status page, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "web.title": "Tracked counts — live",
    "web.none": "Nothing is tracked yet.",
    "web.chart.alt": "Trend chart of {name}, {range}",
    "web.chart.time": "Time",
    "web.chart.count": "Count",
    "web.range": "Chart:",
    "web.range.24h": "24 h",
    "web.range.7d": "7 days",
    "web.range.30d": "30 days",
    "web.range.all": "All",
    "web.switch": "한국어",
    "web.as_of": "As of {time} ({zone})",
    "web.footer": "Read-only. The figures update by themselves every {seconds} s; the same numbers as /now in Telegram.",
    # the page (issue 20: what is counted, the range's change, a source without data)
    "web.title.one": "{name} {unit} — live",
    "web.chart.none": "No chart yet: nothing has been sampled.",
    "web.change.24h": "{change} in 24 hours",
    "web.change.7d": "{change} over 7 days",
    "web.change.30d": "{change} over 30 days",
    "web.change.began": "{change} since tracking began",
}
