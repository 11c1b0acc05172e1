"""/export: the history as a CSV file, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "export.caption": {
        "one": "{name}: {count} sample (timestamp,count; times in {timezone}).",
        "other": "{name}: {count} samples (timestamp,count; times in {timezone}).",
    },
    "export.which": "Which source? Use /export <label>. Tracked: {labels}.",
    "export.empty": "{name} has no samples to export yet.",
    # issue 18: exports take turns
    "export.queued": "Other exports are being made; yours of {name} is queued and comes next.",
    "export.busy": "Your chat already has an export running and one waiting. Try again when they arrive.",
}
