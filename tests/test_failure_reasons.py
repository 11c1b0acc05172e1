"""Each way a source can fail has its own reason and plain words: a name that does not resolve, a
refused connection, a channel that does not exist; "not a public address" only when it is one."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from dataclasses import replace

import httpx

from bot.core.model import Failure
from bot.core.reasons import Reason, parse_reason_tag, reason_tag
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.reasons import format_reason
from bot.settings import Settings
from bot.sources.http import get_text
from bot.sources.transport import SourceTransport
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.running import running_bot

ADMIN = 4242


def guarded(resolve: object, *, allow_private: bool = False) -> SourceTransport:
    return SourceTransport(
        httpx.AsyncHTTPTransport(),
        allow_private=allow_private,
        concurrency=2,
        deadline_seconds=5.0,
        resolve=resolve,  # type: ignore[arg-type]
    )


async def test_a_name_that_does_not_resolve_is_no_such_host_not_a_private_address() -> None:
    async def nothing(host: str, port: int) -> Sequence[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async with httpx.AsyncClient(transport=guarded(nothing)) as client:
        got = await get_text(client, "https://pf.kakao.com/_x")
    assert isinstance(got, Failure)
    assert got.reason is Reason.NO_SUCH_HOST and got.tag == "no_such_host"
    assert "does not resolve" in got.detail
    assert "공개 주소" not in format_reason("ko", got.reason)
    assert format_reason("ko", got.reason).startswith("출처의 호스트 이름을 찾을 수 없어요")


async def test_a_refused_port_on_loopback_is_connection_refused() -> None:
    with socket.socket() as probe:  # a port nothing listens on: bound, then closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def loopback(host: str, port: int) -> Sequence[str]:
        return ["127.0.0.1"]

    async with httpx.AsyncClient(transport=guarded(loopback, allow_private=True)) as client:
        got = await get_text(client, f"http://127.0.0.1:{port}/")
    assert isinstance(got, Failure)
    assert got.reason is Reason.CONNECTION_REFUSED
    assert format_reason("en", got.reason) == "the source's server refused the connection"
    assert format_reason("ko", got.reason) == "출처 서버가 연결을 거부했어요"


def test_new_reasons_are_stored_as_their_tags() -> None:
    for reason in (Reason.NO_SUCH_HOST, Reason.CONNECTION_REFUSED, Reason.TLS, Reason.REFUSED_PORT):
        assert parse_reason_tag(reason_tag(reason)) == (reason, None)
    for lang in ("en", "ko"):
        for reason in Reason:
            if reason is not Reason.HTTP:
                assert format_reason(lang, reason)


async def test_track_of_a_kakao_channel_that_does_not_exist_says_so_in_korean(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/_nosuch", Response(status=404, body=b"<!DOCTYPE HTML><html>Not Found"))
    admin = replace(settings, admin_user_ids=frozenset({ADMIN}))
    async with running_bot(admin, clock):
        telegram.send_command(
            "/track kakao:_nosuch", chat_id=ADMIN, user_id=ADMIN, language_code="ko"
        )
        telegram.send_command("/track kakao:_nosuch", chat_id=ADMIN, user_id=ADMIN)
        ko, en = await telegram.await_messages(ADMIN, 2)
    assert ko.text == (
        "kakao:_nosuch에서 숫자를 읽지 못해서 추적하지 않았어요: "
        "없는 채널이에요 (존재하지 않거나 닫혔어요)"
    )
    assert en.text == (
        "I could not read a number from kakao:_nosuch, so it is not tracked: "
        "no such channel: it does not exist or was closed"
    )
    for reply in (ko.text, en.text):
        assert "DOCTYPE" not in reply and "http_404" not in reply
