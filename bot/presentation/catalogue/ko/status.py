"""/status: the health of every source and of the database, in Korean: the keys of en/status.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "status.title": "상태",
    "status.source": "{name} ({label}): 마지막 정상 수집 {age} 전, 연속 실패 {failures}회{alerted}",
    "status.source.none": "{name} ({label}): 아직 정상 수집 없음, 연속 실패 {failures}회{alerted}",
    "status.alerted": " (관리자에게 알림)",
    "status.last_failure": "  마지막 실패: {reason} — {detail}",
    "status.storage.ok": "데이터베이스: 정상 기록 중.",
    "status.storage.failing": "데이터베이스: 기록 불가 ({error}), 메모리에 수집 {unsaved}건 보관 중.",
}
