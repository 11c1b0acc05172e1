"""History as CSV (`timestamp,count`, ISO-8601 with offset): parse and write, no I/O."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo

from bot.core.model import Sample
from bot.core.numbers import MAX_COUNT

HEADER = ("timestamp", "count")
MAX_REPORTED = 20  # problems listed one by one; the rest are counted
_ASCII_DIGITS = re.compile(r"[0-9]+")  # str.isdigit() also takes "²" and "٣", int() not all


class CsvImportError(ValueError):
    """Malformed rows; nothing from the file is imported. `line`/`reason` are the first one,
    `problems` every one found (line number, reason)."""

    def __init__(self, problems: list[tuple[int, str]], total: int | None = None) -> None:
        """`problems` may be only the first few of `total` (a streamed file keeps no more)."""
        assert problems
        self.problems = problems
        self.total = max(total or 0, len(problems))
        self.line, self.reason = problems[0]
        shown = [f"line {line}: {reason}" for line, reason in problems[:MAX_REPORTED]]
        if self.total > MAX_REPORTED:
            shown.append(f"... and {self.total - MAX_REPORTED} more bad rows")
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


def history_rows(
    lines: Iterable[str], *, not_after: datetime | None = None
) -> Iterator[Sample | tuple[int, str]]:
    """Each data row of a CSV as a Sample, or (line number, reason) for a bad one, one at a
    time: a file of any size is read in constant memory. A row dated past `not_after` (the next
    sample's time) is bad: history cannot come from the future."""
    first = True

    def unbommed() -> Iterator[str]:
        nonlocal first
        for line in lines:
            if first:
                first = False
                line = line.lstrip("\ufeff")
            yield line

    reader = csv.reader(unbommed())
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field over the csv module's size limit
            yield (reader.line_num, f"unreadable CSV ({exc})")
            return
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if line == 1 and [c.strip().lower() for c in row] == list(HEADER):
            continue
        try:
            sample = parse_row(row)
        except ValueError as exc:
            yield (line, str(exc))
            continue
        if not_after is not None and sample.ts > not_after:
            yield (
                line,
                f"{row[0].strip()[:40]!r} is in the future (after {not_after:%Y-%m-%d %H:%M} UTC)",
            )
            continue
        yield sample


def check_history_rows(lines: Iterable[str], *, not_after: datetime | None = None) -> int:
    """How many good rows there are, or CsvImportError naming the first bad ones and counting
    the rest (only MAX_REPORTED are kept: memory stays flat whatever the file)."""
    good = 0
    problems: list[tuple[int, str]] = []
    bad = 0
    for row in history_rows(lines, not_after=not_after):
        if isinstance(row, Sample):
            good += 1
        else:
            bad += 1
            if len(problems) < MAX_REPORTED:
                problems.append(row)
    if problems:
        raise CsvImportError(problems, bad)
    return good


def parse_history_csv(text: str, *, not_after: datetime | None = None) -> list[Sample]:
    """Every row as a Sample, or CsvImportError naming every bad row by its line number."""
    out: list[Sample] = []
    problems: list[tuple[int, str]] = []
    for row in history_rows(io.StringIO(text), not_after=not_after):
        if isinstance(row, Sample):
            out.append(row)
        else:
            problems.append(row)
    if problems:
        raise CsvImportError(problems)
    return out


def latest_allowed(now: datetime, interval_seconds: int) -> datetime:
    """The last moment an imported row may carry: the next sample's time."""
    return now + timedelta(seconds=interval_seconds)


def history_csv_lines(samples: Iterable[Sample], tz: tzinfo) -> Iterator[str]:
    """The header, then one line per sample, timestamps in local time with their offset."""
    yield ",".join(HEADER) + "\n"
    for s in samples:
        yield f"{local_iso(s.ts, tz)},{s.value}\n"


def local_iso(at: datetime, tz: tzinfo) -> str:
    """`at` in local time with its offset; in UTC where local time would leave year 9999 (a row
    stored before imports refused such dates must not stop an export)."""
    try:
        return at.astimezone(tz).isoformat()
    except OverflowError:
        return at.astimezone(UTC).isoformat()
