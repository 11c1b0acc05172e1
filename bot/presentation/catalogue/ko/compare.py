"""/compare (issue 22): sources side by side, ranks, who catches whom; its chart and the page's
table, in Korean: the keys of en/compare.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "compare.usage": "사용법: /compare [라벨 …] [24h|7d|30d|all], 예: /compare baemin coupang",
    "compare.title": "비교 ({how}) · {timezone}",
    "compare.how.named": "고른 것",
    "compare.how.named_first": "고른 것 중 앞의 {count}개; 최대 4개",
    "compare.how.all": "전체 {count}개",
    "compare.how.most_followed": "구독 많은 {count}개 / 전체 {total}개",
    "compare.how.largest": "수치 큰 {count}개 / 전체 {total}개",
    "compare.source": "{place}. {name} {count}",
    "compare.changes": "24시간 {day} · 7일 {week} · 30일 {month}",
    "compare.rate": "30일 평균 하루 {per_day} (하루 {growth})",
    "compare.rate.short": "{days}일 평균 하루 {per_day} (하루 {growth})",
    "compare.ranks": "순위: {ranks}",
    "compare.rank": "{place}위",
    "compare.rank.tied": "공동 {place}위",
    "compare.measure.name": "출처",
    "compare.measure.count": "수치",
    "compare.measure.24h": "24시간",
    "compare.measure.7d": "7일",
    "compare.measure.30d": "30일",
    "compare.measure.per_day": "하루",
    "compare.measure.growth": "성장률",
    "compare.date": "{year}년 {month}월 {day}일",
    "compare.catch": "{chaser}{이/가} {leader}{을/를} 약 {days} 뒤(아마 {soonest}~{latest}) 따라잡아요, {date}쯤",
    "compare.catch.one": "{chaser}{이/가} {leader}{을/를} 약 {days} 뒤 따라잡아요, {date}쯤",
    "compare.catch.open": (
        "{chaser}{이/가} {leader}{을/를} 약 {days} 뒤 따라잡아요 (빠르면 {soonest}, "
        "느린 추세로는 못 따라잡음), {date}쯤"
    ),
    "compare.not.not_closing": "{chaser}: 이 속도로는 {leader}{을/를} 따라잡지 못해요 (격차가 줄지 않는 중)",
    "compare.not.too_far": "{chaser}: 이 속도로는 2년 안에 {leader}{을/를} 따라잡지 못해요",
    "compare.not.too_short": "{chaser}·{leader}: 함께 기록된 날이 부족해요 ({count}/3일)",
    "compare.not.level": "{chaser}·{leader}: 반올림된 수치라 누가 앞서는지 말할 수 없어요",
    "compare.no_pairs": "뒤에서 더 빨리 크는 출처가 없어요: 이 속도로는 아무도 따라잡지 못해요.",
    "compare.range_note": "범위는 하루 추세의 가운데 절반이에요: 가능성이 높다는 뜻이지 확실하다는 뜻은 아니에요.",
    "compare.unknown": "추적하지 않는 라벨: {labels}. 추적 중: {tracked}.",
    "compare.nothing": "아직 비교할 게 없어요: 기록이 있는 출처가 없어요.",
    "compare.chart.indexed": "비교: 구간 시작 = 100",
    "compare.chart.index_axis": "시작 = 100",
    "compare.chart.caption": "구간 시작을 100으로 맞춘 선이에요; 끝에 변화율과 수치를 적었어요.",
    "compare.web.title": "나란히 비교 ({how}); 괄호 안은 순위",
    "compare.inline.title": "비교: {names}",
}
