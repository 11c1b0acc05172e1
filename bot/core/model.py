"""Plain values that flow between the pieces: what a source yields, what storage returns.

They carry aware UTC datetimes; conversion to local time happens only where text or charts
are made, so every comparison below that is done on one time scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.kinds import SourceKind
from bot.core.reasons import Reason, reason_tag
from bot.core.source_options import SourceOptions, parse_source_options


@dataclass(frozen=True, slots=True)
class Sample:
    """One good observation of a count."""

    ts: datetime
    value: int
    approximate: bool = False  # True when the source only shows a rounded figure ("10.6M")


@dataclass(frozen=True, slots=True)
class Reading:
    """What parsing a source page yields when it holds a count."""

    value: int
    name: str | None = None  # the display name the page gives (e.g. "배민커넥트")
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """A sample that could not be taken, and why. Never stored as a number."""

    reason: Reason
    detail: str = ""  # for logs and admins: may quote a short excerpt of what came back
    retry_after: float | None = None  # seconds the source asked us to wait (Retry-After)
    status: int | None = None  # the HTTP status, with Reason.HTTP

    @property
    def tag(self) -> str:
        return reason_tag(self.reason, self.status)

    def __str__(self) -> str:
        return f"{self.tag}: {self.detail}" if self.detail else self.tag


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """A stored failure, with when it happened."""

    ts: datetime
    reason: Reason
    detail: str
    status: int | None = None

    @property
    def tag(self) -> str:
        return reason_tag(self.reason, self.status)


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One drawn point: the last value of a bucket, with the bucket's min and max when known."""

    ts: datetime
    value: int
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class ChartLine:
    """One series on a chart."""

    label: str
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A tracked count: where it comes from and how it is called in chats."""

    id: int
    kind: SourceKind
    target: str  # channel id, username, or URL
    label: str  # the short name people type: /now <label>
    name: str | None  # the display name the source's page gives, once known
    interval_seconds: int
    options: str = "{}"  # JSON as stored (unknown keys kept); read through `opts`
    # The options parsed once, when the value is made (bot/core/source_options.py).
    opts: SourceOptions = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "opts", parse_source_options(self.options))

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target}"

    @property
    def display_name(self) -> str:
        return self.name or self.label

    @property
    def hidden(self) -> bool:
        """Kept off the status page and the JSON API (`/track … hidden`: "hidden" in options)."""
        return self.opts.hidden


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """How a source has been doing lately: what alerts are decided from, kept across restarts."""

    failures: int = 0  # consecutive failed samples
    alerted: bool = False  # admins were told; they are owed one "recovered" message
    reason: Reason | None = None  # the latest failure's reason, status and detail
    status: int | None = None
    detail: str = ""
    since: datetime | None = None  # when the current run of failures began
