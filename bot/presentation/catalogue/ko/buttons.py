"""Buttons under answers, inline mode and share links, in Korean: the keys of en/buttons.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "buttons.all_sources": "전체",
    "buttons.range.24h": "24시간",
    "buttons.range.7d": "7일",
    "buttons.range.30d": "30일",
    "buttons.range.all": "전체 기간",
    "buttons.range.days": "일별",
    "buttons.days_chart": "📊 막대 그래프로",
    "buttons.chosen": "• {label}",
    "buttons.stale": "예전 메시지의 버튼이에요. 명령을 다시 보내 주세요.",
    "buttons.gone": "더 이상 추적하지 않는 출처예요. /sources 에서 추적 중인 출처를 볼 수 있어요.",
    "buttons.empty": "그 기간에는 아직 그릴 기록이 없어요.",
    "buttons.refresh": "↻ 새로고침",
    "buttons.nothing_new": "{time} 이후 새 기록이 없어요.",
    "buttons.subscribe": "✅ 이 채팅에서 구독하기",
    "deeplink.confirm": "이 그룹에서 {name} 일일 요약을 구독할까요?",
    "deeplink.unknown": "더 이상 추적하지 않는 출처의 링크예요. /sources 에서 추적 중인 출처를 볼 수 있어요.",
    "deeplink.share": "공유 링크: {link}",
    "inline.none": "맞는 출처가 없어요.",
    "inline.chart": "{name} — 차트",
}
