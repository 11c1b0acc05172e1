"""Dates and chart ticks in the reader's words, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "date.day": "{weekday}, {month} {day}",
    "date.week_start": "{weekday}, {month} {day}",
    "date.month_day": "{month} {day}",
    "date.day.year": "{weekday}, {month} {day}, {year}",
    "date.month_day.year": "{month} {day}, {year}",
    "date.tick": "{weekday} {day} {month}",
    "date.tick.year": "{day} {month} {year}",
    "date.weekdays": "Mon Tue Wed Thu Fri Sat Sun",
    "date.months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
}
