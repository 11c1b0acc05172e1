"""What admins type after /track, the words of /chart, and how source jobs are spread."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Source
from bot.core.ranges import DAYS_CHART, RANGES
from bot.core.schedule import first_run_delay
from bot.core.source_choice import ChartWords, find_by_label, split_chart_words
from bot.core.source_options import Extractor
from bot.sources.specs import TrackRequest, TrackSpecError, parse_track_request, split_words
from bot.sources.web import extractor_options


def css(expression: str) -> tuple[Extractor, str]:
    extractor = Extractor("css", expression)
    return extractor, extractor_options(extractor)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kakao:_xdhKKT", TrackRequest(SourceKind.KAKAO, "_xdhKKT", "_xdhKKT", 30)),
        (
            "kakao:https://pf.kakao.com/_abc12",
            TrackRequest(SourceKind.KAKAO, "_abc12", "_abc12", 30),
        ),
        ("telegram:durov", TrackRequest(SourceKind.TELEGRAM, "durov", "durov", 30)),
        (
            "Telegram:@durov 두로프 every 5m",
            TrackRequest(SourceKind.TELEGRAM, "durov", "두로프", 300),
        ),
        (
            "telegram:https://t.me/s/durov every 2 min",
            TrackRequest(SourceKind.TELEGRAM, "durov", "durov", 120),
        ),
        ("telegram:durov 5분마다", TrackRequest(SourceKind.TELEGRAM, "durov", "durov", 300)),
        ("telegram:durov every 1h d", TrackRequest(SourceKind.TELEGRAM, "durov", "d", 3600)),
        (
            'web:https://www.example.org/stats css:"div.stats span.count" every 30s',
            TrackRequest(
                SourceKind.WEB,
                "https://www.example.org/stats",
                "example-org",
                30,
                *css("div.stats span.count"),
            ),
        ),
        (
            "web:https://example.org/a “css:span.n b” mine",
            TrackRequest(SourceKind.WEB, "https://example.org/a", "mine", 30, *css("span.n b")),
        ),
    ],
)
def test_track_requests(typed: str, expected: TrackRequest) -> None:
    assert parse_track_request(typed, 30) == expected


def test_regex_keeps_its_backslashes() -> None:
    got = parse_track_request(r'web:https://example.org regex:"(\d[\d,]*) users"', 30)
    assert got.extractor == Extractor("regex", r"(\d[\d,]*) users")


def test_bare_json_path() -> None:
    got = parse_track_request("web:https://api.example.org/v1 $.data.count api", 30)
    assert got.extractor == Extractor("json", "$.data.count")
    assert got.label == "api"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "track.usage"),
        ("durov", "track.bad_kind"),
        ("twitter:jack", "track.bad_kind"),
        ("kakao:../etc", "track.bad_kakao"),
        ("telegram:a", "track.bad_telegram"),
        ("telegram:https://t.me/+invite", "track.bad_telegram"),
        ("web:ftp://example.org css:a", "track.bad_url"),
        ("web:https://example.org", "track.extractor_needed"),
        ("web:https://example.org css:a json:$.a", "track.one_extractor"),
        ("web:https://example.org css:div[", "track.bad_extractor"),
        ("web:https://example.org regex:\\d+", "track.bad_extractor"),
        ("telegram:durov css:a", "track.extractor_only_web"),
        ("telegram:durov every", "track.bad_interval"),
        ("telegram:durov every 1s", "track.bad_interval"),
        ("telegram:durov every 2d", "track.bad_interval"),
        ("telegram:durov every soon", "track.bad_interval"),
        ("telegram:durov a b", "track.too_many_words"),
        ("telegram:durov 7d", "track.bad_label"),
        ("telegram:durov all", "track.bad_label"),
        ("telegram:durov 12345", "track.bad_label"),
        ("telegram:durov " + "x" * 33, "track.bad_label"),
        ("telegram:durov bad/label", "track.bad_label"),
        ('web:https://example.org "css:a', "track.unbalanced_quotes"),
    ],
)
def test_bad_requests_name_their_problem(typed: str, key: str) -> None:
    with pytest.raises(TrackSpecError) as caught:
        parse_track_request(typed, 30)
    assert caught.value.key == key


def test_split_words_like_a_shell_but_keeping_backslashes() -> None:
    assert split_words(r"a 'b c' \d") == ["a", "b c", r"\d"]


def source(label: str) -> Source:
    return Source(1, SourceKind.TELEGRAM, label.lower(), label, None, 30)


def test_labels_match_without_case() -> None:
    tracked = [source("Durov"), source("kakao")]
    assert find_by_label(tracked, "durov") == tracked[0]
    assert find_by_label(tracked, "KAKAO") == tracked[1]
    assert find_by_label(tracked, "nope") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], ChartWords(None, None)),
        (["7d"], ChartWords(None, RANGES["7d"])),
        (["durov"], ChartWords("durov", None)),
        (["durov", "week"], ChartWords("durov", RANGES["7d"])),
        (["24h", "durov"], ChartWords("durov", RANGES["24h"])),
        (["durov", "days"], ChartWords("durov", DAYS_CHART)),
        (["일별"], ChartWords(None, DAYS_CHART)),
        (["7d", "30d"], None),
        (["a", "b"], None),
        (["a", "7d", "b"], None),
    ],
)
def test_chart_words(words: list[str], expected: ChartWords | None) -> None:
    assert split_chart_words(words) == expected


def test_a_hundred_sources_do_not_fire_in_the_same_second() -> None:
    delays = [first_run_delay(i, 30, 60.0) for i in range(1, 101)]
    assert all(0.5 <= d <= 30.5 for d in delays)
    per_second = Counter(int(d) for d in delays)
    assert max(per_second.values()) <= 5  # ~3.3 per second on average over 30 s
    assert len(set(delays)) == 100


def test_a_long_interval_is_spread_over_the_window_only() -> None:
    delays = [first_run_delay(i, 3600, 60.0) for i in range(1, 101)]
    assert max(delays) <= 60.5  # nobody waits an hour for a first sample after a restart
    assert max(Counter(int(d) for d in delays).values()) <= 4


def test_hidden_at_the_end_keeps_a_source_off_the_page() -> None:
    got = parse_track_request("telegram:durov 두로프 every 5m hidden", 30)
    assert (got.label, got.interval_seconds, got.hidden) == ("두로프", 300, True)
    assert json.loads(got.options) == {"hidden": True}
    web_one = parse_track_request("web:https://example.org css:span.n mine 숨김", 30)
    assert json.loads(web_one.options) == {
        "extractor": "css",
        "expression": "span.n",
        "hidden": True,
    }
    assert parse_track_request("kakao:_abc HIDDEN", 30).hidden
    shown = parse_track_request("telegram:durov durov", 30)
    assert (shown.hidden, shown.options) == (False, "{}")
    with pytest.raises(TrackSpecError):
        parse_track_request("telegram:durov hidden durov", 30)  # only as the last word
    with pytest.raises(TrackSpecError):
        parse_track_request("hidden", 30)


def test_a_source_is_hidden_by_its_options() -> None:
    def source(options: str) -> Source:
        return Source(1, SourceKind.KAKAO, "_abc", "abc", None, 30, options)

    assert source('{"hidden": true}').hidden
    assert not source("{}").hidden
    assert not source('{"hidden": "yes"}').hidden
    assert not source("not json").hidden
    assert not source("[1]").hidden
