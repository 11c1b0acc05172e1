"""/why (issue 21): unusual movements, also the summary's line, /alert unusual and the chart's
marks, in Korean: the keys of en/why.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "why.usage": "사용법: /why [라벨] [7일|30일] (예: /why 30일)",
    "why.title": "{name}: 최근 {days}일 동안의 특별한 움직임 (최신순)",
    "why.nothing": (
        "{name}: 최근 {days}일 동안 특별한 움직임이 없었어요 (보통 시간당 {hour_low}~{hour_high}, "
        "하루 {day_low}~{day_high})"
    ),
    "why.not_enough": "{name}: 아직 평소를 판단할 기록이 부족해요. {count}일 더 필요해요.",
    "why.at_hour": "{date} {hour}시",
    "why.hour": "{hour}시",
    "why.in_one_hour": "한 시간에",
    "why.in_hours": "{count}시간 동안",
    "why.in_day": "하루에",
    "why.jump.hour": "{when}: {during} {change}, 평소 한 시간의 약 {factor}배 (평소 {low}~{high})",
    "why.jump.day": "{when}: {during} {change}, 평소 하루의 약 {factor}배 (평소 {low}~{high})",
    "why.jump": "{when}: {during} {change} (평소 {low}~{high})",
    "why.jump.back": "{when}: {during} {change} (평소 {low}~{high}), 하루 안에 다시 빠졌어요",
    "why.step": "{when}: {during} {change}, 그대로 유지됐어요 (평소 {low}~{high})",
    "why.loss": "{when}: {during} {change} (평소 {low}~{high})",
    "why.pace.faster": "{date}부터 하루 약 {before}에서 약 {after}{으로/로} 빨라졌어요",
    "why.pace.slower": "{date}부터 하루 약 {before}에서 약 {after}{으로/로} 느려졌어요",
    "why.stop": "{when}–{until}: {count}시간 동안 늘지 않았어요 (평소 약 {expected})",
    "why.stop.ongoing": "{when}부터 늘지 않고 있어요 ({count}시간째, 평소라면 약 {expected})",
    "why.summary": "특별한 움직임: {event}",
    "why.alert": "🔔 {name} 특별한 움직임: {event}",
    "why.mark.faster": "가속",
    "why.mark.slower": "둔화",
    "why.mark.stop": "정체",
    "why.alert.set": "알림 설정: {name}의 특별한 움직임을 찾을 때마다 한 번씩 알려 드릴게요 (/why 참고).",
}
