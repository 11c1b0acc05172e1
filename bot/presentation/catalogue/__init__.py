"""The catalogue: every sentence the bot says, a package per language (`en/`, `ko/`), and in each
one module per feature (`now.py`, `chart.py`, `sources.py`, ...; the same modules with the same
keys in every language, so a sentence missing in Korean shows as a key missing from one file).
Each module's `TEXTS` maps key to sentence; the language's `__init__` puts them together, and
bot/presentation/texts.py looks them up.

A sentence that shows a count may have plural forms: a dict from CLDR plural category ("one",
"other") to the sentence, chosen by the `count` value passed to `text`. English has "one" and
"other"; Korean has only "other". Each key has the same placeholders in every language
(tests/test_texts.py).
"""

from __future__ import annotations

from collections.abc import Mapping

Template = str | Mapping[str, str]  # a sentence, or its plural forms by category


def merged(*features: Mapping[str, Template]) -> dict[str, Template]:
    """One language's catalogue from its feature modules; a key in two of them would silently
    hide one sentence, so it stops the import."""
    whole: dict[str, Template] = {}
    for texts in features:
        twice = whole.keys() & texts.keys()
        if twice:
            raise ValueError(f"keys in two catalogue modules: {sorted(twice)}")
        whole.update(texts)
    return whole
