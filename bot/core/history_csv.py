"""History as CSV (`timestamp,count`, ISO-8601 with offset): parse and write, no I/O."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo

from bot.core.model import Sample

HEADER = ("timestamp", "count")


class CsvImportError(ValueError):
    """A malformed row; nothing from the file is imported."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def parse_history_csv(text: str) -> list[Sample]:
    """Every row as a Sample, or CsvImportError for the first bad row (with its line number)."""
    out: list[Sample] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if line == 1 and [c.strip().lower() for c in row] == list(HEADER):
            continue
        if len(row) != 2:
            raise CsvImportError(line, f"expected 2 columns (timestamp,count), got {len(row)}")
        raw_ts, raw_count = row[0].strip(), row[1].strip()
        try:
            ts = datetime.fromisoformat(raw_ts)
        except ValueError:
            raise CsvImportError(
                line,
                f"{raw_ts[:40]!r} is not an ISO-8601 timestamp (e.g. 2026-11-25T09:00:00+09:00)",
            ) from None
        if ts.tzinfo is None:
            raise CsvImportError(line, f"{raw_ts[:40]!r} has no UTC offset (add e.g. +09:00)")
        if not raw_count.isdigit():
            raise CsvImportError(line, f"{raw_count[:40]!r} is not a whole non-negative count")
        out.append(Sample(ts=ts.astimezone(UTC), value=int(raw_count)))
    return out


def history_csv_lines(samples: Iterable[Sample], tz: tzinfo) -> Iterator[str]:
    """The header, then one line per sample, timestamps in local time with their offset."""
    yield ",".join(HEADER) + "\n"
    for s in samples:
        yield f"{s.ts.astimezone(tz).isoformat()},{s.value}\n"
