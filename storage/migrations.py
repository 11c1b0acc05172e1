"""Schema, versioned with PRAGMA user_version; each step runs once, in order, at start.

Samples live in a WITHOUT ROWID table keyed by (source_id, ts): the key is the index, so
"the sample nearest to T" is one b-tree seek and a raw sample costs ~15-20 bytes on disk.
Timestamps are integer UTC seconds.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the core.
    """
    CREATE TABLE sources (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL,
        target      TEXT    NOT NULL,
        label       TEXT    NOT NULL UNIQUE,
        name        TEXT,
        interval_s  INTEGER NOT NULL,
        options     TEXT    NOT NULL DEFAULT '{}',
        created_at  INTEGER NOT NULL,
        UNIQUE (kind, target)
    );
    CREATE TABLE samples (
        source_id INTEGER NOT NULL,
        ts        INTEGER NOT NULL,
        value     INTEGER NOT NULL,
        flags     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, ts)
    ) WITHOUT ROWID;
    CREATE TABLE failures (
        id        INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL,
        ts        INTEGER NOT NULL,
        reason    TEXT    NOT NULL,
        detail    TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX failures_by_source_ts ON failures (source_id, ts);
    CREATE TABLE subscriptions (
        chat_id    INTEGER NOT NULL,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        lang       TEXT    NOT NULL DEFAULT 'en',
        created_at INTEGER NOT NULL,
        PRIMARY KEY (chat_id, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE summary_deliveries (
        chat_id    INTEGER NOT NULL,
        local_date TEXT    NOT NULL,
        sent_at    INTEGER NOT NULL,
        PRIMARY KEY (chat_id, local_date)
    ) WITHOUT ROWID;
    """,
    # 2: surviving faults. Per-source health (consecutive failures, whether admins were alerted),
    # so a restart neither repeats an alert nor forgets a "recovered" message; and a marker
    # written just before a daily summary is sent, so a crash mid-send is noticed at restart.
    """
    CREATE TABLE source_health (
        source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        failures  INTEGER NOT NULL DEFAULT 0,
        alerted   INTEGER NOT NULL DEFAULT 0,
        reason    TEXT    NOT NULL DEFAULT '',
        detail    TEXT    NOT NULL DEFAULT '',
        since     INTEGER
    );
    CREATE TABLE summary_in_flight (
        chat_id    INTEGER NOT NULL,
        local_date TEXT    NOT NULL,
        run_id     TEXT    NOT NULL,
        started_at INTEGER NOT NULL,
        crashes    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (chat_id, local_date)
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
