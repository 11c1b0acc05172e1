"""How counts and durations are worded: each kind's noun, the "≈" note, time units, in Korean: the
keys of en/numbers.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "noun.kakao": "친구",
    "noun.telegram": "구독자",
    "noun.web": "수치",
    "counted.kakao": "친구 {count}",
    "counted.telegram": "구독자 {count}",
    "counted.web": "{count}",
    "approx": "≈ 출처가 반올림한 수치를 보여 줘서 변화량은 근삿값이에요",
    "gained.kakao": "{count}명",
    "gained.telegram": "{count}명",
    "gained.web": "{count}",
    "unit.d": "일",
    "unit.h": "시간",
    "unit.min": "분",
    "unit.s": "초",
    "unit.separator": "",
}
