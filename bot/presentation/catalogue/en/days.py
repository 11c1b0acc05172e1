"""/days: the change per day, this week and this month, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "days.usage": "Usage: /days [label] [N] with N from 1 to 60 days, e.g. /days 7",
    "days.title": "{name} — change per day ({timezone})",
    "days.row": "{date}: {change} · {total}",
    "days.row.today": "{date}: {change} · {total} (so far today)",
    "days.gap": "gap",
    "days.week": "This week (since {date}): {change}",
    "days.month": "This month (since {date}): {change}",
    "days.none": "not enough history yet",
    "days.empty": "{name}: no sample yet",
}
