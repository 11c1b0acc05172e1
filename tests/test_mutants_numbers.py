"""Rules of numbers pinned exactly where mutation testing found them loose: every refusal
gives its whole reason (the reason is what an admin reads in /status), with the text it read."""

from __future__ import annotations

import pytest

from bot.core.numbers import CountParseError, ParsedCount, parse_count


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("  ", "empty text"),
        ("members", "no digits"),
        ("1 and 2 and 3", "3 separate numbers, expected one"),
        ("2,000조", "count above 1,000,000,000,000,000 is not believable"),
        ("1" * 31, "number too long to be a count"),
        ("-5", "signed number is not a count"),
        (".5K", "number starts right after a separator (lost digits?)"),
        ("99+", "'N+' is a lower bound, not a count"),
        ("12%", "a percentage is not a count"),
        ("1.2345K", "more decimal places than the unit allows"),
        ("1.5억 2만", "decimals inside a multi-part Korean number"),
        ("1만 2억", "Korean number parts are out of order"),
        ("1만 0만", "Korean number parts are out of order"),  # the same unit twice
        ("1,234.567", "mixed separators in '1,234.567'; a count has no fraction part"),
        ("1,234.5'6K", 'mixed separators in "1,234.5\'6"; unclear decimal mark'),
        ("12,34", "'12,34' is not thousands grouping (and a count has no decimals)"),
        ("007", "leading zero in '007'"),
    ],
)
def test_each_refusal_says_exactly_why(text: str, reason: str) -> None:
    with pytest.raises(CountParseError) as info:
        parse_count(text)
    assert info.value.reason == reason
    assert info.value.text == text


def test_a_bad_term_inside_a_korean_compound_quotes_the_whole_text() -> None:
    with pytest.raises(CountParseError) as info:
        parse_count("1억 12,34만")
    assert info.value.text == "1억 12,34만"
    assert str(info.value) == (
        "'12,34' is not thousands grouping (and a count has no decimals): '1억 12,34만'"
    )


def test_latin_units_with_a_dot_read_as_without() -> None:
    assert parse_count("5 тыс.") == ParsedCount(5_000, approximate=True)
    assert parse_count("5 млн.") == ParsedCount(5_000_000, approximate=True)
    assert parse_count("5 млрд.") == ParsedCount(5_000_000_000, approximate=True)
    assert parse_count("5 Thousand") == ParsedCount(5_000, approximate=True)


def test_thirty_digits_are_read_and_refused_as_too_big_and_thirty_one_as_too_long() -> None:
    with pytest.raises(CountParseError) as info:
        parse_count("1" * 30)
    assert info.value.reason == "count above 1,000,000,000,000,000 is not believable"


def test_the_quoted_text_is_cut_to_eighty_characters() -> None:
    exactly = "x" * 80
    with pytest.raises(CountParseError) as info:
        parse_count(exactly)
    assert str(info.value) == f"no digits: {exactly!r}"
    longer = "x" * 81
    with pytest.raises(CountParseError) as info:
        parse_count(longer)
    assert str(info.value) == f"no digits: {'x' * 79 + '…'!r}"
