"""Schema, versioned with PRAGMA user_version; each step runs once, in order, at start.

Samples live in a WITHOUT ROWID table keyed by (source_id, ts): the key is the index, so
"the sample nearest to T" is one b-tree seek and a raw sample costs ~15-20 bytes on disk.
Timestamps are integer UTC seconds.

Migrations are split into statements with sqlite3.complete_statement, so a CREATE TRIGGER whose
body holds several `;`-terminated statements is one statement.
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
    # 3: a 10-minute rollup of good samples (last ts, min, max), kept by triggers on every write
    # path, so a chart of any range reads at most one row per 10 minutes and keeps each bucket's
    # min/max even after retention has reduced the raw samples to one per bucket. Removing a
    # source removes its rollup; reducing raw samples deliberately leaves it alone.
    """
    CREATE TABLE sample_buckets (
        source_id INTEGER NOT NULL,
        bucket    INTEGER NOT NULL,  -- ts / 600
        last_ts   INTEGER NOT NULL,  -- the bucket's last good sample (kept by retention)
        low       INTEGER NOT NULL,
        high      INTEGER NOT NULL,
        PRIMARY KEY (source_id, bucket)
    ) WITHOUT ROWID;
    INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
        SELECT source_id, ts / 600, max(ts), min(value), max(value) FROM samples
        WHERE flags & 2 = 0 GROUP BY source_id, ts / 600;
    CREATE TRIGGER sample_buckets_on_insert AFTER INSERT ON samples
    WHEN NEW.flags & 2 = 0
    BEGIN
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
        VALUES (NEW.source_id, NEW.ts / 600, NEW.ts, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
    END;
    CREATE TRIGGER sample_buckets_on_confirm AFTER UPDATE OF flags ON samples
    WHEN OLD.flags & 2 != 0 AND NEW.flags & 2 = 0
    BEGIN
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
        VALUES (NEW.source_id, NEW.ts / 600, NEW.ts, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
    END;
    CREATE TRIGGER sample_buckets_on_doubt AFTER UPDATE OF flags ON samples
    WHEN OLD.flags & 2 = 0 AND NEW.flags & 2 != 0
    BEGIN
        DELETE FROM sample_buckets WHERE source_id = NEW.source_id AND bucket = NEW.ts / 600;
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
            SELECT source_id, ts / 600, max(ts), min(value), max(value) FROM samples
            WHERE source_id = NEW.source_id AND flags & 2 = 0
              AND ts >= (NEW.ts / 600) * 600 AND ts < (NEW.ts / 600) * 600 + 600
            GROUP BY source_id, ts / 600;
    END;
    CREATE TRIGGER sample_buckets_on_source_removed AFTER DELETE ON sources
    BEGIN
        DELETE FROM sample_buckets WHERE source_id = OLD.id;
    END;
    """,
    # 4: bounded tables. Deliveries and in-flight markers are pruned by day, failures by time:
    # the retention job finds what is old through these indexes instead of scanning.
    """
    CREATE INDEX summary_deliveries_by_date ON summary_deliveries (local_date);
    CREATE INDEX summary_in_flight_by_date ON summary_in_flight (local_date);
    """,
    # 5: what chats hear of on their own. The highest milestone announced per source (so a dip
    # and a re-cross, or a restart, never announces it again), and each chat's alerts with
    # whether they are armed (fire once per crossing, re-armed back on the other side).
    """
    CREATE TABLE milestones (
        source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        announced INTEGER NOT NULL,
        at        INTEGER NOT NULL
    );
    CREATE TABLE chat_alerts (
        chat_id    INTEGER NOT NULL,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        kind       TEXT    NOT NULL,
        threshold  INTEGER NOT NULL,
        armed      INTEGER NOT NULL DEFAULT 1,
        lang       TEXT    NOT NULL DEFAULT 'en',
        created_at INTEGER NOT NULL,
        PRIMARY KEY (chat_id, source_id, kind)
    ) WITHOUT ROWID;
    CREATE INDEX chat_alerts_by_source ON chat_alerts (source_id);
    """,
    # 6: coarser rollups beside the 10-minute one (hourly, 6-hourly, daily), so a chart of years
    # reads a few thousand rows at most: max_points × the ratio to the next level (6, 6, 4).
    # Each coarser bucket is what its finer buckets say (last good ts, min, max) and also keeps
    # its last sample's value, so reading it seeks no raw sample. The 10-minute triggers are
    # replaced by ones that keep every level in one place and in order: a doubted sample's
    # 10-minute bucket is recomputed from raw samples, then each coarser one from the level
    # below (so retention's reduction of raw samples never loses a coarser min/max).
    # Backfilled from the 10-minute rollup, which holds what reduced raw samples no longer do.
    """
    CREATE TABLE sample_buckets_hourly (
        source_id  INTEGER NOT NULL,
        bucket     INTEGER NOT NULL,  -- ts / 3600
        last_ts    INTEGER NOT NULL,
        last_value INTEGER NOT NULL,  -- that sample's value: a chart reads no raw sample
        low        INTEGER NOT NULL,
        high       INTEGER NOT NULL,
        PRIMARY KEY (source_id, bucket)
    ) WITHOUT ROWID;
    CREATE TABLE sample_buckets_6h (
        source_id  INTEGER NOT NULL,
        bucket     INTEGER NOT NULL,  -- ts / 21600
        last_ts    INTEGER NOT NULL,
        last_value INTEGER NOT NULL,  -- that sample's value: a chart reads no raw sample
        low        INTEGER NOT NULL,
        high       INTEGER NOT NULL,
        PRIMARY KEY (source_id, bucket)
    ) WITHOUT ROWID;
    CREATE TABLE sample_buckets_daily (
        source_id  INTEGER NOT NULL,
        bucket     INTEGER NOT NULL,  -- ts / 86400 (UTC days)
        last_ts    INTEGER NOT NULL,
        last_value INTEGER NOT NULL,  -- that sample's value: a chart reads no raw sample
        low        INTEGER NOT NULL,
        high       INTEGER NOT NULL,
        PRIMARY KEY (source_id, bucket)
    ) WITHOUT ROWID;
    INSERT INTO sample_buckets_hourly (source_id, bucket, last_ts, last_value, low, high)
        SELECT g.sid, g.b, g.t, s.value, g.lo, g.hi FROM (
            SELECT source_id AS sid, bucket / 6 AS b, max(last_ts) AS t,
                   min(low) AS lo, max(high) AS hi
            FROM sample_buckets
            GROUP BY source_id, bucket / 6) AS g
        JOIN samples AS s ON s.source_id = g.sid AND s.ts = g.t;
    INSERT INTO sample_buckets_6h (source_id, bucket, last_ts, last_value, low, high)
        SELECT g.sid, g.b, g.t, f.last_value, g.lo, g.hi FROM (
            SELECT source_id AS sid, bucket / 6 AS b, max(last_ts) AS t,
                   min(low) AS lo, max(high) AS hi
            FROM sample_buckets_hourly
            GROUP BY source_id, bucket / 6) AS g
        JOIN sample_buckets_hourly AS f ON f.source_id = g.sid AND f.bucket = g.t / 3600;
    INSERT INTO sample_buckets_daily (source_id, bucket, last_ts, last_value, low, high)
        SELECT g.sid, g.b, g.t, f.last_value, g.lo, g.hi FROM (
            SELECT source_id AS sid, bucket / 4 AS b, max(last_ts) AS t,
                   min(low) AS lo, max(high) AS hi
            FROM sample_buckets_6h
            GROUP BY source_id, bucket / 4) AS g
        JOIN sample_buckets_6h AS f ON f.source_id = g.sid AND f.bucket = g.t / 21600;
    DROP TRIGGER sample_buckets_on_insert;
    DROP TRIGGER sample_buckets_on_confirm;
    DROP TRIGGER sample_buckets_on_doubt;
    DROP TRIGGER sample_buckets_on_source_removed;
    CREATE TRIGGER rollups_on_insert AFTER INSERT ON samples
    WHEN NEW.flags & 2 = 0
    BEGIN
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
        VALUES (NEW.source_id, NEW.ts / 600, NEW.ts, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_hourly (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 3600, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_6h (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 21600, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_daily (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 86400, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
    END;
    CREATE TRIGGER rollups_on_confirm AFTER UPDATE OF flags ON samples
    WHEN OLD.flags & 2 != 0 AND NEW.flags & 2 = 0
    BEGIN
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
        VALUES (NEW.source_id, NEW.ts / 600, NEW.ts, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_hourly (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 3600, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_6h (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 21600, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
        INSERT INTO sample_buckets_daily (source_id, bucket, last_ts, last_value, low, high)
        VALUES (NEW.source_id, NEW.ts / 86400, NEW.ts, NEW.value, NEW.value, NEW.value)
        ON CONFLICT (source_id, bucket) DO UPDATE SET
            last_value = CASE WHEN excluded.last_ts > last_ts
                THEN excluded.last_value ELSE last_value END,
            last_ts = max(last_ts, excluded.last_ts),
            low = min(low, excluded.low),
            high = max(high, excluded.high);
    END;
    CREATE TRIGGER rollups_on_doubt AFTER UPDATE OF flags ON samples
    WHEN OLD.flags & 2 = 0 AND NEW.flags & 2 != 0
    BEGIN
        DELETE FROM sample_buckets WHERE source_id = NEW.source_id AND bucket = NEW.ts / 600;
        INSERT INTO sample_buckets (source_id, bucket, last_ts, low, high)
            SELECT source_id, ts / 600, max(ts), min(value), max(value) FROM samples
            WHERE source_id = NEW.source_id AND flags & 2 = 0
              AND ts >= (NEW.ts / 600) * 600 AND ts < (NEW.ts / 600) * 600 + 600
            GROUP BY source_id, ts / 600;
        DELETE FROM sample_buckets_hourly
            WHERE source_id = NEW.source_id AND bucket = NEW.ts / 3600;
        INSERT INTO sample_buckets_hourly (source_id, bucket, last_ts, last_value, low, high)
            SELECT g.sid, g.b, g.t, s.value, g.lo, g.hi FROM (
                SELECT source_id AS sid, bucket / 6 AS b, max(last_ts) AS t,
                       min(low) AS lo, max(high) AS hi
                FROM sample_buckets
                WHERE source_id = NEW.source_id AND bucket >= (NEW.ts / 3600) * 6
                  AND bucket < (NEW.ts / 3600) * 6 + 6
                GROUP BY source_id, bucket / 6) AS g
            JOIN samples AS s ON s.source_id = g.sid AND s.ts = g.t;
        DELETE FROM sample_buckets_6h
            WHERE source_id = NEW.source_id AND bucket = NEW.ts / 21600;
        INSERT INTO sample_buckets_6h (source_id, bucket, last_ts, last_value, low, high)
            SELECT g.sid, g.b, g.t, f.last_value, g.lo, g.hi FROM (
                SELECT source_id AS sid, bucket / 6 AS b, max(last_ts) AS t,
                       min(low) AS lo, max(high) AS hi
                FROM sample_buckets_hourly
                WHERE source_id = NEW.source_id AND bucket >= (NEW.ts / 21600) * 6
                  AND bucket < (NEW.ts / 21600) * 6 + 6
                GROUP BY source_id, bucket / 6) AS g
            JOIN sample_buckets_hourly AS f ON f.source_id = g.sid AND f.bucket = g.t / 3600;
        DELETE FROM sample_buckets_daily
            WHERE source_id = NEW.source_id AND bucket = NEW.ts / 86400;
        INSERT INTO sample_buckets_daily (source_id, bucket, last_ts, last_value, low, high)
            SELECT g.sid, g.b, g.t, f.last_value, g.lo, g.hi FROM (
                SELECT source_id AS sid, bucket / 4 AS b, max(last_ts) AS t,
                       min(low) AS lo, max(high) AS hi
                FROM sample_buckets_6h
                WHERE source_id = NEW.source_id AND bucket >= (NEW.ts / 86400) * 4
                  AND bucket < (NEW.ts / 86400) * 4 + 4
                GROUP BY source_id, bucket / 4) AS g
            JOIN sample_buckets_6h AS f ON f.source_id = g.sid AND f.bucket = g.t / 21600;
    END;
    CREATE TRIGGER rollups_on_source_removed AFTER DELETE ON sources
    BEGIN
        DELETE FROM sample_buckets WHERE source_id = OLD.id;
        DELETE FROM sample_buckets_hourly WHERE source_id = OLD.id;
        DELETE FROM sample_buckets_6h WHERE source_id = OLD.id;
        DELETE FROM sample_buckets_daily WHERE source_id = OLD.id;
    END;
    """,
    # 7: each chat's own settings (/settings, /subscribe ... HH:MM): its time zone (an IANA
    # name), its language, and its daily summary time; NULL means the bot's default.
    """
    CREATE TABLE chat_settings (
        chat_id      INTEGER PRIMARY KEY,
        timezone     TEXT,
        lang         TEXT,
        summary_time TEXT
    );
    """,
    # 8: the unusual movements already announced to `/alert unusual` (kind, start), so a restart
    # or the next check never repeats one; a jump that later holds (a step) keeps the jump's key.
    """
    CREATE TABLE unusual_announced (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        kind      TEXT    NOT NULL,
        start     INTEGER NOT NULL,
        at        INTEGER NOT NULL,
        PRIMARY KEY (source_id, kind, start)
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
