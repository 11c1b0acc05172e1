"""/compare drawn: the sources side by side as plain lines (Korean names are double width, so a
monospace table would not line up), their ranks, and who catches whom, with the rounding of a
rounded source (≈) on every figure it touches; also the page's small table. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.core.compare import (
    CatchUp,
    Choice,
    Chosen,
    Comparison,
    Figure,
    Measure,
    NotCaught,
    Rank,
    SourceFigures,
)
from bot.presentation.numbers import approx
from bot.presentation.texts import text

NONE = "—"
RANKED = (Measure.DAY, Measure.WEEK, Measure.MONTH, Measure.PER_DAY, Measure.GROWTH)


def count_shown(figure: Figure) -> str:
    return approx(f"{round(figure.value):,}", figure.approximate)


def change_shown(figure: Figure | None) -> str:
    if figure is None:
        return NONE
    value = round(figure.value)
    return approx(f"{value:+,}" if value else "0", figure.approximate)


def per_day_shown(figure: Figure | None) -> str:
    if figure is None:
        return NONE
    value = figure.value
    shown = f"{value:+,.0f}" if abs(value) >= 10 else f"{value:+.1f}"
    return approx(shown, figure.approximate)


def growth_shown(figure: Figure | None) -> str:
    if figure is None:
        return NONE
    return approx(f"{figure.value:+.2f}%", figure.approximate)


def rank_shown(rank: Rank | None, lang: str) -> str:
    if rank is None:
        return NONE
    return text(lang, "compare.rank.tied" if rank.tied else "compare.rank", place=rank.place)


def date_shown(day: date, lang: str) -> str:
    month = text(lang, "date.months").split()[day.month - 1]
    return text(lang, "compare.date", year=day.year, month=month, day=day.day)


def how_shown(choice: Choice, lang: str) -> str:
    count, total = len(choice.labels), len(choice.labels) + choice.left_out
    key = {
        Chosen.NAMED: "compare.how.named",
        Chosen.ALL: "compare.how.all",
        Chosen.MOST_FOLLOWED: "compare.how.most_followed",
        Chosen.LARGEST: "compare.how.largest",
    }[choice.how]
    if choice.how is Chosen.NAMED and choice.left_out:
        key = "compare.how.named_first"
    return text(lang, key, count=count, total=total)


def _source_block(source: SourceFigures, lang: str) -> list[str]:
    place = source.ranks.get(Measure.COUNT)
    head = text(
        lang,
        "compare.source",
        place=f"={place.place}" if place and place.tied else (place.place if place else "?"),
        name=source.name,
        count=count_shown(source.count),
    )
    changes = text(
        lang,
        "compare.changes",
        day=change_shown(source.change_24h),
        week=change_shown(source.change_7d),
        month=change_shown(source.change_30d),
    )
    days = source.per_day_days
    rate_key = "compare.rate" if days is None or days >= 29 else "compare.rate.short"
    rate = text(
        lang,
        rate_key,
        per_day=per_day_shown(source.per_day),
        growth=growth_shown(source.growth_pct),
        days=round(days) if days is not None else 0,
    )
    ranks = " · ".join(
        text(lang, f"compare.measure.{m.value}") + " " + rank_shown(source.ranks.get(m), lang)
        for m in RANKED
    )
    return [head, f"   {changes}", f"   {rate}", "   " + text(lang, "compare.ranks", ranks=ranks)]


def _days(value: float, lang: str) -> str:
    return text(lang, "forecast.days", count=max(1, round(value)))


def pair_line(pair: CatchUp | NotCaught, names: Mapping[str, str], lang: str) -> str:
    chaser, leader = names.get(pair.chaser, pair.chaser), names.get(pair.leader, pair.leader)
    if isinstance(pair, NotCaught):
        return text(
            lang, f"compare.not.{pair.why.value}", chaser=chaser, leader=leader, count=pair.based_on
        )
    values: dict[str, object] = {
        "chaser": chaser,
        "leader": leader,
        "days": approx(_days(pair.days, lang), pair.approximate),
        "soonest": _days(pair.days_soonest, lang),
        "date": date_shown(pair.on, lang),
    }
    if pair.days_latest is None:
        return text(lang, "compare.catch.open", **values)
    latest = _days(pair.days_latest, lang)
    if latest == values["soonest"] == _days(pair.days, lang):
        return text(lang, "compare.catch.one", **values)
    return text(lang, "compare.catch", latest=latest, **values)


def format_compare(comparison: Comparison, choice: Choice, lang: str, timezone: str) -> str:
    """The /compare reply: a block per source, largest first, then the catch-ups."""
    lines = [text(lang, "compare.title", how=how_shown(choice, lang), timezone=timezone)]
    for source in comparison.sources:
        lines += _source_block(source, lang)
    names = {s.label: s.name for s in comparison.sources}
    lines.append("")
    if comparison.pairs:
        lines += [pair_line(pair, names, lang) for pair in comparison.pairs]
        if any(isinstance(p, CatchUp) for p in comparison.pairs):
            lines.append(text(lang, "compare.range_note"))
    elif len(comparison.sources) > 1:
        lines.append(text(lang, "compare.no_pairs"))
    return "\n".join(lines).rstrip()


def pair_notes(comparison: Comparison, lang: str) -> list[str]:
    """Who catches whom, a sentence each, and what the ranges mean when there is a date."""
    names = {s.label: s.name for s in comparison.sources}
    notes = [pair_line(pair, names, lang) for pair in comparison.pairs]
    if any(isinstance(p, CatchUp) for p in comparison.pairs):
        notes.append(text(lang, "compare.range_note"))
    return notes


def table_rows(comparison: Comparison, lang: str) -> list[list[str]]:
    """The page's table: a header, then per source its name and each figure with its rank."""
    header = [text(lang, "compare.measure.name")] + [
        text(lang, f"compare.measure.{m.value}") for m in Measure
    ]
    rows = [header]
    for s in comparison.sources:
        cells = [s.name, count_shown(s.count)]
        cells += [change_shown(s.change_24h), change_shown(s.change_7d)]
        cells += [change_shown(s.change_30d), per_day_shown(s.per_day)]
        cells.append(growth_shown(s.growth_pct))
        ranked = [
            f"{cell} ({rank_shown(s.ranks.get(m), lang)})" if s.ranks.get(m) else cell
            for cell, m in zip(cells[1:], Measure, strict=True)
        ]
        rows.append([cells[0], *ranked])
    return rows
