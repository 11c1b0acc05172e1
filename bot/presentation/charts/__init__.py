"""Charts as PNG bytes, drawn without pyplot so they can be made in worker threads; by part:
`fonts` (the Hangul face), `canvas` (the figure, its PNG, titles, colours), `ticks` (the axes'
words), `trend` (lines over a range) and `days` (the daily bars).
"""

from __future__ import annotations

from bot.presentation.charts.canvas import NO_DATA_TEXT
from bot.presentation.charts.days import build_days_figure, render_days_png
from bot.presentation.charts.fonts import FONT_FAMILIES, KOREAN_FONT_AVAILABLE, korean_font_file
from bot.presentation.charts.ticks import (
    axis_unit,
    format_count_tick,
    tick_label,
    tick_step,
    tick_times,
)
from bot.presentation.charts.trend import build_trend_figure, needs_panels, render_trend_png

__all__ = [
    "FONT_FAMILIES",
    "KOREAN_FONT_AVAILABLE",
    "NO_DATA_TEXT",
    "axis_unit",
    "build_days_figure",
    "build_trend_figure",
    "format_count_tick",
    "korean_font_file",
    "needs_panels",
    "render_days_png",
    "render_trend_png",
    "tick_label",
    "tick_step",
    "tick_times",
]
