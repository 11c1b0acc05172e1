"""Reading what an admin typed after /track into a checked request. Pure: text in, value out.

    /track kakao:_xdhKKT
    /track telegram:durov 두로프 every 5m
    /track web:https://example.org/stats css:"div.stats span.count" example
    /track web:https://api.example.org/v1/stats $.data.followers every 1h
    /track kakao:_abc123 partner hidden         (sampled, but kept off the status page and API)

Words are split like a shell would (quotes group words; smart quotes count as quotes), but a
backslash is kept as it is, so regular expressions need no double escaping.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Final

from bot.core.kinds import SourceKind
from bot.core.ranges import CHART_KINDS, parse_chart_kind
from bot.core.source_options import Extractor, extractor_json
from bot.sources import web
from bot.sources.kinds import KINDS, kind_named
from bot.sources.kinds import TrackSpecError as TrackSpecError

MIN_INTERVAL_SECONDS: Final = 5
MAX_INTERVAL_SECONDS: Final = 86_400
MAX_LABEL_CHARS: Final = 32

_LABEL: Final = re.compile(r"[\w][\w-]*")
_EVERY: Final = frozenset({"every", "매"})
_HIDDEN: Final = frozenset({"hidden", "숨김"})  # the last word: kept off the status page
_INTERVAL: Final = re.compile(r"(?P<n>\d{1,6})\s*(?P<unit>[a-z가-힣]*)", re.IGNORECASE)
_UNITS: Final[dict[str, int]] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "초"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "분"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "시간"), 3600),
    **dict.fromkeys(("d", "day", "days", "일"), 86_400),
}
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
# Words /chart and friends read as something else; a label must not be one of them.
_RESERVED: Final = frozenset({*CHART_KINDS, "daily", "all", "every", "전체", "일별", *_HIDDEN})


@dataclass(frozen=True, slots=True)
class TrackRequest:
    kind: SourceKind
    target: str
    label: str
    interval_seconds: int
    extractor: Extractor | None = None
    options: str = field(default="{}")
    hidden: bool = False  # kept off the status page and the API (also in options)


def split_words(text: str) -> list[str]:
    lexer = shlex.shlex(text.translate(_QUOTES), posix=True)
    lexer.whitespace_split = True
    lexer.escape = ""  # keep backslashes: "\d+" stays "\d+"
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:
        raise TrackSpecError("track.unbalanced_quotes") from None


def parse_track_request(text: str, default_interval: int) -> TrackRequest:
    """`<kind:target> [extractor] [label] [every <n><s|m|h|d>] [hidden]` -> TrackRequest, or
    raise."""
    words = split_words(text)
    hidden = len(words) > 1 and words[-1].lower() in _HIDDEN
    if hidden:
        words = words[:-1]
    if not words:
        raise TrackSpecError("track.usage")
    word, sep, raw_target = words[0].partition(":")
    kind = kind_named(word)
    if not sep or kind is None:
        raise TrackSpecError("track.bad_kind", given=words[0][:60], kinds=", ".join(KINDS))
    takes_extractor = KINDS[kind].url

    interval = default_interval
    extractor: Extractor | None = None
    label: str | None = None
    rest = words[1:]
    i = 0
    while i < len(rest):
        word = rest[i]
        if word.lower() in _EVERY:
            if i + 1 >= len(rest):
                raise TrackSpecError("track.bad_interval", given=word)
            taken = 2 if _bare_number(rest, i) else 1
            interval = parse_interval(" ".join(rest[i + 1 : i + 1 + taken]))
            i += 1 + taken
            continue
        if word.endswith("마다"):
            interval = parse_interval(word)
        elif web.looks_like_extractor(word):
            if not takes_extractor:
                raise TrackSpecError("track.extractor_only_web")
            if extractor is not None:
                raise TrackSpecError("track.one_extractor")
            try:
                extractor = web.parse_extractor(word)
            except web.ExtractorError as exc:
                raise TrackSpecError("track.bad_extractor", reason=exc.phrase) from None
        elif label is None:
            label = check_label(word)
        else:
            raise TrackSpecError("track.too_many_words", word=word[:40])
        i += 1

    target = normalise_target(kind, raw_target)
    if takes_extractor and extractor is None:
        raise TrackSpecError("track.extractor_needed")
    doc: dict[str, object] = {**extractor_json(extractor)} if extractor is not None else {}
    if hidden:
        doc["hidden"] = True
    return TrackRequest(
        kind=kind,
        target=target,
        label=label or default_label(kind, target),
        interval_seconds=interval,
        extractor=extractor,
        options=json.dumps(doc),
        hidden=hidden,
    )


def _bare_number(words: list[str], i: int) -> bool:
    """`every 5 min`: the number and its unit came as two words."""
    return i + 2 < len(words) and words[i + 1].isdigit() and words[i + 2].lower() in _UNITS


def parse_interval(text: str) -> int:
    m = _INTERVAL.fullmatch(text.strip().removesuffix("마다"))
    unit = (m.group("unit") or "s").lower() if m else ""
    if m is None or unit not in _UNITS:
        raise TrackSpecError("track.bad_interval", given=text[:20])
    seconds = int(m.group("n")) * _UNITS[unit]
    if not MIN_INTERVAL_SECONDS <= seconds <= MAX_INTERVAL_SECONDS:
        raise TrackSpecError("track.bad_interval", given=text[:20])
    return seconds


def normalise_target(kind: SourceKind, raw: str) -> str:
    """The canonical target of a kind (`@durov` -> `durov`), or TrackSpecError."""
    return KINDS[kind].target(raw.strip())


def check_label(word: str) -> str:
    if (
        len(word) > MAX_LABEL_CHARS
        or not _LABEL.fullmatch(word)
        or word.isdigit()
        or parse_chart_kind(word) is not None
        or word.lower() in _RESERVED
    ):
        raise TrackSpecError("track.bad_label", given=word[:40], most=MAX_LABEL_CHARS)
    return word


def default_label(kind: SourceKind, target: str) -> str:
    """The channel id, the username, or the web page's host (`example-org`)."""
    label = KINDS[kind].label(target)[:MAX_LABEL_CHARS]
    try:
        return check_label(label)
    except TrackSpecError:
        return f"{kind}-{label}"[:MAX_LABEL_CHARS]
