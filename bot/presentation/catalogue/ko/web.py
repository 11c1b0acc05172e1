"""The status page, in Korean: the keys of en/web.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "web.title": "추적 중인 수치 — 실시간 현황",
    "web.none": "아직 추적 중인 출처가 없어요.",
    "web.chart.alt": "{name} 추이 차트, {range}",
    "web.chart.time": "시각",
    "web.chart.count": "수치",
    "web.range": "차트:",
    "web.range.24h": "24시간",
    "web.range.7d": "7일",
    "web.range.30d": "30일",
    "web.range.all": "전체",
    "web.switch": "English",
    "web.as_of": "{time} 기준 ({zone})",
    "web.footer": "읽기 전용이에요. 수치는 {seconds}초마다 자동 갱신되며, 텔레그램의 /now와 같은 숫자예요.",
    # the page (issue 20: what is counted, the range's change, a source without data)
    "web.title.one": "{name} {unit} — 실시간 현황",
    "web.chart.none": "아직 기록이 없어 차트를 그릴 수 없어요.",
    "web.change.24h": "24시간 동안 {change}",
    "web.change.7d": "7일 동안 {change}",
    "web.change.30d": "30일 동안 {change}",
    "web.change.began": "추적 시작 이후 {change}",
}
