"""The command menu, /start, /help and /whoami, in Korean: the keys of en/help.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "menu.now": "현재 수치, 24시간 변화, 증가 속도",
    "menu.chart": "추이 차트: /chart 24h | 7d | 30d | all",
    "menu.days": "일별 변화: /days [라벨] [N]",
    "menu.forecast": "목표 도달 예상: /forecast [라벨] [목표]",
    "menu.compare": "출처 나란히 비교: /compare [라벨 …]",
    "menu.alert": "이 채팅 알림: /alert above N | below N | change N",
    "menu.subscribe": "이 채팅에서 일일 요약 받기",
    "menu.unsubscribe": "일일 요약 그만 받기",
    "menu.sources": "추적 중인 출처와 수집 상태",
    "menu.help": "도움말",
    "menu.whoami": "내 텔레그램 사용자 ID (ADMIN_USER_IDS용)",
    "menu.export": "기록을 CSV 파일로: /export [라벨]",
    "menu.why": "특별한 움직임 설명: /why [라벨] [7일|30일]",
    "menu.settings": "이 채팅의 시간대와 언어",
    "menu.subscriptions": "매일 요약을 올리는 곳",
    "menu.track": "관리자: 새 출처 추적",
    "menu.untrack": "관리자: 출처 추적 중지",
    "menu.status": "관리자: 모든 출처의 상태",
    "help": (
        "공개된 숫자를 지켜보고 어떻게 변하는지 알려 드려요.\n\n"
        "/now [라벨] — 현재 수치, 24시간 전·오늘 0시 대비 변화, 최근 증가 속도 "
        "(라벨 없이: 모든 출처를 간단히)\n"
        "/chart [라벨] [24h|7d|30d|all|days] — 추이 차트 (기본: all)\n"
        "/days [라벨] [N] — 일별 변화 (기본 14일)와 이번 주·이번 달 합계\n"
        "/forecast [라벨] [목표] — 목표 도달 예상 시점\n"
        "/compare [라벨 …] — 나란히 비교, 따라잡는 시점\n"
        "/why [라벨] [7일|30일] — 특별한 움직임 설명\n"
        "/alert [라벨] above|below|change N | unusual — 기준을 지날 때마다 알림; /alerts\n"
        "/subscribe [라벨] [HH:MM] — 매일 {summary_time}({timezone})에 요약 받기\n"
        "/settings — 이 채팅의 시간대와 언어\n"
        "/unsubscribe [라벨] — 일일 요약 그만 받기\n"
        "/sources — 추적 중인 출처와 수집 상태\n"
        "/export [라벨] — 기록을 CSV 파일로\n"
        "/help — 이 도움말"
    ),
    "help.admin": (
        "관리자용:\n"
        "/track <종류:대상> [라벨] [every 5m] — 새 수치 추적: kakao:<채널 ID>, "
        "telegram:<채널 사용자명>, 또는 web:<URL>과 css:<선택자>, json:$.경로, "
        "regex:<정규식> 중 하나\n"
        "/untrack <라벨> — 추적을 멈추고 기록을 삭제"
    ),
    "whoami": (
        "내 텔레그램 사용자 ID는 {user_id}{이에요/예요}.\n"
        "관리자가 되려면 봇의 .env에 이 줄을 넣고 봇을 다시 시작하세요:\n"
        "ADMIN_USER_IDS={user_id}"
    ),
    "whoami.no_admins": "아직 관리자가 없어요 (ADMIN_USER_IDS가 비어 있음).",
    "start": "안녕하세요! {name}의 {noun} 수를 {interval}마다 기록하고 있어요.",
    "start.many": "안녕하세요! 수치 {count}개를 기록하고 있어요: {labels}.",
}
