"""One parser for every count a source shows: "198,765", "10 612 280", "10.6M", "1억 2,345만".

Every source funnels its count text through parse_count so that the same rules decide what a
number means everywhere. When the text is ambiguous the parser raises CountParseError instead of
guessing: a wrong number stored silently is worse than a recorded failure.

The rules, in the order they apply:

1. Normalise: every Unicode space (U+00A0, U+202F, U+2009, ...) becomes " ", invisible format
   characters (direction marks, zero-width spaces) are dropped, "’" becomes "'", and non-ASCII
   decimal digits become ASCII ones.
2. Find the numbers: digit runs joined by single "," "." " " or "'" characters, each optionally
   followed by a unit -- K/M/B (any case, optionally after one space; also thousand(s)/million(s)/
   billion(s), тыс./тысяч/млн/млрд/миллион.../миллиард...) or a Korean unit 십/백/천, 만/억/조 or a
   pair like 천만 (optionally after one space). A Latin unit must not run into a letter, so "1.2K"
   has a unit and "5 members" does not. Unit words not listed here ("5 mil", "10 lakh") are not
   recognised: the number is then read without a unit.
3. Korean terms separated by at most one space make one compound ("1억 2,345만", "1만 2천 500"):
   units strictly decrease, each term is smaller than the unit before it, a plain number may only
   come last, and no term may have decimals. Anything else that holds two numbers is an error.
4. Separators inside one number:
   - without a unit there is no decimal mark: all separators must be one kind and form thousands
     groups (first group 1-3 digits, the rest exactly 3), so "1,234" and "1.234" are 1234 but
     "1,5", "12,34", "10 61 280" and "1,234.5" are errors;
   - with a K/M/B unit the last separator is the decimal mark when it is "." or "," and occurs
     once ("1.234M", "1,5M", "1,234.5K", "1.234,5K"); the others must be valid thousands groups;
   - with a Korean unit only "." is a decimal mark and "," always groups ("2,345만" is 23,450,000).
5. The value is computed exactly with Decimal; a result with a fraction left over ("1.2345K") is an
   error, as are a sign or dangling separator right before the number ("-5", ".5K"), a "+" or "%"
   right after it, a leading zero ("007", "0,123") and anything above 10**15.

approximate is True when the number's precision is coarser than one, i.e. it ends in a unit:
"10.6M", "2B", "3천" and "1억 2,345만" are approximate; "198,765명" and "1억 2345만 6789" are not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded
from typing import Final, Literal

MAX_COUNT: Final = 10**15
_MAX_DIGITS: Final = 30  # far beyond MAX_COUNT; keeps Decimal work bounded on garbage input
_EXCERPT_CHARS: Final = 80

# Exact arithmetic: any rounding raises instead of silently changing the value.
_EXACT: Final = Context(prec=60, traps=[Inexact, Rounded, InvalidOperation, Overflow])

_EXPR: Final = re.compile(
    r"""
    (?P<num>[0-9]+(?:[ ,.'][0-9]+)*)
    (?:
        [ ]?(?P<ko>[십백천]?[만억조경]|[십백천])
      | [ ]?(?P<latin>thousands?|millions?|billions?
                    |тыс[а-я]*\.?|млн\.?|млрд\.?|миллион[а-я]*|миллиард[а-я]*
                    |[kmb])
        (?![^\W\d_])
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SEPARATOR: Final = re.compile(r"[ ,.']")

_KOREAN_SMALL: Final = {"십": 10, "백": 100, "천": 1000}
_KOREAN_BIG: Final = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_SIGNS: Final = frozenset("+-−‐‑‒–")
_APOSTROPHES: Final = frozenset("’ʼ")


@dataclass(frozen=True, slots=True)
class ParsedCount:
    """A count read from text; approximate when the text only showed a rounded figure."""

    value: int
    approximate: bool  # True for "10.6M", "12.3만", "1.1K": the text ended in a unit


class CountParseError(ValueError):
    """Raised instead of guessing; the message quotes the offending text (cut to ~80 chars)."""

    text: str
    reason: str

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{reason}: {_excerpt(text)!r}")


_Family = Literal["plain", "korean", "latin"]
_DECIMAL_MARKS: Final[dict[_Family, str]] = {"plain": "", "korean": ".", "latin": ".,"}


@dataclass(frozen=True, slots=True)
class _Token:
    """One number found in the text, with the unit glued to it (1 when there is none)."""

    start: int
    end: int
    num: str
    unit: int
    family: _Family  # decides which characters may be decimal marks


def parse_count(text: str) -> ParsedCount:
    """Read the single count in text ("친구 198,765명", "10.6M subscribers"), or raise.

    Raises CountParseError when the text is empty, holds no number, holds more than one, or holds
    one whose meaning is not certain (see the module docstring for the exact rules).
    """
    norm = _normalise(text)
    if not norm.strip():
        raise CountParseError(text, "empty text")
    tokens = [_token(m, text) for m in _EXPR.finditer(norm)]
    if not tokens:
        raise CountParseError(text, "no digits")
    numbers = _join_korean_compounds(tokens, norm)
    if len(numbers) > 1:
        raise CountParseError(text, f"{len(numbers)} separate numbers, expected one")
    terms = numbers[0]
    _check_surroundings(norm, terms[0].start, terms[-1].end, text)
    value = _term_value(terms[0], text) if len(terms) == 1 else _compound_value(terms, text)
    if value > MAX_COUNT:
        raise CountParseError(text, f"count above {MAX_COUNT:,} is not believable")
    return ParsedCount(value=value, approximate=terms[-1].unit > 1)


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1] + "…"


def _normalise(text: str) -> str:
    """Make look-alike characters identical so the regex only has to know one of each."""
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) == "Cf":  # LRM/RLM, zero-width space, BOM: invisible
            continue
        elif ch in _APOSTROPHES:
            out.append("'")
        elif ch.isdecimal() and not ch.isascii():
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(ch)
    return "".join(out)


def _token(match: re.Match[str], text: str) -> _Token:
    ko, latin = match.group("ko"), match.group("latin")
    family: _Family
    if ko is not None:
        unit = _KOREAN_SMALL.get(ko[0], 1) * _KOREAN_BIG.get(ko[-1], 1)
        family = "korean"
    elif latin is not None:
        unit = _latin_unit(latin)
        family = "latin"
    else:
        unit, family = 1, "plain"
    num = match.group("num")
    if len(num) > _MAX_DIGITS:
        raise CountParseError(text, "number too long to be a count")
    return _Token(match.start(), match.end(), num, unit, family)


def _latin_unit(word: str) -> int:
    """The unit the regex's `latin` group names; a trailing "." ("тыс.", "млн.") changes no
    prefix tested here, so it needs no stripping."""
    w = word.lower()
    if w == "k" or w.startswith(("thousand", "тыс")):
        return 10**3
    if w == "m" or w.startswith(("million", "млн", "миллион")):
        return 10**6
    return 10**9  # b, billion, млрд, миллиард: the regex admits nothing else


def _join_korean_compounds(tokens: list[_Token], norm: str) -> list[list[_Token]]:
    """Group "1억 2,345만 6789" into one number; every other token stands alone."""
    numbers: list[list[_Token]] = []
    for tok in tokens:
        if numbers:
            prev = numbers[-1][-1]
            gap = norm[prev.end : tok.start]
            if prev.family == "korean" and tok.family != "latin" and gap in ("", " "):
                numbers[-1].append(tok)
                continue
        numbers.append([tok])
    return numbers


def _check_surroundings(norm: str, start: int, end: int, text: str) -> None:
    """Reject neighbours that change the meaning: "-5", "+5", ".5K", "99+", "12%"."""
    before = norm[start - 1] if start > 0 else ""
    after = norm[end] if end < len(norm) else ""
    if before and before in _SIGNS:
        raise CountParseError(text, "signed number is not a count")
    if before in (".", ","):
        raise CountParseError(text, "number starts right after a separator (lost digits?)")
    if after == "+":
        raise CountParseError(text, "'N+' is a lower bound, not a count")
    if after == "%":
        raise CountParseError(text, "a percentage is not a count")


def _term_value(tok: _Token, text: str) -> int:
    value = _EXACT.multiply(_number(tok, text), Decimal(tok.unit))
    if value != value.to_integral_value():
        raise CountParseError(text, "more decimal places than the unit allows")
    return int(value)


def _compound_value(terms: list[_Token], text: str) -> int:
    """Sum Korean terms, checking they read like one number ("1억 2,345만"), not a list."""
    total = 0
    prev_unit = 0
    for i, tok in enumerate(terms):
        number = _number(tok, text)
        if number != number.to_integral_value():
            raise CountParseError(text, "decimals inside a multi-part Korean number")
        value = int(number) * tok.unit
        if i > 0 and (tok.unit >= prev_unit or value >= prev_unit):
            raise CountParseError(text, "Korean number parts are out of order")
        total += value
        prev_unit = tok.unit
    return total


def _number(tok: _Token, text: str) -> Decimal:
    """The digits of one token as an exact Decimal, following the separator rules."""
    decimal_marks = _DECIMAL_MARKS[tok.family]
    runs = _SEPARATOR.split(tok.num)
    seps = _SEPARATOR.findall(tok.num)
    fraction = ""
    if seps and seps[-1] in decimal_marks and seps.count(seps[-1]) == 1:
        fraction = runs.pop()
        seps.pop()
    if len(set(seps)) > 1:
        why = "a count has no fraction part" if tok.family == "plain" else "unclear decimal mark"
        raise CountParseError(text, f"mixed separators in {tok.num!r}; {why}")
    if seps and (not 1 <= len(runs[0]) <= 3 or any(len(run) != 3 for run in runs[1:])):
        raise CountParseError(
            text, f"{tok.num!r} is not thousands grouping (and a count has no decimals)"
        )
    whole = "".join(runs)
    if len(whole) > 1 and whole.startswith("0"):
        raise CountParseError(text, f"leading zero in {tok.num!r}")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)
