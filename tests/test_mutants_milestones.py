"""Milestone rules pinned exactly: the 1-2-5 steps, a source's own step, the stored mark."""

from __future__ import annotations

import json

import pytest

from bot.core.milestones import (
    MilestoneStep,
    after_value,
    milestone_at_or_below,
    parse_milestone_step,
    with_milestone_every,
)


@pytest.mark.parametrize(
    ("value", "milestone"),
    [
        (0, None),
        (-5, None),
        (1, 1),
        (2, 2),
        (4, 2),
        (5, 5),
        (9, 5),
        (10, 10),
        (19, 10),
        (20, 20),
        (99, 50),
        (100, 100),
        (199, 100),
        (200, 200),
        (248_000, 200_000),
        (499_999, 200_000),
        (500_000, 500_000),
        (999_999, 500_000),
        (1_000_000, 1_000_000),
    ],
)
def test_round_steps(value: int, milestone: int | None) -> None:
    assert milestone_at_or_below(value) == milestone


@pytest.mark.parametrize(
    ("value", "every", "milestone"),
    [
        (0, 1, None),
        (1, 1, 1),
        (99, 100, None),
        (100, 100, 100),
        (250, 100, 200),
        (299, 100, 200),
        (300, 100, 300),
        (7, 3, 6),
    ],
)
def test_own_step(value: int, every: int, milestone: int | None) -> None:
    result = milestone_at_or_below(value, every)
    assert result == milestone
    assert result is None or type(result) is int


def test_first_sample_sets_the_mark_silently() -> None:
    assert after_value(None, 248_000) == MilestoneStep(200_000, None)
    assert after_value(None, 0) == MilestoneStep(0, None)
    assert after_value(None, 250, 100) == MilestoneStep(200, None)


def test_crossing_announces_once() -> None:
    assert after_value(200_000, 499_999) == MilestoneStep(200_000, None)
    assert after_value(200_000, 500_000) == MilestoneStep(500_000, 500_000)
    assert after_value(500_000, 200_000) == MilestoneStep(500_000, None)  # a dip keeps the mark
    assert after_value(500_000, 500_001) == MilestoneStep(500_000, None)
    assert after_value(0, 1) == MilestoneStep(1, 1)
    assert after_value(0, 0) == MilestoneStep(0, None)
    assert after_value(200, 300, 100) == MilestoneStep(300, 300)
    assert after_value(200, 299, 100) == MilestoneStep(200, None)


def test_with_milestone_every_sets_and_removes() -> None:
    assert with_milestone_every("{}", 1000) == '{"milestone_every": 1000}'
    assert with_milestone_every("", 1000) == '{"milestone_every": 1000}'
    assert with_milestone_every("{}", None) == "{}"
    assert with_milestone_every('{"milestone_every": 5}', None) == "{}"
    assert with_milestone_every('{"milestone_every": 5}', 7) == '{"milestone_every": 7}'
    # Other keys stay, sorted, Korean kept as written.
    kept = with_milestone_every('{"z": 1, "이름": "배민", "a": 2}', 10)
    assert kept == '{"a": 2, "milestone_every": 10, "z": 1, "이름": "배민"}'
    assert json.loads(kept)["이름"] == "배민"
    # Unreadable or non-object options start afresh.
    assert with_milestone_every("not json", 3) == '{"milestone_every": 3}'
    assert with_milestone_every("[1, 2]", 3) == '{"milestone_every": 3}'
    assert with_milestone_every("[1, 2]", None) == "{}"


@pytest.mark.parametrize(
    ("word", "step"),
    [
        ("default", None),
        ("Default", None),
        ("DEFAULT", None),
        ("기본", None),
        ("1", 1),
        ("1000", 1000),
        ("1,000", 1000),
        ("10_000", 10_000),
        ("0", False),
        ("-5", False),
        ("abc", False),
        ("١٢", False),
        ("", False),
        ("1.5", False),
    ],
)
def test_parse_milestone_step(word: str, step: int | bool | None) -> None:
    result = parse_milestone_step(word)
    assert result == step
    assert type(result) is type(step)
