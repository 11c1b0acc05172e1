"""Rules of compare pinned exactly where mutation testing found them loose."""

from __future__ import annotations

from bot.core.compare import COMPARE_MAX_SOURCES, Choice, Chosen, Tracked, choose


def test_exactly_as_many_as_shown_are_all_of_them() -> None:
    four = [Tracked(label, subscribers=1, count=10) for label in "abcd"]
    assert COMPARE_MAX_SOURCES == 4
    assert choose(four) == Choice(("a", "b", "c", "d"), Chosen.ALL, 0)


def test_one_subscriber_is_followed() -> None:
    tracked = [
        Tracked("a", 0, 900),
        Tracked("b", 1, 10),
        Tracked("c", 0, 800),
        Tracked("d", 0, 700),
        Tracked("e", 0, 600),
    ]
    assert choose(tracked, most=2) == Choice(("a", "b"), Chosen.MOST_FOLLOWED, 3)


def test_equals_keep_tracked_order() -> None:
    tracked = [Tracked(label, subscribers=2, count=50) for label in "edcba"]
    assert choose(tracked, most=2) == Choice(("e", "d"), Chosen.MOST_FOLLOWED, 3)
