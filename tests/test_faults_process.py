"""The process misbehaves: run_bot.py as a real child process, killed with SIGKILL in the middle
of sampling and of a broadcast, stopped with SIGTERM while jobs hang, starved of disk (its file
size limit dropped to nothing) and handed a database from the future."""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.services.summary import SEND_CONCURRENCY
from storage import samples, sources
from storage import subscriptions as subs
from storage.database import open_database
from storage.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.bot_process import BotProcess
from tests.fakes.source_server import Response, SourceServer
from tests.running import TOKEN

JSON_PATH = "/rocket-web/web/v2/profiles/_xdhKKT"
ADMIN = 4242
SECRET = TOKEN.split(":", 1)[1]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.db"


@pytest.fixture
def bot(
    tmp_path: Path, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> Iterator[BotProcess]:
    process = BotProcess(
        tmp_path,
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.root_url,
            "KAKAO_API_URL": source_server.url,
            "ALLOW_PRIVATE_SOURCES": "true",  # the fake sources live on loopback
            "DATABASE_PATH": str(db_path),
            "SAMPLE_INTERVAL_SECONDS": "5",
            "TIMEZONE": "Asia/Seoul",
            "DAILY_SUMMARY_TIME": "00:00",  # due all day, from the first check (2 s after start)
            "ADMIN_USER_IDS": str(ADMIN),
            "LOG_LEVEL": "DEBUG",  # the most talkative: still no token anywhere
        },
    )
    try:
        yield process
    finally:
        process.stop()
        # Whatever happened, the token never reached the output (logs, tracebacks, errors).
        assert TOKEN not in process.output and SECRET not in process.output


def seed(db_path: Path, *, history: int = 0, chats: tuple[int, ...] = ()) -> None:
    async def go() -> None:
        db = await open_database(db_path)
        try:
            then = datetime.now(UTC) - timedelta(days=2)
            src = await sources.ensure_source(
                db,
                kind=SourceKind.KAKAO,
                target="_xdhKKT",
                label="kakao",
                interval_seconds=5,
                created_at=then,
            )
            rows = [Sample(then + timedelta(minutes=k), 1000 + k) for k in range(history)]
            await samples.insert_samples(db, src.id, rows)
            for chat in chats:
                await subs.subscribe(db, chat, src.id, "en", then)
        finally:
            await db.close()

    asyncio.run(go())


def count_samples(db_path: Path) -> int:
    with sqlite3.connect(db_path) as db:
        return int(db.execute("SELECT count(*) FROM samples").fetchone()[0])


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def wait_for(predicate: object, timeout: float = 45.0) -> None:
    """Until the condition holds. The bound is generous: a bot process that has just started
    imports, opens its database and starts a parse worker first, seconds on a loaded machine."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def summaries_to(telegram: FakeTelegramAPI, chat: int) -> int:
    return sum(1 for m in telegram.messages_to(chat) if (m.text or "").startswith("Daily summary"))


def test_sigkill_in_the_middle_of_sampling_leaves_history_intact(
    bot: BotProcess, db_path: Path, source_server: SourceServer
) -> None:
    seed(db_path, history=1000)
    source_server.set(JSON_PATH, Response(body=b'{"cards": [{"type": "profile"', stall=True))
    bot.start()
    wait_for(lambda: source_server.stalled >= 1)  # the sample is half-read right now
    # Created private, whatever the umask: the database and its WAL and shared-memory files.
    for suffix in ("", "-wal", "-shm"):
        mode = stat.S_IMODE(os.stat(f"{db_path}{suffix}").st_mode)
        assert mode == 0o600, (suffix, oct(mode))
    bot.kill()

    assert integrity(db_path) == "ok"
    assert count_samples(db_path) == 1000
    source_server.set_kakao_count("_xdhKKT", 5000)
    bot.start()
    wait_for(lambda: count_samples(db_path) == 1001)
    code, _ = bot.terminate()
    assert code == 0
    assert integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as db:
        values = [r[0] for r in db.execute("SELECT value FROM samples ORDER BY ts")]
    assert values == [*range(1000, 2000), 5000]  # every old sample, in order, and the new one


def test_sigkill_in_the_middle_of_a_broadcast_sends_each_chat_one_summary(
    bot: BotProcess, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    chats = tuple(20_000 + k for k in range(30))
    # Summaries go out SEND_CONCURRENCY at a time: stalling that many in a row holds every
    # sender, so the chats after them are certainly not reached before the kill.
    stuck_ones = chats[12 : 12 + SEND_CONCURRENCY]
    stuck = stuck_ones[0]
    seed(db_path, history=200, chats=chats)
    source_server.set_kakao_count("_xdhKKT", 1500)
    for chat in stuck_ones:
        telegram.stall_chat(chat)  # its summary leaves the bot and never arrives
    bot.start()
    wait_for(lambda: telegram.stalled_calls >= SEND_CONCURRENCY)
    wait_for(lambda: sum(summaries_to(telegram, c) for c in chats[:12]) == 12)
    assert [summaries_to(telegram, c) for c in chats] == [1] * 12 + [0] * 18
    bot.kill()  # mid-broadcast: 12 sent and recorded, 8 in flight, 10 to go

    for chat in stuck_ones:
        telegram.stall_chat(chat, stalled=False)
    bot.start()
    wait_for(lambda: all(summaries_to(telegram, c) for c in chats), timeout=25)
    time.sleep(0.5)
    code, _ = bot.terminate()
    assert code == 0
    assert [summaries_to(telegram, c) for c in chats] == [1] * 30  # none twice, none skipped
    assert f"sending chat {stuck} its summary (1 time(s)); sending it again" in bot.run_output()


def test_sigterm_stops_within_seconds_while_jobs_hang_and_loses_nothing(
    bot: BotProcess, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    chat = 30_001
    seed(db_path, history=100, chats=(chat,))
    # The source never finishes its page, and Telegram makes the summary wait a minute.
    source_server.set(JSON_PATH, Response(body=b"{" * 1000, stall=True))
    telegram.fail_next(
        "sendPhoto", status=429, description="Too Many Requests: retry after 60", retry_after=60
    )
    bot.start()
    # The first sample hangs from 0.5 s to 5 s (its deadline); the summary check runs at 2 s and
    # is told to wait a minute: stop while both hang.
    wait_for(
        lambda: telegram.calls_to("sendPhoto") and source_server.requests_to(JSON_PATH) == 1,
        timeout=20,
    )
    code, took = bot.terminate()
    assert code == 0
    assert took < 10, f"SIGTERM took {took:.1f} s"
    out = bot.run_output()
    assert "SIGTERM received: stopping" in out
    assert "Traceback" not in out
    assert not Path(f"{db_path}-wal").exists()  # closed cleanly: the WAL was checkpointed away
    assert integrity(db_path) == "ok"
    assert summaries_to(telegram, chat) == 0

    source_server.set_kakao_count("_xdhKKT", 7)
    bot.start()
    wait_for(lambda: summaries_to(telegram, chat) == 1, timeout=20)
    time.sleep(0.3)
    bot.terminate()
    assert summaries_to(telegram, chat) == 1


def test_a_full_disk_is_reported_once_answers_go_on_and_no_sample_is_lost(
    bot: BotProcess, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    seed(db_path)
    source_server.set_kakao_count("_xdhKKT", 4321)
    bot.start()
    wait_for(lambda: count_samples(db_path) == 1)
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    # From now on no file of the bot may grow by a byte: writes fail with EFBIG, as on a full disk.
    resource.prlimit(bot.pid, resource.RLIMIT_FSIZE, (0, hard))
    try:
        (alert,) = telegram.wait_for_messages(ADMIN, 1, timeout=15)
        assert alert.text is not None and alert.text.startswith("⚠️ The database cannot be written")
        telegram.send_command("/now")  # still answers, from what is stored
        (reply,) = telegram.wait_for_messages(1001, 1)
        assert reply.text is not None and reply.text.startswith("배민커넥트: 4,321 friends")
        bot.wait_for_output("samples held in memory", timeout=12)
    finally:
        resource.prlimit(bot.pid, resource.RLIMIT_FSIZE, (hard, hard))
    recovered = telegram.wait_for_messages(ADMIN, 2, timeout=15)[1]
    assert recovered.text is not None and recovered.text.startswith("✅ The database can be")
    code, _ = bot.terminate()
    assert code == 0
    assert len(telegram.messages_to(ADMIN)) == 2  # one alert, one all-clear: no alert per write
    assert integrity(db_path) == "ok"
    # Every reading the source gave is stored: the ones made while the disk was full too.
    assert count_samples(db_path) == source_server.requests_to(JSON_PATH)


def test_a_database_from_a_newer_version_is_refused_with_one_line_untouched(
    bot: BotProcess, db_path: Path, telegram: FakeTelegramAPI
) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
        db.execute("CREATE TABLE from_the_future (x)")
    before = db_path.read_bytes()
    bot.env["LOG_LEVEL"] = "INFO"  # as operators run it
    bot.start()
    assert bot.wait() == 2
    lines = bot.run_output().strip().splitlines()
    assert lines == [
        f"error: the database has schema version {SCHEMA_VERSION + 3}, but this channel-counter "
        f"knows only up to {SCHEMA_VERSION}: upgrade channel-counter (the database was left "
        "untouched)"
    ]
    assert db_path.read_bytes() == before
    assert telegram.calls == []  # refused before talking to anyone


def test_a_database_from_an_older_version_is_migrated_at_start(
    bot: BotProcess, db_path: Path, source_server: SourceServer
) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as db:  # what version 1 of channel-counter left behind
        db.executescript(MIGRATIONS[0])
        db.execute(
            "INSERT INTO sources (kind, target, label, interval_s, created_at) "
            "VALUES ('kakao', '_xdhKKT', 'kakao', 5, 0)"
        )
        db.execute("INSERT INTO samples (source_id, ts, value) VALUES (1, 1000, 42)")
        db.execute("PRAGMA user_version = 1")
    source_server.set_kakao_count("_xdhKKT", 43)
    bot.start()
    wait_for(lambda: count_samples(db_path) == 2)
    bot.terminate()
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT value FROM samples WHERE ts = 1000").fetchone()[0] == 42


def test_starting_while_the_bot_api_is_unreachable_says_so_and_samples(
    bot: BotProcess, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    # After a reboot the network may come up after the bot: exiting would be a restart loop,
    # and waiting in silence would lose samples and leave the operator guessing.
    source_server.set_kakao_count("_xdhKKT", 31)
    telegram.set_unreachable(True)
    bot.start()
    bot.wait_for_output("WARNING bot.chat.startup: Telegram's Bot API cannot be reached (")
    warning = next(line for line in bot.run_output().splitlines() if "cannot be reached" in line)
    assert "sampling goes on meanwhile; next try in 1 s, at " in warning
    assert "(httpx.RemoteProtocolError: Server disconnected" in warning  # the reason
    wait_for(lambda: count_samples(db_path) >= 1)  # sampled while Telegram is away
    assert "started as @" not in bot.run_output()
    bot.wait_for_output("next try in 2 s, at ")  # backing off
    telegram.set_unreachable(False)
    bot.wait_for_output("Telegram's Bot API answered after")
    bot.wait_for_output("started as @")
    telegram.send_command("/now")
    (reply,) = telegram.wait_for_messages(1001, 1, timeout=15)
    assert reply.text is not None and reply.text.startswith("배민커넥트: 31 friends")
    code, _ = bot.terminate()
    assert code == 0


def test_a_stop_signal_while_telegram_is_away_ends_the_bot_cleanly(
    bot: BotProcess, db_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    source_server.set_kakao_count("_xdhKKT", 31)
    telegram.set_unreachable(True)
    bot.start()
    bot.wait_for_output("cannot be reached")
    code, took = bot.terminate()
    assert code == 0 and took < 10
    assert "stopped before Telegram's Bot API answered" in bot.run_output()
    assert "Traceback" not in bot.run_output()
