"""/forecast drawn: the target, when it is reached (a range, and the date around it) and the
trend it rests on; or why there is no date. Pure."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.forecast import Declined, Forecast, NoForecast
from bot.core.model import Source
from bot.presentation.days import format_day
from bot.presentation.numbers import format_count
from bot.presentation.texts import text


def _per_day(value: float) -> str:
    return f"{value:+,.0f}" if abs(value) >= 10 else f"{value:+.1f}"


def _days(value: float, lang: str) -> str:
    count = max(1, round(value))
    return text(lang, "forecast.days", count=count)


def format_forecast(
    source: Source, result: Forecast | NoForecast | None, lang: str, today: date
) -> str:
    """/forecast: the target, when (a range, and the date around it), and the trend it rests
    on; or why there is no date."""
    name = source.display_name
    if result is None:
        return text(lang, "days.empty", name=name)
    if isinstance(result, NoForecast):
        target = format_count(result.target) if result.target is not None else ""
        per_day = _per_day(result.per_day) if result.per_day is not None else ""
        key = {
            Declined.TOO_SHORT: "forecast.too_short",
            Declined.FLAT: "forecast.flat",
            Declined.AWAY: "forecast.away" if result.target is not None else "forecast.away.none",
            Declined.REACHED: "forecast.reached",
            Declined.TOO_FAR: "forecast.too_far",
        }[result.reason]
        return text(lang, key, name=name, target=target, per_day=per_day, count=result.based_on)
    values: dict[str, object] = {
        "name": name,
        "target": format_count(result.target),
        "days": _days(result.days, lang),
        "soonest": _days(result.days_soonest, lang),
        "date": format_day(today + timedelta(days=round(result.days)), lang),
    }
    if result.days_latest is None:
        first = text(lang, "forecast.eta.open", **values)
    elif _days(result.days_latest, lang) == values["soonest"] == values["days"]:
        first = text(lang, "forecast.eta.one", **values)
    else:
        first = text(lang, "forecast.eta", latest=_days(result.days_latest, lang), **values)
    trend = text(
        lang,
        "forecast.trend",
        per_day=_per_day(result.per_day),
        low=_per_day(min(result.per_day_low, result.per_day_high)),
        high=_per_day(max(result.per_day_low, result.per_day_high)),
        count=result.based_on,
    )
    return f"{first}\n{trend}"
