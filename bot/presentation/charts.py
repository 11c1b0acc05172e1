"""Trend charts as PNG bytes, drawn without pyplot so they can be made in worker threads.

Everything here uses matplotlib's object API (``Figure`` + ``FigureCanvasAgg``) and passes
fonts explicitly to every text element instead of changing ``rcParams``: the bot renders in
``asyncio.to_thread`` workers, several at once, and pyplot's global figure registry and
``rc_context``'s save-and-restore of the global ``rcParams`` are both unsafe there.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import ParamSpec

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from numpy.typing import NDArray

from bot.core.days import DailyGains
from bot.core.model import ChartLine, ChartPoint
from bot.presentation.numbers import format_delta, format_duration
from bot.presentation.texts import text

__all__ = [
    "FONT_FAMILIES",
    "NO_DATA_TEXT",
    "build_days_figure",
    "build_trend_figure",
    "format_count_tick",
    "render_days_png",
    "render_trend_png",
    "tick_label",
    "tick_step",
    "tick_times",
]

P = ParamSpec("P")

log = logging.getLogger(__name__)

_KOREAN_FAMILY = "NanumGothic"
# Hangul comes from NanumGothic; anything it lacks falls back glyph-by-glyph to DejaVu Sans,
# which matplotlib always ships.
FONT_FAMILIES: tuple[str, ...] = (_KOREAN_FAMILY, "DejaVu Sans")

_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")
NO_DATA_TEXT = "no data"

_TEXT_COLOR = "#222222"
_MUTED_COLOR = "#666666"


def korean_font_file() -> Path | None:
    """NanumGothic (regular) from koreanize-matplotlib, also served to the status page."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        return None
    path = Path(next(iter(locations))) / "fonts" / "NanumGothic.ttf"
    return path if path.is_file() else None


def _register_korean_fonts() -> bool:
    """Register koreanize-matplotlib's NanumGothic files by path, without importing it.

    Importing ``koreanize_matplotlib`` (which ``importlib.resources.files`` would do) runs its
    ``koreanize()``: that rewrites the global ``rcParams`` and warns about distutils.
    ``find_spec`` only locates the package directory.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        log.warning("koreanize-matplotlib not found; Korean text on charts will not render")
        return False
    fonts_dir = Path(next(iter(locations))) / "fonts"
    registered = False
    # Regular (400) for body text; ExtraBold is the file that declares weight 700 ("bold"), so
    # the bold title matches exactly in both NanumGothic and DejaVu Sans and findfont does not
    # log a "Failed to find font weight" warning.
    for name in ("NanumGothic.ttf", "NanumGothicExtraBold.ttf"):
        path = fonts_dir / name
        if path.is_file():
            fontManager.addfont(str(path))
            registered = True
        else:
            log.warning("font file missing: %s", path)
    return registered


KOREAN_FONT_AVAILABLE = _register_korean_fonts()


def _font(size: float, *, weight: str = "normal") -> FontProperties:
    return FontProperties(family=list(FONT_FAMILIES), size=size, weight=weight)


def format_count_tick(value: float, _pos: object = None) -> str:
    """Y tick label with thousands separators ("223,456"), never scientific notation.

    ASCII hyphen for negatives, so no U+2212 (absent from NanumGothic) is ever needed.
    """
    return f"{value:,.0f}"


def _as_png(build: Callable[P, Figure]) -> Callable[P, bytes]:
    """The same drawing as PNG bytes (the figure let go of at once)."""

    def render(*args: P.args, **kwargs: P.kwargs) -> bytes:
        return _png(build(*args, **kwargs))

    render.__doc__ = build.__doc__
    return render


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    canvas = FigureCanvasAgg(fig)
    # matplotlib ships no annotations for print_png, matplotlib.dates: hence the ignores.
    canvas.print_png(buf)  # type: ignore[no-untyped-call]
    # A figure is a web of reference cycles, freed only by Python's rare full collections:
    # let go of its pixels (~3 MB) and artists now, or resident memory swings by tens of MB.
    canvas.renderer = None
    fig.clear()
    return buf.getvalue()


def build_trend_figure(
    lines: Sequence[ChartLine],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    ylabel: str | None = None,
    subtitle: str | None = None,
    asked: timedelta | None = None,
    now: datetime | None = None,
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """Draw one trend line per non-empty ``ChartLine`` (as a Figure: ``render_trend_png`` gives
    its PNG bytes, tests inspect what was drawn).

    Lines of one scale share an axis; lines whose scales differ (``needs_panels``) get one panel
    each on a shared time axis, so a small count is not drawn flat beside a big one.

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

    drawn = [line for line in lines if line.points]
    subtitle = chart_subtitle(drawn, subtitle, tz, lang, asked, now)
    if needs_panels(drawn):
        return _build_panels(drawn, title, tz, lang, ylabel, subtitle, width_px, height_px, dpi)

    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    # Attach the Agg canvas up front: tight_layout needs a renderer, and without one matplotlib
    # would go looking for a default backend.
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()

    if drawn:
        for index, line in enumerate(drawn):
            _draw_line(ax, line, _PALETTE[index % len(_PALETTE)], lang)
        _style_axes(ax, drawn, tz=tz, lang=lang, ylabel=ylabel)
        if len(lines) > 1:
            # Keyed on what was asked for, not what had data: when one of two compared series
            # is empty, the legend still says which one is shown.
            ax.legend(
                prop=_font(9),
                loc="best",
                frameon=True,
                facecolor="white",
                edgecolor="none",
                framealpha=0.85,
            )
    else:
        _say_no_data(ax)

    _add_titles(ax, title, subtitle)
    fig.tight_layout(pad=0.8)
    return fig


# Lines whose peaks differ by more than this share no y axis well: the small one lies flat.
PANEL_SCALE_RATIO = 3.0
# ... or when a line's own range would fill less than 1/SHARED_SPAN_SHARE of the shared axis.
SHARED_SPAN_SHARE = 4
MAX_PANELS = 8
_PANEL_HEIGHT_PX = 250


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
    ylabel: str | None,
    subtitle: str | None,
    width_px: int,
    height_px: int,
    dpi: int,
) -> Figure:
    """Stacked panels on one time axis, each with its own y scale and its name in the corner."""
    shown = list(drawn[:MAX_PANELS])
    height = max(height_px, 110 + _PANEL_HEIGHT_PX * len(shown))
    fig = Figure(figsize=(width_px / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
    for index, (ax, line) in enumerate(zip(axes, shown, strict=True)):
        color = _PALETTE[index % len(_PALETTE)]
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
            fontproperties=_font(10, weight="bold"),
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
            color=_MUTED_COLOR,
            fontproperties=_font(9),
        )
    _add_titles(axes[0], title, subtitle)
    fig.tight_layout(pad=0.8)
    return fig


def _draw_line(ax: Axes, line: ChartLine, color: str, lang: str) -> None:
    """One series: the value line, plus a faint min-max band when buckets carry one, and its
    latest value with the change since the range's first point written at its end."""
    points = sorted(line.points, key=lambda p: p.ts)
    xs = _nums([p.ts for p in points])
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
        fontproperties=_font(9.5, weight="bold"),
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
        zorder=4,
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
    low, high = _nums([first - pad, last + pad])
    ax.set_xlim(float(low), float(high))

    # Ticks chosen here, not by matplotlib: local minutes, hours or midnights (never seconds),
    # counted back from the last day so the newest days are labelled, in the reader's words.
    step = tick_step(last - first + 2 * pad)
    ticks = tick_times(first - pad, last + pad, tz)
    labels = {
        round(float(n), 6): tick_label(t, step, lang, tz)
        for n, t in zip(_nums(ticks), ticks, strict=True)
    }
    ax.xaxis.set_major_locator(FixedLocator([float(n) for n in _nums(ticks)]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x, 6), "")))

    # Whole-number ticks only (a count has no fractions, and "223,456" twice would look broken
    # on a narrow range), at round steps: 205,000 rather than 204,000.
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(format_count_tick))

    tick_font = _font(9)
    ax.tick_params(
        labelsize=9, labelcolor=_TEXT_COLOR, labelfontfamily=list(FONT_FAMILIES), length=3
    )
    ax.xaxis.get_offset_text().set_fontproperties(tick_font)
    ax.yaxis.get_offset_text().set_visible(False)
    if ylabel:
        ax.set_ylabel(ylabel, fontproperties=_font(10), color=_MUTED_COLOR)

    ax.grid(True, color="#dddddd", linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")


MAX_TICKS = 8
_STEP_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720)
_STEP_DAYS = (1, 2, 3, 4, 5, 7, 14, 28, 56, 91, 182, 364, 728)
TICK_STEPS: tuple[timedelta, ...] = tuple(timedelta(minutes=m) for m in _STEP_MINUTES) + tuple(
    timedelta(days=d) for d in _STEP_DAYS
)
_DAY = timedelta(days=1)


def tick_step(span: timedelta) -> timedelta:
    """The smallest round step that puts at most MAX_TICKS ticks on the span."""
    for step in TICK_STEPS:
        if span / step <= MAX_TICKS:
            return step
    return TICK_STEPS[-1]


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def tick_times(low: datetime, high: datetime, tz: tzinfo) -> list[datetime]:
    """Tick instants (UTC) in [low, high]: local wall-clock multiples of a minutes/hours step,
    or local midnights every N days counted back from the last one (so the last day has one)."""
    step = tick_step(high - low)
    if step >= _DAY:
        ticks: list[datetime] = []
        day = high.astimezone(tz).date()
        while (moment := _local_midnight(day, tz)) >= low:
            if moment <= high:
                ticks.append(moment)
            day -= timedelta(days=step.days)
        return ticks[::-1]
    start = datetime.combine(low.astimezone(tz).date(), time())  # naive local midnight
    out: list[datetime] = []
    wall = start
    while True:
        moment = wall.replace(tzinfo=tz).astimezone(UTC)
        if moment > high:
            return out
        if moment >= low and (not out or moment > out[-1]):
            out.append(moment)
        wall += step


def tick_label(moment: datetime, step: timedelta, lang: str, tz: tzinfo) -> str:
    """'13:05' for minutes and hours (the date at local midnight), 'Mon 30 Nov' /
    '11월 30일 (월)' for days: never seconds, never the C library's locale."""
    local = moment.astimezone(tz)
    if step < _DAY and (local.hour or local.minute):
        return f"{local:%H:%M}"
    values = {
        "month": text(lang, "date.months").split()[local.month - 1],
        "day": local.day,
        "weekday": text(lang, "date.weekdays").split()[local.weekday()],
    }
    return text(lang, "date.tick", **values)


def _nums(times: Sequence[datetime]) -> NDArray[np.float64]:
    """Matplotlib date numbers (days since its epoch, which the tick locator also uses)."""
    return np.asarray(mdates.date2num(times), dtype=np.float64)  # type: ignore[no-untyped-call]


def _say_no_data(ax: Axes) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        NO_DATA_TEXT,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=_MUTED_COLOR,
        fontproperties=_font(16),
    )


def _add_titles(ax: Axes, title: str, subtitle: str | None) -> None:
    """Left-aligned title with an optional smaller subtitle under it, above the plot area.

    Annotations (not ``suptitle``) so ``tight_layout`` reserves room for both lines.
    """
    title_offset = 22 if subtitle else 8
    ax.annotate(
        title,
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, title_offset),
        textcoords="offset points",
        ha="left",
        va="bottom",
        color=_TEXT_COLOR,
        fontproperties=_font(14, weight="bold"),
    )
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            ha="left",
            va="bottom",
            color=_MUTED_COLOR,
            fontproperties=_font(9.5),
        )


_GAIN_COLOR = "#2ca02c"
_LOSS_COLOR = "#d62728"


def day_label(day: date, lang: str) -> str:
    """'Mon 30 Nov' / '11월 30일 (월)', as the line charts' day ticks."""
    values = {
        "month": text(lang, "date.months").split()[day.month - 1],
        "day": day.day,
        "weekday": text(lang, "date.weekdays").split()[day.weekday()],
    }
    return text(lang, "date.tick", **values)


def build_days_figure(
    series: Sequence[tuple[str, DailyGains]],
    *,
    title: str,
    tz: tzinfo,
    lang: str = "en",
    subtitle: str | None = None,
    width_px: int = 1200,
    height_px: int = 675,
    dpi: int = 150,
) -> Figure:
    """The change on each local day as bars, one panel per source (the values /days lists).

    A day with a gap in sampling has no bar: it is marked "gap" on its place and counted in the
    subtitle, never drawn as zero. Today's bar (the day is not over) is drawn lighter.
    (As a Figure: ``render_days_png`` gives its PNG bytes.)"""
    shown = [(name, gains) for name, gains in series if gains.rows][:MAX_PANELS]
    height = max(height_px, 110 + _PANEL_HEIGHT_PX * len(shown))
    fig = Figure(figsize=(width_px / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    gaps = sum(1 for _, g in shown for row in g.rows if row.change is None)
    parts = [subtitle] if subtitle else []
    parts.append(getattr(tz, "key", None) or str(tz))
    if gaps:
        parts.append(text(lang, "chart.days.gaps", count=gaps))
    full_subtitle = " · ".join(parts)
    if not shown:
        ax = fig.add_subplot()
        _say_no_data(ax)
        _add_titles(ax, title, full_subtitle)
        fig.tight_layout(pad=0.8)
        return fig
    axes = fig.subplots(len(shown), 1, squeeze=False)[:, 0]
    for ax, (name, gains) in zip(axes, shown, strict=True):
        _draw_days(ax, gains, lang, name if len(shown) > 1 else None)
    _add_titles(axes[0], title, full_subtitle)
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
                color=_MUTED_COLOR,
                fontproperties=_font(8),
            )
            continue
        color = _GAIN_COLOR if row.change >= 0 else _LOSS_COLOR
        ax.bar(
            x,
            row.change,
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
                color=_TEXT_COLOR,
                fontproperties=_font(7 if len(rows) > 14 else 8),
                zorder=4,
            )
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=2)
    low = min([0, *known])
    high = max([0, *known])
    pad = top * (0.35 if name is not None else 0.15)  # room for a panel's name above the bars
    ax.set_ylim(low - (pad if low < 0 else 0), high + pad)
    ax.set_xlim(-0.6, len(rows) - 0.4)
    every = max(1, -(-len(rows) // MAX_TICKS))
    # Counted back from today, so the newest day always has its label.
    ticks = [x for x in xs if (len(rows) - 1 - x) % every == 0]
    ax.xaxis.set_major_locator(FixedLocator([float(x) for x in ticks]))
    labels = {x: day_label(rows[x].day, lang) for x in ticks}
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: labels.get(round(x), "")))
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(format_count_tick))
    ax.tick_params(
        labelsize=8, labelcolor=_TEXT_COLOR, labelfontfamily=list(FONT_FAMILIES), length=3
    )
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.7)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")
    if name is not None:
        ax.text(
            0.01,
            0.94,
            name,
            transform=ax.transAxes,
            ha="left",
            va="top",
            color=_TEXT_COLOR,
            fontproperties=_font(10, weight="bold"),
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 2},
        )


render_trend_png = _as_png(build_trend_figure)
render_days_png = _as_png(build_days_figure)
