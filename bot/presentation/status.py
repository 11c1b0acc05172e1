"""/status drawn: each source's health (failures in a row, the last reason and its raw detail),
then the database's. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.facts import SourceState
from bot.presentation.numbers import format_duration
from bot.presentation.reasons import format_reason
from bot.presentation.texts import text


def format_status(
    states: Sequence[SourceState], db_error: str | None, unsaved: int, lang: str, now: datetime
) -> str:
    """/status: each source's health, then the database's."""
    lines = [text(lang, "status.title")]
    for state in states:
        source, health = state.source, state.health
        values = {
            "name": source.display_name,
            "label": source.label,
            "failures": health.failures,
            "count": health.failures,
            "alerted": text(lang, "status.alerted") if health.alerted else "",
        }
        if state.latest is None:
            lines.append(text(lang, "status.source.none", **values))
        else:
            age = format_duration((now - state.latest.ts).total_seconds(), lang)
            lines.append(text(lang, "status.source", age=age, **values))
        if health.failures:
            reason = format_reason(lang, health.reason, health.status)
            detail = health.detail[:200] or "-"
            lines.append(text(lang, "status.last_failure", reason=reason, detail=detail))
    if db_error is None:
        lines.append(text(lang, "status.storage.ok"))
    else:
        lines.append(
            text(lang, "status.storage.failing", error=db_error, unsaved=unsaved, count=unsaved)
        )
    return "\n".join(lines)
