"""When the bot's admins hear that a source stopped working: once, and once again when it works.

Pure: the source's health and one outcome in, the new health and the notice it calls for out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.core.model import Failure, Reading, SourceHealth
from bot.core.reasons import Reason


class NoticeKind(StrEnum):
    FAILING = "failing"
    LAYOUT_CHANGED = "layout_changed"
    RECOVERED = "recovered"


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    failures: int
    reason: Reason | None
    status: int | None
    detail: str
    since: datetime | None


def after_sample(
    health: SourceHealth, outcome: Reading | Failure, at: datetime, threshold: int
) -> tuple[SourceHealth, Notice | None]:
    """The source's health after one more sample, and the notice it calls for, if any.

    One alert when the failures in a row reach `threshold`, or at once when the page layout
    changed (waiting would not help); nothing more while it stays broken; one "recovered".
    """
    if isinstance(outcome, Reading):
        if health.alerted:
            return SourceHealth(), Notice(
                NoticeKind.RECOVERED,
                health.failures,
                health.reason,
                health.status,
                health.detail,
                health.since,
            )
        return SourceHealth(), None
    failing = SourceHealth(
        failures=health.failures + 1,
        alerted=health.alerted,
        reason=outcome.reason,
        status=outcome.status,
        detail=outcome.detail,
        since=health.since or at,
    )
    if health.alerted:
        return failing, None
    layout = outcome.reason.layout_changed
    if layout or failing.failures >= threshold:
        kind = NoticeKind.LAYOUT_CHANGED if layout else NoticeKind.FAILING
        notice = Notice(
            kind, failing.failures, outcome.reason, outcome.status, outcome.detail, failing.since
        )
        return replace(failing, alerted=True), notice
    return failing, None
