"""/start, /help and /whoami: what the bot does, what is tracked, how an admin is made. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.model import Source
from bot.presentation.numbers import format_duration, noun
from bot.presentation.sources import format_labels
from bot.presentation.texts import text
from bot.settings import Settings


def help_text(lang: str, settings: Settings, *, admin: bool = False) -> str:
    body = text(
        lang,
        "help",
        summary_time=settings.daily_summary_time.strftime("%H:%M"),
        timezone=settings.timezone.key,
    )
    return body + "\n\n" + text(lang, "help.admin") if admin else body


def whoami_text(lang: str, user_id: int) -> str:
    """/whoami: the sender's numeric id and the `.env` line that makes them an admin."""
    return text(lang, "whoami", user_id=str(user_id))


def start_text(
    tracked: Sequence[Source],
    lang: str,
    settings: Settings,
    *,
    admin: bool,
    first_admin_id: int | None = None,
) -> str:
    """/start: what is tracked, then the help; with no admin yet, how the sender becomes one."""
    lines = []
    if len(tracked) == 1:
        source = tracked[0]
        lines.append(
            text(
                lang,
                "start",
                name=source.display_name,
                noun=noun(lang, source.kind),
                interval=format_duration(source.interval_seconds, lang),
            )
        )
    elif tracked:
        lines.append(
            text(lang, "start.many", count=len(tracked), labels=format_labels(tracked, lang))
        )
    lines.append(help_text(lang, settings, admin=admin))
    if first_admin_id is not None:
        lines.append(text(lang, "whoami.no_admins") + "\n" + whoami_text(lang, first_admin_id))
    return "\n\n".join(lines)
