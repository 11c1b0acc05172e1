"""/alert, /alerts and /milestones: a chat's own alerts and the round numbers it hears of, in
Korean: the keys of en/alerts.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "alert.above": "🔔 {name}: 지금 {value}, 기준({threshold}) 이상이 됐어요.",
    "alert.below": "🔔 {name}: 지금 {value}, 기준({threshold}) 이하가 됐어요.",
    "alert.change": "🔔 {name}: 오늘 0시 이후 {change}{으로/로} 기준({threshold})을 넘었어요 (지금 {value}).",
    "alert.usage": (
        "사용법: /alert [라벨] above N | below N | change N (오늘 0시 이후 변화, +N 또는 -N) "
        "| unusual (/why 참고); /alert off [라벨] [종류]; /alerts 로 목록 보기"
    ),
    "alert.which": "어느 출처인지 라벨을 붙여 주세요: {labels}",
    "alert.set": "알림을 설정했어요: {name}, {rule}. 기준을 지날 때마다 한 번씩 알려 드려요.",
    "alert.replaced": "{name}: {what} 알림 {old}{을/를} {new}{으로/로} 바꿨어요. 기준을 지날 때마다 한 번씩 알려 드려요.",
    "alert.kind.above": "이상",
    "alert.kind.below": "이하",
    "alert.kind.change": "변화",
    "alert.rule.above": "{threshold} 이상",
    "alert.rule.below": "{threshold} 이하",
    "alert.rule.change": "하루 변화 {threshold}",
    "alert.rule.unusual": "특별한 움직임 (찾을 때마다 한 번씩, /why 참고)",
    "alert.removed": "알림 {count}개를 지웠어요.",
    "alert.none": "이 채팅에 설정된 알림이 없어요. /alert above N 으로 설정할 수 있어요.",
    "alert.item": "{name}: {rule}",
    # alerts per hour per chat (issue 18)
    "alert.held_back": "(알림 {count}개를 더 미뤄 뒀어요: 채팅마다 한 시간에 알림 메시지는 {cap}개까지예요)",
    "milestone.reached": "🎉 {name}{이/가} {value}에 도달했어요!",
    "alerts.title": "이 채팅의 알림:",
    "alerts.cap": "이 채팅의 알림 메시지는 한 시간에 {cap}개까지예요. 넘는 알림은 모아서 다음 메시지로 알려 드려요.",
    "milestones.usage": (
        "사용법: /milestones <라벨> <N|default>: N의 배수마다, 또는 기본 어림수(100,000, 200,000, "
        "500,000, …)마다 알려요. 추적 중: {labels}"
    ),
    "milestones.every": "{name}: {step}의 배수에 도달할 때마다 구독자에게 알려요.",
    "milestones.default": "{name}: 어림수(100,000, 200,000, 500,000, …)에 도달하면 구독자에게 알려요.",
}
