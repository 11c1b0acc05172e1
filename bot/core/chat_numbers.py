"""Numbers as people type them after a command: `250,000`, `250000`, `25만`, `1.2만`,
`25만명`, `10k`, `+50`, `-10`.

Stricter than the page parser (`numbers.parse_count`), which finds a count inside a sentence:
here the whole word must be the number, or it is not one (so `kakao2` stays a label). Every value
is bounded by `MAX_COUNT`, so nothing a chat types can overflow SQLite's integers or a date.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from bot.core.numbers import MAX_COUNT

_UNITS: Final = {"천": 10**3, "만": 10**4, "억": 10**8, "k": 10**3, "m": 10**6}
_WORD: Final = re.compile(
    r"(?P<sign>[+\-−])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d{1,18})"
    r"(?:\.(?P<frac>\d{1,6}))?"
    r"(?P<unit>천|만|억|k|m)?"
    r"(?:명|개|people)?",
    re.IGNORECASE | re.ASCII,
)


def parse_typed_number(word: str, *, signed: bool = False) -> int | None:
    """The whole word as a whole number within ±MAX_COUNT, or None.

    A sign is taken only when `signed`; decimals only with a unit (`1.2만`) and only when the
    result is whole (`1.23456만` is not a count).
    """
    m = _WORD.fullmatch(word.strip().replace("_", ""))
    if m is None:
        return None
    if m.group("sign") and not signed:
        return None
    unit = _UNITS[m.group("unit").lower()] if m.group("unit") else 1
    if m.group("frac") is not None and unit == 1:
        return None
    try:
        value = Decimal(m.group("int").replace(",", "") + "." + (m.group("frac") or "0")) * unit
    except InvalidOperation:
        return None
    if value != value.to_integral_value() or value > MAX_COUNT:
        return None
    number = int(value)
    return -number if m.group("sign") in ("-", "−") else number
