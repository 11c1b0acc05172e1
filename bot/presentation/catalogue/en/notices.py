"""What admins are told: a source failing and recovering, the database, a summary skipped, a chat
gone, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "notice.chat_gone": "Chat {chat} removed me or is gone: its daily summary, milestones and alerts were dropped.",
    "alert.failing": {
        "one": "⚠️ {who}: sampling has failed {failures} time in a row since {since}.\nReason: {reason}.\nWhat came back: {detail}",
        "other": "⚠️ {who}: sampling has failed {failures} times in a row since {since}.\nReason: {reason}.\nWhat came back: {detail}",
    },
    "alert.layout_changed": "⚠️ {who}: the page layout seems to have changed — no count found on it (since {since}).\nWhat came back: {detail}",
    "alert.recovered": {
        "one": "✅ {who}: sampling works again (after {failures} failed sample).",
        "other": "✅ {who}: sampling works again (after {failures} failed samples).",
    },
    "alert.storage.failing": "⚠️ The database cannot be written: {error}. I keep answering from what is stored and hold new samples in memory ({unsaved} so far) until it works again.",
    "alert.summary_skipped": {
        "one": "⚠️ The bot stopped {crashes} time while sending chat {chat_id} its daily summary; that chat is skipped until tomorrow. The log says more.",
        "other": "⚠️ The bot stopped {crashes} times while sending chat {chat_id} its daily summary; that chat is skipped until tomorrow. The log says more.",
    },
    "alert.storage.recovered": {
        "one": "✅ The database can be written again; {unsaved} sample held in memory was saved.",
        "other": "✅ The database can be written again; {unsaved} samples held in memory were saved.",
    },
}
