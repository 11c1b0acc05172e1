"""/api/compare's body: every figure with its margin, the ranks, and each pair's catch-up (days,
the likely range, dates) or why there is none; with the reply's sentences in the reader's
language beside them. Pure."""

from __future__ import annotations

from typing import Any

from bot.core.compare import CatchUp, Choice, Comparison, Figure, Measure, NotCaught
from bot.presentation.compare import how_shown, pair_line

JSON = dict[str, Any]


def _figure(figure: Figure | None) -> JSON | None:
    if figure is None:
        return None
    return {"value": figure.value, "margin": figure.margin, "approximate": figure.approximate}


def _pair(pair: CatchUp | NotCaught, names: dict[str, str], lang: str) -> JSON:
    body: JSON = {
        "chaser": pair.chaser,
        "leader": pair.leader,
        "gap": _figure(pair.gap),
        "based_on": pair.based_on,
        "text": pair_line(pair, names, lang),
    }
    if isinstance(pair, NotCaught):
        return body | {
            "caught": False,
            "why": pair.why.value,
            "closing_per_day": pair.closing_per_day,
        }
    return body | {
        "caught": True,
        "closing_per_day": pair.closing_per_day,
        "days": pair.days,
        "days_soonest": pair.days_soonest,
        "days_latest": pair.days_latest,
        "on": pair.on.isoformat(),
        "soonest_on": pair.soonest_on.isoformat(),
        "latest_on": pair.latest_on.isoformat() if pair.latest_on else None,
        "approximate": pair.approximate,
    }


def comparison_json(comparison: Comparison, choice: Choice, lang: str) -> JSON:
    names = {s.label: s.name for s in comparison.sources}
    return {
        "today": comparison.today.isoformat(),
        "chosen": {"how": choice.how.value, "left_out": choice.left_out},
        "chosen_text": how_shown(choice, lang),
        "sources": [
            {
                "label": s.label,
                "name": s.name,
                "per_day_days": s.per_day_days,
                "figures": {m.value: _figure(s.figure(m)) for m in Measure},
                "ranks": {m.value: {"place": r.place, "tied": r.tied} for m, r in s.ranks.items()},
            }
            for s in comparison.sources
        ],
        "pairs": [_pair(p, names, lang) for p in comparison.pairs],
    }
