"""The axes' words: local-time ticks (minutes, hours or midnights, never seconds) in the
reader's language, and counts with separators ("223,456"), never scientific notation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import matplotlib.dates as mdates
import numpy as np
from numpy.typing import NDArray

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


def max_ticks(width_inches: float) -> int:
    """How many date ticks fit across a figure: MAX_TICKS on the desktop chart (8 in), fewer
    on a narrow one (a phone's 4 in holds three "11월 30일 (월)")."""
    return MAX_TICKS if width_inches >= 7 else max(2, int(width_inches * 0.8))


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


def tick_label(moment: datetime, step: timedelta, lang: str, tz: tzinfo) -> str:
    """'13:05' for minutes and hours (the date at local midnight), 'Mon 30 Nov' /
    '11월 30일 (월)' for days: never seconds, never the C library's locale."""
    local = moment.astimezone(tz)
    if step < _DAY and (local.hour or local.minute):
        return f"{local:%H:%M}"
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
