"""Rules of chat_numbers pinned exactly where mutation testing found them loose."""

from __future__ import annotations

import pytest

from bot.core.chat_numbers import parse_typed_number


@pytest.mark.parametrize("word", ["1.0", "250000.00", "-5.0"])
def test_a_whole_decimal_without_a_unit_is_not_a_count(word: str) -> None:
    """`1.0` is refused like `1.5`: decimals belong to units (`1.2만`), never to bare counts."""
    assert parse_typed_number(word, signed=True) is None


def test_units_and_surroundings() -> None:
    assert parse_typed_number(" 25만 ") == 250_000
    assert parse_typed_number("1.0만") == 10_000
    assert parse_typed_number("2m") == 2_000_000
    assert parse_typed_number("3천") == 3_000
    assert parse_typed_number("10people") == 10
