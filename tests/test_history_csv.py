from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.history_csv import CsvImportError, history_csv_lines, parse_history_csv
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
