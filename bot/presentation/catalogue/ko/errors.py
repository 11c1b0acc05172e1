"""What any command may answer: an unknown command, an error, admins only, nothing tracked, a label
that is not, in Korean: the keys of en/errors.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "nothing_tracked": "아직 추적 중인 수치가 없어요. 관리자가 /track 으로 출처를 추가할 수 있어요.",
    "label.unknown": "라벨이 {label}인 출처가 없어요. 추적 중: {labels}.",
    "admin.only": "죄송해요, 이 명령은 봇 관리자만 쓸 수 있어요. /sources 로 추적 중인 출처를 볼 수 있어요.",
    "admin.none": "죄송해요, 이 명령은 봇 관리자만 쓸 수 있는데 지정된 관리자가 없어요. 운영자가 ADMIN_USER_IDS 에 텔레그램 사용자 ID를 적어야 해요.",
    "error.storage": "죄송해요, 지금은 저장하지 못했어요. 저장소에 문제가 있어 관리자에게 알렸어요. 잠시 후 다시 시도해 주세요.",
    "error.generic": "죄송해요, 제 쪽에서 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    "unknown": "모르는 명령이에요. /help 에서 쓸 수 있는 명령을 볼 수 있어요.",
}
