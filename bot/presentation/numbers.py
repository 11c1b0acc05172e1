"""How numbers are written: counts with separators, signed changes, rates, durations, the "≈"
of a rounded source and a count's noun ("206,912 friends"). Pure."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

from bot.core.figures import Change, Count
from bot.core.kinds import SourceKind
from bot.presentation.texts import text


def format_count(value: int) -> str:
    return f"{value:,}"


def format_delta(value: int) -> str:
    """A signed change; 0 is an answer and is shown as 0."""
    return f"{value:+,}" if value else "0"


def format_rate(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:+,.1f}" if rounded else "0.0"


@functools.lru_cache(maxsize=8)
def _units(lang: str) -> tuple[tuple[str, ...], str]:
    """The duration units and their separator in `lang` (the catalogue is fixed): /sources
    formats a few durations for each of up to 1,000 sources."""
    return tuple(text(lang, f"unit.{u}") for u in ("d", "h", "min", "s")), text(
        lang, "unit.separator"
    )


def format_duration(seconds: float, lang: str) -> str:
    s = max(0, int(seconds))
    units, sep = _units(lang)
    days, rem = divmod(s, 86_400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    if days:
        parts = [(days, units[0]), (hours, units[1])]
    elif hours:
        parts = [(hours, units[1]), (minutes, units[2])]
    elif minutes:
        parts = [(minutes, units[2])]
    else:
        parts = [(secs, units[3])]
    return " ".join(f"{n}{sep}{u}" for n, u in parts if n or len(parts) == 1)


# Each kind's words in the catalogue (`noun.<words>`, `counted.<words>`); a kind without its own
# counts as a web page's number.
_KIND_WORDS: Final[Mapping[SourceKind, str]] = {
    SourceKind.KAKAO: "kakao",
    SourceKind.TELEGRAM: "telegram",
    SourceKind.WEB: "web",
}


def noun(lang: str, kind: SourceKind) -> str:
    return text(lang, f"noun.{_KIND_WORDS.get(kind, 'web')}")


def counted(lang: str, kind: SourceKind, shown: str) -> str:
    """A count with its kind's noun ("206,912 friends", "친구 206,912"); a web source has no
    known unit, so its count is the number alone (never "count")."""
    return text(lang, f"counted.{_KIND_WORDS.get(kind, 'web')}", count=shown)


def gained(lang: str, kind: SourceKind, shown: str) -> str:
    """An amount gained with its kind's unit ("+7.1 friends", "+7.1명"), for averages."""
    return text(lang, f"gained.{_KIND_WORDS.get(kind, 'web')}", count=shown)


def approx(shown: str, approximate: bool) -> str:
    """A figure from a rounded source is marked "≈", and so is everything computed from it."""
    return f"≈{shown}" if approximate else shown


def shown_count(value: int, approximate: bool = False) -> str:
    return approx(format_count(value), approximate)


def count_text(count: Count) -> str:
    """`223,456`, or `≈10,600,000` from a rounded source."""
    return shown_count(count.value, count.approximate)


def signed(value: int | None, approximate: bool) -> str | None:
    """A signed change with its "≈"; None when there is no change to show."""
    if value is None:
        return None
    return approx(format_delta(value), approximate)


def change_text(change: Change | None) -> str | None:
    return None if change is None else signed(change.value, change.approximate)
