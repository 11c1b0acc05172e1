"""History as CSV (`timestamp,count`, ISO-8601 with offset): parse and write, no I/O."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo

from bot.core.model import Sample
from bot.core.numbers import MAX_COUNT

HEADER = ("timestamp", "count")
MAX_REPORTED = 20  # problems listed one by one; the rest are counted
_ASCII_DIGITS = re.compile(r"[0-9]+")  # str.isdigit() also takes "²" and "٣", int() not all


class CsvImportError(ValueError):
    """Malformed rows; nothing from the file is imported. `line`/`reason` are the first one,
    `problems` every one found (line number, reason)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        assert problems
        self.problems = problems
        self.line, self.reason = problems[0]
        shown = [f"line {line}: {reason}" for line, reason in problems[:MAX_REPORTED]]
        if len(problems) > MAX_REPORTED:
            shown.append(f"... and {len(problems) - MAX_REPORTED} more bad rows")
        super().__init__("\n".join(shown))


def parse_row(row: list[str]) -> Sample:
    """One data row as a Sample; ValueError with a reason a person can act on."""
    if len(row) != 2:
        raise ValueError(f"expected 2 columns (timestamp,count), got {len(row)}")
    raw_ts, raw_count = row[0].strip(), row[1].strip()
    try:
        ts = datetime.fromisoformat(raw_ts)
    except ValueError:
        raise ValueError(
            f"{raw_ts[:40]!r} is not an ISO-8601 timestamp (e.g. 2026-11-25T09:00:00+09:00)"
        ) from None
    if ts.tzinfo is None:
        raise ValueError(f"{raw_ts[:40]!r} has no UTC offset (add e.g. +09:00)")
    try:
        at = ts.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{raw_ts[:40]!r} is outside the years 1 to 9999 in UTC") from None
    if not _ASCII_DIGITS.fullmatch(raw_count):
        raise ValueError(f"{raw_count[:40]!r} is not a whole non-negative count (digits 0-9)")
    if len(raw_count) > len(str(MAX_COUNT)) or int(raw_count) > MAX_COUNT:
        raise ValueError(f"{raw_count[:40]!r} is above {MAX_COUNT:,}, not a believable count")
    return Sample(ts=at, value=int(raw_count))


def parse_history_csv(text: str) -> list[Sample]:
    """Every row as a Sample, or CsvImportError naming every bad row by its line number."""
    out: list[Sample] = []
    problems: list[tuple[int, str]] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field over the csv module's size limit
            problems.append((reader.line_num, f"unreadable CSV ({exc})"))
            break
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if line == 1 and [c.strip().lower() for c in row] == list(HEADER):
            continue
        try:
            out.append(parse_row(row))
        except ValueError as exc:
            problems.append((line, str(exc)))
    if problems:
        raise CsvImportError(problems)
    return out


def history_csv_lines(samples: Iterable[Sample], tz: tzinfo) -> Iterator[str]:
    """The header, then one line per sample, timestamps in local time with their offset."""
    yield ",".join(HEADER) + "\n"
    for s in samples:
        yield f"{s.ts.astimezone(tz).isoformat()},{s.value}\n"
