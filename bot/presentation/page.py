"""The status page: facts in, escaped HTML and the JSON it polls out. Pure.

The page works without JavaScript (every figure and a server-rendered chart are in the HTML);
its script (`PAGE_JS`, served by the bot) swaps in new figures from `/api/sources`, and draws an
interactive chart (uPlot, vendored from npm under bot/web/static/uplot/; hover shows the time and
the count) from `/api/sources/<label>/series` in place of the PNG, redrawn when a new sample has
landed.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from bot.presentation.now import (
    age_line,
    day_line,
    empty_line,
    failing_line,
    midnight_line,
    stale_line,
)
from bot.presentation.numbers import count_text, noun
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


def chart_path(label: str, chart_range: str, lang: str) -> str:
    return f"chart/{quote(label, safe='')}.png?range={chart_range}&lang={lang}"


def _line(key: str, value: str, tag: str = "li", cls: str = "") -> str:
    hidden = "" if value else " hidden"
    klass = f' class="{cls}"' if cls else ""
    return f'<{tag}{klass} data-k="{key}"{hidden}>{escape(value)}</{tag}>'


def _card_html(c: Card, lang: str, chart_range: str) -> str:
    alt = text(lang, "web.chart.alt", name=c.name, range=text(lang, f"chart.range.{chart_range}"))
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
            "</ul>",
            f'<img class="chart" src="{escape(chart_path(c.label, chart_range, lang))}"',
            f' alt="{escape(alt)}" width="1200" height="675">',
            '<div class="plot" hidden></div>',
            "</section>",
        ]
    )


def render_page(
    cards: Sequence[Card],
    lang: str,
    *,
    chart_range: str = DEFAULT_PAGE_RANGE,
    refresh_seconds: float = 30.0,
    now: datetime,
    tz: tzinfo,
) -> str:
    """The whole page in `lang`; every dynamic value escaped."""
    other = next((other for other in LANGS if other != lang), DEFAULT_LANG)  # the switch
    ranges = " ".join(
        f'<a href="?range={key}&amp;lang={lang}"'
        + (' aria-current="page"' if key == chart_range else "")
        + f">{escape(text(lang, f'web.range.{key}'))}</a>"
        for key in PAGE_RANGES
    )
    body = (
        "".join(_card_html(c, lang, chart_range) for c in cards)
        if cards
        else f'<p class="none">{escape(text(lang, "web.none"))}</p>'
    )
    as_of = now.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(text(lang, 'web.title'))}</title>"
        '<link rel="icon" href="static/icon.svg" type="image/svg+xml">'
        '<link rel="stylesheet" href="static/uplot/uPlot.min.css">'
        '<link rel="stylesheet" href="static/page.css"></head>'
        f'<body data-lang="{lang}" data-range="{chart_range}"'
        f' data-refresh="{refresh_seconds:g}" data-tz="{escape(getattr(tz, "key", "UTC"))}"'
        f' data-time-label="{escape(text(lang, "web.chart.time"))}"'
        f' data-count-label="{escape(text(lang, "web.chart.count"))}">'
        f"<header><h1>{escape(text(lang, 'web.title'))}</h1>"
        f"<nav><span>{escape(text(lang, 'web.range'))}</span> {ranges}"
        f' <a class="lang" href="?range={chart_range}&amp;lang={other}"'
        f' hreflang="{other}">{escape(text(lang, "web.switch"))}</a></nav></header>'
        f"<main>{body}</main>"
        f'<footer><p data-k="as_of">{escape(text(lang, "web.as_of", time=as_of))}</p>'
        f"<p>{escape(text(lang, 'web.footer', seconds=f'{refresh_seconds:g}'))}</p></footer>"
        '<script src="static/uplot/uPlot.iife.min.js" defer></script>'
        '<script src="static/page.js" defer></script>'
        "</body></html>\n"
    )


PAGE_CSS = """\
@font-face{font-family:"KR";font-display:block;unicode-range:U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7AF,U+D7B0-D7FF;src:local("Apple SD Gothic Neo"),local("AppleSDGothicNeo-Regular"),local("Malgun Gothic"),local("Noto Sans CJK KR"),local("Noto Sans KR"),local("NanumGothic"),url(NanumGothic.ttf) format("truetype")}
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#666;--bg:#f5f5f7;--card:#fff;--warn:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--muted:#aaa;--bg:#111;--card:#1e1e1e;--warn:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 KR,system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.4rem;margin:1rem 0 .25rem}
nav{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;color:var(--muted)}
nav a{color:inherit;padding:.15rem .5rem;border-radius:1rem;border:1px solid var(--muted);text-decoration:none}
nav a[aria-current]{color:var(--card);background:var(--fg);border-color:var(--fg)}
nav .lang{margin-left:auto}
.card{background:var(--card);border-radius:12px;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card h2{font-size:1.1rem;margin:0;color:var(--muted);font-weight:600}
.count{margin:.2rem 0}
.num{font-size:2.6rem;font-weight:700;font-variant-numeric:tabular-nums;letter-spacing:-.02em}
.noun{color:var(--muted)}
.facts{list-style:none;padding:0;margin:.25rem 0 .75rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.stale,.failing{color:var(--warn);font-weight:600}
.stale{margin:.25rem 0}
.chart{width:100%;height:auto;border-radius:8px;background:#fff}
.plot{background:#fff;color:#1d1d1f;border-radius:8px;padding:.5rem 0 .25rem;overflow:hidden}
.plot .uplot{font-family:KR,system-ui,-apple-system,"Segoe UI",sans-serif}
.plot .u-legend{font-size:.9rem;font-variant-numeric:tabular-nums}
footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem}
[hidden]{display:none!important}
"""

PAGE_ICON = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" \
fill="#1d1d1f"/><path d="M6 23l6-7 5 4 9-11" fill="none" stroke="#ffcd00" stroke-width="3" \
stroke-linecap="round" stroke-linejoin="round"/></svg>
"""

PAGE_JS = """\
"use strict";
(function () {
  var body = document.body;
  var lang = body.dataset.lang, every = parseFloat(body.dataset.refresh) || 30;
  var range = body.dataset.range, tz = body.dataset.tz || "UTC";
  var keys = ["count_text", "stale_text", "day_text", "midnight_text", "age_text",
              "failing_text"];
  var plots = {};
  var when = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
    timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hour12: false});
  var count = new Intl.NumberFormat("en-US");
  // Time-axis ticks in the reader's language and the bot's zone: "25 Nov" / "11월 25일" for
  // days, "14:00" within a day (uPlot's own are US English: "12pm", "11/18/26").
  var tickDay = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
    timeZone: tz, month: lang === "ko" ? "long" : "short", day: "numeric"});
  var tickTime = new Intl.DateTimeFormat("en-GB", {
    timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false});
  function set(el, value) {
    if (!el) return;
    el.textContent = value || "";
    el.hidden = !value;
  }
  function size(card) {
    var w = Math.max(240, card.querySelector(".plot").clientWidth ||
                          card.clientWidth - 32);
    return {width: w, height: Math.round(Math.min(360, Math.max(200, w * 0.45)))};
  }
  function make(card, box, data) {
    box.hidden = false;
    // Axes are drawn on a canvas, which does not follow CSS: name the Hangul face here too.
    var axis = {stroke: "#444", grid: {stroke: "#e5e5e5"}, ticks: {stroke: "#ccc"},
                font: '12px KR, system-ui, -apple-system, "Segoe UI", sans-serif'};
    var opts = {
      width: size(card).width, height: size(card).height,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), tz); },
      cursor: {y: false, points: {size: 8}},
      legend: {live: true},
      axes: [Object.assign({}, axis, {values: function (u, vals, i, space, incr) {
        return vals.map(function (v) {
          var d = new Date(v * 1e3);
          // Within a day: times, with the date on the local midnight; wider: dates.
          var midnight = tickTime.format(d) === "00:00";
          return (incr < 86400 && !midnight ? tickTime : tickDay).format(d); }); }}),
        Object.assign({}, axis, {size: 72, values: function (u, vals) {
        return vals.map(function (v) { return count.format(v); }); }})],
      series: [
        {label: body.dataset.timeLabel, value: function (u, v) {
          return v == null ? "-" : when.format(new Date(v * 1e3)); }},
        {label: body.dataset.countLabel, stroke: "#2f6fde", width: 2,
         fill: "rgba(47,111,222,0.08)", value: function (u, v) {
          return v == null ? "-" : count.format(v); }}
      ]
    };
    return new uPlot(opts, data, box);
  }
  function draw(card) {
    var label = card.dataset.label, box = card.querySelector(".plot");
    if (!window.uPlot || !box) return;
    fetch("api/sources/" + encodeURIComponent(label) + "/series?range=" + range,
          {cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || !d.points.length) return;
        var xs = [], ys = [];
        d.points.forEach(function (p) { xs.push(Date.parse(p.ts) / 1000); ys.push(p.value); });
        if (plots[label]) { plots[label].setData([xs, ys]); return; }
        plots[label] = make(card, box, [xs, ys]);
        var img = card.querySelector("img.chart");
        if (img) img.hidden = true;  // the server's PNG stays for browsers without JavaScript
        body.dataset.plots = String(Object.keys(plots).length);
      })
      .catch(function () {});
  }
  function apply(data) {
    data.sources.forEach(function (s) {
      var card = document.getElementById("src-" + s.label);
      if (!card) return;
      keys.forEach(function (k) { set(card.querySelector('[data-k="' + k + '"]'), s[k]); });
      var ts = s.latest_ts || "";
      if (card.dataset.ts !== ts) {
        card.dataset.ts = ts;
        var img = card.querySelector("img.chart");
        if (img) img.src = img.src.split("&t=")[0] + "&t=" + encodeURIComponent(ts);
        draw(card);
      }
    });
    set(document.querySelector('[data-k="as_of"]'), data.as_of_text);
  }
  function poll() {
    fetch("api/sources?lang=" + lang, {cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) apply(d); })
      .catch(function () {})
      .then(function () { setTimeout(poll, every * 1000); });
  }
  document.querySelectorAll("section.card").forEach(draw);
  window.addEventListener("resize", function () {
    Object.keys(plots).forEach(function (label) {
      var card = document.getElementById("src-" + label);
      if (card) plots[label].setSize(size(card));
    });
  });
  setTimeout(poll, every * 1000);
})();
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
