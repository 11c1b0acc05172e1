"""/days drawn: each local day's change and the count at its end, then the week's and the
month's totals; and how a day is written (`Mon, Nov 30` / `11월 30일 (월)`). Pure."""

from __future__ import annotations

from datetime import date

from bot.core.days import DailyGains
from bot.core.model import Source
from bot.presentation.numbers import shown_count, signed
from bot.presentation.texts import text


def format_day(day: date, lang: str, *, weekday: bool = True, key: str = "") -> str:
    """`Mon, Nov 30` / `11월 30일 (월)`, without the C library's locale; `key` names another
    form (`date.week_start`: `11월 30일 월요일`)."""
    values = {
        "month": text(lang, "date.months").split()[day.month - 1],
        "day": day.day,
        "weekday": text(lang, "date.weekdays").split()[day.weekday()],
    }
    return text(lang, key or ("date.day" if weekday else "date.month_day"), **values)


# Past this many days from today a date carries its year even within the same year.
YEAR_SHOWN_AFTER_DAYS = 300


def format_date(day: date, lang: str, today: date, *, weekday: bool = True) -> str:
    """A day as `format_day` writes it, with its year whenever that is not obvious: another
    year than today's, or more than ~300 days away (`Sat, Apr 14, 2029`, `2029년 4월 14일 (토)`)."""
    if day.year == today.year and abs((day - today).days) <= YEAR_SHOWN_AFTER_DAYS:
        return format_day(day, lang, weekday=weekday)
    values = {
        "year": day.year,
        "month": text(lang, "date.months").split()[day.month - 1],
        "day": day.day,
        "weekday": text(lang, "date.weekdays").split()[day.weekday()],
    }
    return text(lang, "date.day.year" if weekday else "date.month_day.year", **values)


def format_days(source: Source, gains: DailyGains | None, lang: str, timezone: str) -> str:
    """/days: each day's change and the count at its end, newest first; then the week's and
    the month's totals. A day with a gap at either end says so."""
    name = source.display_name
    if gains is None:
        return text(lang, "days.empty", name=name)
    gap, none = text(lang, "days.gap"), text(lang, "days.none")
    lines = [text(lang, "days.title", name=name, timezone=timezone)]
    today = max((row.day for row in gains.rows), default=gains.month_start)
    for row in gains.rows:
        change = signed(row.change, row.approximate) or gap
        total = shown_count(row.total, row.approximate) if row.total is not None else gap
        key = "days.row.today" if row.today else "days.row"
        shown = format_date(row.day, lang, today)
        lines.append(text(lang, key, date=shown, change=change, total=total))
    lines.append("")
    week = signed(gains.week, gains.approximate) or none
    month = signed(gains.month, gains.approximate) or none
    week_start = format_day(gains.week_start, lang, key="date.week_start")
    lines.append(text(lang, "days.week", date=week_start, change=week))
    start = format_day(gains.month_start, lang, weekday=False)
    lines.append(text(lang, "days.month", date=start, change=month))
    return "\n".join(lines)
