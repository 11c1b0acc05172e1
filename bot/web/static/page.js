"use strict";
(function () {
  var body = document.body;
  var lang = body.dataset.lang, every = parseFloat(body.dataset.refresh) || 30;
  var range = body.dataset.range, tz = body.dataset.tz || "UTC";
  var keys = ["count_text", "stale_text", "day_text", "midnight_text", "age_text",
              "failing_text"];
  var axisFont = '12px KR, system-ui, -apple-system, "Segoe UI", sans-serif';
  // The Hangul face before the first draw: a canvas does not redraw when a web font arrives,
  // so a chart drawn first would keep boxes for Hangul on a machine without Korean fonts.
  // The face can be slow to arrive (a cold server prepares it on the first request): past
  // 15 s the chart is drawn anyway, and drawn again, axes measured anew, when it does arrive.
  var fontLoaded = !document.fonts || !document.fonts.load ? Promise.resolve() :
    document.fonts.load("12px KR", "한").catch(function () {});
  var fontReady = Promise.race([
    fontLoaded, new Promise(function (done) { setTimeout(done, 15000); })]);
  fontLoaded.then(function () {
    spaces = {};
    Object.keys(plots).forEach(function (label) { plots[label].redraw(false, true); });
  });
  var plots = {};
  var when = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
    timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hour12: false});
  var count = new Intl.NumberFormat("en-US");
  // Time-axis ticks in the reader's language and the bot's zone: "25 Nov" / "11월 25일" for
  // days, "14:00" within a day (uPlot's own are US English: "12pm", "11/18/26").
  var tickDay = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
    timeZone: tz, month: lang === "ko" ? "long" : "short", day: "numeric"});
  // Over more than ~300 days a day and a month could be either year: ticks on the first of
  // a month (every 1, 2, 3, 4 or 6 months, or years), named with their year: "2026년 1월".
  var tickMonth = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
    timeZone: tz, year: "numeric", month: lang === "ko" ? "long" : "short"});
  var YEAR_SPAN = 300 * 86400, MONTH = 30 * 86400, YEAR = 365 * 86400;  // uPlot's own units
  var monthIncrs = [MONTH, 2 * MONTH, 3 * MONTH, 4 * MONTH, 6 * MONTH, YEAR, 2 * YEAR,
                    5 * YEAR, 10 * YEAR];
  var allIncrs = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 28800, 43200,
                  86400, 2 * 86400, 3 * 86400, 4 * 86400, 5 * 86400, 7 * 86400, 10 * 86400,
                  15 * 86400].concat(monthIncrs);
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
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(s) { measure.font = axisFont; return measure.measureText(s).width; }
  // The widest date tick this axis can draw ("12월 30일", "30 Sep"), measured in its font:
  // uPlot then picks a step whose ticks lie at least that far (and a gap) apart, at any width.
  var spaces = {};
  function dateSpace(withYear) {
    if (spaces[withYear]) return spaces[withYear];
    var widest = 0;
    for (var m = 0; m < 12; m++) {
      var d = new Date(Date.UTC(2026, m, 28, 12));
      widest = Math.max(widest, withYear ? textWidth(tickMonth.format(d)) :
                        Math.max(textWidth(tickDay.format(d)), textWidth(tickTime.format(d))));
    }
    return (spaces[withYear] = Math.ceil(widest) + 16);
  }
  function make(card, box, data) {
    box.hidden = false;
    // Whether the Hangul face was there when the axes were first drawn (the browser test asks).
    box.dataset.font = !document.fonts || document.fonts.check("12px KR", "한") ? "ready" : "late";
    var nochart = card.querySelector(".nochart");
    if (nochart) nochart.hidden = true;
    // Axes are drawn on a canvas, which does not follow CSS: name the Hangul face here too.
    var axis = {stroke: "#444", grid: {stroke: "#e5e5e5"}, ticks: {stroke: "#ccc"},
                font: axisFont};
    var opts = {
      width: size(card).width, height: size(card).height,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), tz); },
      cursor: {y: false, points: {size: 8}},
      legend: {live: true},
      // The legend shows the hovered point; with none it would read "Time: - Count: -".
      hooks: {setCursor: [function (u) {
        box.classList.toggle("hovering", u.cursor.idx != null); }]},
      axes: [Object.assign({}, axis, {
        space: function (u, i, min, max) { return dateSpace(max - min > YEAR_SPAN); },
        incrs: function (u, i, min, max) {
          return max - min > YEAR_SPAN ? monthIncrs : allIncrs; },
        values: function (u, vals, i, space, incr) {
          return vals.map(function (v) {
            var d = new Date(v * 1e3);
            // Within a day: times, with the date on the local midnight; wider: dates.
            var midnight = tickTime.format(d) === "00:00";
            return (incr >= MONTH ? tickMonth : incr < 86400 && !midnight ? tickTime :
                    tickDay).format(d);
          }); }}),
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
        change(card, xs, ys);
        if (plots[label]) { plots[label].setData([xs, ys]); return; }
        return fontReady.then(function () {
          if (plots[label]) { plots[label].setData([xs, ys]); return; }
          plots[label] = make(card, box, [xs, ys]);
          var img = card.querySelector("img.chart");
          if (img) img.hidden = true;  // the server's PNG stays for browsers without JavaScript
          body.dataset.plots = String(Object.keys(plots).length);
        });
      })
      .catch(function () {});
  }
  // "+3,120 over 7 days": the drawn range's last point against its first (as the server says).
  function change(card, xs, ys) {
    var el = card.querySelector('[data-k="range_text"]');
    if (!el || xs.length < 2) return;
    var diff = ys[ys.length - 1] - ys[0];
    var spans = {"24h": 86400, "7d": 7 * 86400, "30d": 30 * 86400};
    var whole = spans[range] && xs[xs.length - 1] - xs[0] >= spans[range] * 0.95;
    var template = whole ? body.dataset.changeRange : body.dataset.changeBegan;
    set(el, template.replace("{change}", diff ? (diff > 0 ? "+" : "-") +
                                         count.format(Math.abs(diff)) : "0"));
  }
  // For the browser test: the time axis' drawn ticks, each its text and its x (CSS px from
  // the viewport's left), and the font they are drawn in.
  window.__ticks = function (label) {
    var u = plots[label], axis = u && u.axes[0];
    if (!axis || !axis._values) return null;
    var left = u.over.getBoundingClientRect().left;
    return {font: axisFont, ticks: axis._splits.map(function (v, i) {
      return {text: axis._values[i], x: left + u.valToPos(v, "x")}; })};
  };
  function apply(data) {
    data.sources.forEach(function (s) {
      var card = document.getElementById("src-" + s.label);
      if (!card) return;
      keys.forEach(function (k) { set(card.querySelector('[data-k="' + k + '"]'), s[k]); });
      var ts = s.latest_ts || "";
      if (card.dataset.ts !== ts) {
        card.dataset.ts = ts;
        card.querySelectorAll("img.chart, picture source").forEach(function (el) {
          var attr = el.tagName === "IMG" ? "src" : "srcset";
          el[attr] = el[attr].split("&t=")[0] + "&t=" + encodeURIComponent(ts);
        });
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
