"""/why (issue 21): unusual movements, also the summary's line, /alert unusual and the chart's
marks, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "why.usage": "Usage: /why [label] [7d|30d], e.g. /why 30d",
    "why.title": "{name}: unusual in the last {days} days, newest first",
    "why.nothing": (
        "{name}: nothing unusual in the last {days} days (usual hour {hour_low} to {hour_high}, "
        "usual day {day_low} to {day_high})"
    ),
    "why.not_enough": {
        "one": "{name}: not enough history yet to tell what is unusual: needs {count} more day.",
        "other": "{name}: not enough history yet to tell what is unusual: needs {count} more days.",
    },
    "why.at_hour": "{date} {hour:02d}:00",
    "why.hour": "{hour:02d}:00",
    "why.in_one_hour": "in one hour",
    "why.in_hours": "in {count} hours",
    "why.in_day": "in the day",
    "why.jump.hour": "{when}: {change} {during}, about {factor}× the usual hour (usual {low} to {high})",
    "why.jump.day": "{when}: {change} {during}, about {factor}× the usual day (usual {low} to {high})",
    "why.jump": "{when}: {change} {during} (usual {low} to {high})",
    "why.jump.back": "{when}: {change} {during} (usual {low} to {high}), lost again within a day",
    "why.step": "{when}: {change} {during} and it stayed (usual {low} to {high})",
    "why.loss": "{when}: {change} {during} (usual {low} to {high})",
    "why.pace.faster": "Since {date} growth sped up from about {before} a day to about {after} a day",
    "why.pace.slower": "Since {date} growth slowed from about {before} a day to about {after} a day",
    "why.stop": "{when}–{until}: no growth for {count} hours (usually about {expected})",
    "why.stop.ongoing": "No growth since {when} ({count} hours so far; usually about {expected} by now)",
    "why.summary": "Unusual: {event}",
    "why.alert": "🔔 {name}, unusual: {event}",
    "why.mark.faster": "faster",
    "why.mark.slower": "slower",
    "why.mark.stop": "no growth",
    "why.alert.set": "Alert set: each unusual movement of {name}, once, as it is found (what /why shows).",
}
