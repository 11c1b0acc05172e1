"""The daily bars: the change on each local day (the values /days lists), one panel per
source; a gap is marked, never drawn as zero."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from bot.core.days import DailyGains
from bot.presentation.charts.canvas import (
    MAX_PANELS,
    MUTED_COLOR,
    PANEL_HEIGHT_PX,
    TEXT_COLOR,
    add_titles,
    as_png,
    say_no_data,
)
from bot.presentation.charts.fonts import FONT_FAMILIES, font
from bot.presentation.charts.ticks import (
    axis_inches,
    day_label,
    format_count_tick,
    max_ticks,
    widest_date_label,
)
from bot.presentation.numbers import format_delta
from bot.presentation.texts import text

_GAIN_COLOR = "#2ca02c"
_LOSS_COLOR = "#d62728"


def build_days_figure(
    series: Sequence[tuple[str, DailyGains]],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    units: Sequence[str | None] | None = None,
    subtitle: str | None = None,
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """The change on each local day as bars, one panel per source (the values /days lists).

    A day with a gap in sampling has no bar: it is marked "gap" on its place and counted in the
    subtitle, never drawn as zero. Today's bar (the day is not over) is drawn lighter and
    hatched, and named in a legend. ``units`` (beside ``series``, e.g. "friends") name each
    panel's y axis.
    (As a Figure: ``render_days_png`` gives its PNG bytes.)"""
    named = list(units) if units is not None else []
    named += [None] * (len(series) - len(named))
    kept = [(name, gains, unit) for (name, gains), unit in zip(series, named, strict=False)]
    shown = [(name, gains, unit) for name, gains, unit in kept if gains.rows][:MAX_PANELS]
    height = max(height_px, 110 + PANEL_HEIGHT_PX * len(shown))
    fig = Figure(figsize=(width_px / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    gaps = sum(1 for _, g, _ in shown for row in g.rows if row.change is None)
    parts = [subtitle] if subtitle else []
    parts.append(getattr(tz, "key", None) or str(tz))
    if gaps:
        parts.append(text(lang, "chart.days.gaps", count=gaps))
    full_subtitle = " · ".join(parts)
    if not shown:
        ax = fig.add_subplot()
        say_no_data(ax)
        add_titles(ax, title, full_subtitle)
        fig.tight_layout(pad=0.8)
        return fig
    axes = fig.subplots(len(shown), 1, squeeze=False)[:, 0]
    for ax, (name, gains, unit) in zip(axes, shown, strict=True):
        _draw_days(ax, gains, lang, name if len(shown) > 1 else None)
        if unit:
            label = text(lang, "chart.axis.days", unit=unit)
            ax.set_ylabel(label, fontproperties=font(9), color=MUTED_COLOR)
    add_titles(axes[0], title, full_subtitle)
    fig.tight_layout(pad=0.8)
    return fig


def _draw_days(ax: Axes, gains: DailyGains, lang: str, name: str | None) -> None:
    rows = list(reversed(gains.rows))  # oldest first
    xs = list(range(len(rows)))
    changes = [row.change for row in rows]
    known = [c for c in changes if c is not None]
    top = max([abs(c) for c in known] or [1]) or 1
    for x, row in zip(xs, rows, strict=True):
        if row.change is None:
            ax.text(
                x,
                0,
                text(lang, "days.gap"),
                ha="center",
                va="bottom",
                rotation=90,
                color=MUTED_COLOR,
                fontproperties=font(8),
            )
            continue
        color = _GAIN_COLOR if row.change >= 0 else _LOSS_COLOR
        ax.bar(
            x,
            row.change,
            label=text(lang, "chart.days.today") if row.today else None,
            width=0.7,
            color=color,
            alpha=0.45 if row.today else 0.9,
            hatch="//" if row.today else None,
            edgecolor=color,
            zorder=3,
        )
        if len(rows) <= 31:
            ax.annotate(
                format_delta(row.change),
                xy=(x, row.change),
                xytext=(0, 2 if row.change >= 0 else -2),
                textcoords="offset points",
                ha="center",
                va="bottom" if row.change >= 0 else "top",
                color=TEXT_COLOR,
                fontproperties=font(7 if len(rows) > 14 else 8),
                zorder=4,
            )
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=2)
    low = min([0, *known])
    high = max([0, *known])
    pad = top * (0.35 if name is not None else 0.15)  # room for a panel's name above the bars
    ax.set_ylim(low - (pad if low < 0 else 0), high + pad)
    ax.set_xlim(-0.6, len(rows) - 0.4)
    most = max_ticks(axis_inches(ax), widest_date_label(lang))
    every = max(1, -(-len(rows) // most))
    # Counted back from today, so the newest day always has its label.
    ticks = [x for x in xs if (len(rows) - 1 - x) % every == 0]
    ax.xaxis.set_major_locator(FixedLocator([float(x) for x in ticks]))
    labels = {x: day_label(rows[x].day, lang) for x in ticks}
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x), "")))
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(format_count_tick))
    ax.tick_params(
        labelsize=8, labelcolor=TEXT_COLOR, labelfontfamily=list(FONT_FAMILIES), length=3
    )
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")
    if any(row.today and row.change is not None for row in rows):
        # The hatched bar is a day not over yet: say so where the eye looks for a key.
        ax.legend(
            prop=font(8),
            loc="best",
            frameon=True,
            facecolor="white",
            edgecolor="none",
            framealpha=0.85,
        )
    if name is not None:
        ax.text(
            0.01,
            0.94,
            name,
            transform=ax.transAxes,
            ha="left",
            va="top",
            color=TEXT_COLOR,
            fontproperties=font(10, weight="bold"),
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 2},
        )


render_days_png = as_png(build_days_figure)
