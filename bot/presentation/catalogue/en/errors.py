"""What any command may answer: an unknown command, an error, admins only, nothing tracked, a label
that is not, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "nothing_tracked": "Nothing is tracked yet. An admin adds a source with /track.",
    "label.unknown": "No source is labelled {label}. Tracked: {labels}.",
    "admin.only": "Sorry, only the bot's admins can do that. /sources shows what is tracked.",
    "admin.none": "Sorry, only the bot's admins can do that, and none is set: the operator lists their Telegram user ids in ADMIN_USER_IDS.",
    "error.storage": "Sorry, I couldn't save that just now (a storage problem; the admins are told). Please try again later.",
    "error.generic": "Sorry, something went wrong on my side. Please try again in a minute.",
    "unknown": "I don't know that command. /help lists what I can do.",
}
