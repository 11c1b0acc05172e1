"""/chart: titles, ranges, captions, axes, the cooldown, in Korean: the keys of en/chart.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "chart.usage": "사용법: /chart [라벨] [24h|7d|30d|all|days] (예: /chart days)",
    "chart.empty": "{name}: 그 기간에는 그릴 기록이 아직 없어요.",
    "chart.title": "{name} — {noun} 수",
    "chart.range.24h": "최근 24시간",
    "chart.range.7d": "최근 7일",
    "chart.range.30d": "최근 30일",
    "chart.range.all": "전체 기록",
    "chart.range.days": "최근 14일 일별 변화",
    "chart.days.gaps": {"other": "기록 없는 날 {count}일 (막대 없음)"},
    "chart.caption": "{name}: {counted} · {range}",
    "chart.note.began": "{ago} 전에 추적 시작",
    "chart.note.latest": "{value} (기간 중 {change})",
    # chart axes and keys (issue 20: the unit on the y axis, today's partial bar)
    "chart.axis.kakao": "친구 수",
    "chart.axis.telegram": "구독자 수",
    "chart.axis.web": "수치",
    "chart.axis.unknown": "수치",
    "chart.axis.days": "하루 {unit} 변화",
    "chart.days.today": "오늘(아직 진행 중)",
    "chart.title.many": "추적 중인 수치",
    "chart.caption.item": "{title}: {counted}",
    "chart.more": "…외 {count}개 출처가 더 있어요 (구독이 많은 출처만 그렸어요). /chart <라벨>로 하나씩 볼 수 있어요.",
    "chart.wait": "차트는 채팅마다 {cooldown}에 한 번만 그릴 수 있어요. {wait} 후에 다시 시도해 주세요.",
}
