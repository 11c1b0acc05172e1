"""The telegram: source: pure parsing of t.me pages, then real fetches from a local server,
with the Bot API fallback answered by the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest

from bot.core.model import Failure, Reading
from bot.core.reasons import Reason
from bot.demo.bot_api import FakeTelegramAPI
from bot.sources.telegram import (
    count_via_bot_api,
    normalise_username,
    parse_channel_page,
    parse_preview_page,
    read_channel,
)
from tests.fakes.source_server import Response, SourceServer
from tests.running import TOKEN

FIXTURES = Path(__file__).parent / "fixtures" / "telegram"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def html(name: str) -> Response:
    return Response(body=page(name).encode())


def test_channel_page_gives_the_exact_count_and_title() -> None:
    assert parse_channel_page(page("tme_channel.html"), "durov") == Reading(
        value=10_612_280, name="Durov's Channel", approximate=False
    )


def test_group_page_counts_members_not_online() -> None:
    # "4 321 members, 87 online" with a no-break space: the members, exactly.
    got = parse_channel_page(page("tme_group.html"), "pythonkr")
    assert got == Reading(value=4321, name="파이썬 코리아")


def test_bot_page_is_a_clear_failure() -> None:
    got = parse_channel_page(page("tme_bot.html"), "counter_test_bot")
    assert isinstance(got, Failure)
    assert got.tag == "not_a_channel"
    assert "monthly users" in got.detail


def test_user_page_is_not_a_channel() -> None:
    got = parse_channel_page(page("tme_user.html"), "someperson")
    assert isinstance(got, Failure)
    assert got.tag == "not_a_channel"


def test_missing_channel_is_not_found() -> None:
    got = parse_channel_page(page("tme_missing.html"), "nosuchchannel")
    assert isinstance(got, Failure)
    assert got.tag == "not_found"
    assert "t.me/nosuchchannel" in got.detail


def test_changed_layout_quotes_what_it_saw() -> None:
    got = parse_channel_page('<div class="tgme_page_extra">lots of fans</div>', "x")
    assert got == Failure(Reason.LAYOUT_CHANGED, "tgme_page_extra holds no count: lots of fans")


def test_preview_page_matches_the_counter_type_not_the_position() -> None:
    got = parse_preview_page(page("tme_s_channel.html"), "durov")
    assert got == Reading(value=10_600_000, name="Durov's Channel", approximate=True)


def test_preview_page_in_russian_with_decimal_comma() -> None:
    # Subscribers are the second counter here, after photos; "10,6M" is 10.6 million.
    got = parse_preview_page(page("tme_s_ru.html"), "durov")
    assert got == Reading(value=10_600_000, name="Канал Дурова", approximate=True)


def test_small_preview_count_is_exact() -> None:
    got = parse_preview_page(page("tme_s_small.html"), "small")
    assert got == Reading(value=956, name="작은 채널", approximate=False)


def test_preview_without_subscribers_counter_is_layout_changed() -> None:
    only_photos = page("tme_s_channel.html").replace(">subscribers<", ">links<")
    got = parse_preview_page(only_photos, "durov")
    assert isinstance(got, Failure)
    assert got.tag == "layout_changed"
    assert "10.6M links" in got.detail


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("durov", "durov"),
        ("@durov", "durov"),
        ("t.me/durov", "durov"),
        ("https://t.me/durov", "durov"),
        ("https://t.me/s/durov/", "durov"),
        ("https://telegram.me/durov?start=1", "durov"),
        ("du", None),  # too short
        ("1durov", None),
        ("durov/123", None),
        ("https://t.me/+AbCdEf", None),  # private invite links have no public page
        ("https://example.org/durov", None),
    ],
)
def test_usernames(given: str, expected: str | None) -> None:
    assert normalise_username(given) == expected


async def test_reads_the_channel_page_with_english_asked_for(source_server: SourceServer) -> None:
    source_server.set("/durov", html("tme_channel.html"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "durov")
    assert got == Reading(value=10_612_280, name="Durov's Channel")
    path, headers = source_server.requests[0]
    assert path == "/durov"
    assert headers["Accept-Language"] == "en"
    assert source_server.requests_to("/s/durov") == 0


async def test_falls_back_to_the_preview_page(source_server: SourceServer) -> None:
    source_server.set("/durov", Response(status=502, body=b"Bad gateway"))
    source_server.set("/s/durov", html("tme_s_channel.html"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "durov")
    assert got == Reading(value=10_600_000, name="Durov's Channel", approximate=True)
    assert source_server.requests[1][1]["Accept-Language"] == "en"


async def test_bot_page_is_refused_without_trying_elsewhere(source_server: SourceServer) -> None:
    source_server.set("/counter_test_bot", html("tme_bot.html"))
    source_server.set("/s/counter_test_bot", html("tme_s_channel.html"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "counter_test_bot")
    assert isinstance(got, Failure)
    assert got.tag == "not_a_channel"
    assert source_server.requests_to("/s/counter_test_bot") == 0


async def test_missing_channel_reports_not_found(source_server: SourceServer) -> None:
    source_server.set("/nosuchchannel", html("tme_missing.html"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "nosuchchannel")
    assert isinstance(got, Failure)
    assert got.tag == "not_found"


async def test_both_pages_failing_reports_the_first_reason(source_server: SourceServer) -> None:
    source_server.set("/durov", Response(status=503, body=b"busy"))
    source_server.set("/s/durov", Response(body=b"<html><body>maintenance</body></html>"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(client, source_server.url, "durov")
    assert isinstance(got, Failure)
    assert got.tag == "http_503"


@pytest.fixture
async def bot(telegram: FakeTelegramAPI) -> AsyncIterator[Bot]:
    the_bot = Bot(TOKEN, base_url=f"{telegram.root_url}/bot")
    async with the_bot:
        yield the_bot


async def test_bot_api_count_is_used_when_the_page_has_none(
    source_server: SourceServer, telegram: FakeTelegramAPI, bot: Bot
) -> None:
    telegram.chat_member_counts["@quietchannel"] = 7_777
    source_server.set("/quietchannel", Response(status=500, body=b"oops"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(
            client, source_server.url, "quietchannel", member_count=bot.get_chat_member_count
        )
    assert got == Reading(value=7_777)
    assert telegram.calls_to("getChatMemberCount") == [{"chat_id": "@quietchannel"}]
    assert source_server.requests_to("/s/quietchannel") == 0


async def test_bot_api_refusal_is_a_failure_and_the_preview_still_tried(
    source_server: SourceServer, bot: Bot
) -> None:
    assert await count_via_bot_api(bot.get_chat_member_count, "unknown", 2.0) == Failure(
        Reason.BOT_API, "getChatMemberCount(@unknown): Chat not found"
    )
    source_server.set("/s/unknown", html("tme_s_small.html"))
    async with httpx.AsyncClient() as client:
        got = await read_channel(
            client, source_server.url, "unknown", member_count=bot.get_chat_member_count
        )
    assert got == Reading(value=956, name="작은 채널")


async def test_bot_api_errors_never_escape() -> None:
    async def refuses(chat: str) -> int:
        raise BadRequest("Chat not found")

    got = await count_via_bot_api(refuses, "x_channel", 1.0)
    assert isinstance(got, Failure)
    assert got.tag == "bot_api"
