"""channel-counter's entry point: run the bot, or move history in and out as CSV.

python run_bot.py                      run the bot (settings from the environment and .env)
python run_bot.py import FILE.csv      add history (timestamp,count) to the default source
python run_bot.py export [FILE.csv]    write history as CSV (to stdout without FILE)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from pathlib import Path

import aiosqlite
from dotenv import dotenv_values

from bot.core.clock import SystemClock
from bot.core.history_csv import CsvImportError, history_csv_lines, parse_history_csv
from bot.core.model import Sample
from bot.redaction import install_redaction
from bot.services.default_source import ensure_default_source
from bot.settings import Settings, SettingsError, load_settings
from storage import samples
from storage.database import DatabaseError, open_database


def read_environment(env_file: Path = Path(".env")) -> dict[str, str]:
    """`.env` first, then the real environment on top (so a shell variable wins)."""
    merged = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    merged.update(os.environ)
    return merged


async def _default_source_id(settings: Settings) -> tuple[int, aiosqlite.Connection]:
    db = await open_database(settings.database_path)
    source = await ensure_default_source(db, settings, SystemClock().now())
    return source.id, db


def read_history(path: Path) -> list[Sample]:
    """Parse the whole file before touching the database: a bad row imports nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"error: cannot read {path}: {exc}") from None
    try:
        return parse_history_csv(text)
    except CsvImportError as exc:
        raise SystemExit(f"error: {path}: {exc} (nothing was imported)") from None


async def import_csv(settings: Settings, path: Path, rows: list[Sample]) -> int:
    source_id, db = await _default_source_id(settings)
    try:
        added = await samples.insert_samples(db, source_id, rows)
    finally:
        await db.close()
    print(f"imported {added} new samples ({len(rows) - added} already present) from {path}")
    return added


async def export_csv(settings: Settings, path: Path | None) -> int:
    source_id, db = await _default_source_id(settings)
    count = 0
    out = path.open("w", encoding="utf-8", newline="") if path else sys.stdout
    try:
        rows = [s async for s in samples.iter_samples(db, source_id)]
        for line in history_csv_lines(rows, settings.timezone):
            out.write(line)
        count = len(rows)
    finally:
        await db.close()
        if path:
            out.close()
    if path:
        print(f"exported {count} samples to {path}", file=sys.stderr)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    imp = sub.add_parser("import", help="import history from a CSV file (timestamp,count)")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser("export", help="export history as CSV")
    exp.add_argument("file", type=Path, nargs="?")
    args = parser.parse_args(argv)

    command = args.command or "run"
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
            asyncio.run(import_csv(settings, args.file, read_history(args.file)))
        elif command == "export":
            asyncio.run(export_csv(settings, args.file))
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
