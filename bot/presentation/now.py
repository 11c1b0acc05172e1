"""/now drawn from its figures (bot/core/figures.py): one source in full, or several briefly.

Each line has its own drawer, shared with the status page's card (bot/presentation/page.py),
so the page and the reply say the same thing in the same words. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.figures import NowFigures, Rate, ShortRate
from bot.presentation.messages import pack_messages
from bot.presentation.numbers import (
    approx,
    change_text,
    count_text,
    counted,
    format_duration,
    format_rate,
)
from bot.presentation.reasons import format_failing
from bot.presentation.sources import source_title
from bot.presentation.texts import text


def empty_line(fig: NowFigures, lang: str) -> str:
    """Nothing sampled yet: when the first sample is expected, unless attempts already failed
    (then the failure line says why, and no first sample is promised beside it)."""
    if fig.failures:
        return text(lang, "now.empty.failing", name=fig.source.display_name)
    interval = format_duration(fig.interval_seconds, lang)
    return text(lang, "now.empty", name=fig.source.display_name, interval=interval)


def day_line(fig: NowFigures, lang: str) -> str:
    day = change_text(fig.day)
    return text(lang, "now.day", delta=day) if day else text(lang, "now.day.none")


def midnight_line(fig: NowFigures, lang: str) -> str:
    midnight = change_text(fig.midnight)
    if midnight is None:
        return text(lang, "now.midnight.none")
    line = text(lang, "now.midnight", delta=midnight)
    if fig.midnight_since is not None:
        # The bot was not sampling at midnight: say where "today" really starts.
        line += text(lang, "now.midnight.since", time=fig.midnight_since.strftime("%H:%M"))
    return line


def rate_line(fig: NowFigures, lang: str) -> str:
    rate = fig.rate
    if isinstance(rate, ShortRate):
        return text(lang, "now.rate.short", span=format_duration(rate.span_seconds, lang))
    if isinstance(rate, Rate):
        shown = approx(format_rate(rate.per_hour), rate.approximate)
        return text(lang, "now.rate", rate=shown, span=format_duration(rate.minutes * 60, lang))
    return text(lang, "now.rate.none")


def age_line(fig: NowFigures, lang: str) -> str:
    return text(lang, "now.age", age=format_duration(fig.age_seconds or 0, lang))


def stale_line(fig: NowFigures, lang: str) -> str:
    """The staleness warning, or "" when the figure is fresh."""
    if not fig.stale or fig.age_seconds is None:
        return ""
    return text(lang, "now.stale", age=format_duration(fig.age_seconds, lang))


def failing_line(fig: NowFigures, lang: str) -> str:
    """Why the samples since the latest good one failed, or "" when none did."""
    return format_failing(fig.failures, fig.failure_count, lang) if fig.failures else ""


def format_now(fig: NowFigures, lang: str) -> str:
    count = fig.count
    if count is None:
        return "\n".join(line for line in (empty_line(fig, lang), failing_line(fig, lang)) if line)
    source = fig.source
    headline = counted(lang, source.kind, count_text(count))
    lines = [
        text(lang, "now.headline", name=source.display_name, counted=headline),
        day_line(fig, lang),
        midnight_line(fig, lang),
        rate_line(fig, lang),
        age_line(fig, lang),
        stale_line(fig, lang),
        failing_line(fig, lang),
        text(lang, "approx") if count.approximate else "",
    ]
    return "\n".join(line for line in lines if line)


def format_now_brief(figures: Sequence[NowFigures], lang: str) -> list[str]:
    """/now with several sources: one line each, then how to see one in full; as many messages
    as Telegram's length limit needs."""
    lines = [text(lang, "now.brief.title", count=len(figures))]
    for fig in figures:
        title = source_title(fig.source)
        if fig.count is None:
            lines.append(text(lang, "now.brief.empty", title=title))
            continue
        shown = counted(lang, fig.source.kind, count_text(fig.count))
        line = text(lang, "now.brief.item", title=title, counted=shown)
        day = change_text(fig.day)
        if day is not None:
            line += " · " + text(lang, "now.brief.day", delta=day)
        if fig.stale:
            line += " " + text(lang, "now.brief.stale")
        lines.append(line)
    lines.append("\n" + text(lang, "now.brief.hint"))
    return pack_messages(lines, separator="\n")
