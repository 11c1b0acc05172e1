"""The daily summary drawn from its figures (bot/core/figures.py): each source's count, its
change over a day and a week, its best hour, and a share link. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, tzinfo

from bot.core.deeplinks import share_link
from bot.core.figures import SummaryFigures
from bot.presentation.numbers import change_text, count_text, counted, format_rate, gained
from bot.presentation.texts import text
from bot.presentation.why import format_summary_line


def format_summary(
    figures: Sequence[SummaryFigures],
    lang: str,
    local_date: date,
    *,
    bot_username: str | None = None,
    tz: tzinfo = UTC,
) -> str:
    """The daily summary; with the bot's username, a share link under each source (a tap
    subscribes another chat)."""
    lines = [text(lang, "summary.title", date=local_date.isoformat())]
    for f in figures:
        lines.append("")
        name = f.source.display_name
        if f.count is None:
            lines.append(text(lang, "summary.nodata", name=name))
            continue
        shown = counted(lang, f.source.kind, count_text(f.count))
        lines.append(text(lang, "summary.count", name=name, counted=shown))
        day = change_text(f.day)
        lines.append(
            text(lang, "summary.day", delta=day) if day else text(lang, "summary.day.none")
        )
        week = change_text(f.week)
        lines.append(
            text(lang, "summary.week", delta=week) if week else text(lang, "summary.week.none")
        )
        if f.best is None:
            lines.append(text(lang, "summary.best.none"))
        else:
            lines.append(
                text(
                    lang,
                    "summary.best",
                    start=f"{f.best.hour:02d}:00",
                    end=f"{(f.best.hour + 1) % 24:02d}:00",
                    gain=gained(lang, f.source.kind, format_rate(f.best.average_gain)),
                    days=f.best.days,
                    count=f.best.days,
                )
            )
        if f.unusual is not None:
            lines.append(format_summary_line(f.unusual, tz, lang))
        if bot_username:
            link = share_link(bot_username, f.source)
            lines.append(text(lang, "deeplink.share", link=link))
    return "\n".join(lines)
