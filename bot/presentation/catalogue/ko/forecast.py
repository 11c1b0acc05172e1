"""/forecast: when a target is reached, or why there is no date, in Korean: the keys of
en/forecast.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "forecast.usage": "사용법: /forecast [라벨] [목표] (예: /forecast 250000)",
    "forecast.eta": "{name}: 약 {days} 뒤 {target} 도달 예상 ({soonest}~{latest}, {date} 무렵)",
    "forecast.eta.one": "{name}: 약 {days} 뒤 {target} 도달 예상 ({date} 무렵)",
    "forecast.eta.open": "{name}: 약 {days} 뒤 {target} 도달 예상 (빠르면 {soonest}, 느린 추세로는 도달하지 않음)",
    "forecast.trend": "추세: 하루 {per_day} (일별 증가량 중간 50%: {low}~{high}), 최근 {count}일 기준",
    "forecast.days": "{count}일",
    "forecast.too_short": (
        "{name}: 아직 예측할 기록이 부족해요. 자정 기준 수치가 3일 치 이상 필요한데 지금은 {count}일 치예요."
    ),
    "forecast.flat": "{name}: 수치가 거의 변하지 않아요 (최근 {count}일, 하루 {per_day}). 도달 날짜를 예측할 수 없어요.",
    "forecast.away": "{name}: 수치가 {target}에서 멀어지고 있어요 (하루 {per_day}). 이 추세로는 도달하지 않아요.",
    "forecast.away.none": "{name}: 수치가 줄고 있는데 (하루 {per_day}) 더 아래에는 목표로 삼을 어림수가 없어요.",
    "forecast.reached": "{name}: 이미 {target}에 도달했어요.",
    "forecast.reached.on": "{name}: 이미 {target}에 도달했어요 ({date}에 처음 도달).",
    "forecast.too_far": "{name}: 하루 {per_day} 속도로는 {target}까지 10년 넘게 걸려요. 그렇게 먼 날짜는 의미가 없어서 말하지 않을게요.",
}
