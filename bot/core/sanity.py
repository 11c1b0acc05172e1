"""The sanity rule: a sample that jumps too far from the last good one is held, not believed.

A page that briefly shows the wrong element, a CDN error page with some other number, or a
"1.2K" read while the real count is 1,234,567 must not become a spike in every delta and chart.
Such a sample is stored as suspect (kept out of every read) until the next sample decides:
close to the suspect -> the jump was real, the suspect is confirmed; back near the old value ->
the suspect stays excluded for good.
"""

from __future__ import annotations

from enum import Enum

from bot.core.model import Sample


class Verdict(Enum):
    GOOD = "good"  # store as a good sample
    SUSPECT = "suspect"  # store, held out of deltas
    CONFIRMS = "confirms"  # store as good, and confirm the held suspect before it


def jumps(value: int, reference: int, factor: float) -> bool:
    """True when `value` is more than `factor` times above or below `reference`.

    Counts below 1 are compared as 1, so 0 -> 5 is a ×5 change, not an infinite one.
    """
    if factor <= 0:
        return False
    low, high = sorted((max(value, 1), max(reference, 1)))
    return high > factor * low


def judge(value: int, last_good: Sample | None, held: Sample | None, factor: float) -> Verdict:
    """Decide what a new reading of `value` is.

    `last_good` is the latest good sample; `held` is the latest sample when it is a suspect
    (i.e. the sample just before this one), else None.
    """
    if last_good is None or not jumps(value, last_good.value, factor):
        return Verdict.GOOD
    if held is not None and not jumps(value, held.value, factor):
        return Verdict.CONFIRMS
    return Verdict.SUSPECT
