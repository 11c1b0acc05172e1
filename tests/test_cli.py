"""run_bot.py as a user runs it: a real subprocess, settings from the environment and .env."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.core.kinds import SourceKind

RUN_BOT = Path(__file__).resolve().parent.parent / "run_bot.py"
TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOpp"


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KAKAO_"))}
    base.update({"DATABASE_PATH": str(cwd / "db" / "c.db"), **env})
    return subprocess.run(
        [sys.executable, str(RUN_BOT), *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    got = run([], tmp_path)
    assert got.returncode == 2
    assert got.stderr.strip().count("\n") == 0
    assert got.stderr.startswith("error: TELEGRAM_BOT_TOKEN is not set")
    assert "@BotFather" in got.stderr
    assert "Traceback" not in got.stderr


def test_bad_setting_from_dotenv_is_named(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nTIMEZONE=Mars/Base\n")
    got = run([], tmp_path)
    assert got.returncode == 2
    assert got.stderr.strip() == (
        "error: TIMEZONE='Mars/Base' is not an IANA time zone name; use e.g. Asia/Seoul or UTC"
    )
    assert TOKEN not in got.stderr + got.stdout
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nDAILY_SUMMARY_TIME=25:00\n")
    got = run([], tmp_path)
    assert got.returncode == 2
    assert got.stderr.startswith("error: DAILY_SUMMARY_TIME='25:00' must be a local time")


def test_import_is_idempotent_and_export_round_trips(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,198765\n"
        "2020-09-05T09:30:00+09:00,198780\n"
        "2020-09-05T01:00:00+00:00,198790\n",
        encoding="utf-8",
    )
    got = run(["import", str(history)], tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("imported 3 new samples (0 already present)")
    got = run(["import", str(history)], tmp_path)
    assert got.stdout.startswith("imported 0 new samples (3 already present)")

    got = run(["export"], tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout == (
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,198765\n"
        "2020-09-05T09:30:00+09:00,198780\n"
        "2020-09-05T10:00:00+09:00,198790\n"
    )
    out = tmp_path / "backup.csv"
    got = run(["export", str(out)], tmp_path, TIMEZONE="UTC")
    assert got.returncode == 0, got.stderr
    assert out.read_text().splitlines()[1] == "2020-09-05T00:00:00+00:00,198765"


def test_malformed_file_imports_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "timestamp,count\n2020-09-05T09:00:00+09:00,198765\n2020-09-05 09:30,198780\n",
        encoding="utf-8",
    )
    got = run(["import", str(bad)], tmp_path)
    assert got.returncode != 0
    assert "line 3" in got.stderr
    assert "has no UTC offset" in got.stderr
    assert "nothing was imported" in got.stderr
    got = run(["export"], tmp_path)
    assert got.stdout == "timestamp,count\n"


async def _add_durov(db_path: Path) -> None:
    from datetime import UTC, datetime

    from storage import sources
    from storage.database import open_database

    db = await open_database(db_path)
    try:
        await sources.add_source(
            db,
            kind=SourceKind.TELEGRAM,
            target="durov",
            label="durov",
            interval_seconds=300,
            created_at=datetime(2020, 9, 1, tzinfo=UTC),
        )
    finally:
        await db.close()


def test_import_and_export_by_label_round_trip(tmp_path: Path) -> None:
    import asyncio

    history = tmp_path / "h.csv"
    history.write_text("timestamp,count\n2020-09-05T09:00:00+09:00,1000\n", encoding="utf-8")
    got = run(["import", "--label", "durov", str(history)], tmp_path)
    assert got.returncode != 0
    assert got.stderr.strip() == "error: no source is labelled 'durov' (tracked: none yet)"
    assert run(["export"], tmp_path).returncode == 0  # creates the default source, kakao
    asyncio.run(_add_durov(tmp_path / "db" / "c.db"))

    got = run(["import", "--label", "durov", str(history)], tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("imported 1 new samples (0 already present)")
    assert "into durov" in got.stdout
    got = run(["export", "--label", "durov"], tmp_path)
    assert got.stdout == history.read_text()
    assert run(["export"], tmp_path).stdout == "timestamp,count\n"  # kakao is untouched
    got = run(["export", "--label", "nope"], tmp_path)
    assert got.returncode != 0
    assert got.stderr.strip() == "error: no source is labelled 'nope' (tracked: kakao, durov)"
    assert "Traceback" not in got.stderr


def test_hostile_rows_are_each_answered_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,\u00b2\n"
        "2020-09-05T09:01:00+09:00,10000000000000000\n"
        "0001-01-01T00:00:00+09:00,5\n",
        encoding="utf-8",
    )
    got = run(["import", str(bad)], tmp_path)
    assert got.returncode != 0
    assert "Traceback" not in got.stderr
    assert "3 bad rows, nothing was imported" in got.stderr
    for line in (2, 3, 4):
        assert f"line {line}: " in got.stderr


def test_rows_dated_in_the_future_are_refused_by_line(tmp_path: Path) -> None:
    history = tmp_path / "future.csv"
    history.write_text(
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,1000\n"
        "9999-12-31T00:00:00+09:00,1001\n"
        "2020-09-05T09:02:00+09:00,1002\n"
        "2999-01-01T00:00:00Z,1003\n",
        encoding="utf-8",
    )
    got = run(["import", str(history)], tmp_path)
    assert got.returncode != 0
    assert "2 bad rows, nothing was imported" in got.stderr
    assert "line 3: '9999-12-31T00:00:00+09:00' is in the future" in got.stderr
    assert "line 5: '2999-01-01T00:00:00Z' is in the future" in got.stderr
    assert "Traceback" not in got.stderr
    assert run(["export"], tmp_path).stdout == "timestamp,count\n"


def test_a_big_import_is_streamed_in_batches(tmp_path: Path) -> None:
    history = tmp_path / "big.csv"
    with history.open("w", encoding="utf-8") as out:
        out.write("timestamp,count\n")
        for i in range(12_345):
            out.write(f"2020-09-{5 + i // 1440:02d}T{i % 1440 // 60:02d}:{i % 60:02d}:00Z,{i}\n")
    got = run(["import", str(history)], tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("imported 12345 new samples (0 already present)")
    lines = run(["export"], tmp_path, TIMEZONE="UTC").stdout.splitlines()
    assert len(lines) == 12_346 and lines[-1] == "2020-09-13T13:44:00+00:00,12344"
