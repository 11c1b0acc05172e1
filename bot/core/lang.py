"""The languages the bot speaks, declared once: every reply, the page and the admin notices
exist in each of them, and a stored or typed language is checked against this list."""

from __future__ import annotations

from typing import Final, Literal, get_args

Lang = Literal["en", "ko"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
DEFAULT_LANG: Final[Lang] = "en"  # for anyone whose language is not one of ours


def as_lang(value: str | None) -> Lang | None:
    """`value` as one of our languages, or None when it names none of them."""
    for lang in LANGS:
        if value == lang:
            return lang
    return None


def language_for(code: str | None) -> Lang:
    """The language of ours a Telegram `language_code` (or a `LANG` like `ko_KR.UTF-8`) asks
    for: Korean for Korean-language users, English for everyone else."""
    for lang in LANGS:
        if code and code.lower().startswith(lang):
            return lang
    return DEFAULT_LANG
