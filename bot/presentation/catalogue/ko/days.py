"""/days: the change per day, this week and this month, in Korean: the keys of en/days.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "days.usage": "사용법: /days [라벨] [N] (N은 1~60일, 예: /days 7)",
    "days.title": "{name} — 일별 변화 ({timezone})",
    "days.row": "{date}: {change} · {total}",
    "days.row.today": "{date}: {change} · {total} (오늘 지금까지)",
    "days.gap": "기록 없음",
    "days.week": "이번 주({date}부터): {change}",
    "days.month": "이번 달({date}부터): {change}",
    "days.none": "아직 기록이 부족해요",
    "days.empty": "{name}: 아직 기록이 없어요",
}
