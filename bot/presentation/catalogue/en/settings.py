"""/settings: a chat's time zone, language and summary time, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "settings.usage": "Usage: /settings, /settings tz Europe/Berlin, /settings lang en|ko|auto",
    "settings.tz.bad": "{given} is not a time zone I know: use a name like Europe/Berlin or Asia/Seoul.",
    "settings.saved": "Saved.",
    "settings.group_admins": "In a group, only its admins can change its settings. /settings shows them.",
    "settings.show": "This chat: time zone {timezone} · language {language} · daily summary at {summary_time}",
    "settings.lang.en": "English",
    "settings.lang.ko": "Korean",
    "settings.lang.auto": "each sender's own",
}
