"""The /compare chart: lines indexed to 100 at the range's start (raw counts at their ends) and
daily gains side by side, drawn in Korean and English; what was drawn is read off the Figure."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.compare import indexed
from bot.core.days import DailyGains, DayRow
from bot.core.model import ChartLine, ChartPoint
from bot.presentation.compare_chart import (
    build_gains_figure,
    build_indexed_figure,
    render_gains_png,
    render_indexed_png,
)
from tests.running import SEOUL

START = datetime(2026, 11, 1, tzinfo=SEOUL)
TODAY = date(2026, 11, 30)
PNG = b"\x89PNG\r\n\x1a\n"
GAP = {"en": "gap", "ko": "기록 없음"}  # the catalogue's "days.gap"
TITLES = {
    "en": ("Compared: indexed to 100 at the start", "last 30 days · Asia/Seoul", "100 = start"),
    "ko": ("비교: 시작 시점을 100으로", "최근 30일 · Asia/Seoul", "100 = 시작"),
}


def line(label: str, start: int, per_day: int, days: int = 30) -> ChartLine:
    points = tuple(
        ChartPoint(START + timedelta(hours=6 * k), start + per_day * k // 4)
        for k in range(days * 4 + 1)
    )
    return ChartLine(label, points)


LINES = [
    line("쿠팡이츠 배달파트너", 250_000, 1_000),
    line("배민커넥트", 87_000, 900),
    line("durov", 10_600_000, 20_000),
]


def gains(per_day: int, start: int, gap_on: int | None = None) -> DailyGains:
    rows = []
    for k in range(14):
        day = TODAY - timedelta(days=13 - k)
        total = start + per_day * (k + 1) + (k % 3) * per_day // 4
        change = per_day + (k % 3) * per_day // 4
        rows.append(DayRow(day, None if k == gap_on else change, total, False, k == 13))
    return DailyGains(tuple(reversed(rows)), None, None, TODAY, TODAY, False)


SERIES = [("쿠팡이츠 배달파트너", gains(1_000, 250_000)), ("배민커넥트", gains(900, 87_000, 4))]


def test_indexed_lines_start_at_100_and_keep_their_raw_counts() -> None:
    found = indexed(LINES[1])
    assert found is not None
    assert found.points[0][1:] == (100.0, 87_000)
    assert found.points[-1][1] == pytest.approx(100 * (87_000 + 900 * 30) / 87_000)
    assert found.points[-1][2] == 87_000 + 900 * 30
    assert indexed(ChartLine("empty", ())) is None
    assert indexed(ChartLine("zero", (ChartPoint(START, 0),))) is None


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_indexed_figure_draws_one_line_per_source_with_its_end_note(lang: str) -> None:
    title, subtitle, ylabel = TITLES[lang]
    fig = build_indexed_figure(
        LINES,
        title=title,
        subtitle=subtitle,
        ylabel=ylabel,
        tz=SEOUL,
        lang=lang,
        approximate=["durov"],
    )
    (ax,) = fig.axes
    labels = [str(ln.get_label()) for ln in ax.get_lines()]
    labels = [label for label in labels if not label.startswith("_")]
    assert labels == ["쿠팡이츠 배달파트너", "배민커넥트", "≈ durov"]
    notes = [t.get_text() for t in ax.texts]
    assert "+31% · 114,000" in notes  # 114,000 / 87,000
    assert "+5.7% · ≈11,200,000" in notes
    png = render_indexed_png(LINES, title=title, subtitle=subtitle, tz=SEOUL, lang=lang)
    assert png.startswith(PNG)
    _keep(f"compare-indexed-{lang}.png", png)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_gains_figure_puts_the_days_side_by_side_and_leaves_gaps_empty(lang: str) -> None:
    title, subtitle, _ = TITLES[lang]
    fig = build_gains_figure(SERIES, title=title, subtitle=subtitle, tz=SEOUL, lang=lang)
    (ax,) = fig.axes
    assert len(ax.patches) == 14 + 13  # the second source's gap day has no bar, not a zero
    png = render_gains_png(SERIES, title=title, tz=SEOUL, lang=lang, share=True, gap_word=GAP[lang])
    assert png.startswith(PNG)
    _keep(f"compare-gains-share-{lang}.png", png)
    _keep(
        f"compare-gains-{lang}.png",
        render_gains_png(SERIES, title=title, subtitle=subtitle, tz=SEOUL, lang=lang),
    )


def test_nothing_to_draw_says_so() -> None:
    fig = build_indexed_figure([ChartLine("x", ())], title="t", tz=SEOUL)
    assert next(t.get_text() for t in fig.axes[0].texts) == "no data"
    assert render_gains_png([], title="t", tz=SEOUL).startswith(PNG)


def _keep(name: str, png: bytes) -> None:
    """COMPARE_CHART_DIR=/some/dir keeps the PNGs to look at."""
    where = os.environ.get("COMPARE_CHART_DIR")
    if where:
        Path(where, name).write_bytes(png)
