"""The trend chart: one line per source over a range, with its min-max band and its latest
value; lines of different scales in panels of their own on one time axis."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from bot.core.model import ChartLine, ChartPoint
from bot.presentation.charts.canvas import (
    MAX_PANELS,
    MUTED_COLOR,
    PALETTE,
    PANEL_HEIGHT_PX,
    TEXT_COLOR,
    add_titles,
    as_png,
    say_no_data,
)
from bot.presentation.charts.fonts import FONT_FAMILIES, font
from bot.presentation.charts.ticks import (
    YEAR_SPAN,
    axis_inches,
    date_numbers,
    format_count_tick,
    max_ticks,
    tick_label,
    tick_step,
    tick_times,
    widest_date_label,
)
from bot.presentation.numbers import format_delta, format_duration
from bot.presentation.texts import text
from bot.presentation.why import ChartMark

MARK_COLOR = "#c0392b"  # the unusual movements /why names, on the one-line chart


def build_trend_figure(
    lines: Sequence[ChartLine],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    ylabel: str | None = None,
    units: Sequence[str | None] | None = None,
    subtitle: str | None = None,
    asked: timedelta | None = None,
    now: datetime | None = None,
    marks: Sequence[ChartMark] = (),
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """Draw one trend line per non-empty ``ChartLine`` (as a Figure: ``render_trend_png`` gives
    its PNG bytes, tests inspect what was drawn).

    Lines of one scale share an axis; lines whose scales differ (``needs_panels``) get one panel
    each on a shared time axis, so a small count is not drawn flat beside a big one.

    ``units`` (beside ``lines``, e.g. "friends") names each line's y axis: a panel its own line's,
    a shared axis the one they share (``ylabel``, when given, is every axis' label).

    Times are shown in ``tz``, named in the subtitle; dates and weekdays on the ticks, and the
    notes on the chart, are in ``lang``. Each line's latest value and its change over the range
    are written at its end; when ``asked`` (the range's span) reaches back before the first
    point, the subtitle says when tracking began (relative to ``now``).

    Thread-safe: it builds a private Figure and touches no global matplotlib state. Lines
    without points are skipped; if none has points, the PNG says "no data"
    instead of failing, so a caller never has to special-case an empty chart.
    """
    if width_px <= 0 or height_px <= 0 or dpi <= 0:
        raise ValueError(f"bad chart size {width_px}x{height_px} at {dpi} dpi")

    named = list(units) if units is not None else []
    named += [None] * (len(lines) - len(named))
    drawn_units = [unit for line, unit in zip(lines, named, strict=False) if line.points]
    drawn = [line for line in lines if line.points]
    subtitle = chart_subtitle(drawn, subtitle, tz, lang, asked, now)
    if needs_panels(drawn):
        labels = [ylabel or unit for unit in drawn_units]
        return _build_panels(drawn, title, tz, lang, labels, subtitle, width_px, height_px, dpi)
    if ylabel is None:
        ylabel = " / ".join(dict.fromkeys(unit for unit in drawn_units if unit)) or None

    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    # Attach the Agg canvas up front: tight_layout needs a renderer, and without one matplotlib
    # would go looking for a default backend.
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()

    if drawn:
        for index, line in enumerate(drawn):
            _draw_line(ax, line, PALETTE[index % len(PALETTE)], lang)
        _style_axes(ax, drawn, tz=tz, lang=lang, ylabel=ylabel)
        if len(drawn) == 1:
            _draw_marks(ax, drawn[0], marks)
        if len(lines) > 1:
            # Keyed on what was asked for, not what had data: when one of two compared series
            # is empty, the legend still says which one is shown.
            ax.legend(
                prop=font(9),
                loc="best",
                frameon=True,
                facecolor="white",
                edgecolor="none",
                framealpha=0.85,
            )
    else:
        say_no_data(ax)

    add_titles(ax, title, subtitle)
    fig.tight_layout(pad=0.8)
    return fig


# Lines whose peaks differ by more than this share no y axis well: the small one lies flat.
PANEL_SCALE_RATIO = 3.0
# ... or when a line's own range would fill less than 1/SHARED_SPAN_SHARE of the shared axis.
SHARED_SPAN_SHARE = 4


def needs_panels(drawn: Sequence[ChartLine]) -> bool:
    """One panel per line when one shared y axis would flatten a line: the scales differ
    (peaks beyond ×3), or a line's own movement is under a quarter of the shared axis (a
    250,000 line beside an 87,000 one: both would be drawn flat)."""
    if len(drawn) < 2:
        return False
    peaks = [max(max(p.value for p in line.points), 1) for line in drawn]
    if max(peaks) > PANEL_SCALE_RATIO * min(peaks):
        return True
    lows = [min(_low(p) for p in line.points) for line in drawn]
    highs = [max(_high(p) for p in line.points) for line in drawn]
    shared = max(highs) - min(lows)
    return any(
        (high - low) * SHARED_SPAN_SHARE < shared for low, high in zip(lows, highs, strict=True)
    )


def _build_panels(
    drawn: Sequence[ChartLine],
    title: str,
    tz: tzinfo,
    lang: str,
    ylabels: Sequence[str | None],
    subtitle: str | None,
    width_px: int,
    height_px: int,
    dpi: int,
) -> Figure:
    """Stacked panels on one time axis, each with its own y scale and its name in the corner."""
    shown = list(drawn[:MAX_PANELS])
    height = max(height_px, 110 + PANEL_HEIGHT_PX * len(shown))
    fig = Figure(figsize=(width_px / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
    for index, (ax, line, ylabel) in enumerate(zip(axes, shown, ylabels, strict=False)):
        color = PALETTE[index % len(PALETTE)]
        _draw_line(ax, line, color, lang)
        # Every panel gets the time range of all lines, so they line up.
        _style_axes(ax, shown, tz=tz, lang=lang, ylabel=ylabel)
        ax.text(
            0.01,
            0.94,
            line.label,
            transform=ax.transAxes,
            ha="left",
            va="top",
            color=color,
            fontproperties=font(10, weight="bold"),
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 2},
        )
        ax.label_outer()
    if len(drawn) > len(shown):
        axes[-1].text(
            1.0,
            -0.28,
            f"+{len(drawn) - len(shown)}",
            transform=axes[-1].transAxes,
            ha="right",
            va="top",
            color=MUTED_COLOR,
            fontproperties=font(9),
        )
    add_titles(axes[0], title, subtitle)
    fig.tight_layout(pad=0.8)
    return fig


def _draw_line(ax: Axes, line: ChartLine, color: str, lang: str) -> None:
    """One series: the value line, plus a faint min-max band when buckets carry one, and its
    latest value with the change since the range's first point written at its end."""
    points = sorted(line.points, key=lambda p: p.ts)
    xs = date_numbers([p.ts for p in points])
    values = [p.value for p in points]
    n = len(points)
    # A lone point has no segment to draw, and sparse lines read better with their samples shown.
    marker = "o" if n <= 60 else None
    ax.plot(
        xs,
        values,
        color=color,
        linewidth=1.8,
        marker=marker,
        markersize=5 if n == 1 else 3,
        label=line.label,
        zorder=3,
    )
    if n > 1 and any(p.low is not None or p.high is not None for p in points):
        ax.fill_between(
            xs,
            [_low(p) for p in points],
            [_high(p) for p in points],
            color=color,
            alpha=0.15,
            linewidth=0,
            zorder=2,
        )
    last = points[-1]
    ax.annotate(
        latest_note(points[0].value, last.value, lang),
        xy=(float(xs[-1]), last.value),
        xytext=(-2, 8),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=color,
        fontproperties=font(9.5, weight="bold"),
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
        zorder=4,
    )


def _draw_marks(ax: Axes, line: ChartLine, marks: Sequence[ChartMark]) -> None:
    """A small triangle on the line at each unusual movement's hour, its short label beside it
    ("+860", "slower"): the events /why names, at the hours it names."""
    points = sorted(line.points, key=lambda p: p.ts)
    first, last = points[0].ts, points[-1].ts
    xs = [float(x) for x in date_numbers([p.ts for p in points])]
    values = [float(p.value) for p in points]
    for mark in marks:
        if not first <= mark.at <= last:
            continue
        (x,) = (float(n) for n in date_numbers([mark.at]))
        y = float(np.interp(x, xs, values))
        shape = {1: "^", -1: "v", 0: "D"}[mark.way]
        ax.plot([x], [y], marker=shape, markersize=7, color=MARK_COLOR, zorder=5, linestyle="")
        # Near the right end the latest value's note sits above the line: label to the left.
        beside = x > xs[0] + (xs[-1] - xs[0]) * 0.9
        below = mark.way < 0
        ax.annotate(
            mark.label,
            xy=(x, y),
            xytext=(-8, 0) if beside else (0, -11 if below else 9),
            textcoords="offset points",
            ha="right" if beside else "center",
            va="center" if beside else ("top" if below else "bottom"),
            color=MARK_COLOR,
            fontproperties=font(8.5, weight="bold"),
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.0},
            zorder=5,
        )


def latest_note(first: int, last: int, lang: str) -> str:
    """'250,123 (+70,123 in range)': the latest value and the change over the drawn range."""
    return text(lang, "chart.note.latest", value=f"{last:,}", change=format_delta(last - first))


def chart_subtitle(
    drawn: Sequence[ChartLine],
    subtitle: str | None,
    tz: tzinfo,
    lang: str,
    asked: timedelta | None,
    now: datetime | None,
) -> str:
    """The range asked for, the time zone the axis is in, and a note when the history is shorter
    than the range ('last 24 hours · Asia/Seoul · tracking began 3 min ago')."""
    parts = [subtitle] if subtitle else []
    parts.append(getattr(tz, "key", None) or str(tz))
    times = [p.ts for line in drawn for p in line.points]
    if asked is not None and times:
        first, end = min(times), now or max(times)
        # A range counts as covered when history reaches back over 95% of it.
        if end - first < asked * 0.95:
            ago = format_duration((end - first).total_seconds(), lang)
            parts.append(text(lang, "chart.note.began", ago=ago))
    return " · ".join(parts)


def _low(p: ChartPoint) -> int:
    return min(p.value, p.low) if p.low is not None else p.value


def _high(p: ChartPoint) -> int:
    return max(p.value, p.high) if p.high is not None else p.value


def _style_axes(
    ax: Axes, drawn: Sequence[ChartLine], *, tz: tzinfo, lang: str, ylabel: str | None
) -> None:
    """Local-time dates on x, whole counts with separators on y, and a quiet frame."""
    times = [p.ts for line in drawn for p in line.points]
    first, last = min(times), max(times)
    # The default widening of a zero-width date range is ±2 days; an hour is more readable.
    pad = (last - first) / 80 if last > first else timedelta(hours=1)
    low, high = date_numbers([first - pad, last + pad])
    ax.set_xlim(float(low), float(high))

    # Ticks chosen here, not by matplotlib: local minutes, hours or midnights (never seconds),
    # counted back from the last day so the newest days are labelled, in the reader's words;
    # none past the latest point (a tick in the right margin is a day with no data, clipped).
    with_year = last - first > YEAR_SPAN
    most = max_ticks(axis_inches(ax), widest_date_label(lang, with_year))
    step = tick_step(last - first + 2 * pad, most)
    ticks = tick_times(first - pad, last, tz, most)
    labels = {
        round(float(n), 6): tick_label(t, step, lang, tz, with_year)
        for n, t in zip(date_numbers(ticks), ticks, strict=True)
    }
    ax.xaxis.set_major_locator(FixedLocator([float(n) for n in date_numbers(ticks)]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x, 6), "")))

    # Whole-number ticks only (a count has no fractions, and "223,456" twice would look broken
    # on a narrow range), at round steps: 205,000 rather than 204,000.
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(format_count_tick))

    tick_font = font(9)
    ax.tick_params(
        labelsize=9, labelcolor=TEXT_COLOR, labelfontfamily=list(FONT_FAMILIES), length=3
    )
    ax.xaxis.get_offset_text().set_fontproperties(tick_font)
    ax.yaxis.get_offset_text().set_visible(False)
    if ylabel:
        ax.set_ylabel(ylabel, fontproperties=font(10), color=MUTED_COLOR)

    ax.grid(True, color="#dddddd", linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")


render_trend_png = as_png(build_trend_figure)
