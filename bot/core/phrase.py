"""A sentence not yet in words: a catalogue key and its values, for a layer that must say why
(a /track refusal's reason, from bot/sources) but may not know the reader's language or the
catalogue. bot/presentation/texts.py says it in the reader's language, also when it is a value
inside another sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Phrase:
    key: str  # in every language's catalogue (bot/presentation/catalogue/)
    values: Mapping[str, object] = field(default_factory=dict)
