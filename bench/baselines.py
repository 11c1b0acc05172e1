"""The seed's ways, measured beside ours in the same run.

The seed (a Node.js page, 2020) found "the sample nearest to 24 h ago" by looking at every
sample, drew every sample it had, and kept samples in a plain table with text timestamps. These
are the same ideas on SQLite, kept here rather than in storage/ because the bot never uses them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import aiosqlite
from selectolax.lexbor import LexborHTMLParser

from bot.core.facts import NowFacts
from bot.core.model import ChartLine, ChartPoint, Failure, Reading, Sample, Source
from bot.core.numbers import parse_count
from bot.core.ranges import ChartRange
from bot.core.reasons import Reason
from bot.core.stats import DAY, RATE_WINDOW, REFERENCE_TOLERANCE, local_midnight
from bot.sources.web import extract_count
from storage.samples import from_ts, to_ts

NAIVE_NOW = "seed: every lookup scans all samples (ORDER BY abs(ts - target))"
NAIVE_CHART = "seed: every sample in the range is fetched and plotted"
PLAIN_TABLE = "seed: rowid table, ISO-8601 text timestamps"


async def _nearest_by_scan(
    db: aiosqlite.Connection, source_id: int, target: datetime, *, lo: int, hi: int
) -> Sample | None:
    """The sample nearest to `target` within [lo, hi], found by looking at every sample."""
    async with db.execute(
        "SELECT ts, value FROM samples WHERE source_id = ? AND flags & 2 = 0 "
        "AND +ts BETWEEN ? AND ? ORDER BY abs(ts - ?), ts LIMIT 1",
        (source_id, lo, hi, to_ts(target)),
    ) as cur:
        row = await cur.fetchone()
    return Sample(from_ts(row[0]), row[1]) if row else None


async def naive_gather_now(
    db: aiosqlite.Connection, source: Source, now: datetime, tz: tzinfo
) -> NowFacts:
    """What bot.services.facts.gather_now answers, the seed's way: a full scan per lookup.

    (`+ts` keeps SQLite from using the primary key, as the seed's unindexed table could not.)
    """
    async with db.execute(
        "SELECT ts, value FROM samples WHERE source_id = ? AND flags & 2 = 0 "
        "ORDER BY +ts DESC LIMIT 1",
        (source.id,),
    ) as cur:
        row = await cur.fetchone()
    latest = Sample(from_ts(row[0]), row[1]) if row else None
    day_ago = midnight = rate_from = None
    if latest is not None:
        t = latest.ts - DAY
        tol = int(REFERENCE_TOLERANCE.total_seconds())
        day_ago = await _nearest_by_scan(db, source.id, t, lo=to_ts(t) - tol, hi=to_ts(t) + tol)
        m = local_midnight(now, tz)
        midnight = await _nearest_by_scan(db, source.id, m, lo=to_ts(m), hi=2**62)
        r = latest.ts - RATE_WINDOW
        rate_from = await _nearest_by_scan(db, source.id, r, lo=to_ts(r), hi=to_ts(latest.ts) - 1)
    return NowFacts(source, now, latest, day_ago, midnight, rate_from, ())


async def naive_gather_chart(
    db: aiosqlite.Connection, source: Source, chart_range: ChartRange, now: datetime
) -> list[ChartLine]:
    """Every good sample of the range as a point, as the seed's Chart.js page drew them."""
    async with db.execute(
        "SELECT min(ts) FROM samples WHERE source_id = ? AND flags & 2 = 0", (source.id,)
    ) as cur:
        row = await cur.fetchone()
    if row is None or row[0] is None:
        return []
    start = chart_range.start(now, from_ts(row[0]))
    async with db.execute(
        "SELECT ts, value FROM samples WHERE source_id = ? AND ts >= ? AND ts < ? "
        "AND flags & 2 = 0 ORDER BY ts",
        (source.id, to_ts(start), to_ts(now + timedelta(seconds=1))),
    ) as cur:
        rows = await cur.fetchall()
    points = tuple(ChartPoint(ts=from_ts(r[0]), value=r[1]) for r in rows)
    return [ChartLine(label=source.display_name, points=points)] if points else []


def create_plain_db(path: Path, rows: Iterable[Sample]) -> int:
    """The seed's storage: one rowid table, ISO-8601 text timestamps; returns rows written."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(
            "CREATE TABLE history (id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, "
            "ts TEXT NOT NULL, count INTEGER NOT NULL)"
        )
        conn.execute("BEGIN")
        cur = conn.executemany(
            "INSERT INTO history (source_id, ts, count) VALUES (1, ?, ?)",
            ((s.ts.isoformat(timespec="seconds"), s.value) for s in rows),
        )
        written = cur.rowcount
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return written
    finally:
        conn.close()


SEED_PARSE = "seed: parsed on the event loop (lexbor with no nesting scan, Python's re)"


async def seed_parse(fn: Callable[..., Reading | Failure], /, *args: Any) -> Reading | Failure:
    """How pages were parsed before issue 9: in the bot's own thread, on the event loop, with
    no nesting scan and admin patterns on Python's backtracking `re`."""
    if fn is not extract_count:
        return fn(*args)
    text, extractor = args
    found: str | None = None
    if extractor.kind == "css":
        node = LexborHTMLParser(text).css_first(extractor.expression)
        found = node.text(deep=True, strip=True) if node is not None else None
    elif extractor.kind == "regex":
        match = re.search(extractor.expression, text)
        found = match.group(1) if match is not None else None
    else:
        try:
            json.loads(text)
        except (ValueError, RecursionError) as exc:
            return Failure(Reason.NOT_JSON, type(exc).__name__)
    if found is None:
        return Failure(Reason.NO_MATCH, "no match")
    return Reading(parse_count(found).value)


TEN_MINUTE_ONLY = "before the hourly/daily rollups: every range reads the 10-minute rollup"
FLOOR_1500 = "floor: 1,500 consecutive samples read by primary key"


async def ten_minute_only_rows(
    db: aiosqlite.Connection, source_id: int, start: datetime, end: datetime
) -> int:
    """The `all` query as it was with only the 10-minute rollup (≤1,500 groups of its rows)."""
    lo, hi = to_ts(start), to_ts(end)
    b0, b1 = lo // 600, -(-hi // 600)
    per = -(-(b1 - b0) // 1500)
    rows = await db.execute_fetchall(
        """
        WITH g AS (
            SELECT max(last_ts) AS t, min(low) AS low, max(high) AS high FROM sample_buckets
            WHERE source_id = :sid AND bucket >= :b0 AND bucket < :b1
            GROUP BY (bucket - :b0) / :per
        )
        SELECT g.t, s.value, g.low, g.high FROM g
        CROSS JOIN samples AS s ON s.source_id = :sid AND s.ts = g.t ORDER BY g.t
        """,
        {"sid": source_id, "b0": b0, "b1": b1, "per": per},
    )
    return len(list(rows))


async def floor_1500(db: aiosqlite.Connection, source_id: int) -> int:
    rows = await db.execute_fetchall(
        "SELECT ts, value, flags FROM samples WHERE source_id = ? ORDER BY ts DESC LIMIT 1500",
        (source_id,),
    )
    return len(list(rows))
