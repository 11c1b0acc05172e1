"""/forecast: when a target is reached, or why there is no date, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "forecast.usage": "Usage: /forecast [label] [target], e.g. /forecast 250000",
    "forecast.eta": "{name}: {target} in about {days} (between {soonest} and {latest}), around {date}",
    "forecast.eta.one": "{name}: {target} in about {days}, around {date}",
    "forecast.eta.open": (
        "{name}: {target} in about {days} (at the soonest {soonest}; at the slow end of the trend, "
        "never)"
    ),
    "forecast.trend": "Trend: {per_day}/day (middle 50% of daily gains: {low} to {high}), from {count} days",
    "forecast.days": {"one": "{count} day", "other": "{count} days"},
    "forecast.too_short": (
        "{name}: not enough history for a forecast yet: it needs the count at 3 local midnights, "
        "and there are {count} so far."
    ),
    "forecast.flat": "{name}: the count is flat ({per_day}/day over {count} days), so there is no date to give.",
    "forecast.away": "{name}: the count is moving away from {target} ({per_day}/day): at this trend it will not get there.",
    "forecast.away.none": "{name}: the count is falling ({per_day}/day) and there is no round number below it.",
    "forecast.reached": "{name}: the count has already reached {target}.",
    "forecast.reached.on": "{name} already reached {target}: first on {date}.",
    "forecast.too_far": "{name}: at {per_day}/day, {target} is more than 10 years away, too far for a date to mean anything.",
}
