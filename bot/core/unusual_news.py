"""Which unusual events are news: found after a moment (the last summary, the last check), so
the summary's line and `/alert unusual` say each event once. Pure.

An event is found when the rule that names it can first see it: a movement when its last hour
closes, a stop after STOP_MIN_HOURS flat hours, a change of pace when its PACE_MIN_DAYS-th day
closes (it is dated to its first day, days before it can be named).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from bot.core.unusual import STOP_MIN_HOURS, EventKind, Movement, PaceChange, Stop, UnusualEvent
from bot.core.unusual_pace import PACE_MIN_DAYS

# How far back a summary or an alert looks: far enough for a change of pace named today.
NEWS_WINDOW: Final = timedelta(days=PACE_MIN_DAYS + 1)


def found_at(event: UnusualEvent) -> datetime:
    match event:
        case Movement():
            return event.start + timedelta(hours=event.hours)
        case Stop():
            return event.start + timedelta(hours=STOP_MIN_HOURS)
        case PaceChange():
            return event.start + timedelta(days=PACE_MIN_DAYS)


def news_since(events: Sequence[UnusualEvent], since: datetime) -> list[UnusualEvent]:
    """The events found after `since`, newest first (as given)."""
    return [e for e in events if found_at(e) > since]


def announce_key(event: UnusualEvent) -> tuple[str, int]:
    """What makes an event the same event when judged again: a jump that later holds (a step)
    keeps its key, so it is announced once."""
    kind = EventKind.JUMP if event.kind is EventKind.STEP else event.kind
    return kind.value, int(event.start.timestamp())
