"""A source's options, read once from their stored JSON into a typed value. Pure.

The `options` column holds JSON (`{"extractor": "css", "expression": "span.n", "hidden": true,
"milestone_every": 5000}`); `Source` parses it when it is made (storage builds one per row), so
everything downstream reads `source.opts.extractor` and friends, never the JSON. Whether an
extractor's expression compiles is the web kind's question (bot/sources/web.py): it needs
selectolax and RE2, which the core does not import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final, Literal

ExtractorKind = Literal["css", "json", "regex"]
EXTRACTOR_KINDS: Final[tuple[ExtractorKind, ...]] = ("css", "json", "regex")


@dataclass(frozen=True, slots=True)
class Extractor:
    """How a web source's count is picked out of its page."""

    kind: ExtractorKind
    expression: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.expression}"


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """What a source's options say; unknown keys are kept in the stored JSON, not here."""

    extractor: Extractor | None = None
    # Why the options hold no usable extractor when they try to (for the web kind's failure).
    extractor_problem: str | None = None
    hidden: bool = False  # kept off the status page and the JSON API (`/track … hidden`)
    milestone_every: int | None = None  # the source's own milestone step; None: 1-2-5


def extractor_json(extractor: Extractor) -> dict[str, str]:
    """The extractor as it is stored in the options."""
    return {"extractor": extractor.kind, "expression": extractor.expression}


def parse_source_options(text: str) -> SourceOptions:
    """The stored JSON read leniently: what cannot be read is absent (no extractor, not hidden,
    the default milestones), never an error."""
    try:
        doc: Any = json.loads(text)
    except ValueError:  # "" too: no extractor, as "{}" would say
        doc = None
    if not isinstance(doc, dict):
        return SourceOptions(extractor_problem=_no_extractor(text))
    extractor, problem = _extractor(doc, text)
    every = doc.get("milestone_every")
    return SourceOptions(
        extractor=extractor,
        extractor_problem=problem,
        hidden=doc.get("hidden") is True,
        milestone_every=(
            every if isinstance(every, int) and not isinstance(every, bool) and every > 0 else None
        ),
    )


def _extractor(doc: dict[str, Any], text: str) -> tuple[Extractor | None, str | None]:
    if "extractor" not in doc or "expression" not in doc:
        return None, _no_extractor(text)
    kind, expression = doc["extractor"], doc["expression"]
    if kind not in EXTRACTOR_KINDS or not isinstance(expression, str):
        return None, f"unknown extractor {kind!r}"
    return Extractor(kind, expression), None


def _no_extractor(text: str) -> str:
    return f"this web source has no usable extractor: {text[:80]}"
