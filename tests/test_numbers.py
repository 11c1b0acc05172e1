"""Table tests for bot.core.numbers.parse_count: the one place every source's count text is read."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.numbers import MAX_COUNT, CountParseError, ParsedCount, parse_count

NBSP = "\u00a0"
NNBSP = "\u202f"
THIN = "\u2009"

# (text, value, approximate)
GOOD: list[tuple[str, int, bool]] = [
    # plain integers
    ("0", 0, False),
    ("7", 7, False),
    ("999", 999, False),
    ("1234", 1234, False),
    ("198765", 198765, False),
    ("10612280", 10612280, False),
    # comma groups -- every comma, not just the first
    ("198,765", 198765, False),
    ("1,234", 1234, False),
    ("1,000", 1000, False),
    ("1,234,567", 1234567, False),
    ("12,345,678", 12345678, False),
    ("1,000,000,000", 1000000000, False),
    ("999,999,999,999", 999999999999, False),
    # dot groups
    ("1.234", 1234, False),
    ("12.345", 12345, False),
    ("1.234.567", 1234567, False),
    ("100.000.000", 100000000, False),
    # space groups, including the non-breaking spaces pages actually use
    ("10 612 280", 10612280, False),
    ("1 234", 1234, False),
    (f"10{NBSP}612{NBSP}280", 10612280, False),
    (f"1{NNBSP}234{NNBSP}567", 1234567, False),
    (f"1{THIN}234{THIN}567", 1234567, False),
    ("1\u2007234", 1234, False),  # figure space
    # apostrophe groups
    ("1'234'567", 1234567, False),
    ("1'234", 1234, False),
    ("1\u2019234\u2019567", 1234567, False),  # typographic apostrophe
    # K/M/B suffixes, any case, with or without a space
    ("10.6M", 10600000, True),
    ("10.6m", 10600000, True),
    ("10.6 M", 10600000, True),
    ("1.1K", 1100, True),
    ("1.1k", 1100, True),
    ("1.1 K", 1100, True),
    ("1K", 1000, True),
    ("2B", 2000000000, True),
    ("2b", 2000000000, True),
    ("2 B", 2000000000, True),
    ("1.25B", 1250000000, True),
    ("999K", 999000, True),
    ("0.5K", 500, True),
    ("1,5M", 1500000, True),  # decimal comma
    ("10,6M", 10600000, True),
    ("1.234M", 1234000, True),  # lone separator + unit = decimal
    ("1,234M", 1234000, True),
    ("1,234.5K", 1234500, True),
    ("1.234,5K", 1234500, True),
    ("1 234,5K", 1234500, True),
    ("1,234,567K", 1234567000, True),
    ("1.5 million", 1500000, True),
    ("2 millions", 2000000, True),
    ("3 thousand", 3000, True),
    ("1.2 billion", 1200000000, True),
    ("1 Thousand", 1000, True),
    # Russian unit words
    ("10 тысяч подписчиков", 10000, True),
    ("1,2 тыс. подписчиков", 1200, True),
    ("10,6 млн подписчиков", 10600000, True),
    ("1,5 млрд", 1500000000, True),
    ("2 миллиона", 2000000, True),
    # Korean units
    ("3천", 3000, True),
    ("12.3만", 123000, True),
    ("1만", 10000, True),
    ("100만", 1000000, True),
    ("1억", 100000000, True),
    ("2.5억", 250000000, True),
    ("1조", 10**12, True),
    ("5백", 500, True),
    ("2천만", 20000000, True),
    ("3백만", 3000000, True),
    ("12,345만", 123450000, True),  # comma always groups before a Korean unit
    ("2,345만", 23450000, True),
    ("1,234.5만", 12345000, True),
    ("12 만", 120000, True),
    ("1억 2,345만", 123450000, True),
    ("1억2345만", 123450000, True),
    ("1억 2천만", 120000000, True),
    ("1억 5천", 100005000, True),
    ("1만 2천", 12000, True),
    ("1만 2천 500", 12500, False),
    ("3천5백", 3500, True),
    ("1억 2345만 6789", 123456789, False),
    ("1조 2억", 1000200000000, True),
    ("12.3만명", 123000, True),
    ("구독자 12.3만명", 123000, True),
    ("친구 198,765명", 198765, False),
    ("198,765명", 198765, False),
    ("친구198,765", 198765, False),
    ("구독자 1억 2,345만 명", 123450000, True),
    ("3천원", 3000, True),
    # surrounding words
    ("10 612 280 subscribers", 10612280, False),
    ("Subscribers: 1,234", 1234, False),
    ("Subscribers: 1,234.", 1234, False),
    ("1.2K members", 1200, True),
    ("1.2K subscribers", 1200, True),
    ("5 members", 5, False),
    ("3 Bytes of fame", 3, False),  # "B" running into a word is not a unit
    ("10,6M подписчиков", 10600000, True),
    ("10 612 280 подписчиков", 10612280, False),
    ("  1,234  ", 1234, False),
    ("\n\t1,234\n", 1234, False),
    ("(1,234)", 1234, False),
    ("Channel — 1,234 subscribers", 1234, False),
    ("'1,234'", 1234, False),
    ("1,234subscribers", 1234, False),
    # invisible formatting characters and non-ASCII digits
    ("\u200e10.6M", 10600000, True),
    ("1\u200b234", 1234, False),
    ("\ufeff198,765", 198765, False),
    ("１２３", 123, False),
    ("١٢٣", 123, False),
    # limits
    ("1,000,000,000,000,000", MAX_COUNT, False),
    ("1000000000000000", MAX_COUNT, False),
    ("1000조", MAX_COUNT, True),
    ("1000000B", MAX_COUNT, True),
]

# (text, a fragment the error message must contain)
BAD: list[tuple[str, str]] = [
    # nothing to read
    ("", "empty"),
    ("   ", "empty"),
    (NBSP, "empty"),
    ("subscribers", "no digits"),
    ("구독자", "no digits"),
    ("K", "no digits"),
    ("-", "no digits"),
    # more than one number
    ("12 photos 34 videos", "separate numbers"),
    ("1,234 / 5,678", "separate numbers"),
    ("10.6M subscribers 1.1K photos", "separate numbers"),
    ("2K 3K", "separate numbers"),
    ("1M 200K", "separate numbers"),
    ("1  234", "separate numbers"),  # two spaces is not a group separator
    ("1, 234", "separate numbers"),
    ("12:34", "separate numbers"),
    ("2024-01-01", "separate numbers"),
    ("v2: 1,234", "separate numbers"),
    ("v2 1,234", "mixed separators"),
    ("1억 2K", "separate numbers"),
    ("5 1.2만", "thousands"),
    # not thousands groups and no unit: could be a decimal, or several numbers
    ("1,5", "thousands"),
    ("1.5", "thousands"),
    ("12,34", "thousands"),
    ("1,2345", "thousands"),
    ("1.2345", "thousands"),
    ("1234,567", "thousands"),
    ("1234.567", "thousands"),
    ("10 61 280", "thousands"),
    ("10 6120 280", "thousands"),
    ("1 5", "thousands"),
    ("2024 3만", "thousands"),
    ("12,34,567", "thousands"),  # Indian grouping is not supported
    ("1,234,5K", "thousands"),
    ("12,3만", "thousands"),
    # mixed separators without a unit: a fractional count
    ("1,234.5", "mixed separators"),
    ("1.234,5", "mixed separators"),
    ("1 234,567", "mixed separators"),
    ("1,234 567", "mixed separators"),
    ("1,234.567.8K", "mixed separators"),
    ("1 234.567,5K", "mixed separators"),
    # more decimals than the unit can carry
    ("1.2345K", "decimal places"),
    ("0.0000001M", "decimal places"),
    ("1.23456만", "decimal places"),
    # signs, lower bounds, percentages, dangling separators
    ("-5", "signed"),
    ("-1,234", "signed"),
    ("\u22121,234", "signed"),
    ("+1,234", "signed"),
    ("–10.6M", "signed"),
    (".5K", "separator"),
    (",5M", "separator"),
    ("99+", "lower bound"),
    ("10K+ members", "lower bound"),
    ("12%", "percentage"),
    # leading zeros
    ("007", "leading zero"),
    ("0,123", "leading zero"),
    ("01.5K", "leading zero"),
    # Korean compounds that are not one number
    ("1만 2천만", "out of order"),
    ("1억 12,345만", "out of order"),
    ("3천 5천", "out of order"),
    ("1만 10000", "out of order"),
    ("12.3만 5", "decimals inside"),
    ("1억 2.5천만", "decimals inside"),
    # absurd sizes
    ("1,000,000,000,000,001", "not believable"),
    ("9" * 20, "not believable"),
    ("1001조", "not believable"),
    ("1경", "not believable"),
    ("1" * 5000, "too long"),
]


@pytest.mark.parametrize(("text", "value", "approximate"), GOOD)
def test_parses(text: str, value: int, approximate: bool) -> None:
    assert parse_count(text) == ParsedCount(value=value, approximate=approximate)


@pytest.mark.parametrize(("text", "fragment"), BAD)
def test_rejects(text: str, fragment: str) -> None:
    with pytest.raises(CountParseError) as info:
        parse_count(text)
    assert fragment in str(info.value)
    assert info.value.text == text
    assert isinstance(info.value, ValueError)


def test_tables_have_no_duplicates() -> None:
    good = [text for text, _, _ in GOOD]
    bad = [text for text, _ in BAD]
    assert len(set(good)) == len(good)
    assert not set(good) & set(bad)


def test_error_message_quotes_text_truncated() -> None:
    text = "1,234 and 5,678 " + "x" * 200
    with pytest.raises(CountParseError) as info:
        parse_count(text)
    message = str(info.value)
    assert "1,234 and 5,678" in message
    assert "x" * 200 not in message
    assert len(message) < 160
    assert info.value.text == text  # the attribute keeps it whole


def test_parsed_count_is_frozen() -> None:
    parsed = parse_count("1,234")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.value = 5  # type: ignore[misc]


def test_decimal_is_exact_not_float() -> None:
    # float(12.3) * 10_000 == 123000.00000000001; the parser must not go near floats.
    assert parse_count("12.3만").value == 123000
    assert parse_count("10.6M").value == 10600000
    assert parse_count("0.29K").value == 290
    assert parse_count("4.35B").value == 4350000000


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


SEPARATORS = [",", ".", " ", NBSP, NNBSP, THIN, "'"]


@given(n=st.integers(min_value=0, max_value=10**12), sep=st.sampled_from(SEPARATORS))
def test_grouped_integers_round_trip(n: int, sep: str) -> None:
    assert parse_count(_grouped(n, sep)) == ParsedCount(value=n, approximate=False)


@given(n=st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip_with_words(n: int) -> None:
    assert parse_count(f"Subscribers: {n:,}") == ParsedCount(n, False)
    assert parse_count(f"{_grouped(n, NBSP)} subscribers") == ParsedCount(n, False)
    assert parse_count(f"친구 {n:,}명") == ParsedCount(n, False)


@given(n=st.integers(min_value=1, max_value=10**12))
def test_plain_integers_round_trip(n: int) -> None:
    assert parse_count(str(n)) == ParsedCount(n, False)


@given(
    whole=st.integers(min_value=0, max_value=999),
    tenths=st.integers(min_value=0, max_value=9),
    unit=st.sampled_from([("K", 10**3), ("M", 10**6), ("B", 10**9), ("만", 10**4)]),
)
def test_one_decimal_with_unit_is_exact(whole: int, tenths: int, unit: tuple[str, int]) -> None:
    suffix, scale = unit
    expected = (whole * 10 + tenths) * scale // 10
    assert parse_count(f"{whole}.{tenths}{suffix}") == ParsedCount(expected, True)
    if suffix != "만":  # Korean numbers never use a decimal comma
        assert parse_count(f"{whole},{tenths}{suffix}") == ParsedCount(expected, True)


@given(st.text(max_size=40))
def test_never_crashes_with_anything_but_count_parse_error(text: str) -> None:
    try:
        parsed = parse_count(text)
    except CountParseError:
        return
    assert 0 <= parsed.value <= MAX_COUNT
