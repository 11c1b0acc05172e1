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
from pathlib import Path

import aiosqlite
from dotenv import dotenv_values

from bot.core.clock import SystemClock
from bot.core.history_csv import CsvImportError, parse_history_csv
from bot.core.lang import LANGS, language_for
from bot.core.model import Sample, Source
from bot.redaction import install_redaction
from bot.services.default_source import ensure_default_source
from bot.services.history import UnknownLabelError, history_csv, source_labelled
from bot.settings import Settings, SettingsError, load_settings
from storage import samples
from storage.backup import backup_database
from storage.database import DatabaseError, open_database


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


def read_history(path: Path) -> list[Sample]:
    """Parse the whole file before touching the database: a bad row imports nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"error: cannot read {path}: {exc}") from None
    try:
        return parse_history_csv(text)
    except CsvImportError as exc:
        bad = len(exc.problems)
        raise SystemExit(
            f"error: {path}: {bad} bad row{'s' if bad > 1 else ''}, nothing was imported:\n{exc}"
        ) from None


async def import_csv(
    settings: Settings, path: Path, rows: list[Sample], label: str | None = None
) -> int:
    source, db = await _open_source(settings, label)
    try:
        added = await samples.insert_samples(db, source.id, rows)
    finally:
        await db.close()
    print(
        f"imported {added} new samples ({len(rows) - added} already present) "
        f"from {path} into {source.label}"
    )
    return added


async def export_csv(settings: Settings, path: Path | None, label: str | None = None) -> int:
    source, db = await _open_source(settings, label)
    try:
        body, count = await history_csv(db, source, settings.timezone)
    finally:
        await db.close()
    if path:
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(body)
        print(f"exported {count} samples of {source.label} to {path}", file=sys.stderr)
    else:
        sys.stdout.write(body)
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
            asyncio.run(import_csv(settings, args.file, read_history(args.file), args.label))
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
