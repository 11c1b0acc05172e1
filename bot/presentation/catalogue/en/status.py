"""/status: the health of every source and of the database, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "status.title": "Status",
    "status.source": "{name} ({label}): last good sample {age} ago; {failures} failed in a row{alerted}",
    "status.source.none": "{name} ({label}): no good sample yet; {failures} failed in a row{alerted}",
    "status.alerted": " (admins alerted)",
    "status.last_failure": "  last failure: {reason} — {detail}",
    "status.storage.ok": "Database: writable.",
    "status.storage.failing": {
        "one": "Database: cannot be written ({error}); {unsaved} sample kept in memory.",
        "other": "Database: cannot be written ({error}); {unsaved} samples kept in memory.",
    },
}
