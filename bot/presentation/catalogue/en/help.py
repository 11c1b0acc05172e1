"""The command menu, /start, /help and /whoami, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "menu.now": "Current count, 24 h change, rate",
    "menu.chart": "Trend chart: /chart 24h | 7d | 30d | all",
    "menu.days": "Change per day: /days [label] [N]",
    "menu.forecast": "When a target is reached: /forecast [label] [target]",
    "menu.compare": "Sources side by side: /compare [label …]",
    "menu.alert": "Alerts here: /alert above N | below N | change N",
    "menu.subscribe": "Daily summary in this chat",
    "menu.unsubscribe": "Stop the daily summary",
    "menu.sources": "What is tracked, and how each source is doing",
    "menu.help": "What I can do",
    "menu.whoami": "Your Telegram user id, for ADMIN_USER_IDS",
    "menu.export": "History as a CSV file: /export [label]",
    "menu.why": "Unusual moves, explained: /why [label] [7d|30d]",
    "menu.settings": "This chat's time zone and language",
    "menu.subscriptions": "Where the daily summary is posted",
    "menu.track": "Admin: track a new source",
    "menu.untrack": "Admin: stop tracking a source",
    "menu.status": "Admin: health of every source",
    "help": (
        "I watch public counts and tell you how they move.\n\n"
        "/now [label] — the count, its change over 24 h and today, the rate\n"
        "/chart [label] [24h|7d|30d|all|days] — a trend chart\n"
        "/days [label] [N] — the change per day, week and month totals\n"
        "/forecast [label] [target] — when a target is reached\n"
        "/compare [label …] — side by side, who catches whom\n"
        "/why [label] [7d|30d] — unusual moves, explained\n"
        "/alert [label] above|below|change N | unusual — alerts; /alerts\n"
        "/subscribe [label] [HH:MM] — a daily summary at {summary_time} ({timezone})\n"
        "/settings — this chat's zone and language\n"
        "/unsubscribe [label] — stop the daily summary\n"
        "/sources — what is tracked, and how it is doing\n"
        "/export [label] — the history as CSV\n"
        "/help — this message"
    ),
    "help.admin": (
        "For admins:\n"
        "/track <kind:target> [label] [every 5m] — track a count: kakao:<channel id>, "
        "telegram:<username>, web:<url> with css:, json:$. or regex:\n"
        "/untrack <label> — stop and delete its history"
    ),
    "whoami": (
        "Your Telegram user id is {user_id}.\n"
        "To make yourself an admin, put this line in the bot's .env and restart the bot:\n"
        "ADMIN_USER_IDS={user_id}"
    ),
    "whoami.no_admins": "No admin is set yet (ADMIN_USER_IDS is empty).",
    "start": "Hello! I track {name}: {noun} sampled every {interval}.",
    "start.many": "Hello! I track {count} counts: {labels}.",
}
