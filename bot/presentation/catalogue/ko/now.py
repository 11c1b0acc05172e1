"""/now: one source in full, several briefly, in Korean: the keys of en/now.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "now.headline": "{name}: {counted}",
    "now.day": "24시간 전 대비: {delta}",
    "now.day.none": "24시간 전 대비: 아직 기록이 부족해요",
    "now.midnight": "오늘 0시 이후: {delta}",
    "now.midnight.none": "오늘 0시 이후: 아직 오늘 기록이 없어요",
    "now.midnight.since": " (오늘 첫 기록 {time}부터)",
    "now.rate": "최근 {span} 속도: 시간당 {rate}",
    "now.rate.none": "최근 1시간 속도: 기록이 부족해요",
    "now.rate.short": "최근 1시간 속도: 아직 기록이 부족해요 (수집한 지 {span})",
    "now.age": "마지막 수집: {age} 전",
    "now.stale": "⚠️ 오래된 수치예요: {age} 동안 정상 수집이 없었어요.",
    "now.failing": "이유: 마지막 수집이 실패했어요 — {reason}.",
    "now.failing.many": "이유: 수집이 {count}회 연속 실패했어요 — 마지막 이유: {reason}.",
    "now.empty": "{name}의 기록이 아직 없어요. {interval} 안에 첫 수집을 해요.",
    "now.brief.title": "추적 중인 수치 {count}개:",
    "now.brief.item": "• {title}: {counted}",
    "now.brief.day": "24시간 {delta}",
    "now.brief.empty": "• {title}: 아직 기록이 없어요",
    "now.brief.stale": "⚠️ 오래됨",
    "now.brief.hint": "/now <라벨> 로 하나를 자세히 볼 수 있어요.",
    "now.empty.failing": "{name}의 기록이 아직 없어요.",
}
