"""Hostile pages and strange input (issue 9): every case is served for real by the local source
server, or typed to the running bot through the fake Bot API."""

from __future__ import annotations

import gzip
import resource
import tracemalloc
import zlib
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from telegram.constants import MessageLimit

from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings, SettingsError, load_settings
from bot.sources.http import get_text
from bot.sources.web import parse_extractor, read_page
from storage import failures as failure_store
from storage import sources, subscriptions
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.running import TOKEN, running_bot, wait_until

ADMIN = 4242
DEEP_JSON = b"[" * 100_000


def broken_parse(text: str) -> object:
    raise KeyError("surprise")


def admin_settings(settings: Settings) -> Settings:
    return replace(settings, admin_user_ids=frozenset({ADMIN}))


async def test_deep_json_is_a_too_complex_failure_in_track_and_in_samples(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/deep", Response(body=DEEP_JSON, content_type="application/json"))
    async with running_bot(admin_settings(settings), clock) as bot:
        telegram.send_command(
            f"/track web:{source_server.url}/deep json:$.count", chat_id=ADMIN, user_id=ADMIN
        )
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == (
            f"I could not read a number from web:{source_server.url}/deep, so it is not "
            "tracked: the page is too complex to read"
        )
        # The Kakao source turns hostile: its sample is a recorded failure, not nothing.
        source_server.set(
            "/rocket-web/web/v2/profiles/_xdhKKT",
            Response(body=DEEP_JSON, content_type="application/json"),
        )
        (kakao,) = await sources.list_sources(bot.deps.db)
        clock.advance(timedelta(seconds=30))
        outcome = await bot.data.sampler.sample_once(kakao)
        assert isinstance(outcome, Failure) and outcome.tag == "too_complex"
        (row, *_) = await failure_store.recent_failures(bot.deps.db, kakao.id)
        assert row.tag == "too_complex"


async def test_an_unexpected_exception_while_reading_is_a_recorded_internal_failure(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set_kakao_count("other", 5)
    async with running_bot(admin_settings(settings), clock) as bot:
        (kakao,) = await sources.list_sources(bot.deps.db)
        # Module-level, so the parse worker process can run it too.
        monkeypatch.setattr("bot.sources.kakao.parse_profile_json", broken_parse)
        clock.advance(timedelta(seconds=30))
        outcome = await bot.data.sampler.sample_once(kakao)
        assert isinstance(outcome, Failure)
        assert outcome.tag == "internal"
        assert outcome.detail == "KeyError: 'surprise'"
        (row, *_) = await failure_store.recent_failures(bot.deps.db, kakao.id)
        assert (row.tag, row.detail) == ("internal", "KeyError: 'surprise'")
        assert any("KeyError: 'surprise'" in r.getMessage() for r in caplog.records)

        telegram.send_command("/track kakao:other", chat_id=ADMIN, user_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == (
            "I could not read a number from kakao:other, so it is not tracked: "
            "an unexpected problem on the bot's side (the log says more)"
        )


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (
            "http://a..b/",
            "encoding with 'idna' codec failed (UnicodeError: label empty or too long)",
        ),
        ("http://010.010.010.010/", "Invalid IPv4 address: '010.010.010.010'"),
        ("http://xn--/", "Malformed A-label, no Punycode eligible content found"),
    ],
)
async def test_a_url_that_cannot_be_read_as_one_gets_a_specific_reply(
    url: str,
    why: str,
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    strict = replace(admin_settings(settings), allow_private_sources=False)
    for allowed in (strict, admin_settings(settings)):
        async with running_bot(allowed, clock):
            telegram.clear()
            telegram.send_command(f"/track web:{url} css:p", chat_id=ADMIN, user_id=ADMIN)
            (reply,) = await telegram.await_messages(ADMIN, 1)
            assert reply.text == (
                f"{url} is not a URL I can track: it cannot be read as a URL ({why})."
            )


async def test_a_long_url_is_shortened_in_a_track_failure(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    url = f"{source_server.url}/{'p' * 2_100}"
    async with running_bot(admin_settings(settings), clock):
        telegram.send_command(f"/track web:{url} css:p", chat_id=ADMIN, user_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        short = url[:199] + "…"
        assert reply.text is not None
        assert reply.text.startswith(f"I could not read a number from web:{short}, so it is not")
        assert reply.text.endswith("the source refused the request (HTTP 404)")
        assert len(reply.text) < 600


async def test_label_lists_end_in_and_n_more(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    async with running_bot(admin_settings(settings), clock) as bot:
        for i in range(130):  # labels of the longest kind: 130 of them are over 4,096 characters
            await sources.add_source(
                bot.deps.db,
                kind=SourceKind.TELEGRAM,
                target=f"channel{i:04d}",
                label=f"{'l' * 28}{i:04d}",
                interval_seconds=3600,
                created_at=clock.now(),
            )
        first_30 = ", ".join(["kakao", *(f"{'l' * 28}{i:04d}" for i in range(29))])
        more = f"Tracked: {first_30} … and 101 more."
        for command, first_line in (
            ("/now nosuch", ""),
            ("/chart nosuch", "Usage: /chart [label] [24h|7d|30d|all|days], e.g. /chart days\n"),
            ("/untrack nosuch", ""),
        ):
            telegram.send_command(command, chat_id=ADMIN, user_id=ADMIN)
            (reply,) = await telegram.await_messages(ADMIN, 1)
            assert reply.text == f"{first_line}No source is labelled nosuch. {more}"
            telegram.clear()
        telegram.send_command("/untrack", chat_id=ADMIN, user_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == f"Usage: /untrack <label>. {more}"
        telegram.clear()
        telegram.send_command("/start", chat_id=ADMIN, user_id=ADMIN, language_code="ko")
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text is not None
        assert f"수치 131개를 기록하고 있어요: {first_30} … 외 101개." in reply.text
        assert len(reply.text) <= MessageLimit.MAX_TEXT_LENGTH


async def test_an_edited_command_does_not_run_again(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    async with running_bot(admin_settings(settings), clock) as bot:
        telegram.send_command("/subscribe", chat_id=ADMIN, user_id=ADMIN, edited=True)
        telegram.send_command("/nosuchcommand", chat_id=ADMIN, user_id=ADMIN, edited=True)
        telegram.send_command("/help", chat_id=ADMIN, user_id=ADMIN)
        (reply,) = await telegram.await_messages(ADMIN, 1)  # only the new /help is answered
        assert reply.text is not None and "/subscribe" in reply.text
        await wait_until(lambda: telegram.pending_updates() == 0)  # confirmed by the next poll
        assert len(telegram.messages_to(ADMIN)) == 1
        assert await subscriptions.subscriptions(bot.deps.db) == []
        telegram.send_command("/subscribe", chat_id=ADMIN, user_id=ADMIN)
        await telegram.await_messages(ADMIN, 2)
        assert len(await subscriptions.subscriptions(bot.deps.db)) == 1


def gzipped(data: bytes, times: int = 1) -> bytes:
    for _ in range(times):
        data = gzip.compress(data, compresslevel=9)
    return data


async def _peak_while_getting(url: str) -> tuple[object, int]:
    tracemalloc.start()
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            tracemalloc.reset_peak()
            got = await get_text(client, url)
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return got, peak


async def test_stacked_gzip_is_refused_without_unpacking_it(source_server: SourceServer) -> None:
    bomb = gzipped(bytes(10 * 1024 * 1024), times=2)  # 10 MiB of zeros in ~1 KiB
    assert len(bomb) < 2048
    headers = {"Content-Encoding": "gzip, gzip"}
    source_server.set("/bomb", Response(body=bomb, headers=headers))
    got, peak = await _peak_while_getting(f"{source_server.url}/bomb")
    assert isinstance(got, Failure) and got.tag == "bad_encoding"
    assert got.detail.endswith("stacked content encodings (gzip, gzip)")
    assert peak < 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


async def test_decoded_bytes_are_counted_as_they_are_produced(source_server: SourceServer) -> None:
    # 200 MiB of zeros in ~200 KiB of gzip: the cap (2 MiB) stops the unpacking early.
    bomb = gzipped(bytes(200 * 1024 * 1024))
    source_server.set("/bomb", Response(body=bomb, headers={"Content-Encoding": "gzip"}))
    got, peak = await _peak_while_getting(f"{source_server.url}/bomb")
    assert isinstance(got, Failure) and got.tag == "too_large"
    # Measured: 3.5-5.5 MiB (the 2 MiB cap's buffer as it grows, pieces of 64 KiB); with
    # httpx decoding whole chunks it was 144 MiB.
    assert peak < 8 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


async def test_an_absurd_compression_ratio_is_refused_under_the_size_cap(
    source_server: SourceServer,
) -> None:
    # 1.5 MiB of zeros (under the 2 MiB cap) in ~1.5 KiB of gzip: no page compresses 1000×.
    source_server.set(
        "/dense",
        Response(body=gzipped(bytes(1536 * 1024)), headers={"Content-Encoding": "gzip"}),
    )
    async with httpx.AsyncClient(timeout=5) as client:
        got = await get_text(client, f"{source_server.url}/dense")
    assert isinstance(got, Failure) and got.tag == "too_large"
    assert "more than 100×" in got.detail


async def test_a_gzipped_or_deflated_page_still_reads(source_server: SourceServer) -> None:
    page = b'<p id="n">12,345</p>' + b" " * 100_000
    source_server.set("/gz", Response(body=gzipped(page), headers={"Content-Encoding": "gzip"}))
    source_server.set(
        "/zz", Response(body=zlib.compress(page), headers={"Content-Encoding": "deflate"})
    )
    async with httpx.AsyncClient(timeout=5) as client:
        for path in ("/gz", "/zz"):
            got = await read_page(client, f"{source_server.url}{path}", parse_extractor("css:#n"))
            assert got == Reading(12_345), path
    assert source_server.requests[0][1]["Accept-Encoding"] == "gzip, deflate"


async def test_track_of_a_gzip_bomb_says_why(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    bomb = gzipped(bytes(10 * 1024 * 1024), times=2)
    source_server.set("/bomb", Response(body=bomb, headers={"Content-Encoding": "gzip, gzip"}))
    async with running_bot(admin_settings(settings), clock):
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        telegram.send_command(
            f"/track web:{source_server.url}/bomb css:p", chat_id=ADMIN, user_id=ADMIN
        )
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text == (
            f"I could not read a number from web:{source_server.url}/bomb, so it is not "
            "tracked: the source packed its page in a way that is not accepted"
        )
        grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        assert grown_kib < 50 * 1024, f"peak resident size grew {grown_kib} KiB"


def test_allowed_source_ports_setting() -> None:
    token = TOKEN
    default = load_settings({"TELEGRAM_BOT_TOKEN": token})
    assert default.allowed_source_ports == frozenset({80, 443})
    assert default.source_ports() == frozenset({80, 443})
    s = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": token,
            "ALLOWED_SOURCE_PORTS": "443, 8443",
            "TELEGRAM_WEB_URL": "http://127.0.0.1:9000",
        }
    )
    assert s.allowed_source_ports == frozenset({443, 8443})
    assert s.source_ports() == frozenset({443, 8443, 9000})  # the configured t.me address too
    for bad in ("0", "80,x", "65536", ","):
        with pytest.raises(SettingsError, match="ALLOWED_SOURCE_PORTS"):
            load_settings({"TELEGRAM_BOT_TOKEN": token, "ALLOWED_SOURCE_PORTS": bad})


async def test_only_allowed_ports_are_fetched(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    with SourceServer() as other:
        other.set("/n", Response(body=b'<p id="n">77</p>'))
        port = int(other.url.rsplit(":", 1)[1])
        # The source server's own port is allowed: it is the configured Kakao address.
        here = int(source_server.url.rsplit(":", 1)[1])
        source_server.set("/hop", Response(status=302, headers={"Location": f"{other.url}/n"}))
        async with running_bot(admin_settings(settings), clock) as bot:
            telegram.send_command(f"/track web:{other.url}/n css:#n", chat_id=ADMIN, user_id=ADMIN)
            telegram.send_command(
                f"/track web:{source_server.url}/hop css:#n", chat_id=ADMIN, user_id=ADMIN
            )
            first, second = await telegram.await_messages(ADMIN, 2)
            allowed = ", ".join(map(str, sorted({80, 443, here})))
            assert first.text == (
                f"I won't fetch that URL: port {port} is not one sources may use "
                f"(allowed: {allowed}; the ALLOWED_SOURCE_PORTS setting names the ports)."
            )
            assert second.text == (  # a redirect to another port is refused as well
                f"I could not read a number from web:{source_server.url}/hop, so it is not "
                "tracked: its port is not one sources may use (ALLOWED_SOURCE_PORTS)"
            )
            assert other.requests_to("/n") == 0
            assert [s.label for s in await sources.list_sources(bot.deps.db)] == ["kakao"]
        opened = replace(admin_settings(settings), allowed_source_ports=frozenset({port}))
        async with running_bot(opened, clock):
            telegram.clear()
            telegram.send_command(f"/track web:{other.url}/n css:#n", chat_id=ADMIN, user_id=ADMIN)
            (reply,) = await telegram.await_messages(ADMIN, 1)
            assert reply.text is not None and reply.text.startswith("Now tracking")
