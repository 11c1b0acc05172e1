"""/export [label]: the history arrives as a CSV document, for anyone (the counts are public)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI, UploadedFile
from bot.settings import Settings
from storage import samples, sources
from tests.fakes.clock import FakeClock
from tests.running import default_source_db, running_bot

CHAT = 1001


async def test_export_sends_the_csv_as_a_document(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    start = datetime(2020, 9, 5, 0, 0, tzinfo=UTC)
    async with default_source_db(settings, start) as (db, kakao):
        await samples.insert_samples(
            db, kakao.id, [Sample(start + timedelta(minutes=i), 1000 + i) for i in range(3)]
        )
        await sources.add_source(
            db,
            kind=SourceKind.TELEGRAM,
            target="durov",
            label="durov",
            interval_seconds=300,
            created_at=start,
        )
    async with running_bot(settings, clock):
        telegram.send_command("/export")
        telegram.send_command("/export kakao", user_id=5, language_code="ko")
        telegram.send_command("/export durov")
        telegram.send_command("/export nope")
        got = await telegram.await_messages(CHAT, 4)
    by_method = sorted(got, key=lambda m: m.method)
    (document,) = [m for m in got if m.method == "sendDocument"]
    texts = sorted(m.text or "" for m in by_method if m.method == "sendMessage")
    assert texts == [
        "No source is labelled nope. Tracked: kakao, durov.",
        "Which source? Use /export <label>. Tracked: kakao, durov.",
        "durov has no samples to export yet.",
    ], texts
    part = document.params["document"]
    assert isinstance(part, UploadedFile)
    assert part.filename == "kakao-history.csv"
    assert part.data.decode() == (
        "timestamp,count\n"
        "2020-09-05T09:00:00+09:00,1000\n"
        "2020-09-05T09:01:00+09:00,1001\n"
        "2020-09-05T09:02:00+09:00,1002\n"
    )
    assert document.text is not None and "기록 3개" in document.text
    assert "Asia/Seoul" in document.text


async def test_a_document_too_big_for_telegram_is_sent_gzipped(tmp_path: Path) -> None:
    from bot.services.csv_workers import CsvWorkers
    from bot.services.history import history_file
    from storage.database import open_database

    start = datetime(2020, 9, 5, 0, 0, tzinfo=UTC)
    path = tmp_path / "h.db"
    db = await open_database(path)
    workers = CsvWorkers()
    try:
        source = await sources.add_source(
            db,
            kind=SourceKind.TELEGRAM,
            target="d",
            label="d",
            interval_seconds=60,
            created_at=start,
        )
        rows = [Sample(start + timedelta(minutes=i), 1000 + i) for i in range(100)]
        await samples.insert_samples(db, source.id, rows)
        tz = ZoneInfo("Asia/Seoul")
        async with history_file(workers, path, source, tz, "k.csv") as plain:
            assert plain.name == "k.csv" and plain.count == 100
            body = plain.path.read_text()
        async with history_file(workers, path, source, tz, "k.csv", most=1000) as packed:
            assert packed.name == "k.csv.gz" and packed.path.stat().st_size < 1000
            assert gzip.decompress(packed.path.read_bytes()).decode() == body
        assert not packed.path.exists()
        assert body.splitlines()[1] == "2020-09-05T09:00:00+09:00,1000"
    finally:
        workers.close()
        await db.close()


async def test_a_long_history_streams_and_a_second_export_is_queued_then_served(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    start = datetime(2020, 9, 5, 0, 0, tzinfo=UTC)
    rows = [Sample(start + timedelta(seconds=30 * i), 5000 + i) for i in range(50_000)]
    async with default_source_db(settings, start) as (db, kakao):
        await samples.insert_samples(db, kakao.id, rows)
    async with running_bot(settings, clock):
        telegram.send_command("/export kakao")
        telegram.send_command("/export kakao", language_code="ko")
        got = await telegram.await_messages(CHAT, 3, timeout=60)
    (queued,) = [m for m in got if m.method == "sendMessage"]
    assert queued.text is not None and "대기열에 있고 곧 보내 드려요" in queued.text
    documents = [m for m in got if m.method == "sendDocument"]
    assert len(documents) == 2
    tz = ZoneInfo("Asia/Seoul")
    want = "timestamp,count\n" + "".join(
        f"{s.ts.astimezone(tz).isoformat()},{s.value}\n" for s in rows
    )
    for document in documents:
        part = document.params["document"]
        assert isinstance(part, UploadedFile)
        assert part.filename == "kakao-history.csv"
        assert part.data.decode() == want
