"""channel-counter's entry point: run the bot, or move history in and out as CSV.

python run_bot.py                      run the bot (settings from the environment and .env)
python run_bot.py import [--label L] FILE.csv     add history (timestamp,count) to a source
python run_bot.py export [--label L] [FILE.csv]   write history as CSV (to stdout without FILE)
python run_bot.py demo                            the real bot in a terminal chat, no token needed
python run_bot.py backup FILE.db                  a safe copy of the database, even while it runs

Without --label, import and export mean the .env Kakao channel (label "kakao").
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import aiosqlite
from dotenv import dotenv_values

from bot.core.clock import SystemClock
from bot.core.history_csv import (
    HEADER,
    CsvImportError,
    check_history_rows,
    history_rows,
    latest_allowed,
    local_iso,
)
from bot.core.lang import LANGS, language_for
from bot.core.model import Sample, Source
from bot.redaction import install_redaction
from bot.services.default_source import ensure_default_source
from bot.services.history import FIRST_TS, UnknownLabelError, source_labelled
from bot.settings import Settings, SettingsError, load_settings
from storage.backup import backup_database
from storage.database import DatabaseError, open_database
from storage.history_pages import good_page, insert_sample_batches
from storage.samples import from_ts


def read_environment(env_file: Path = Path(".env")) -> dict[str, str]:
    """`.env` first, then the real environment on top (so a shell variable wins)."""
    merged = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    merged.update(os.environ)
    return merged


async def _open_source(
    settings: Settings, label: str | None
) -> tuple[Source, aiosqlite.Connection]:
    """The labelled source (SystemExit naming the label when none has it), or the default."""
    db = await open_database(settings.database_path)
    try:
        if label is None:
            return await ensure_default_source(db, settings, SystemClock().now()), db
        return await source_labelled(db, label), db
    except UnknownLabelError as exc:
        await db.close()
        raise SystemExit(f"error: {exc}") from None


def _lines(path: Path) -> Iterator[str]:
    """The file's lines, read as they are needed (never the whole file at once)."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from f


def check_history(path: Path, not_after: datetime) -> int:
    """First pass over the file, before touching the database: a bad row imports nothing."""
    try:
        return check_history_rows(_lines(path), not_after=not_after)
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"error: cannot read {path}: {exc}") from None
    except CsvImportError as exc:
        bad = exc.total
        raise SystemExit(
            f"error: {path}: {bad} bad row{'s' if bad > 1 else ''}, nothing was imported:\n{exc}"
        ) from None


def _batches(path: Path, not_after: datetime, size: int = 5000) -> Iterator[list[Sample]]:
    batch: list[Sample] = []
    for row in history_rows(_lines(path), not_after=not_after):
        if isinstance(row, Sample):  # the first pass found no bad row
            batch.append(row)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


async def import_csv(settings: Settings, path: Path, label: str | None = None) -> int:
    """Two passes over the file: check every row (dates no later than the next sample), then
    insert in batches within one transaction. Memory stays at one batch whatever the size."""
    source, db = await _open_source(settings, label)
    try:
        not_after = latest_allowed(SystemClock().now(), source.interval_seconds)
        rows = check_history(path, not_after)
        added = await insert_sample_batches(db, source.id, _batches(path, not_after))
    finally:
        await db.close()
    print(
        f"imported {added} new samples ({rows - added} already present) "
        f"from {path} into {source.label}"
    )
    return added


def _write_history(db_path: Path, source: Source, tz: tzinfo, out: TextIO) -> int:
    """The CSV a page at a time (a read-only connection of its own)."""
    out.write(",".join(HEADER) + "\n")
    count, after = 0, FIRST_TS
    conn = sqlite3.connect(f"file:{quote(os.fspath(db_path))}?mode=ro", uri=True)
    try:
        while True:
            rows, last = good_page(conn, source.id, after, 20_000)
            if last is None:
                return count
            out.writelines(f"{local_iso(from_ts(ts), tz)},{value}\n" for ts, value in rows)
            count, after = count + len(rows), last
    finally:
        conn.close()


async def export_csv(settings: Settings, path: Path | None, label: str | None = None) -> int:
    source, db = await _open_source(settings, label)
    await db.close()
    tz = settings.timezone
    if path:
        with path.open("w", encoding="utf-8", newline="") as out:
            count = _write_history(settings.database_path, source, tz, out)
        print(f"exported {count} samples of {source.label} to {path}", file=sys.stderr)
    else:
        count = _write_history(settings.database_path, source, tz, sys.stdout)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    imp = sub.add_parser("import", help="import history from a CSV file (timestamp,count)")
    exp = sub.add_parser("export", help="export history as CSV")
    for each in (imp, exp):
        each.add_argument(
            "--label", help="the source's label (default: the .env Kakao channel, label kakao)"
        )
    imp.add_argument("file", type=Path)
    demo = sub.add_parser("demo", help="try the bot in a terminal chat, without a token")
    demo.add_argument(
        "--simulated", action="store_true", help="a simulated channel even with internet"
    )
    demo.add_argument("--lang", choices=LANGS, help="reply language (default: from LANG)")
    exp.add_argument("file", type=Path, nargs="?")
    bak = sub.add_parser(
        "backup", help="copy the database (subscriptions, alerts, settings, history) safely"
    )
    bak.add_argument("file", type=Path)
    args = parser.parse_args(argv)

    command = args.command or "run"
    if command == "demo":
        from bot.demo.terminal import run_demo

        environ = read_environment()
        lang = args.lang or language_for(environ.get("LANG"))
        return run_demo(environ, simulated=args.simulated, language=lang)
    try:
        settings = load_settings(read_environment(), require_token=command == "run")
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    install_redaction(settings.telegram_bot_token)
    try:
        if command == "import":
            asyncio.run(import_csv(settings, args.file, args.label))
        elif command == "export":
            asyncio.run(export_csv(settings, args.file, args.label))
        elif command == "backup":
            done = backup_database(settings.database_path, args.file)
            print(
                f"backed up {settings.database_path} to {done.path} "
                f"({done.size_bytes / 1e6:.1f} MB, schema {done.schema_version}, "
                f"{done.samples:,} samples)"
            )
        else:
            asyncio.run(check_database(settings))  # before the imports that log anything
            from bot.app import run

            run(settings)
    except DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        print(f"error: cannot use the database {settings.database_path}: {exc}", file=sys.stderr)
        return 2
    return 0


async def check_database(settings: Settings) -> None:
    """Open (creating or migrating) the database before anything else starts, so a database
    from a newer version is refused with one line, before the bot talks to anyone."""
    db = await open_database(settings.database_path)
    await db.close()


if __name__ == "__main__":
    sys.exit(main())
