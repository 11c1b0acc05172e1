"""/why drawn: one sentence per unusual movement, newest first, with its figures and when (in
the reader's language and the chat's time zone); or the usual range when nothing was unusual;
or how many more days of history it needs. The summary's line, `/alert unusual`'s message and
the chart's short marks say the same events with the same words. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.core.model import Source
from bot.core.unusual import (
    EventKind,
    Movement,
    NotEnoughHistory,
    Pace,
    PaceChange,
    Span,
    Stop,
    Unusual,
    UnusualEvent,
)
from bot.presentation.numbers import approx, format_count, format_delta
from bot.presentation.texts import text

FACTOR_SHOWN_FROM = 2.0  # "about 3× the usual" only when it is that far above


def _day(at: datetime, lang: str) -> str:
    """`Tue 1 Dec` / `12월 1일 (화)`."""
    values = {
        "month": text(lang, "date.months").split()[at.month - 1],
        "day": at.day,
        "weekday": text(lang, "date.weekdays").split()[at.weekday()],
    }
    return text(lang, "date.tick", **values)


def _at_hour(start: datetime, tz: tzinfo, lang: str) -> str:
    local = start.astimezone(tz)
    return text(lang, "why.at_hour", date=_day(local, lang), hour=local.hour)


def _signed(value: int, approximate: bool) -> str:
    return approx(format_delta(value), approximate)


def _about(value: float, approximate: bool) -> str:
    """A rate "about 1,500 a day": two significant digits are all it means."""
    n = round(value)
    if abs(n) >= 100:
        digits = len(str(abs(n))) - 2
        n = round(n, -digits)
    return approx(format_count(n), approximate)


def _factor(factor: float) -> str:
    return f"{factor:.0f}" if factor >= 10 or factor == round(factor) else f"{factor:.1f}"


def _movement(m: Movement, tz: tzinfo, lang: str) -> str:
    local = m.start.astimezone(tz)
    if m.span is Span.DAY:
        when, during = _day(local, lang), text(lang, "why.in_day")
    else:
        when = _at_hour(m.start, tz, lang)
        during = (
            text(lang, "why.in_one_hour")
            if m.hours == 1
            else text(lang, "why.in_hours", count=m.hours)
        )
    values: dict[str, object] = {
        "when": when,
        "during": during,
        "change": _signed(m.change, m.approximate),
        "low": _signed(m.usual_low, m.approximate),
        "high": _signed(m.usual_high, m.approximate),
    }
    if m.kind is EventKind.STEP:
        return text(lang, "why.step", **values)
    if m.kind is EventKind.LOSS:
        return text(lang, "why.loss", **values)
    if m.settled:
        return text(lang, "why.jump.back", **values)
    if m.factor is not None and m.factor >= FACTOR_SHOWN_FROM:
        key = "why.jump.day" if m.span is Span.DAY else "why.jump.hour"
        return text(lang, key, factor=_factor(m.factor), **values)
    return text(lang, "why.jump", **values)


def _pace(p: PaceChange, tz: tzinfo, lang: str) -> str:
    key = "why.pace.faster" if p.direction is Pace.FASTER else "why.pace.slower"
    return text(
        lang,
        key,
        date=_day(p.start.astimezone(tz), lang),
        before=_about(p.before_per_day, p.approximate),
        after=_about(p.after_per_day, p.approximate),
    )


def _stop(s: Stop, tz: tzinfo, lang: str) -> str:
    expected = approx(format_delta(s.expected), s.approximate)
    when = _at_hour(s.start, tz, lang)
    if s.ongoing:
        return text(lang, "why.stop.ongoing", when=when, count=s.hours, expected=expected)
    end = (s.start + timedelta(hours=s.hours)).astimezone(tz)
    until = text(lang, "why.hour", hour=end.hour)
    return text(lang, "why.stop", when=when, until=until, count=s.hours, expected=expected)


def format_event(event: UnusualEvent, tz: tzinfo, lang: str) -> str:
    """One event as one sentence, its time in `tz`."""
    match event:
        case Movement():
            return _movement(event, tz, lang)
        case PaceChange():
            return _pace(event, tz, lang)
        case Stop():
            return _stop(event, tz, lang)


def format_why(
    source: Source,
    result: Unusual | NotEnoughHistory,
    lang: str,
    tz: tzinfo,
    days: int,
    *,
    rounded: bool = False,
) -> str:
    """/why for one source: a title and the events newest first, or why there are none (a
    rounded source's usual range carries "≈" too)."""
    name = source.display_name
    if isinstance(result, NotEnoughHistory):
        return text(lang, "why.not_enough", name=name, count=result.more_days)
    u = result.usual
    a = rounded
    if not result.events:
        return text(
            lang,
            "why.nothing",
            name=name,
            days=days,
            hour_low=_signed(u.hour_low, a),
            hour_high=_signed(u.hour_high, a),
            day_low=_signed(u.day_low, a),
            day_high=_signed(u.day_high, a),
        )
    lines = [text(lang, "why.title", name=name, days=days)]
    lines += [f"• {format_event(e, tz, lang)}" for e in result.events]
    return "\n".join(lines)


def format_unusual_alert(source: Source, event: UnusualEvent, tz: tzinfo, lang: str) -> str:
    """`/alert unusual`: an event the moment it is found."""
    return text(lang, "why.alert", name=source.display_name, event=format_event(event, tz, lang))


def format_summary_line(event: UnusualEvent, tz: tzinfo, lang: str) -> str:
    """The daily summary's line: the newest event since the last summary."""
    return text(lang, "why.summary", event=format_event(event, tz, lang))


@dataclass(frozen=True, slots=True)
class ChartMark:
    """An event drawn on a trend chart: where (mid-movement, or where a pace or stop began),
    its short label, and which way it went (+1 up, −1 down, 0 neither)."""

    at: datetime
    label: str
    way: int


def chart_marks(events: Sequence[UnusualEvent], lang: str) -> list[ChartMark]:
    out = []
    for e in events:
        match e:
            case Movement():
                at, way = e.start + timedelta(hours=e.hours) / 2, 1 if e.change > 0 else -1
            case PaceChange():
                at, way = e.start, 1 if e.direction is Pace.FASTER else -1
            case Stop():
                at, way = e.start, 0
        out.append(ChartMark(at, mark_label(e, lang), way))
    return out


def mark_label(event: UnusualEvent, lang: str) -> str:
    """The chart's short label at the event's hour: the change, or a word."""
    match event:
        case Movement():
            return _signed(event.change, event.approximate)
        case PaceChange():
            faster = event.direction is Pace.FASTER
            return text(lang, "why.mark.faster" if faster else "why.mark.slower")
        case Stop():
            return text(lang, "why.mark.stop")
