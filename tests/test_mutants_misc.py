"""Rules of misc pinned exactly where mutation testing found them loose."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.clock import SystemClock
from bot.core.compare import IndexedLine, indexed
from bot.core.expiring import Expiring
from bot.core.kinds import SourceKind, source_kind
from bot.core.lang import as_lang, language_for
from bot.core.model import ChartLine, ChartPoint, Source
from bot.core.ranges import DAYS_CHART, RANGES, parse_chart_kind
from bot.core.reasons import Reason, parse_reason_tag, reason_tag
from bot.core.sanity import jumps
from bot.core.schedule import first_run_delay
from bot.core.source_choice import CHART_MAX_SOURCES, most_followed
from bot.core.source_options import Extractor, SourceOptions, parse_source_options
from bot.core.stats import hour_boundaries, local_midnight
from bot.core.unusual import (
    BASELINE_DAYS,
    EventKind,
    Pace,
    PaceChange,
    Stop,
    _covers,
    rows_since,
)

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def test_system_clock_is_aware_utc_now() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert before <= now <= datetime.now(UTC)


def test_indexed_rescales_to_100_at_the_first_point_in_time() -> None:
    line = ChartLine("k", (ChartPoint(T0 + timedelta(hours=1), 150), ChartPoint(T0, 200)))
    assert indexed(line) == IndexedLine(
        "k", ((T0, 100.0, 200), (T0 + timedelta(hours=1), 75.0, 150))
    )
    assert indexed(ChartLine("k", ())) is None
    assert (
        indexed(ChartLine("k", (ChartPoint(T0, 0), ChartPoint(T0 + timedelta(hours=1), 5)))) is None
    )
    assert indexed(ChartLine("k", (ChartPoint(T0, -1),))) is None
    assert indexed(ChartLine("k", (ChartPoint(T0, 1),))) == IndexedLine("k", ((T0, 100.0, 1),))


def test_rows_since_reaches_back_over_the_baseline_to_the_hour() -> None:
    now = datetime(2026, 12, 30, 10, 42, 17, 5, tzinfo=UTC)
    start = rows_since(now, timedelta(days=2))
    assert BASELINE_DAYS == 28
    assert start == datetime(2026, 11, 29, 10, tzinfo=UTC)


def source(source_id: int) -> Source:
    return Source(source_id, SourceKind.WEB, "https://example.com", f"s{source_id}", None, 30)


def test_most_followed_keeps_tracked_order() -> None:
    tracked = [source(i) for i in (5, 1, 3, 2, 4, 6)]
    subscribers = {3: 2, 4: 2, 6: 1, 5: 7}
    assert CHART_MAX_SOURCES == 4
    assert [s.id for s in most_followed(tracked, subscribers)] == [5, 3, 4, 6]
    assert [s.id for s in most_followed(tracked, subscribers, 2)] == [5, 3]
    assert [s.id for s in most_followed(tracked, {}, 3)] == [1, 3, 2]
    assert most_followed([], subscribers) == []


def pace(direction: Pace, days: int) -> PaceChange:
    return PaceChange(EventKind.PACE_CHANGE, T0, direction, 100.0, 10.0, days, False)


def stop(start: datetime, hours: int) -> Stop:
    return Stop(EventKind.STOP, start, hours, 50, True, False)


def test_a_stop_covers_a_slowdown_it_fills() -> None:
    assert _covers(stop(T0, 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0, 23), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0, 24), pace(Pace.FASTER, 2))
    assert _covers(stop(T0 + timedelta(days=2) - timedelta(hours=1), 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0 + timedelta(days=2), 24), pace(Pace.SLOWER, 2))
    assert not _covers(stop(T0 - timedelta(hours=1), 48), pace(Pace.SLOWER, 2))


def test_a_telegram_language_code_picks_korean_or_else_english() -> None:
    assert language_for("ko") == "ko"
    assert language_for("KO-kr") == "ko"
    assert language_for("ko_KR.UTF-8") == "ko"
    assert language_for("en-US") == "en"
    assert language_for("de") == "en"
    assert language_for("") == "en"
    assert language_for(None) == "en"
    assert as_lang("ko") == "ko" and as_lang("en") == "en"
    assert as_lang("KO") is None and as_lang(None) is None


def test_an_expiring_entry_lives_for_its_ttl_and_can_be_forgotten() -> None:
    admins: Expiring[int, bool] = Expiring(timedelta(minutes=1), most=2)
    admins.put(1, True, T0)
    assert admins.get(1, T0 + timedelta(seconds=59)) is True
    assert admins.get(1, T0 + timedelta(minutes=1)) is None
    admins.put(1, True, T0)
    admins.forget(1)
    admins.forget(2)  # forgetting what is not there is fine
    assert admins.get(1, T0) is None
    admins.put(1, True, T0)
    admins.put(2, False, T0)
    admins.put(1, True, T0)  # put again: now the newest
    admins.put(3, True, T0)
    assert admins.get(2, T0) is None
    assert admins.get(1, T0) is True and admins.get(3, T0) is True


def test_a_count_below_one_is_compared_as_one() -> None:
    assert jumps(1, 5, 4.0)  # ×5
    assert jumps(0, 5, 4.0)
    assert not jumps(2, 5, 4.0)
    assert not jumps(5, 1_000_000, 0.0)  # a factor of 0 turns the rule off


def test_the_stored_tag_carries_the_status_only_for_http() -> None:
    assert reason_tag(Reason.HTTP, 503) == "http_503"
    assert reason_tag(Reason.HTTP) == "http"
    assert reason_tag(Reason.TIMEOUT, 503) == "timeout"


def test_the_first_run_waits_half_a_second_at_least_and_at_most_the_window() -> None:
    assert first_run_delay(7, 30, 0.0) == 0.5
    assert first_run_delay(7, 0, 60.0) == 0.5
    assert first_run_delay(1, 100, 100.0) == pytest.approx(0.5 + 61.80339887498949)


def test_daily_asks_for_the_days_chart() -> None:
    assert parse_chart_kind(" Daily ") == DAYS_CHART
    assert parse_chart_kind("days") == DAYS_CHART


def test_ten_thousand_entries_are_kept_by_default() -> None:
    kept: Expiring[int, int] = Expiring(timedelta(minutes=1))
    for k in range(10_001):
        kept.put(k, k, T0)
    assert kept.get(0, T0) is None
    assert kept.get(1, T0) == 1


def test_a_factor_of_one_calls_any_change_a_jump() -> None:
    assert jumps(6, 5, 1.0)
    assert not jumps(5, 5, 1.0)


def test_a_stored_tag_reads_back_as_its_kind_and_reason() -> None:
    assert source_kind("web") is SourceKind.WEB
    assert source_kind("carrier-pigeon") is SourceKind.UNKNOWN
    assert parse_reason_tag("http_5") == (Reason.HTTP, 5)
    assert parse_reason_tag("abcde12") == (Reason.INTERNAL, None)


def test_a_ranges_start_is_its_span_before_now_but_never_before_the_first_sample() -> None:
    week = RANGES["7d"]
    assert week.start(T0, T0 - timedelta(days=30)) == T0 - timedelta(days=7)
    assert week.start(T0, T0 - timedelta(days=3)) == T0 - timedelta(days=3)
    assert RANGES["all"].start(T0, T0 - timedelta(days=300)) == T0 - timedelta(days=300)


def test_midnights_and_hour_boundaries_are_utc_whatever_the_machines_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        now = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
        midnight = local_midnight(now, ZoneInfo("Asia/Seoul"))
        assert midnight == datetime(2026, 11, 30, 15, tzinfo=UTC)
        assert midnight.utcoffset() == timedelta(0)
        (last,) = hour_boundaries(now.astimezone(ZoneInfo("Asia/Seoul")), 0)
        assert last == datetime(2026, 12, 1, 10, tzinfo=UTC) and last.utcoffset() == timedelta(0)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_source_options_are_read_from_their_json() -> None:
    full = '{"extractor": "css", "expression": "span.n", "hidden": true, "milestone_every": 5000}'
    assert parse_source_options(full) == SourceOptions(Extractor("css", "span.n"), None, True, 5000)
    assert str(Extractor("regex", r"(\d+)")) == r"regex:(\d+)"
    assert parse_source_options('{"milestone_every": 1}').milestone_every == 1
    for odd in ("0", "-3", "true", '"5"', "2.5"):
        assert parse_source_options(f'{{"milestone_every": {odd}}}').milestone_every is None
    assert parse_source_options('{"hidden": "yes"}').hidden is False


def test_source_options_without_a_usable_extractor_say_why() -> None:
    for text in ('{"extractor": "css"}', '{"expression": "span.n"}', "", "[1]", "not json"):
        options = parse_source_options(text)
        assert options.extractor is None
        assert options.extractor_problem == f"this web source has no usable extractor: {text}"
    long = '{"note": "' + "x" * 100 + '"}'
    assert parse_source_options(long).extractor_problem == (
        f"this web source has no usable extractor: {long[:80]}"
    )
    unknown = parse_source_options('{"extractor": "xpath", "expression": "//a"}')
    assert (unknown.extractor, unknown.extractor_problem) == (None, "unknown extractor 'xpath'")
    not_text = parse_source_options('{"extractor": "css", "expression": 5}')
    assert (not_text.extractor, not_text.extractor_problem) == (None, "unknown extractor 'css'")
