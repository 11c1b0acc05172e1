"""Alerts a chat sets for itself on a source: `/alert above N`, `below N`, `change N` (today's
change since local midnight reaching +N, or −N). Each fires once per crossing and re-arms only
when the value has gone back past the threshold by a margin (`rearm_margin`): a count flickering
around its threshold would otherwise alert on every wobble. A chat gets at most
`ALERTS_PER_HOUR` alert messages an hour (`AlertBudget`): what fires beyond that is held and
told with the next message allowed. Pure, no I/O."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Final

from bot.core.chat_numbers import parse_typed_number


class AlertKind(Enum):
    ABOVE = "above"
    BELOW = "below"
    CHANGE = "change"
    UNUSUAL = "unusual"  # each unusual movement once, as /why finds it (no threshold)


@dataclass(frozen=True, slots=True)
class ChatAlert:
    chat_id: int
    source_id: int
    kind: AlertKind
    threshold: int
    armed: bool
    lang: str


def beyond(kind: AlertKind, threshold: int, value: int) -> bool:
    """Whether a value (the count, or today's change for CHANGE) is on the alert's side."""
    if kind is AlertKind.ABOVE:
        return value >= threshold
    if kind is AlertKind.BELOW:
        return value <= threshold
    return value >= threshold if threshold > 0 else value <= threshold


REARM_AT_LEAST: Final = 2  # a ±1 wobble around the threshold never re-arms
REARM_SHARE_OF_COUNT: Final = 0.001  # above/below 250,000: back below 249,750 first
REARM_SHARE_OF_CHANGE: Final = 0.1  # change +50: back to +45 (or the next local day) first


def rearm_margin(kind: AlertKind, threshold: int) -> int:
    """How far back past the threshold a value must go before the alert may fire again."""
    share = REARM_SHARE_OF_CHANGE if kind is AlertKind.CHANGE else REARM_SHARE_OF_COUNT
    return max(REARM_AT_LEAST, math.ceil(abs(threshold) * share))


def back_past(kind: AlertKind, threshold: int, value: int) -> bool:
    """Whether the value has gone back to the other side of the threshold by the margin."""
    margin = rearm_margin(kind, threshold)
    upward = kind is AlertKind.ABOVE or (kind is AlertKind.CHANGE and threshold > 0)
    return value <= threshold - margin if upward else value >= threshold + margin


@dataclass(frozen=True, slots=True)
class AlertStep:
    armed: bool
    fire: bool


def after_value(alert: ChatAlert, value: int | None) -> AlertStep:
    """`value`: the count (ABOVE/BELOW) or today's change (CHANGE); None: not known, no step."""
    if value is None:
        return AlertStep(alert.armed, False)
    if alert.armed:
        fire = beyond(alert.kind, alert.threshold, value)
        return AlertStep(not fire, fire)
    return AlertStep(back_past(alert.kind, alert.threshold, value), False)


ALERTS_PER_HOUR: Final = 4  # alert messages one chat may get in any hour
ALERT_HOUR: Final = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class AlertBudget:
    """One chat's alert messages of the last hour and the alerts held back since the last."""

    sent: tuple[datetime, ...] = ()
    held: int = 0


def may_send(budget: AlertBudget, now: datetime) -> bool:
    """Whether one more alert message fits in the hour before `now`."""
    return sum(1 for t in budget.sent if now - t < ALERT_HOUR) < ALERTS_PER_HOUR


def held_one(budget: AlertBudget) -> AlertBudget:
    return replace(budget, held=budget.held + 1)


def sent_one(budget: AlertBudget, now: datetime) -> AlertBudget:
    """After a message went (with the `held` ones folded into it): nothing held any more."""
    recent = tuple(t for t in budget.sent if now - t < ALERT_HOUR)
    return AlertBudget((*recent, now)[-ALERTS_PER_HOUR:], 0)


@dataclass(frozen=True, slots=True)
class AlertWords:
    off: bool
    label: str | None
    kind: AlertKind | None  # None with off: every alert (of the label)
    threshold: int | None


def split_alert_words(words: Sequence[str]) -> AlertWords | None:
    """`/alert [label] above|below|change N` or `/alert off [label] [above|below|change]`."""
    rest = list(words)
    off = bool(rest) and rest[0].lower() == "off"
    if off:
        rest = rest[1:]
    kinds = {k.value: k for k in AlertKind}
    kind_at = [i for i, w in enumerate(rest) if w.lower() in kinds]
    if len(kind_at) > 1:
        return None
    kind = kinds[rest[kind_at[0]].lower()] if kind_at else None
    if off:
        others = [w for i, w in enumerate(rest) if i not in kind_at]
        if len(others) > 1:
            return None
        return AlertWords(True, others[0] if others else None, kind, None)
    if kind is AlertKind.UNUSUAL:
        if kind_at[0] + 1 != len(rest) or kind_at[0] > 1:
            return None
        return AlertWords(False, rest[0] if kind_at[0] == 1 else None, kind, 0)
    if kind is None or kind_at[0] + 2 != len(rest) or kind_at[0] > 1:
        return None
    threshold = parse_typed_number(rest[-1], signed=True)
    if threshold is None or threshold == 0 or (kind is not AlertKind.CHANGE and threshold < 0):
        return None
    label = rest[0] if kind_at[0] == 1 else None
    return AlertWords(False, label, kind, threshold)
