"""What admins are told: a source failing and recovering, the database, a summary skipped, a chat
gone, in Korean: the keys of en/notices.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "notice.chat_gone": "채팅 {chat}에서 제가 빠졌거나 채팅이 없어졌어요: 그 채팅의 매일 요약, 기념 수치, 알림을 멈췄어요.",
    "alert.failing": "⚠️ {who}: {since}부터 수집이 {failures}회 연속 실패했어요.\n이유: {reason}.\n받은 내용: {detail}",
    "alert.layout_changed": "⚠️ {who}: 페이지 구조가 바뀐 것 같아요 — 숫자를 찾을 수 없어요 ({since}부터).\n받은 내용: {detail}",
    "alert.recovered": "✅ {who}: 수집이 다시 정상이에요 (연속 실패 {failures}회 끝에).",
    "alert.storage.failing": "⚠️ 데이터베이스에 기록할 수 없어요: {error}. 저장된 기록으로 계속 답하고, 새 수집은 다시 기록될 때까지 메모리에 보관해요 (지금까지 {unsaved}건).",
    "alert.summary_skipped": "⚠️ 채팅 {chat_id}에 일일 요약을 보내던 중 봇이 {crashes}번 멈췄어요. 이 채팅은 내일까지 건너뛰어요. 자세한 내용은 로그를 보세요.",
    "alert.storage.recovered": "✅ 데이터베이스에 다시 기록할 수 있어요. 메모리에 보관했던 수집 {unsaved}건을 저장했어요.",
}
