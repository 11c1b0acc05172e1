"""The axes' words: local-time ticks (minutes, hours or midnights, never seconds) in the
reader's language, and counts with separators ("223,456"), never scientific notation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.textpath import TextPath
from numpy.typing import NDArray

from bot.presentation.charts.fonts import font
from bot.presentation.texts import text

MAX_TICKS = 8
_STEP_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720)
_STEP_DAYS = (1, 2, 3, 4, 5, 7, 14, 28, 56, 91, 182, 364, 728)
TICK_STEPS: tuple[timedelta, ...] = tuple(timedelta(minutes=m) for m in _STEP_MINUTES) + tuple(
    timedelta(days=d) for d in _STEP_DAYS
)
_DAY = timedelta(days=1)


def format_count_tick(value: float, _pos: object = None) -> str:
    """Y tick label with thousands separators ("223,456"), never scientific notation.

    ASCII hyphen for negatives, so no U+2212 (absent from NanumGothic) is ever needed.
    """
    return f"{value:,.0f}"


TICK_POINTS = 9  # the date ticks' size, in points
_TICK_GAP_POINTS = 10  # the least room between two neighbouring labels


def widest_date_label(lang: str, with_year: bool = False) -> str:
    """The widest label a date tick can have in `lang` (measured over a week of December)."""
    days = [date(2026, 12, 24) + timedelta(days=k) for k in range(7)]
    labels = [
        tick_label(datetime.combine(d, time(), tzinfo=UTC), _DAY, lang, UTC, with_year)
        for d in days
    ]
    return max(labels, key=label_points)


def axis_inches(ax: Axes) -> float:
    """How long an axes' x axis will be, in inches: the figure's width but the y axis' labels
    and the margins (~1 in) once tight_layout has fitted them, never less than now."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    width = float(figure.get_figwidth())
    return max(width - 1.0, float(ax.get_position().width) * width)


def label_points(label: str) -> float:
    """A label's width in points, measured in the face the charts draw with."""
    return float(TextPath((0, 0), label, prop=font(TICK_POINTS)).get_extents().width)


def max_ticks(axis_inches: float, widest: str) -> int:
    """How many date ticks fit along an axis this long when every label is `widest` wide plus
    a gap: they never overlap, on the desktop chart (8) or a phone's (three "11월 30일 (월)")."""
    fit = int(axis_inches * 72 // (label_points(widest) + _TICK_GAP_POINTS))
    return max(2, min(MAX_TICKS, fit))


def tick_step(span: timedelta, most: int = MAX_TICKS) -> timedelta:
    """The smallest round step that puts at most `most` ticks on the span."""
    for step in TICK_STEPS:
        if span / step <= most:
            return step
    return TICK_STEPS[-1]


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def tick_times(low: datetime, high: datetime, tz: tzinfo, most: int = MAX_TICKS) -> list[datetime]:
    """Tick instants (UTC) in [low, high]: local wall-clock multiples of a minutes/hours step,
    or local midnights every N days counted back from the last one (so the last day has one)."""
    step = tick_step(high - low, most)
    if step >= _DAY:
        ticks: list[datetime] = []
        day = high.astimezone(tz).date()
        while (moment := _local_midnight(day, tz)) >= low:
            if moment <= high:
                ticks.append(moment)
            day -= timedelta(days=step.days)
        return ticks[::-1]
    start = datetime.combine(low.astimezone(tz).date(), time())  # naive local midnight
    out: list[datetime] = []
    wall = start
    while True:
        moment = wall.replace(tzinfo=tz).astimezone(UTC)
        if moment > high:
            return out
        if moment >= low and (not out or moment > out[-1]):
            out.append(moment)
        wall += step


YEAR_SPAN = timedelta(days=300)  # beyond this, a day and month alone could be either year


def tick_label(
    moment: datetime, step: timedelta, lang: str, tz: tzinfo, with_year: bool = False
) -> str:
    """'13:05' for minutes and hours (the date at local midnight), 'Mon 30 Nov' /
    '11월 30일 (월)' for days: never seconds, never the C library's locale. `with_year` (an axis
    over more than YEAR_SPAN): '30 Nov 2025' / '2025년 11월 30일', so no date is ambiguous."""
    local = moment.astimezone(tz)
    if step < _DAY and (local.hour or local.minute):
        return f"{local:%H:%M}"
    if with_year:
        month = text(lang, "date.months").split()[local.month - 1]
        return text(lang, "date.tick.year", year=local.year, month=month, day=local.day)
    values = {
        "month": text(lang, "date.months").split()[local.month - 1],
        "day": local.day,
        "weekday": text(lang, "date.weekdays").split()[local.weekday()],
    }
    return text(lang, "date.tick", **values)


def axis_unit(lang: str, kind: str) -> str:
    """What a source's y axis counts, in the reader's words ("friends", "친구 수")."""
    return text(lang, f"chart.axis.{kind}")


def day_label(day: date, lang: str) -> str:
    """'Mon 30 Nov' / '11월 30일 (월)', as the line charts' day ticks."""
    values = {
        "month": text(lang, "date.months").split()[day.month - 1],
        "day": day.day,
        "weekday": text(lang, "date.weekdays").split()[day.weekday()],
    }
    return text(lang, "date.tick", **values)


def date_numbers(times: Sequence[datetime]) -> NDArray[np.float64]:
    """Matplotlib date numbers (days since its epoch, which the tick locator also uses)."""
    return np.asarray(mdates.date2num(times), dtype=np.float64)  # type: ignore[no-untyped-call]
