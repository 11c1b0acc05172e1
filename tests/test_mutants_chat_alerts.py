"""/alert rules pinned exactly: margins before re-arming, the step per value, the words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.chat_alerts import (
    ALERT_HOUR,
    REARM_AT_LEAST,
    AlertBudget,
    AlertKind,
    AlertStep,
    AlertWords,
    ChatAlert,
    after_value,
    back_past,
    beyond,
    rearm_margin,
    sent_one,
    split_alert_words,
)

ABOVE, BELOW, CHANGE = AlertKind.ABOVE, AlertKind.BELOW, AlertKind.CHANGE


def test_kind_words() -> None:
    assert [k.value for k in AlertKind] == ["above", "below", "change", "unusual"]


@pytest.mark.parametrize(
    ("kind", "threshold", "value", "crossed"),
    [
        (CHANGE, 1, 1, True),
        (CHANGE, 1, 0, False),
        (CHANGE, 1, -5, False),
        (CHANGE, -1, -1, True),
        (CHANGE, -1, 0, False),
        (CHANGE, -1, 5, False),
        (ABOVE, -3, -3, True),
        (BELOW, 3, 4, False),
    ],
)
def test_beyond_edges(kind: AlertKind, threshold: int, value: int, crossed: bool) -> None:
    assert beyond(kind, threshold, value) is crossed


@pytest.mark.parametrize(
    ("kind", "threshold", "margin"),
    [
        (ABOVE, 1000, 2),  # 0.1 % of 1,000 is 1: the floor of 2 wins
        (ABOVE, 2001, 3),  # 2.001 rounds up
        (BELOW, 2000, 2),
        (ABOVE, 250_000, 250),
        (BELOW, 250_000, 250),
        (CHANGE, 50, 5),
        (CHANGE, -50, 5),
        (CHANGE, 51, 6),
        (CHANGE, 10, 2),
        (CHANGE, 30, 3),
        (CHANGE, 1, 2),
    ],
)
def test_rearm_margin(kind: AlertKind, threshold: int, margin: int) -> None:
    assert REARM_AT_LEAST == 2
    assert rearm_margin(kind, threshold) == margin


@pytest.mark.parametrize(
    ("kind", "threshold", "value", "back"),
    [
        (ABOVE, 1000, 998, True),
        (ABOVE, 1000, 999, False),
        (ABOVE, 1000, 1002, False),
        (BELOW, 1000, 1002, True),
        (BELOW, 1000, 1001, False),
        (BELOW, 1000, 998, False),
        (CHANGE, 50, 45, True),
        (CHANGE, 50, 46, False),
        (CHANGE, -50, -45, True),
        (CHANGE, -50, -46, False),
        (CHANGE, 1, -1, True),  # upward: the smallest rise alert re-arms only at -1
        (CHANGE, 1, 3, False),
        (CHANGE, -1, 1, True),
        (CHANGE, -1, -3, False),
    ],
)
def test_back_past(kind: AlertKind, threshold: int, value: int, back: bool) -> None:
    assert back_past(kind, threshold, value) is back


def alert(kind: AlertKind, threshold: int, *, armed: bool) -> ChatAlert:
    return ChatAlert(1, 2, kind, threshold, armed, "en")


def test_after_value_steps() -> None:
    assert after_value(alert(ABOVE, 100, armed=True), None) == AlertStep(True, False)
    assert after_value(alert(ABOVE, 100, armed=False), None) == AlertStep(False, False)
    assert after_value(alert(ABOVE, 100, armed=True), 100) == AlertStep(False, True)
    assert after_value(alert(ABOVE, 100, armed=True), 99) == AlertStep(True, False)
    # Disarmed: never fires, re-arms only back past the margin.
    assert after_value(alert(ABOVE, 100, armed=False), 150) == AlertStep(False, False)
    assert after_value(alert(ABOVE, 100, armed=False), 99) == AlertStep(False, False)
    assert after_value(alert(ABOVE, 100, armed=False), 98) == AlertStep(True, False)
    assert after_value(alert(CHANGE, -50, armed=True), -50) == AlertStep(False, True)
    assert after_value(alert(CHANGE, -50, armed=False), -45) == AlertStep(True, False)


@pytest.mark.parametrize(
    ("words", "parsed"),
    [
        ([], None),
        (["off"], AlertWords(True, None, None, None)),
        (["Off"], AlertWords(True, None, None, None)),
        (["off", "kakao"], AlertWords(True, "kakao", None, None)),
        (["off", "kakao", "Above"], AlertWords(True, "kakao", ABOVE, None)),
        (["off", "below", "kakao"], AlertWords(True, "kakao", BELOW, None)),
        (["off", "change"], AlertWords(True, None, CHANGE, None)),
        (["off", "a", "b"], None),
        (["off", "above", "below"], None),
        (["above", "1000"], AlertWords(False, None, ABOVE, 1000)),
        (["ABOVE", "1,000"], AlertWords(False, None, ABOVE, 1000)),
        (["kakao", "below", "5"], AlertWords(False, "kakao", BELOW, 5)),
        (["kakao", "change", "-50"], AlertWords(False, "kakao", CHANGE, -50)),
        (["change", "+50"], AlertWords(False, None, CHANGE, 50)),
        (["kakao", "x", "above", "5"], None),
        (["above"], None),
        (["kakao"], None),
        (["kakao", "5"], None),
        (["above", "5", "6"], None),
        (["above", "below", "5"], None),
        (["above", "-5"], None),
        (["below", "-5"], None),
        (["above", "0"], None),
        (["change", "0"], None),
        (["above", "abc"], None),
        (["5", "above"], None),
    ],
)
def test_split_alert_words(words: list[str], parsed: AlertWords | None) -> None:
    assert split_alert_words(words) == parsed


def test_a_message_sent_an_hour_ago_has_left_the_budget() -> None:
    t0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    budget = AlertBudget((t0, t0 + timedelta(minutes=1)), held=3)
    later = sent_one(budget, t0 + ALERT_HOUR)
    assert later == AlertBudget((t0 + timedelta(minutes=1), t0 + ALERT_HOUR), 0)
