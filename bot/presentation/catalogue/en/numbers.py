"""How counts and durations are worded: each kind's noun, the "≈" note, time units, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "noun.kakao": "friends",
    "noun.telegram": "subscribers",
    "noun.web": "count",
    "counted.kakao": "{count} friends",
    "counted.telegram": "{count} subscribers",
    "counted.web": "{count}",
    "approx": "≈ rounded source, changes are approximate",
    "gained.kakao": "{count} friends",
    "gained.telegram": "{count} subscribers",
    "gained.web": "{count}",
    "unit.d": "d",
    "unit.h": "h",
    "unit.min": "min",
    "unit.s": "s",
    "unit.separator": " ",
}
