"""/alert, /alerts and /milestones: a chat's own alerts and the round numbers it hears of, in
English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "alert.above": "🔔 {name} is at {value}: at or above {threshold}.",
    "alert.below": "🔔 {name} is at {value}: at or below {threshold}.",
    "alert.change": "🔔 {name} changed {change} today (since local midnight), past {threshold}: now {value}.",
    "alert.usage": (
        "Usage: /alert [label] above N | below N | change N (today's change since midnight, "
        "+N or -N) | unusual (see /why); /alert off [label] [kind]; /alerts lists them."
    ),
    "alert.which": "Which source? Add its label, one of: {labels}",
    "alert.set": "Alert set: {name}, {rule}. It fires once each time the threshold is passed.",
    "alert.replaced": "Replaced the {what} alert {old} with {new} for {name}. It fires once each time the threshold is passed.",
    "alert.kind.above": "above",
    "alert.kind.below": "below",
    "alert.kind.change": "change",
    "alert.rule.above": "at or above {threshold}",
    "alert.rule.below": "at or below {threshold}",
    "alert.rule.change": "a change of {threshold} in a day",
    "alert.rule.unusual": "an unusual movement (each once, as it is found; see /why)",
    "alert.removed": {"one": "Removed {count} alert.", "other": "Removed {count} alerts."},
    "alert.none": "No alerts in this chat. /alert above N sets one.",
    "alert.item": "{name}: {rule}",
    # alerts per hour per chat (issue 18)
    "alert.held_back": {
        "one": "(+{count} more alert held back: at most {cap} alert messages an hour per chat)",
        "other": "(+{count} more alerts held back: at most {cap} alert messages an hour per chat)",
    },
    "milestone.reached": "🎉 {name} reached {value}!",
    "alerts.title": "Alerts in this chat:",
    "alerts.cap": "At most {cap} alert messages an hour here; more are held and told with the next.",
    "milestones.usage": (
        "Usage: /milestones <label> <N|default>: announce every multiple of N, or the default "
        "1-2-5 round numbers (100,000, 200,000, 500,000, ...). Tracked: {labels}"
    ),
    "milestones.every": "{name}: subscribers will hear of every {step} reached.",
    "milestones.default": "{name}: subscribers will hear of round numbers (100,000, 200,000, 500,000, ...).",
}
