"""When each source's first scheduled sample runs: phases spread apart, never bunched."""

from __future__ import annotations

_GOLDEN = 0.6180339887498949


def first_run_delay(source_id: int, interval_seconds: int, spread_seconds: float) -> float:
    """Seconds until a source's first scheduled sample.

    The golden-ratio sequence puts consecutive ids far apart and never on the same spot, so 100
    sources with one interval fire over the whole window instead of in the same second; each
    later run keeps its phase. The window is at most the interval (a source is never sampled
    later than one interval after start) and at most `spread_seconds` (a slow source is not left
    unsampled for an hour after a restart).
    """
    window = max(0.0, min(float(interval_seconds), spread_seconds))
    return 0.5 + ((source_id * _GOLDEN) % 1.0) * window
