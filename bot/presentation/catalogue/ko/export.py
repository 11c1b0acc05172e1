"""/export: the history as a CSV file, in Korean: the keys of en/export.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "export.caption": {
        "other": "{name}: 기록 {count}개 (timestamp,count, 시각은 {timezone} 기준).",
    },
    "export.which": "어느 출처인가요? /export <라벨> 로 골라 주세요. 추적 중: {labels}.",
    "export.empty": "{name}: 아직 내보낼 기록이 없어요.",
    # issue 18: exports take turns
    "export.queued": "다른 내보내기를 만드는 중이에요. {name} 기록은 대기열에 있고 곧 보내 드려요.",
    "export.busy": "이 채팅에서 이미 내보내기 하나가 진행 중이고 하나가 기다리고 있어요. 도착한 뒤에 다시 해 주세요.",
}
