"""The status page: facts in, escaped HTML and the JSON it polls out. Pure.

The page works without JavaScript (every figure and a server-rendered chart are in the HTML);
its script (bot/web/static/page.js, served by the bot beside page.css) swaps in new figures from
`/api/sources`, and draws an interactive chart (uPlot, vendored from npm under
bot/web/static/uplot/; hover shows the time and the count) from `/api/sources/<label>/series` in
place of the PNG, redrawn when a new sample has landed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo
from html import escape
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fontTools.ttLib import TTFont

from bot.core.figures import NowFigures
from bot.core.lang import DEFAULT_LANG, LANGS, Lang, as_lang
from bot.presentation.charts.canvas import DESKTOP, PHONE
from bot.presentation.now import (
    age_line,
    day_line,
    empty_line,
    failing_line,
    midnight_line,
    stale_line,
)
from bot.presentation.numbers import count_text, format_delta, noun
from bot.presentation.texts import text

PAGE_RANGES = ("24h", "7d", "30d", "all")
DEFAULT_PAGE_RANGE = "7d"


def page_language(accept_language: str | None, override: str | None = None) -> Lang:
    """`?lang=` when it names a language we speak, else the browser's most preferred one of
    ours (Accept-Language, by q), else English."""
    chosen = as_lang(override)
    if chosen is not None:
        return chosen
    best, best_q = DEFAULT_LANG, -1.0
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        lang = as_lang(tag.strip().lower().split("-")[0])
        # Earlier tags win ties, as browsers list them in order of preference.
        if lang is not None and q > 0 and q - position * 1e-6 > best_q:
            best, best_q = lang, q - position * 1e-6
    return best


@dataclass(frozen=True, slots=True)
class Card:
    """One source on the page, and in /api/sources: raw figures and their text in `lang`."""

    label: str
    name: str
    kind: str
    noun: str
    count: int | None
    approximate: bool
    latest_ts: str | None  # ISO-8601, UTC
    day_delta: int | None  # against the sample nearest 24 h before the latest (±90 min)
    midnight_delta: int | None
    age_seconds: float | None
    stale: bool
    count_text: str
    day_text: str
    midnight_text: str
    age_text: str
    stale_text: str
    failing_text: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def card(fig: NowFigures, lang: str) -> Card:
    """The figures /now shows (bot/core/figures.py), drawn by /now's own line drawers."""
    source, count = fig.source, fig.count
    kind_noun = noun(lang, source.kind)
    if count is None:
        return Card(
            source.label, source.display_name, source.kind, kind_noun, None, False, None,
            None, None, None, fig.stale, "–", empty_line(fig, lang), "", "", "",
            failing_line(fig, lang),
        )  # fmt: skip
    return Card(
        label=source.label,
        name=source.display_name,
        kind=source.kind,
        noun=kind_noun,
        count=count.value,
        approximate=count.approximate,
        latest_ts=fig.latest_ts.isoformat() if fig.latest_ts is not None else None,
        day_delta=fig.day.value if fig.day is not None else None,
        midnight_delta=fig.midnight.value if fig.midnight is not None else None,
        age_seconds=fig.age_seconds,
        stale=fig.stale,
        count_text=count_text(count),
        day_text=day_line(fig, lang),
        midnight_text=midnight_line(fig, lang),
        age_text=age_line(fig, lang),
        stale_text=stale_line(fig, lang),
        failing_text=failing_line(fig, lang),
    )


def chart_path(label: str, chart_range: str, lang: str, size: str = "") -> str:
    sized = f"&size={size}" if size else ""
    return f"chart/{quote(label, safe='')}.png?range={chart_range}&lang={lang}{sized}"


def _line(key: str, value: str, tag: str = "li", cls: str = "") -> str:
    hidden = "" if value else " hidden"
    klass = f' class="{cls}"' if cls else ""
    return f'<{tag}{klass} data-k="{key}"{hidden}>{escape(value)}</{tag}>'


@dataclass(frozen=True, slots=True)
class RangeChange:
    """The change over the drawn range: its last point against its first."""

    change: int
    whole: bool  # the history covers the range (else: "since tracking began")


def range_change_text(lang: str, chart_range: str, change: RangeChange | None) -> str:
    """'+3,120 over 7 days' / '7일 동안 +3,120'; '' without two points to compare."""
    if change is None:
        return ""
    key = chart_range if change.whole and chart_range != "all" else "began"
    return text(lang, f"web.change.{key}", change=format_delta(change.change))


def page_title(cards: Sequence[Card], lang: str) -> str:
    """What is counted: 'Baemin Connect friends — live' for one source."""
    if len(cards) == 1:
        (c,) = cards
        return text(lang, "web.title.one", name=c.name, unit=text(lang, f"chart.axis.{c.kind}"))
    return text(lang, "web.title")


def as_of_text(now: datetime, tz: tzinfo, lang: str) -> str:
    """'As of 2026-12-04 14:05:30 (Asia/Seoul)': the time and the zone it is in."""
    zone = getattr(tz, "key", None) or str(tz)
    return text(lang, "web.as_of", time=f"{now.astimezone(tz):%Y-%m-%d %H:%M:%S}", zone=zone)


def _chart_html(c: Card, lang: str, chart_range: str) -> str:
    """The server's PNG (for browsers without JavaScript; it scales to the card's width), or a
    sentence when there is nothing to draw yet: never a broken image."""
    if c.count is None:
        return f'<p class="nochart" data-k="nochart">{escape(text(lang, "web.chart.none"))}</p>'
    alt = text(lang, "web.chart.alt", name=c.name, range=text(lang, f"chart.range.{chart_range}"))
    phone = chart_path(c.label, chart_range, lang, "phone")
    return (
        f'<picture><source media="(max-width: 600px)" srcset="{escape(phone)}"'
        f' width="{PHONE.width_px}" height="{PHONE.height_px}">'
        f'<img class="chart" src="{escape(chart_path(c.label, chart_range, lang))}"'
        f' alt="{escape(alt)}" width="{DESKTOP.width_px}" height="{DESKTOP.height_px}">'
        "</picture>"
    )


def _card_html(c: Card, lang: str, chart_range: str, change: RangeChange | None) -> str:
    return "".join(
        [
            f'<section class="card" id="src-{escape(c.label)}" data-label="{escape(c.label)}"',
            f' data-ts="{escape(c.latest_ts or "")}">',
            f"<h2>{escape(c.name)}</h2>",
            '<p class="count">',
            f'<span class="num" data-k="count_text">{escape(c.count_text)}</span> ',
            f'<span class="noun">{escape(c.noun)}</span></p>',
            _line("stale_text", c.stale_text, "p", "stale"),
            '<ul class="facts">',
            _line("day_text", c.day_text),
            _line("midnight_text", c.midnight_text),
            _line("age_text", c.age_text),
            _line("failing_text", c.failing_text, cls="failing"),
            _line("range_text", range_change_text(lang, chart_range, change), cls="range"),
            "</ul>",
            _chart_html(c, lang, chart_range),
            '<div class="plot" hidden></div>',
            "</section>",
        ]
    )


def compare_section(
    rows: Sequence[Sequence[str]], lang: str, how: str, notes: Sequence[str] = ()
) -> str:
    """The comparison (bot/presentation/compare.py's `table_rows`): a small table, each figure
    with its rank, then `notes` (who catches whom); nothing with fewer than two sources."""
    if len(rows) < 3:
        return ""
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in rows[0])
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows[1:]
    )
    title = escape(text(lang, "compare.web.title", how=how))
    return (
        f'<section class="compare" id="compare"><h2>{title}</h2>'
        f'<div class="compare-scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
        + "".join(f"<p>{escape(note)}</p>" for note in notes)
        + "</section>"
    )


def render_page(
    cards: Sequence[Card],
    lang: str,
    *,
    chart_range: str = DEFAULT_PAGE_RANGE,
    changes: Mapping[str, RangeChange] | None = None,
    refresh_seconds: float = 30.0,
    now: datetime,
    tz: tzinfo,
    stylesheet: str = "static/page.css",
    script: str = "static/page.js",
    comparison: str = "",
) -> str:
    """The whole page in `lang`; every dynamic value escaped. `stylesheet` and `script` are
    the page's own files as the web edge serves them (their URLs carry a content hash);
    `comparison`, the sources side by side (`compare_section`); `changes` (by label) the
    change over the drawn range."""
    changes = changes or {}
    other = next((other for other in LANGS if other != lang), DEFAULT_LANG)  # the switch
    ranges = " ".join(
        f'<a href="?range={key}&amp;lang={lang}"'
        + (' aria-current="page"' if key == chart_range else "")
        + f">{escape(text(lang, f'web.range.{key}'))}</a>"
        for key in PAGE_RANGES
    )
    body = (
        "".join(_card_html(c, lang, chart_range, changes.get(c.label)) for c in cards)
        if cards
        else f'<p class="none">{escape(text(lang, "web.none"))}</p>'
    )
    title = escape(page_title(cards, lang))
    began = text(lang, "web.change.began", change="{change}")
    ranged = (
        began
        if chart_range == "all"
        else text(lang, f"web.change.{chart_range}", change="{change}")
    )
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>"
        '<link rel="icon" href="static/icon.svg" type="image/svg+xml">'
        '<link rel="stylesheet" href="static/uplot/uPlot.min.css">'
        f'<link rel="stylesheet" href="{escape(stylesheet)}"></head>'
        f'<body data-lang="{lang}" data-range="{chart_range}"'
        f' data-refresh="{refresh_seconds:g}" data-tz="{escape(getattr(tz, "key", "UTC"))}"'
        f' data-time-label="{escape(text(lang, "web.chart.time"))}"'
        f' data-count-label="{escape(text(lang, "web.chart.count"))}"'
        f' data-change-range="{escape(ranged)}" data-change-began="{escape(began)}">'
        f"<header><h1>{title}</h1>"
        f"<nav><span>{escape(text(lang, 'web.range'))}</span> {ranges}"
        f' <a class="lang" href="?range={chart_range}&amp;lang={other}"'
        f' hreflang="{other}">{escape(text(lang, "web.switch"))}</a></nav></header>'
        f"<main>{body}</main>{comparison}"
        f'<footer><p data-k="as_of">{escape(as_of_text(now, tz, lang))}</p>'
        f"<p>{escape(text(lang, 'web.footer', seconds=f'{refresh_seconds:g}'))}</p></footer>"
        '<script src="static/uplot/uPlot.iife.min.js" defer></script>'
        f'<script src="{escape(script)}" defer></script>'
        "</body></html>\n"
    )


PAGE_ICON = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" \
fill="#1d1d1f"/><path d="M6 23l6-7 5 4 9-11" fill="none" stroke="#ffcd00" stroke-width="3" \
stroke-linecap="round" stroke-linejoin="round"/></svg>
"""


def web_font(path: Path) -> bytes:
    """The font file as browsers accept it: NanumGothic carries VTT hinting sources (TSI0-5,
    one of them empty), and Chrome's font sanitizer refuses the whole file for it."""
    font = TTFont(str(path))
    for tag in [tag for tag in font.keys() if tag.startswith("TSI")]:  # noqa: SIM118
        del font[tag]
    out = BytesIO()
    font.save(out)
    return out.getvalue()
