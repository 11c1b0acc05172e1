"""Every sentence the bot says, in the reader's language: the lookup over the catalogue
(bot/presentation/catalogue/, a package per language), its plural forms and Korean particles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from bot.core.lang import DEFAULT_LANG, Lang, as_lang
from bot.core.phrase import Phrase
from bot.presentation.catalogue import Template
from bot.presentation.catalogue.en import EN
from bot.presentation.catalogue.ko import KO
from bot.presentation.korean import particle

__all__ = ["CATALOGUE", "Template", "plural_category", "said", "text"]

CATALOGUE: Final[Mapping[Lang, Mapping[str, Template]]] = {"en": EN, "ko": KO}


def plural_category(lang: str, count: object) -> str:
    """CLDR's cardinal categories for the languages we speak: Korean has one form."""
    if lang == "en" and count in (1, "1"):
        return "one"
    return "other"


def text(lang: str, key: str, **values: object) -> str:
    """The sentence `key` in `lang` (English when it has none), filled with `values` (a
    `Phrase` among them said in `lang` too); a sentence with plural forms is chosen by `count`."""
    values = {
        name: said(lang, value) if isinstance(value, Phrase) else value
        for name, value in values.items()
    }
    catalog = CATALOGUE[as_lang(lang) or DEFAULT_LANG]
    template = catalog[key] if key in catalog else CATALOGUE[DEFAULT_LANG][key]
    if not isinstance(template, str):
        template = template[plural_category(lang, values.get("count"))]
    if "/" in template:
        template = _PARTICLE.sub(lambda m: _with_particle(m, values), template)
    return template.format(**values) if values else template


def said(lang: str, phrase: Phrase) -> str:
    """A phrase from a layer that knows no language, in `lang`'s words."""
    return text(lang, phrase.key, **phrase.values)


# `{name}{을/를}` in a sentence: the particle that fits the value filled in for `name`.
_PARTICLE: Final = re.compile(r"\{(\w+)\}\{(을/를|이/가|은/는|과/와|으로/로|이에요/예요)\}")


def _with_particle(match: re.Match[str], values: Mapping[str, object]) -> str:
    name, pair = match.group(1), match.group(2)
    return "{" + name + "}" + particle(str(values.get(name, "")), pair)
