"""The /compare chart: lines indexed to 100 at the range's start, or daily gains side by side.

Sizes differ by orders of magnitude between rival channels, so raw counts on one axis draw the
small one flat. Indexed lines put every source on one scale (112 = 12% more than at the start),
each line's end still saying its raw count; the bars put the same local days side by side, as
counts or as a share of each source's count. The fonts are bot/presentation/charts.py's
(NanumGothic registered by path when that module is imported), and like it this builds a
private Figure with the object API only: safe in worker threads.

Sentences (title, subtitle, the axis' name) come from the caller, in the reader's language;
ticks and dates are drawn here in `lang`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import ParamSpec

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from numpy.typing import NDArray

from bot.core.compare import IndexedLine, indexed
from bot.core.days import DailyGains, midnight_of
from bot.core.model import ChartLine
from bot.presentation.charts import (
    FONT_FAMILIES,
    NO_DATA_TEXT,
    format_count_tick,
    tick_label,
    tick_step,
    tick_times,
)

# Only public names of the line charts' module (its __all__): the fonts, the "no data" panel's
# words, and the local-time ticks. Importing it registers NanumGothic.
from bot.presentation.charts.canvas import MUTED_COLOR, TEXT_COLOR, add_titles
from bot.presentation.charts.fonts import font

__all__ = [
    "build_gains_figure",
    "build_indexed_figure",
    "end_note",
    "render_gains_png",
    "render_indexed_png",
]

P = ParamSpec("P")

_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")
_DAY = timedelta(days=1)
MAX_SOURCES = 6  # legend entries a phone still tells apart


def _nums(times: Sequence[datetime]) -> NDArray[np.float64]:
    return np.asarray(mdates.date2num(times), dtype=np.float64)  # type: ignore[no-untyped-call]


def _figure(width_px: int, height_px: int, dpi: int) -> Figure:
    if width_px <= 0 or height_px <= 0 or dpi <= 0:
        raise ValueError(f"bad chart size {width_px}x{height_px} at {dpi} dpi")
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)  # tight_layout needs a renderer; no default backend looked for
    return fig


def build_indexed_figure(
    lines: Sequence[ChartLine],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    subtitle: str | None = None,
    ylabel: str | None = None,
    approximate: Sequence[str] = (),
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """One line per source, each 100 at its first point (`bot.core.compare.indexed`), on a
    shared axis with a rule at 100; each end says the change since the start and the raw
    count ("+12% · 250,123"). Labels in `approximate` (rounded sources) are drawn dashed and
    marked "≈"."""
    fig = _figure(width_px, height_px, dpi)
    ax = fig.add_subplot()
    drawn = [d for line in lines[:MAX_SOURCES] if (d := indexed(line)) is not None]
    if not drawn:
        _no_data(ax, title, subtitle)
        return fig
    rounded = set(approximate)
    for i, line in enumerate(drawn):
        _draw_indexed(ax, line, _PALETTE[i % len(_PALETTE)], line.label in rounded)
    ax.axhline(100, color="#999999", linewidth=0.9, zorder=2)
    times = [t for line in drawn for t, _, _ in line.points]
    _time_axis(ax, min(times), max(times), tz, lang)
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:,.6g}"))
    if ylabel:
        ax.set_ylabel(ylabel, fontproperties=font(10), color=MUTED_COLOR)
    _quiet_frame(ax, axis="both")
    ax.legend(prop=font(9), loc="upper left", frameon=True, edgecolor="none", framealpha=0.85)
    add_titles(ax, title, subtitle)
    fig.tight_layout(pad=0.8)
    # tight_layout leaves the last tick's label (centred on the edge) half outside: make room.
    fig.subplots_adjust(right=min(fig.subplotpars.right, 0.95))
    return fig


def _draw_indexed(ax: Axes, line: IndexedLine, color: str, rounded: bool) -> None:
    xs = _nums([t for t, _, _ in line.points])
    ys = [v for _, v, _ in line.points]
    n = len(xs)
    ax.plot(
        xs,
        ys,
        color=color,
        linewidth=1.8,
        linestyle="--" if rounded else "-",
        marker="o" if n <= 60 else None,
        markersize=5 if n == 1 else 3,
        label=f"≈ {line.label}" if rounded else line.label,
        zorder=3,
    )
    _, last_index, last_count = line.points[-1]
    ax.annotate(
        end_note(last_index, last_count, rounded),
        xy=(float(xs[-1]), last_index),
        xytext=(-2, 7),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=color,
        fontproperties=font(10),
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
        zorder=4,
    )


def end_note(index: float, count: int, rounded: bool = False) -> str:
    """'+31% · 114,000': the change since the range's start and the raw count. Whole percents
    from 10% on (a small bold "131.0" reads like "131,0" beside thousands separators)."""
    change = index - 100.0
    pct = f"{change:+.0f}%" if abs(change) >= 10 else f"{change:+.1f}%"
    return f"{pct} · {'≈' if rounded else ''}{count:,}"


def build_gains_figure(
    series: Sequence[tuple[str, DailyGains]],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    subtitle: str | None = None,
    ylabel: str | None = None,
    share: bool = False,
    gap_word: str | None = None,
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """Each local day's change (the values /days lists), the sources' bars side by side per day;
    with `share`, as a percentage of the source's count at the day's start, so sizes compare.
    A day with a gap has no bar for that source (never a zero) and `gap_word` (the catalogue's
    "days.gap") on its place; today's bars are hatched."""
    fig = _figure(width_px, height_px, dpi)
    ax = fig.add_subplot()
    shown = [(name, gains) for name, gains in series if gains.rows][:MAX_SOURCES]
    days = sorted({row.day for _, gains in shown for row in gains.rows})
    if not days:
        _no_data(ax, title, subtitle)
        return fig
    at = {day: x for x, day in enumerate(days)}
    width = 0.8 / len(shown)
    for i, (name, gains) in enumerate(shown):
        color = _PALETTE[i % len(_PALETTE)]
        offset = (i - (len(shown) - 1) / 2) * width
        xs, heights, today = [], [], []
        for row in reversed(gains.rows):  # oldest first: the legend's swatch is a whole day
            value = _gain(row.change, row.total, share)
            if value is None and gap_word:
                ax.text(
                    at[row.day] + offset,
                    0,
                    gap_word,
                    ha="center",
                    va="bottom",
                    rotation=90,
                    color=MUTED_COLOR,
                    fontproperties=font(7),
                )
            if value is not None:
                xs.append(at[row.day] + offset)
                heights.append(value)
                today.append(row.today)
        label = f"≈ {name}" if gains.approximate else name
        bars = ax.bar(xs, heights, width=width * 0.92, color=color, label=label, zorder=3)
        for bar, is_today in zip(bars, today, strict=True):
            if is_today:
                bar.set_alpha(0.5)
                bar.set_hatch("//")
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=2)
    ax.set_xlim(-0.6, len(days) - 0.4)
    every = max(1, -(-len(days) // 8))
    ticks = [x for x in range(len(days)) if (len(days) - 1 - x) % every == 0]
    labels = {x: _day_tick(days[x], lang, tz) for x in ticks}
    ax.xaxis.set_major_locator(FixedLocator([float(x) for x in ticks]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x), "")))
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _pos: f"{y:+.2g}%" if share else format_count_tick(y))
    )
    if ylabel:
        ax.set_ylabel(ylabel, fontproperties=font(10), color=MUTED_COLOR)
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * 0.15)  # a row for the legend above the bars
    _quiet_frame(ax, axis="y")
    ax.legend(
        prop=font(9),
        loc="upper left",
        ncols=len(shown),
        frameon=True,
        edgecolor="none",
        framealpha=0.85,
    )
    add_titles(ax, title, subtitle)
    fig.tight_layout(pad=0.8)
    return fig


def _gain(change: int | None, total: int | None, share: bool) -> float | None:
    """The day's change, or with `share` its percentage of the day's starting count."""
    if change is None:
        return None
    if not share:
        return float(change)
    if total is None or total - change <= 0:
        return None
    return 100.0 * change / (total - change)


def _day_tick(day: date, lang: str, tz: tzinfo) -> str:
    return tick_label(midnight_of(day, tz), _DAY, lang, tz)


def _time_axis(ax: Axes, first: datetime, last: datetime, tz: tzinfo, lang: str) -> None:
    """Local-time ticks as the line charts draw them (their tick_times and tick_label)."""
    pad = (last - first) / 80 if last > first else timedelta(hours=1)
    low, high = _nums([first - pad, last + pad])
    ax.set_xlim(float(low), float(high))
    step = tick_step(last - first + 2 * pad)
    ticks = tick_times(first - pad, last + pad, tz)
    nums = [float(n) for n in _nums(ticks)]
    labels = {round(n, 6): tick_label(t, step, lang, tz) for n, t in zip(nums, ticks, strict=True)}
    ax.xaxis.set_major_locator(FixedLocator(nums))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x, 6), "")))


def _quiet_frame(ax: Axes, *, axis: str) -> None:
    ax.tick_params(
        labelsize=9, labelcolor=TEXT_COLOR, labelfontfamily=list(FONT_FAMILIES), length=3
    )
    ax.grid(True, axis=axis, color="#dddddd", linewidth=0.7)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")


def _no_data(ax: Axes, title: str, subtitle: str | None) -> None:
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, NO_DATA_TEXT, ha="center", va="center", color=MUTED_COLOR, fontproperties=font(16)
    )
    add_titles(ax, title, subtitle)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    canvas = FigureCanvasAgg(fig)
    canvas.print_png(buf)  # type: ignore[no-untyped-call]
    canvas.renderer = None  # let go of the pixels now, not at the next full collection
    fig.clear()
    return buf.getvalue()


def _as_png(build: Callable[P, Figure]) -> Callable[P, bytes]:
    """The same drawing as PNG bytes (the figure let go of at once)."""

    def render(*args: P.args, **kwargs: P.kwargs) -> bytes:
        return _png(build(*args, **kwargs))

    render.__doc__ = build.__doc__
    return render


render_indexed_png = _as_png(build_indexed_figure)
render_gains_png = _as_png(build_gains_figure)
