"""What every chart shares: a private Figure on an Agg canvas and its PNG bytes, the colours,
the titles above the plot and the "no data" face.

Everything uses matplotlib's object API (``Figure`` + ``FigureCanvasAgg``) and passes fonts
explicitly to every text element instead of changing ``rcParams``: the bot renders in
``asyncio.to_thread`` workers, several at once, and pyplot's global figure registry and
``rc_context``'s save-and-restore of the global ``rcParams`` are both unsafe there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.presentation.charts.fonts import font

P = ParamSpec("P")

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")

NO_DATA_TEXT = "no data"

TEXT_COLOR = "#222222"

MUTED_COLOR = "#666666"

MAX_PANELS = 8


@dataclass(frozen=True, slots=True)
class ChartSize:
    """A PNG's pixels and its dots per inch (text is sized in points, so more dpi on fewer
    pixels is bigger text: a phone's chart is narrow and its words still readable)."""

    width_px: int = 1200
    height_px: int = 675
    dpi: int = 150


DESKTOP = ChartSize()
PHONE = ChartSize(720, 760, 180)  # shown ~360 CSS px wide: 9 pt ticks stay ~11 px tall
PANEL_HEIGHT_PX = 250


def as_png(build: Callable[P, Figure]) -> Callable[P, bytes]:
    """The same drawing as PNG bytes (the figure let go of at once)."""

    def render(*args: P.args, **kwargs: P.kwargs) -> bytes:
        return png(build(*args, **kwargs))

    render.__doc__ = build.__doc__
    return render


def png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    canvas = FigureCanvasAgg(fig)
    # matplotlib ships no annotations for print_png, matplotlib.dates: hence the ignores.
    canvas.print_png(buf)  # type: ignore[no-untyped-call]
    # A figure is a web of reference cycles, freed only by Python's rare full collections:
    # let go of its pixels (~3 MB) and artists now, or resident memory swings by tens of MB.
    canvas.renderer = None
    fig.clear()
    return buf.getvalue()


def say_no_data(ax: Axes) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        NO_DATA_TEXT,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=MUTED_COLOR,
        fontproperties=font(16),
    )


def add_titles(ax: Axes, title: str, subtitle: str | None) -> None:
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
        color=TEXT_COLOR,
        fontproperties=font(14, weight="bold"),
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
            color=MUTED_COLOR,
            fontproperties=font(9.5),
        )
