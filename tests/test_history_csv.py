from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.history_csv import (
    CsvImportError,
    check_history_rows,
    history_csv_lines,
    latest_allowed,
    local_iso,
    parse_history_csv,
)
from bot.core.model import Sample


def test_parse_with_and_without_header() -> None:
    want = [Sample(datetime(2020, 9, 5, 0, 0, tzinfo=UTC), 198765)]
    assert parse_history_csv("timestamp,count\n2020-09-05T09:00:00+09:00,198765\n") == want
    assert parse_history_csv("\ufeff2020-09-05T00:00:00Z,198765\r\n\r\n") == want


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("timestamp,count\nyesterday,5\n", 2, "is not an ISO-8601 timestamp"),
        ("2020-09-05T09:00:00,5\n", 1, "has no UTC offset"),
        ("2020-09-05T09:00:00+09:00,1,234\n", 1, "expected 2 columns"),
        ("2020-09-05T09:00:00+09:00,-5\n", 1, "is not a whole non-negative count"),
        ("2020-09-05T09:00:00+09:00,12.5\n", 1, "is not a whole non-negative count"),
        ("2020-09-05T09:00:00+09:00,5\n2020-09-05T09:01:00+09:00,\n", 2, "not a whole"),
        ("2020-09-05T09:00:00+09:00,5\n2020-09-05T09:01:00+09:00,\u00b2\n", 2, "digits 0-9"),
        ("2020-09-05T09:00:00+09:00,\u0663\n", 1, "digits 0-9"),
        ("2020-09-05T09:00:00+09:00,1000000000000001\n", 1, "above 1,000,000,000,000,000"),
        ("2020-09-05T09:00:00+09:00," + "9" * 5000 + "\n", 1, "not a believable count"),
        ("0001-01-01T00:00:00+09:00,5\n", 1, "outside the years 1 to 9999"),
        ("9999-12-31T23:59:59-09:00,5\n", 1, "outside the years 1 to 9999"),
    ],
)
def test_bad_rows_name_their_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(text)
    assert caught.value.line == line
    assert reason in str(caught.value)


def test_export_uses_local_offset() -> None:
    rows = [Sample(datetime(2020, 9, 5, 0, 0, tzinfo=UTC), 7)]
    assert list(history_csv_lines(rows, ZoneInfo("Asia/Seoul"))) == [
        "timestamp,count\n",
        "2020-09-05T09:00:00+09:00,7\n",
    ]


def test_every_bad_row_is_named_and_the_good_ones_pass() -> None:
    text = (
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,5\n"
        "2020-09-05T09:01:00+09:00,\u00b2\n"
        "0001-01-01T00:00:00+09:00,7\n"
        "2020-09-05T09:03:00+09:00,9\n"
        "2020-09-05T09:04:00+09:00,99999999999999999999\n"
    )
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(text)
    assert [line for line, _ in caught.value.problems] == [3, 4, 6]
    assert str(caught.value).splitlines()[0].startswith("line 3: ")
    assert parse_history_csv("2020-09-05T09:00:00+09:00,1000000000000000\n")[0].value == 10**15


def test_many_bad_rows_are_counted_past_the_first_twenty() -> None:
    text = "".join(f"x{i},1\n" for i in range(25))
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(text)
    lines = str(caught.value).splitlines()
    assert len(lines) == 21 and lines[-1] == "... and 5 more bad rows"


def test_an_oversized_field_is_an_answer_not_a_traceback() -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv('"' + "1" * 200_000 + '",5\n')
    assert "unreadable CSV" in caught.value.reason


def test_checking_a_file_counts_its_good_rows_and_keeps_only_the_first_twenty_bad() -> None:
    good = [f"2020-09-05T09:{m:02d}:00+09:00,{m}\n" for m in range(3)]
    assert check_history_rows(["timestamp,count\n", *good]) == 3
    bad = [f"x{i},1\n" for i in range(25)]
    with pytest.raises(CsvImportError) as caught:
        check_history_rows([*good, *bad])
    assert len(caught.value.problems) == 20
    assert caught.value.total == 25
    assert caught.value.line == 4
    assert str(caught.value).splitlines()[-1] == "... and 5 more bad rows"


def test_a_row_after_the_next_sample_is_from_the_future() -> None:
    now = datetime(2020, 9, 5, 0, 0, tzinfo=UTC)
    limit = latest_allowed(now, 300)
    assert limit == datetime(2020, 9, 5, 0, 5, tzinfo=UTC)
    assert check_history_rows(["2020-09-05T09:05:00+09:00,1\n"], not_after=limit) == 1
    with pytest.raises(CsvImportError) as caught:
        check_history_rows(["2020-09-05T09:05:01+09:00,1\n"], not_after=limit)
    assert caught.value.reason == (
        "'2020-09-05T09:05:01+09:00' is in the future (after 2020-09-05 00:05 UTC)"
    )


def test_exactly_twenty_bad_rows_are_all_listed_with_nothing_more() -> None:
    text = "".join(f"x{i},1\n" for i in range(20))
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(text)
    assert len(str(caught.value).splitlines()) == 20


NOT_A_TIME = "2020-09-05T09:00:00+09:00" + "x" * 30
NAIVE = "2020-09-05T09:00:00." + "0" * 24  # 44 characters, no offset
PAST_9999 = "9999-12-31T23:59:59.999999" + "0" * 12 + "-09:00"
NOT_DIGITS = "1" * 45 + "x"
TOO_MANY = "9" * 45


@pytest.mark.parametrize(
    ("row", "quoted"),
    [
        (f"{NOT_A_TIME},5", NOT_A_TIME),
        (f"{NAIVE},5", NAIVE),
        (f"{PAST_9999},5", PAST_9999),
        (f"2020-09-05T09:00:00+09:00,{NOT_DIGITS}", NOT_DIGITS),
        (f"2020-09-05T09:00:00+09:00,{TOO_MANY}", TOO_MANY),
    ],
)
def test_a_bad_value_is_quoted_to_forty_characters(row: str, quoted: str) -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(row + "\n")
    assert len(quoted) > 40
    assert caught.value.reason.startswith(repr(quoted[:40]) + " ")


def test_a_future_row_is_quoted_to_forty_characters_and_the_rows_after_it_are_read() -> None:
    limit = datetime(2020, 9, 5, tzinfo=UTC)
    late = "2030-09-05T09:00:00.000000000000000000+09:00"
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv(f"{late},1\n{late},2\n", not_after=limit)
    assert [line for line, _ in caught.value.problems] == [1, 2]
    assert caught.value.reason.startswith(repr(late[:40]) + " is in the future")


def test_blank_rows_are_skipped_and_the_rows_after_them_read() -> None:
    text = "2020-09-05T09:00:00+09:00,5\n\n , \n2020-09-05T09:01:00+09:00,6\n"
    assert [s.value for s in parse_history_csv(text)] == [5, 6]


def test_only_a_byte_order_mark_on_the_first_line_is_dropped() -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv("2020-09-05T09:00:00+09:00,5\n\ufeff2020-09-05T09:01:00+09:00,6\n")
    assert caught.value.line == 2
    with pytest.raises(CsvImportError) as caught:
        parse_history_csv("X2020-09-05T09:00:00+09:00,5\n")
    assert caught.value.reason.startswith("'X2020")


def test_times_are_utc_whatever_the_machines_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    try:
        (sample,) = parse_history_csv("2020-09-05T09:00:00+09:00,5\n")
        assert sample.ts.utcoffset() == timedelta(0)
        at_the_edge = datetime(9999, 12, 31, 20, tzinfo=UTC)
        assert local_iso(at_the_edge, ZoneInfo("Asia/Seoul")) == "9999-12-31T20:00:00+00:00"
    finally:
        monkeypatch.undo()
        time.tzset()
