"""The texts about several sources: /now in brief, /sources, long lists split into messages;
the chart of several sources; the new settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.facts import NowFacts, SourceStatus
from bot.core.figures import now_figures
from bot.core.kinds import SourceKind
from bot.core.model import ChartLine, ChartPoint, FailureRecord, Sample, Source
from bot.core.reasons import Reason
from bot.presentation.charts import build_trend_figure, needs_panels, render_trend_png
from bot.presentation.messages import pack_messages
from bot.presentation.now import format_now_brief
from bot.presentation.sources import format_sources, shown_key, source_title

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 25, 3, 0, 30, tzinfo=UTC)
KAKAO = Source(1, SourceKind.KAKAO, "_xdhKKT", "kakao", "배민커넥트", 30)
DUROV = Source(2, SourceKind.TELEGRAM, "durov", "durov", "Durov's Channel", 300)
WEB = Source(3, SourceKind.WEB, "https://example.org/" + "x" * 80, "동네", None, 3600)


def at(minutes_ago: float, value: int, *, approximate: bool = False) -> Sample:
    return Sample(NOW - timedelta(minutes=minutes_ago), value, approximate)


def now_facts(source: Source, latest: Sample | None, day_ago: Sample | None = None) -> NowFacts:
    return NowFacts(source, NOW, latest, day_ago, None, None, ())


def test_titles_show_the_label_only_when_it_differs() -> None:
    assert source_title(KAKAO) == "배민커넥트 (kakao)"
    assert source_title(WEB) == "동네"
    assert source_title(Source(4, SourceKind.TELEGRAM, "durov", "Durov", "durov", 30)) == "durov"


def brief(facts: list[NowFacts], lang: str) -> list[str]:
    """/now of several sources: their figures, drawn one line each."""
    return format_now_brief([now_figures(f) for f in facts], lang)


def test_now_in_brief() -> None:
    facts = [
        now_facts(KAKAO, at(0.5, 206_912), at(24 * 60, 206_048)),
        now_facts(DUROV, at(1, 10_600_000, approximate=True), at(24 * 60 + 3, 10_500_000)),
        now_facts(WEB, None),
    ]
    assert brief(facts, "en") == [
        "3 tracked counts:\n"
        "• 배민커넥트 (kakao): 206,912 friends · 24 h +864\n"
        "• Durov's Channel (durov): ≈10,600,000 subscribers · 24 h ≈+100,000\n"
        "• 동네: no sample yet\n"
        "\n"
        "/now <label> shows one in full."
    ]
    assert brief(facts[:2], "ko") == [
        "추적 중인 수치 2개:\n"
        "• 배민커넥트 (kakao): 친구 206,912 · 24시간 +864\n"
        "• Durov's Channel (durov): 구독자 ≈10,600,000 · 24시간 ≈+100,000\n"
        "\n"
        "/now <라벨> 로 하나를 자세히 볼 수 있어요."
    ]


def test_now_in_brief_marks_stale_sources() -> None:
    (text,) = brief([now_facts(KAKAO, at(30, 1)), now_facts(DUROV, at(1, 2))], "en")
    assert "• 배민커넥트 (kakao): 1 friends ⚠️ stale\n" in text
    assert "• Durov's Channel (durov): 2 subscribers\n" in text


def test_sources_list_with_a_held_suspect_and_errors() -> None:
    statuses = [
        SourceStatus(
            DUROV,
            latest=at(10, 10_612_280),
            held=at(5, 1_200),
            last_failure=FailureRecord(NOW - timedelta(minutes=2), Reason.HTTP, "t.me busy", 503),
        ),
        SourceStatus(WEB, latest=None, held=None, last_failure=None),
    ]
    (message,) = format_sources(statuses, "en", NOW)
    assert message == (
        "Tracked sources (2):\n"
        "\n"
        "• Durov's Channel (durov) — telegram:durov, every 5 min\n"
        "  Last value: 10,612,280 subscribers · last success 10 min ago\n"
        "  Held as suspect: 1,200 (5 min ago), until the next sample confirms it\n"
        "  Last error: the source had a server error (HTTP 503) · 2 min ago\n"
        "\n"
        f"• 동네 — web:https://example.org/{'x' * 35}…, every 1 h\n"
        "  Last value: none yet\n"
        "  Last error: none"
    )
    (korean,) = format_sources(statuses[:1], "ko", NOW)
    assert "  보류된 의심 값: 1,200 (5분 전), 다음 수집에서 확인되면 반영돼요\n" in korean
    # Plain Korean words, never the raw tag or what the source answered (/status keeps those).
    assert korean.endswith("  마지막 오류: 출처 서버에 오류가 있었어요 (HTTP 503) · 2분 전")
    assert "http_503" not in korean and "t.me busy" not in korean
    assert format_sources([], "en", NOW) == [
        "Nothing is tracked yet. An admin adds a source with /track."
    ]


def test_a_hundred_and_fifty_sources_in_brief_fit_in_messages() -> None:
    many = []
    for i in range(1, 151):
        source = Source(
            i, SourceKind.WEB, f"https://x.org/{i}", f"l{i}", f"Community number {i}", 60
        )
        many.append(now_facts(source, at(1, 1_000_000 + i)))
    messages = brief(many, "en")
    assert len(messages) > 1
    assert all(len(m) <= 4000 for m in messages)
    joined = "\n".join(messages)
    assert joined.count("• Community number ") == 150
    assert joined.endswith("\n\n/now <label> shows one in full.")


def test_a_long_list_is_split_between_blocks() -> None:
    blocks = [f"block {i} " + "x" * 90 for i in range(100)]
    messages = pack_messages(blocks, limit=1000)
    assert all(len(m) <= 1000 for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)  # nothing lost, no block cut
    assert len(messages) == 11
    assert pack_messages(["y" * 50], limit=10) == ["y" * 9 + "…"]


def line(label: str, base: int, step: int) -> ChartLine:
    start = datetime(2026, 11, 18, tzinfo=UTC)
    return ChartLine(
        label, tuple(ChartPoint(start + timedelta(hours=h), base + step * h) for h in range(48))
    )


def test_lines_of_one_scale_share_an_axis_and_others_get_panels() -> None:
    similar = [line("a", 200_000, 5), line("b", 200_100, 7)]
    assert not needs_panels(similar)
    assert len(build_trend_figure(similar, title="t", tz=SEOUL).axes) == 1

    # 250,000 and 87,000 on one axis: both lines would be flat.
    assert needs_panels([line("a", 250_000, 50), line("b", 87_000, 20)])
    apart = [
        line("배민커넥트", 200_000, 5),
        line("Durov", 10_600_000, 100),
        line("동네", 48_000, 1),
    ]
    assert needs_panels(apart)
    fig = build_trend_figure(apart, title="추적 중인 수치", subtitle="최근 7일", tz=SEOUL)
    assert len(fig.axes) == 3
    # Each panel: its latest value and change at the line's end, then its name.
    assert [ax.texts[1].get_text() for ax in fig.axes] == ["배민커넥트", "Durov", "동네"]
    assert fig.axes[0].texts[0].get_text() == "200,235 (+235 in range)"
    titles = [t.get_text() for t in fig.axes[0].texts[2:]]
    assert titles == ["추적 중인 수치", "최근 7일 · Asia/Seoul"]
    # Each panel has its own scale: the small line is not flattened by the big one.
    lows, highs = zip(*(ax.get_ylim() for ax in fig.axes), strict=True)
    assert highs[2] < 100_000 < lows[1]
    png = render_trend_png(apart, title="t", tz=SEOUL)
    assert png.startswith(b"\x89PNG")


def test_a_web_count_is_the_number_alone_in_both_languages() -> None:
    web = Source(5, SourceKind.WEB, "https://example.org/stats", "stats", None, 3600)
    facts = [now_facts(web, at(1, 87_683)), now_facts(KAKAO, at(1, 206_912))]
    assert brief(facts, "en")[0].splitlines()[1:3] == [
        "• stats: 87,683",
        "• 배민커넥트 (kakao): 206,912 friends",
    ]
    assert brief(facts, "ko")[0].splitlines()[1:3] == [
        "• stats: 87,683",
        "• 배민커넥트 (kakao): 친구 206,912",
    ]
    status = SourceStatus(web, latest=at(1, 87_683), held=None, last_failure=None)
    (en,) = format_sources([status], "en", NOW)
    assert "  Last value: 87,683 · last success 1 min ago" in en
    (ko,) = format_sources([status], "ko", NOW)
    assert "  마지막 값: 87,683 · 마지막 성공 1분 전" in ko


def test_a_several_source_chart_is_titled_by_its_sources() -> None:
    from bot.presentation.captions import many_title

    assert many_title(["배민커넥트", "두로프"], "ko") == "배민커넥트 · 두로프"
    assert many_title(["배민커넥트", "두로프", "a", "b"], "en") == "배민커넥트 · 두로프 +2"
    assert many_title(["x" * 40, "y"], "en") == "x" * 23 + "… · y"
    assert many_title([], "en") == "Tracked counts"


def test_a_web_address_key_is_shown_only_in_full() -> None:
    source = Source(3, SourceKind.WEB, "https://u:pw@ex.org/s?key=K#t", "s", None, 60)
    assert shown_key(source, full=False) == "web:https://ex.org/s"
    assert shown_key(source, full=True) == "web:https://u:pw@ex.org/s?key=K#t"
