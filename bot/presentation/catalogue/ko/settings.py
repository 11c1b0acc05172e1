"""/settings: a chat's time zone, language and summary time, in Korean: the keys of
en/settings.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "settings.usage": "사용법: /settings, /settings tz Europe/Berlin, /settings lang en|ko|auto",
    "settings.tz.bad": "{given}{은/는} 알 수 없는 시간대예요. Asia/Seoul, Europe/Berlin 같은 이름을 써 주세요.",
    "settings.saved": "저장했어요.",
    "settings.group_admins": "그룹에서는 그룹 관리자만 설정을 바꿀 수 있어요. /settings 로 지금 설정을 볼 수 있어요.",
    "settings.show": "이 채팅 — 시간대: {timezone} · 언어: {language} · 일일 요약: {summary_time}",
    "settings.lang.en": "영어",
    "settings.lang.ko": "한국어",
    "settings.lang.auto": "각자의 텔레그램 설정",
}
