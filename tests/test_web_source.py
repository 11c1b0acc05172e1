"""The web: source: each extractor on realistic pages, the JSON path parser, and real fetches."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading, Source
from bot.core.source_options import Extractor
from bot.presentation.texts import said
from bot.settings import Settings
from bot.sources import read_source
from bot.sources.json_path import JsonPathError, parse_json_path
from bot.sources.web import (
    ExtractorError,
    extract_count,
    extractor_from_options,
    extractor_options,
    parse_extractor,
    read_page,
)
from tests.fakes.source_server import Response, SourceServer

FIXTURES = Path(__file__).parent / "fixtures" / "web"
HTML = (FIXTURES / "stats.html").read_text(encoding="utf-8")
JSON = (FIXTURES / "stats.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extractor", "expected"),
    [
        ("css:#members", Reading(48_213)),
        ("css:section.stats .stat:nth-child(2) .count", Reading(12_000, approximate=True)),
        ('css:meta[name="member-count"]', Reading(48_213)),  # no text: the content attribute
        ("css:.stat span.count", Reading(48_213)),  # the first match
        ("regex:Followers: ([\\d ]+) \\(", Reading(12_345)),
        ("regex:(?s)회원</span>\\s*<span[^>]*>([^<]+)", Reading(48_213)),
    ],
)
def test_html_extractors(extractor: str, expected: Reading) -> None:
    assert extract_count(HTML, parse_extractor(extractor)) == expected


@pytest.mark.parametrize(
    ("extractor", "expected"),
    [
        ("$.data.channel.stats[0].followers", Reading(98_765)),
        ("json:$.data.channel.stats[1].followers", Reading(1_500, approximate=True)),
        ("$.data.channel.stats[-1].followers", Reading(1_500, approximate=True)),
        ('$.meta["count with spaces"]', Reading(12_345)),
        ("$['meta']['count with spaces']", Reading(12_345)),
    ],
)
def test_json_extractors(extractor: str, expected: Reading) -> None:
    assert extract_count(JSON, parse_extractor(extractor)) == expected


@pytest.mark.parametrize(
    ("extractor", "reason", "quoted"),
    [
        ("css:#posts", "not_a_count", "'-'"),
        ("css:#nothing", "no_match", "#nothing"),
        ("regex:Subscribers: (\\d+)", "no_match", "Subscribers"),
        ("$.data.channel.stats[5].followers", "no_match", "$.data.channel.stats[5]"),
        ("$.data.missing.count", "no_match", "$.data.missing"),
        ("$.data.flags.public", "not_a_count", "true"),
        ("$.data.ratio", "not_a_count", "0.5"),
        ("$.data.big", "not_a_count", "1e+20"),
        ("$.data.text", "not_a_count", "lots"),
        ("$.data.channel", "not_a_count", "Example"),
    ],
)
def test_extractor_failures_say_why(extractor: str, reason: str, quoted: str) -> None:
    page = JSON if extractor.startswith("$") else HTML
    got = extract_count(page, parse_extractor(extractor))
    assert isinstance(got, Failure)
    assert got.tag == reason
    assert quoted in got.detail


def test_json_path_on_html_is_not_json() -> None:
    got = extract_count(HTML, parse_extractor("$.a"))
    assert isinstance(got, Failure)
    assert got.tag == "not_json"


@pytest.mark.parametrize(
    "word",
    [
        "css:",
        "css:div[",
        "json:data.count",  # no $
        "$",
        "$.a..b",
        "$.a[*]",
        "regex:\\d+",  # no group
        "regex:(\\d+) of (\\d+)",  # two groups
        "regex:(unclosed",
        "xpath://div",
        "css:" + "a" * 400,
    ],
)
def test_bad_extractors_are_refused_up_front(word: str) -> None:
    with pytest.raises(ExtractorError) as refused:
        parse_extractor(word)
    # Why, in the admin's language: the English reply is the same words as the log's message.
    assert said("en", refused.value.phrase) == str(refused.value)
    assert said("ko", refused.value.phrase) != str(refused.value)


def test_json_path_steps() -> None:
    assert parse_json_path('$.a.b[0]["c d"][-2].e_f').steps == ("a", "b", 0, "c d", -2, "e_f")
    with pytest.raises(JsonPathError):
        parse_json_path("$.a.")


def test_extractor_round_trips_through_options() -> None:
    extractor = parse_extractor('css:div.stats span[data-x="1"]')
    assert extractor_from_options(extractor_options(extractor)) == extractor
    assert isinstance(extractor_from_options("{}"), Failure)
    assert isinstance(extractor_from_options('{"extractor": "xpath", "expression": "x"}'), Failure)


async def test_fetches_and_extracts(source_server: SourceServer) -> None:
    source_server.set("/stats", Response(body=HTML.encode()))
    source_server.set("/api/stats", Response(body=JSON.encode(), content_type="application/json"))
    async with httpx.AsyncClient() as client:
        page = await read_page(client, f"{source_server.url}/stats", Extractor("css", "#members"))
        api = await read_page(
            client,
            f"{source_server.url}/api/stats",
            parse_extractor("$.data.channel.stats[0].followers"),
        )
        gone = await read_page(client, f"{source_server.url}/gone", Extractor("css", "#members"))
    assert page == Reading(48_213)
    assert api == Reading(98_765)
    assert isinstance(gone, Failure)
    assert gone.tag == "http_404"


async def test_read_source_dispatches_web(source_server: SourceServer, settings: Settings) -> None:
    source_server.set("/stats", Response(body=HTML.encode()))
    source = Source(
        id=1,
        kind=SourceKind.WEB,
        target=f"{source_server.url}/stats",
        label="community",
        name=None,
        interval_seconds=60,
        options=extractor_options(parse_extractor("regex:Followers: ([\\d ]+) \\(")),
    )
    async with httpx.AsyncClient() as client:
        assert await read_source(client, source, settings) == Reading(12_345)
        broken = await read_source(client, replace(source, options="{}"), settings)
    assert isinstance(broken, Failure)
    assert broken.tag == "bad_options"
