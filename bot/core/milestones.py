"""Round numbers worth a message: when a source's count first reaches one. Pure, no I/O.

The steps are the 1-2-5 sequence per order of magnitude (…, 100,000, 200,000, 500,000, 1,000,000)
unless a source's options set `"milestone_every": N` (every multiple of N; read with the other
options in bot/core/source_options.py). The highest
milestone announced is remembered per source, so a dip and a re-cross never announce again; the
first sample ever seen sets that mark without a message (tracking a 248,000 channel is not
"200,000 reached").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

ROUND_STEPS = (1, 2, 5)


def milestone_at_or_below(value: int, every: int | None = None) -> int | None:
    """The highest milestone ≤ value (None below the first one)."""
    if every is not None:
        reached = value // every * every
        return reached if reached > 0 else None
    best: int | None = None
    magnitude = 1
    while magnitude <= value:
        for step in ROUND_STEPS:
            if step * magnitude <= value:
                best = step * magnitude
        magnitude *= 10
    return best


@dataclass(frozen=True, slots=True)
class MilestoneStep:
    mark: int  # the highest milestone reached so far (0: none yet), to store
    announce: int | None  # a milestone to announce now, if any


def after_value(announced: int | None, value: int, every: int | None = None) -> MilestoneStep:
    """`announced`: the stored mark, None when the source has none yet (the first sample)."""
    reached = milestone_at_or_below(value, every) or 0
    if announced is None:
        return MilestoneStep(reached, None)
    if reached > announced:
        return MilestoneStep(reached, reached)
    return MilestoneStep(announced, None)


def with_milestone_every(options: str, every: int | None) -> str:
    """The options JSON with the source's own step set (or removed: the 1-2-5 default)."""
    try:
        parsed = json.loads(options)
    except ValueError:  # "" too
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    parsed.pop("milestone_every", None)
    if every is not None:
        parsed["milestone_every"] = every
    return json.dumps(parsed, ensure_ascii=False, sort_keys=True)


def parse_milestone_step(word: str) -> int | bool | None:
    """`/milestones <label> <N|default>`'s last word: N (a positive whole number, separators
    allowed), None for "default", False when it is neither."""
    if word.lower() in {"default", "기본"}:
        return None
    digits = word.replace(",", "").replace("_", "")
    if digits.isascii() and digits.isdigit() and int(digits) > 0:
        return int(digits)
    return False
