"""The Kakao source: pure parsing of both page shapes, then real fetches from a local server."""

from __future__ import annotations

from pathlib import Path

import httpx

from bot.core.model import Failure, Reading
from bot.core.reasons import Reason
from bot.sources.kakao import parse_profile_html, parse_profile_json, read_channel
from tests.fakes.source_server import Response, SourceServer, kakao_profile_html

FIXTURES = Path(__file__).parent / "fixtures" / "kakao"


def test_v2_json_gives_count_and_name() -> None:
    got = parse_profile_json((FIXTURES / "profile_v2.json").read_text(encoding="utf-8"))
    assert got == Reading(value=223456, name="배민커넥트")


def test_hidden_count_is_a_failure_not_zero() -> None:
    got = parse_profile_json((FIXTURES / "profile_v2_count_hidden.json").read_text("utf-8"))
    assert isinstance(got, Failure)
    assert got.tag == "count_hidden"
    assert "비공개채널" in got.detail


def test_non_json_and_wrong_shapes_are_failures() -> None:
    assert parse_profile_json("<html>error</html>") == Failure(
        Reason.NOT_JSON, "expected JSON, got: <html>error</html>"
    )
    got = parse_profile_json('{"cards": []}')
    assert isinstance(got, Failure)
    assert got.tag == "layout_changed"
    got = parse_profile_json('{"cards":[{"type":"profile","profile":{"friend_count":"lots"}}]}')
    assert isinstance(got, Failure)
    assert got.tag == "layout_changed"
    got = parse_profile_json('{"cards":[{"type":"profile","profile":{"friend_count":true}}]}')
    assert isinstance(got, Failure)


def test_legacy_html_page() -> None:
    got = parse_profile_html((FIXTURES / "profile_legacy.html").read_text(encoding="utf-8"))
    assert got == Reading(value=198765, name="배민커넥트")


def test_every_thousands_separator_counts() -> None:
    # The seed replaced only the first comma and read 1,234,567 as 1234.
    got = parse_profile_html(kakao_profile_html("1,234,567").decode())
    assert isinstance(got, Reading)
    assert got.value == 1_234_567


def test_html_without_count_is_layout_changed() -> None:
    got = parse_profile_html("<html><body><p>점검 중입니다</p></body></html>")
    assert isinstance(got, Failure)
    assert got.tag == "layout_changed"
    assert "점검 중입니다" in got.detail


async def test_fetch_json_endpoint(source_server: SourceServer) -> None:
    source_server.set_kakao_count("_xdhKKT", 223_456)
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "_xdhKKT")
    assert got == Reading(value=223456, name="배민커넥트")
    path, headers = source_server.requests[0]
    assert path == "/rocket-web/web/v2/profiles/_xdhKKT"
    assert headers["Accept"] == "application/json"
    assert "Mozilla/5.0" in headers["User-Agent"]


async def test_falls_back_to_html_when_json_gives_no_count(source_server: SourceServer) -> None:
    source_server.set("/_xdhKKT", Response(body=kakao_profile_html("201,002")))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "_xdhKKT")
    assert got == Reading(value=201002, name="배민커넥트")


async def test_both_failing_reports_the_json_reason(source_server: SourceServer) -> None:
    source_server.set_kakao_count("_xdhKKT", None, name="비공개채널")
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "_xdhKKT")
    assert isinstance(got, Failure)
    assert got.tag == "count_hidden"


async def test_http_error_and_timeout_are_failures(source_server: SourceServer) -> None:
    source_server.set("/rocket-web/web/v2/profiles/_x", Response(status=503, body=b"busy"))
    source_server.set("/_x", Response(status=503, body=b"busy"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "_x")
    assert isinstance(got, Failure)
    assert got.tag == "http_503"

    source_server.set("/rocket-web/web/v2/profiles/_slow", Response(body=b"{}", delay=1.0))
    async with httpx.AsyncClient(timeout=0.2) as client:
        got = await read_channel(client, source_server.url, "_slow")
    assert isinstance(got, Failure)
    assert got.tag == "timeout"
