"""A property: whatever sequence of inserts, confirms and doubts the samples go through, every
rollup (10 minutes, hourly, 6-hourly, daily) holds, per bucket, the last good sample's ts and
value and the min and max of the good samples in it — what the triggers promise, worked out
here from scratch."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.database import split_statements
from storage.migrations import MIGRATIONS
from storage.samples import ROLLUPS

DAY = 86_400

# (op, ts, value): ts over three days, so samples share 10-minute, hourly and daily buckets
operations = st.lists(
    st.tuples(
        st.sampled_from(("good", "suspect", "confirm", "doubt")),
        st.integers(0, 3 * DAY - 1).map(lambda t: t // 97 * 97),  # collisions on purpose
        st.integers(0, 1_000),
    ),
    max_size=60,
)


def schema() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        for statement in split_statements(migration):
            db.execute(statement)
    db.execute(
        "INSERT INTO sources (kind, target, label, interval_s, created_at) "
        "VALUES ('kakao', '_x', 'kakao', 30, 0)"
    )
    return db


@settings(max_examples=150, deadline=None)
@given(operations)
def test_every_rollup_is_its_definition(ops: list[tuple[str, int, int]]) -> None:
    db = schema()
    stored: dict[int, tuple[int, bool]] = {}  # ts -> (value, good)
    for op, ts, value in ops:
        if op in ("good", "suspect"):
            db.execute(
                "INSERT OR IGNORE INTO samples (source_id, ts, value, flags) VALUES (1, ?, ?, ?)",
                (ts, value, 0 if op == "good" else 2),
            )
            stored.setdefault(ts, (value, op == "good"))
        elif ts in stored:
            db.execute(
                "UPDATE samples SET flags = "
                + ("flags & ~2" if op == "confirm" else "flags | 2")
                + " WHERE source_id = 1 AND ts = ?",
                (ts,),
            )
            stored[ts] = (stored[ts][0], op == "confirm")
    for width, table in ROLLUPS:
        expected: dict[int, tuple[int, int, int, int]] = {}
        for ts, (value, good) in sorted(stored.items()):
            if good:
                b = ts // width
                _, _, low, high = expected.get(b, (ts, value, value, value))
                expected[b] = (ts, value, min(low, value), max(high, value))
        # the 10-minute rollup has no last_value: its last sample is read from samples
        last_value = (
            "last_value" if width > 600 else "(SELECT value FROM samples WHERE ts = last_ts)"
        )
        got = db.execute(
            f"SELECT bucket, last_ts, {last_value}, low, high FROM {table} WHERE source_id = 1"
        ).fetchall()
        assert {b: (t, v, lo, hi) for b, t, v, lo, hi in got} == expected, table
    db.execute("DELETE FROM sources WHERE id = 1")
    for _, table in ROLLUPS:
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
