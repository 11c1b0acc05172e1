"""Trend charts: valid PNGs of the asked size, Hangul that renders, local-time axes."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.patches import Rectangle

from bot.core.days import DailyGains, DayRow
from bot.core.model import ChartLine, ChartPoint
from bot.presentation.charts import (
    FONT_FAMILIES,
    NO_DATA_TEXT,
    build_days_figure,
    build_trend_figure,
    format_count_tick,
    render_days_png,
    render_trend_png,
    tick_label,
    tick_step,
    tick_times,
)
from bot.presentation.charts.canvas import DESKTOP, PHONE, ChartSize

SEOUL = ZoneInfo("Asia/Seoul")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# 2025-03-02 00:00 in Seoul.
START = datetime(2025, 3, 1, 15, 0, tzinfo=UTC)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    assert png[:8] == PNG_SIGNATURE
    _length, chunk_type, width, height = struct.unpack(">I4sII", png[8:24])
    assert chunk_type == b"IHDR"
    return width, height


def growing_line(label: str = "배민커넥트", *, hours: int = 7 * 24, band: bool = True) -> ChartLine:
    """Hourly points from 223,000 to about 228,000 with a little deterministic wobble."""
    points = []
    for i in range(hours):
        value = 223_000 + 5_000 * i // max(hours - 1, 1) + (i * 37 % 101) - 50
        low, high = (value - 40 - i % 7, value + 30 + i % 5) if band else (None, None)
        points.append(ChartPoint(START + timedelta(hours=i), value, low, high))
    return ChartLine(label, tuple(points))


def glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def texts_of(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize(
    ("width", "height", "dpi"),
    [(1200, 675, 150), (800, 450, 100), (1000, 563, 150), (640, 360, 72)],
)
def test_png_has_requested_pixel_size(width: int, height: int, dpi: int) -> None:
    png = render_trend_png(
        [growing_line()],
        title="배민커넥트 친구 수",
        tz=SEOUL,
        width_px=width,
        height_px=height,
        dpi=dpi,
    )
    assert png_size(png) == (width, height)


def test_default_size() -> None:
    png = render_trend_png([growing_line()], title="t", tz=SEOUL)
    assert png_size(png) == (1200, 675)


@pytest.mark.parametrize(("width", "height", "dpi"), [(0, 675, 150), (1200, -1, 150), (1, 1, 0)])
def test_bad_size_is_rejected(width: int, height: int, dpi: int) -> None:
    with pytest.raises(ValueError, match="bad chart size"):
        render_trend_png([], title="t", tz=SEOUL, width_px=width, height_px=height, dpi=dpi)


def test_korean_text_renders_without_missing_glyphs() -> None:
    lines = [growing_line("배민커넥트"), growing_line("쿠팡이츠 파트너", band=False)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_trend_png(
            lines,
            title="배민커넥트 friends 친구 수",
            subtitle="최근 7일 · 1시간 단위 (KST)",
            ylabel="친구 수",
            tz=SEOUL,
        )
    assert png_size(png) == (1200, 675)
    assert glyph_warnings(caught) == []


def test_missing_glyph_check_is_not_vacuous() -> None:
    """Hangul in DejaVu Sans alone does warn, so the test above would notice a regression."""
    fig = Figure(figsize=(2, 1), dpi=50)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, "배민", fontproperties=FontProperties(family="DejaVu Sans"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        canvas.draw()  # type: ignore[no-untyped-call]
    assert glyph_warnings(caught)


def test_nanum_gothic_is_first_choice_and_used_everywhere() -> None:
    found = Path(fontManager.findfont(FontProperties(family=list(FONT_FAMILIES))))
    assert found.name == "NanumGothic.ttf"

    fig = build_trend_figure([growing_line()], title="배민커넥트", ylabel="친구 수", tz=SEOUL)
    ax = fig.axes[0]
    fig.draw_without_rendering()
    labelled = [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts, ax.yaxis.label]
    for text in labelled:
        assert text.get_fontfamily() == list(FONT_FAMILIES), text


def test_multiple_lines_get_a_legend() -> None:
    lines = [growing_line("배민커넥트"), growing_line("쿠팡이츠", band=False)]
    fig = build_trend_figure(lines, title="비교", tz=SEOUL)
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["배민커넥트", "쿠팡이츠"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["배민커넥트", "쿠팡이츠"]
    assert png_size(render_trend_png(lines, title="비교", tz=SEOUL)) == (1200, 675)


def test_one_line_has_no_legend() -> None:
    fig = build_trend_figure([growing_line()], title="t", tz=SEOUL)
    assert fig.axes[0].get_legend() is None


def test_empty_lines_are_skipped() -> None:
    lines = [growing_line("a"), ChartLine("empty", ()), growing_line("b")]
    fig = build_trend_figure(lines, title="t", tz=SEOUL)
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["a", "b"]


def test_band_drawn_only_when_points_carry_low_high() -> None:
    with_band = build_trend_figure([growing_line(band=True)], title="t", tz=SEOUL)
    without = build_trend_figure([growing_line(band=False)], title="t", tz=SEOUL)
    assert any(isinstance(c, PolyCollection) for c in with_band.axes[0].collections)
    assert not without.axes[0].collections


def test_single_point_renders_with_marker() -> None:
    point = ChartPoint(START, 223_456)
    fig = build_trend_figure([ChartLine("배민커넥트", (point,))], title="t", tz=SEOUL)
    ax = fig.axes[0]
    (line,) = ax.get_lines()
    assert line.get_marker() == "o"
    low, high = ax.get_xlim()
    assert high - low == pytest.approx(2 / 24)  # an hour either side, not matplotlib's ±2 days
    png = render_trend_png([ChartLine("배민커넥트", (point,))], title="t", tz=SEOUL)
    assert png_size(png) == (1200, 675)


@pytest.mark.parametrize(
    "lines", [[], [ChartLine("a", ())], [ChartLine("a", ()), ChartLine("b", ())]]
)
def test_no_data_still_gives_a_png(lines: list[ChartLine]) -> None:
    png = render_trend_png(lines, title="배민커넥트 친구 수", tz=SEOUL)
    assert png_size(png) == (1200, 675)
    fig = build_trend_figure(lines, title="배민커넥트 친구 수", tz=SEOUL)
    assert NO_DATA_TEXT in texts_of(fig)


def test_title_and_subtitle_are_drawn() -> None:
    fig = build_trend_figure([growing_line()], title="제목", subtitle="부제", tz=SEOUL, lang="ko")
    # The latest value and the range's change at the line's end; the zone after the subtitle.
    assert texts_of(fig) == ["227,968 (기간 중 +5,018)", "제목", "부제 · Asia/Seoul"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (223_456, "223,456"),
        (223_456.0, "223,456"),
        (10_600_000, "10,600,000"),
        (1e9, "1,000,000,000"),
        (999, "999"),
        (0, "0"),
        (-1_234, "-1,234"),  # ASCII hyphen: NanumGothic has no U+2212
    ],
)
def test_format_count_tick(value: float, text: str) -> None:
    assert format_count_tick(value) == text
    assert format_count_tick(value, 3) == text


def test_y_axis_uses_separators_and_no_offset() -> None:
    big = ChartLine(
        "x",
        tuple(ChartPoint(START + timedelta(minutes=i), 10_600_000 + i) for i in range(100)),
    )
    fig = build_trend_figure([big], title="t", tz=SEOUL)
    ax = fig.axes[0]
    fig.draw_without_rendering()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels
    assert all("," in label and "e" not in label for label in labels), labels
    assert (
        ax.yaxis.get_offset_text().get_text() == "" or not ax.yaxis.get_offset_text().get_visible()
    )


def test_x_ticks_fall_on_local_midnights() -> None:
    """A week of data gets day ticks at Seoul midnight (15:00 UTC), labelled by Seoul date."""
    fig = build_trend_figure([growing_line()], title="t", tz=SEOUL)
    ax = fig.axes[0]
    fig.draw_without_rendering()
    ticks = [mdates.num2date(t, tz=SEOUL) for t in ax.get_xticks()]  # type: ignore[no-untyped-call]
    assert len(ticks) >= 3
    assert all((t.hour, t.minute) == (0, 0) for t in ticks), ticks
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Sun 2 Mar"  # 2025-03-02 in Seoul, still 03-01 in UTC
    # The last day with data is labelled (its last point is Sat 8 Mar 23:00); Sun 9 Mar's
    # midnight lies past the data, in the margin, and gets no tick.
    assert labels[-1] == "Sat 8 Mar"


def labels_of(fig: Figure) -> list[str]:
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.axes[-1].get_xticklabels() if t.get_text()]


def line_over(span: timedelta, n: int, end: datetime = START + timedelta(days=30)) -> ChartLine:
    return ChartLine(
        "x", tuple(ChartPoint(end - span + span * i / (n - 1), 1000 + i) for i in range(n))
    )


@pytest.mark.parametrize(
    ("lang", "span", "n", "expected"),
    [
        # 3 minutes of samples every 30 s: minutes, never seconds.
        ("en", timedelta(minutes=3), 7, ["23:57", "23:58", "23:59", "Tue 1 Apr"]),
        ("ko", timedelta(minutes=3), 7, ["23:57", "23:58", "23:59", "4월 1일 (화)"]),
        # A day: hours, and the date at local midnight.
        (
            "en",
            timedelta(hours=24),
            144,
            ["Mon 31 Mar", "06:00", "12:00", "18:00", "Tue 1 Apr"],
        ),
        (
            "ko",
            timedelta(days=7),
            100,
            # Every other day: eight "3월 25일 (화)" would touch one another.
            ["3월 26일 (수)", "3월 28일 (금)", "3월 30일 (일)", "4월 1일 (화)"],
        ),
    ],
)
def test_tick_labels_in_the_readers_language(
    lang: str, span: timedelta, n: int, expected: list[str]
) -> None:
    end = datetime(2025, 4, 1, 0, 0, tzinfo=SEOUL)
    fig = build_trend_figure([line_over(span, n, end)], title="t", tz=SEOUL, lang=lang)
    assert labels_of(fig) == expected


def test_thirty_days_label_the_last_day_and_no_seconds_anywhere() -> None:
    end = datetime(2026, 11, 30, 13, 6, tzinfo=SEOUL)
    fig = build_trend_figure(
        [line_over(timedelta(days=30), 500, end)], title="t", tz=SEOUL, lang="ko"
    )
    labels = labels_of(fig)
    assert labels[-1] == "11월 30일 (월)"
    assert 6 <= len(labels) <= 9
    for days in (1 / 24 / 20, 1 / 24, 1, 7, 30, 365):
        span = timedelta(days=days)
        for t in tick_times(end - span, end, SEOUL):
            assert t.second == 0
            assert ":" not in tick_label(t, tick_step(span), "en", SEOUL)[5:]


def test_a_short_history_says_when_tracking_began() -> None:
    end = datetime(2026, 11, 30, 13, 6, tzinfo=SEOUL)
    fig = build_trend_figure(
        [line_over(timedelta(minutes=3), 7, end)],
        title="t",
        subtitle="last 24 hours",
        tz=SEOUL,
        asked=timedelta(hours=24),
        now=end,
    )
    assert "last 24 hours · Asia/Seoul · tracking began 3 min ago" in texts_of(fig)
    full = build_trend_figure(
        [line_over(timedelta(hours=24), 50, end)],
        title="t",
        subtitle="최근 24시간",
        tz=SEOUL,
        lang="ko",
        asked=timedelta(hours=24),
        now=end,
    )
    assert "최근 24시간 · Asia/Seoul" in texts_of(full)


def test_concurrent_renders_match_sequential() -> None:
    """Renders run in worker threads; they must not interfere with one another."""
    jobs = [
        ([growing_line()], "배민커넥트 친구 수"),
        ([growing_line("a"), growing_line("b", band=False)], "비교"),
        ([ChartLine("x", (ChartPoint(START, 1),))], "한 점"),
        ([], "없음"),
    ] * 2
    expected = [render_trend_png(lines, title=title, tz=SEOUL) for lines, title in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda job: render_trend_png(job[0], title=job[1], tz=SEOUL), jobs))
    assert got == expected


def test_import_leaves_global_matplotlib_state_alone() -> None:
    """No pyplot, no koreanize_matplotlib import (it rewrites rcParams), no rcParams changes."""
    code = """
import sys
import matplotlib
# .copy() and dict lookups: reading rcParams['backend'] would itself import pyplot.
before = matplotlib.rcParams.copy()
from zoneinfo import ZoneInfo
import bot.presentation.charts
from bot.core.model import ChartLine, ChartPoint
from datetime import datetime, UTC
bot.presentation.charts.render_trend_png(
    [ChartLine("배민", (ChartPoint(datetime(2025, 1, 1, tzinfo=UTC), 5),))],
    title="배민커넥트", tz=ZoneInfo("Asia/Seoul"),
)
assert "koreanize_matplotlib" not in sys.modules
assert "matplotlib.pyplot" not in sys.modules
after = matplotlib.rcParams.copy()
changed = [k for k in before if dict.__getitem__(before, k) != dict.__getitem__(after, k)]
assert not changed, changed
"""
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, timeout=60)


def gains_with_a_gap() -> DailyGains:
    today = datetime(2026, 11, 30).date()
    rows = tuple(
        DayRow(today - timedelta(days=k), None if k == 3 else 1000 - 300 * k, 5000, False, k == 0)
        for k in range(7)
    )
    return DailyGains(rows, None, None, today, today.replace(day=1), False)


def test_days_bars_leave_a_gap_out_and_label_days_in_the_readers_language() -> None:
    fig = build_days_figure([("kakao", gains_with_a_gap())], title="t", tz=SEOUL, lang="ko")
    (ax,) = fig.axes
    heights = [round(cast(Rectangle, bar).get_height()) for bar in ax.patches]
    # Six bars, oldest first; the gap (three days ago) has none, never a zero.
    assert heights == [-800, -500, -200, 400, 700, 1000]
    texts = [t.get_text() for t in ax.texts]
    assert "기록 없음" in texts
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels[-1] == "11월 30일 (월)"
    subtitle = [a.get_text() for a in ax.texts if "Asia/Seoul" in a.get_text()]
    assert subtitle == ["Asia/Seoul · 기록 없는 날 1일 (막대 없음)"]
    png = render_days_png([("kakao", gains_with_a_gap())], title="t", tz=SEOUL, lang="en")
    assert png.startswith(PNG_SIGNATURE)
    fig = build_days_figure(
        [("a", gains_with_a_gap()), ("b", gains_with_a_gap())], title="t", tz=SEOUL
    )
    assert len(fig.axes) == 2
    fig.canvas.draw()
    assert [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()][-1] == "Mon 30 Nov"


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("days", [1, 7, 30, 400])
def test_no_date_tick_past_the_data_and_none_overlapping(
    days: int, lang: str, size: ChartSize
) -> None:
    """The right margin holds no tick: the last one is at or before the latest point (a tick
    in the margin is a day without data, and its label was clipped at the edge); the labels,
    measured, never touch, on the desktop chart and the phone's, in either language."""
    end = datetime(2026, 12, 4, 13, 38, tzinfo=UTC)
    line = line_over(timedelta(days=days), 500, end)
    fig = build_trend_figure(
        [line],
        title="t",
        tz=SEOUL,
        lang=lang,
        width_px=size.width_px,
        height_px=size.height_px,
        dpi=size.dpi,
    )
    fig.draw_without_rendering()
    ax = fig.axes[0]
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks
    assert max(ticks) <= float(mdates.date2num(end)) + 1e-9  # type: ignore[no-untyped-call]
    renderer = cast(FigureCanvasAgg, fig.canvas).get_renderer()  # type: ignore[no-untyped-call]
    width = fig.bbox.width
    boxes = [
        (label.get_text(), label.get_window_extent(renderer))
        for label in ax.get_xticklabels()
        if label.get_text()
    ]
    for text, box in boxes:
        assert box.x0 >= 0 and box.x1 <= width, text
    for (a, left), (b, right) in pairwise(boxes):
        assert left.x1 + 4 <= right.x0, (a, b)
    if days == 400:  # over more than ~300 days, every date says its year
        assert all(re.search(r"20\d\d", text) for text, _ in boxes), boxes


def test_the_y_axis_names_its_unit_and_each_panel_its_own() -> None:
    fig = build_trend_figure([growing_line()], title="t", tz=SEOUL, lang="ko", units=["친구 수"])
    assert fig.axes[0].get_ylabel() == "친구 수"
    small = ChartLine("채널", tuple(ChartPoint(p.ts, p.value // 40) for p in growing_line().points))
    fig = build_trend_figure(
        [growing_line(), small], title="t", tz=SEOUL, lang="en", units=["friends", "subscribers"]
    )
    assert [ax.get_ylabel() for ax in fig.axes] == ["friends", "subscribers"]
    fig = build_days_figure(
        [("kakao", gains_with_a_gap())], title="t", tz=SEOUL, lang="ko", units=["친구 수"]
    )
    assert fig.axes[0].get_ylabel() == "하루 친구 수 변화"


@pytest.mark.parametrize(
    ("lang", "entry"), [("en", "today so far (the day is not over)"), ("ko", "오늘(아직 진행 중)")]
)
def test_todays_partial_bar_has_a_legend_entry(lang: str, entry: str) -> None:
    fig = build_days_figure([("kakao", gains_with_a_gap())], title="t", tz=SEOUL, lang=lang)
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [entry]
    (handle,) = legend.legend_handles
    assert isinstance(handle, Rectangle) and handle.get_hatch() == "//"
