"""The catalogue: every sentence the bot says, one module per language (`en.py`, `ko.py`),
each a dict from key to sentence; bot/presentation/texts.py looks them up.

A sentence that shows a count may have plural forms: a dict from CLDR plural category ("one",
"other") to the sentence, chosen by the `count` value passed to `text`. English has "one" and
"other"; Korean has only "other". Each key has the same placeholders in every language
(tests/test_texts.py).
"""

from __future__ import annotations

from collections.abc import Mapping

Template = str | Mapping[str, str]  # a sentence, or its plural forms by category
