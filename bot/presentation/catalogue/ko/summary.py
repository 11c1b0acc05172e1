"""The daily summary, in Korean: the keys of en/summary.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "summary.title": "일일 요약 · {date}",
    "summary.count": "{name}: {counted}",
    "summary.day": "최근 24시간: {delta}",
    "summary.day.none": "최근 24시간: 아직 기록이 부족해요",
    "summary.week": "최근 7일: {delta}",
    "summary.week.none": "최근 7일: 아직 기록이 부족해요",
    "summary.best": "가장 많이 늘어난 시간대: {start}–{end} (최근 {days}일 평균 {gain})",
    "summary.best.none": "가장 많이 늘어난 시간대: 아직 기록이 부족해요",
    "summary.nodata": "{name}: 아직 기록이 없어요",
}
