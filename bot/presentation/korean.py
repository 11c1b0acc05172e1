"""Korean particles (을/를, 이/가, 은/는, 과/와, 으로/로, 이에요/예요) chosen by the preceding
word's last sound.

A Hangul syllable has a final consonant when `(code - 0xAC00) % 28` is not 0; 으로/로 also takes
로 after ㄹ. Digits and Latin letters are read the Korean way: a number by its last spoken digit
or power of ten (10 → 십, 100 → 백), an abbreviation letter by its name (L → 엘, N → 엔), an
English word by how it usually ends in Korean (…m/n/ng/l keep a final consonant).
"""

from __future__ import annotations

from typing import Final

PAIRS: Final = ("을/를", "이/가", "은/는", "과/와", "으로/로", "이에요/예요")

_NONE, _FINAL, _RIEUL = 0, 1, 2  # no final consonant; a final consonant; ㄹ as the final
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL_INDEX = 8

_DIGITS: Final = {
    "0": _FINAL,  # 영
    "1": _RIEUL,  # 일
    "2": _NONE,  # 이
    "3": _FINAL,  # 삼
    "4": _NONE,  # 사
    "5": _NONE,  # 오
    "6": _FINAL,  # 육
    "7": _RIEUL,  # 칠
    "8": _RIEUL,  # 팔
    "9": _NONE,  # 구
}
_LETTER_NAMES_WITH_FINAL: Final = {"l": _RIEUL, "m": _FINAL, "n": _FINAL, "r": _RIEUL}
_TRAILING: Final = " \t\"'`)]}>»”’.,!?:;…"


def _hangul(ch: str) -> int:
    final = (ord(ch) - _HANGUL_FIRST) % 28
    if final == 0:
        return _NONE
    return _RIEUL if final == _RIEUL_INDEX else _FINAL


def _number(digits: str) -> int:
    """The last sound of a number read in Sino-Korean: 1,000 → 천, 25 → 오, 10 → 십."""
    if digits.strip("0") == "":
        return _FINAL  # 영
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return _DIGITS[digits[-1]]
    if zeros % 4:  # 십, 백, 천 (also 십만, 백만, 천만, ...)
        return _FINAL
    return _NONE if zeros // 4 == 3 else _FINAL  # 만, 억 have a final; 조 does not


def _latin(word: str) -> int:
    if len(word) == 1 or word.isupper() or word[-1].isupper():
        return _LETTER_NAMES_WITH_FINAL.get(word[-1].lower(), _NONE)
    low = word.lower()
    if low.endswith("l"):
        return _RIEUL
    if low.endswith(("m", "n")):  # also -ng
        return _FINAL
    return _NONE


def _last_sound(word: str) -> int | None:
    core = word.rstrip(_TRAILING)
    if not core:
        return None
    ch = core[-1]
    if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
        return _hangul(ch)
    if ch.isascii() and ch.isdigit():
        digits = ""
        for c in reversed(core.replace(",", "")):
            if not (c.isascii() and c.isdigit()):
                break
            digits = c + digits
        return _number(digits)
    if ch.isascii() and ch.isalpha():
        start = len(core)
        while start > 0 and core[start - 1].isascii() and core[start - 1].isalpha():
            start -= 1
        return _latin(core[start:])
    return None


def particle(word: str, pair: str) -> str:
    """The particle of `pair` ("을/를", "이/가", "은/는", "과/와", "으로/로", "이에요/예요") that
    follows `word`;
    both forms as "을(를)" when the word's last sound cannot be told (a symbol, an emoji)."""
    after_final, after_vowel = pair.split("/")
    sound = _last_sound(word)
    if sound is None:
        return f"{after_final}({after_vowel})" if pair != "으로/로" else "(으)로"
    if pair == "으로/로":
        return "으로" if sound == _FINAL else "로"
    return after_final if sound != _NONE else after_vowel
