// attache dashboard: the charts, drawn as SVG from the API's JSON, and small touches on the
// article page. Written by the team; no libraries. Served as a file because the
// Content-Security-Policy allows no inline script.
"use strict";

(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var QUAD = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  // PLOVER types in the order of the manual, grouped by quad class (for the heatmap rows).
  var TYPES = [
    ["AGREE", 1], ["CONSULT", 1], ["SUPPORT", 1], ["CONCEDE", 1],
    ["COOPERATE", 2], ["AID", 2], ["RETREAT", 2],
    ["REQUEST", 3], ["ACCUSE", 3], ["REJECT", 3], ["THREATEN", 3],
    ["PROTEST", 4], ["SANCTION", 4], ["MOBILIZE", 4], ["COERCE", 4], ["ASSAULT", 4]
  ];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, s, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }

  // "2025-10-30" (day or week start) or "2025-10" (month) to UTC milliseconds.
  function parsePeriod(p) {
    var parts = p.split("-").map(Number);
    return Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1);
  }

  function step(by) {
    return by === "month" ? 30.44 * DAY : by === "week" ? 7 * DAY : DAY;
  }

  function nextPeriod(t, by) {
    if (by === "month") {
      var d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    return t + step(by);
  }

  function label(t, by, withYear) {
    var d = new Date(t);
    var m = MONTHS[d.getUTCMonth()];
    if (by === "month") return m + " " + d.getUTCFullYear();
    return d.getUTCDate() + " " + m + (withYear ? " " + d.getUTCFullYear() : "");
  }

  // About `n` round tick values from 0 to max.
  function ticks(max, n) {
    if (max <= 0) return [0];
    var raw = max / n;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var unit = [1, 2, 5, 10].map(function (m) { return m * mag; }).find(function (u) { return u >= raw; });
    unit = Math.max(1, unit);
    var out = [];
    for (var v = 0; v <= max + 1e-9; v += unit) out.push(v);
    if (out[out.length - 1] < max) out.push(out[out.length - 1] + unit);
    return out;
  }

  function tooltip(fig) {
    var tip = document.createElement("div");
    tip.className = "tip";
    fig.appendChild(tip);
    return {
      show: function (html, x, y) {
        tip.innerHTML = html;
        tip.style.display = "block";
        var w = tip.offsetWidth;
        var left = Math.min(Math.max(0, x - w / 2), fig.clientWidth - w);
        tip.style.left = left + "px";
        tip.style.top = Math.max(0, y - tip.offsetHeight - 10) + "px";
      },
      hide: function () { tip.style.display = "none"; }
    };
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function message(fig, s) {
    var p = document.createElement("p");
    p.className = "chart-msg";
    p.textContent = s;
    fig.appendChild(p);
  }

  function load(fig, draw) {
    var src = fig.getAttribute("data-src");
    fetch(src, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.error || r.statusText);
          return body;
        });
      })
      .then(function (data) {
        var redraw = function () {
          Array.prototype.slice.call(fig.querySelectorAll("svg, .tip, .chart-msg")).forEach(function (n) { n.remove(); });
          draw(fig, data);
        };
        redraw();
        var width = fig.clientWidth;
        window.addEventListener("resize", function () {
          if (fig.clientWidth !== width) { width = fig.clientWidth; redraw(); }
        });
      })
      .catch(function (e) { message(fig, "The chart could not be loaded: " + e.message); });
  }

  // Dyad timeline: stacked bars of happenings per bucket by quad class (left axis) and the
  // mean PLOVER intensity as a line with points (right axis, -10..10).
  function drawTimeline(fig, data) {
    var buckets = data.buckets || [];
    fig.setAttribute("data-points", String(buckets.length));
    if (!buckets.length) { message(fig, "No dated happenings between these actors."); return; }
    var by = data.by;
    var W = Math.max(fig.clientWidth, 320), H = 280;
    var m = { l: 44, r: 44, t: 12, b: 30 };
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    var t0 = parsePeriod(buckets[0].period);
    var t1 = nextPeriod(parsePeriod(buckets[buckets.length - 1].period), by);
    var span = Math.max(t1 - t0, step(by));
    // Pad a little so a single bucket is not the whole width: before the data only, so the
    // axis ends where the data ends (no empty weeks after the last one).
    var minSpan = step(by) * 12;
    if (span < minSpan) { t0 -= minSpan - span; span = minSpan; }
    var x = function (t) { return m.l + (t - t0) / span * iw; };
    var maxCount = Math.max.apply(null, buckets.map(function (b) { return b.events; }).concat([1]));
    var yt = ticks(maxCount, 4);
    var top = yt[yt.length - 1];
    var y = function (v) { return m.t + ih - v / top * ih; };
    var yi = function (v) { return m.t + ih - (v + 10) / 20 * ih; };

    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, height: H, role: "img" }, fig);
    var grid = el("g", { "class": "axis" }, svg);
    yt.forEach(function (v) {
      el("line", { "class": "grid-line", x1: m.l, x2: m.l + iw, y1: y(v), y2: y(v) }, grid);
      text(grid, m.l - 8, y(v) + 4, String(v), { "text-anchor": "end" });
    });
    [-10, -5, 0, 5, 10].forEach(function (v) {
      text(grid, m.l + iw + 8, yi(v) + 4, (v > 0 ? "+" : "") + v, { "text-anchor": "start" });
    });
    el("line", { "class": "zero-line", x1: m.l, x2: m.l + iw, y1: yi(0), y2: yi(0) }, grid);
    el("line", { x1: m.l, x2: m.l + iw, y1: m.t + ih, y2: m.t + ih }, grid);
    // X ticks: about one per 110 px, on bucket starts.
    var nt = Math.max(2, Math.floor(iw / 110));
    var multiYear = new Date(t0).getUTCFullYear() !== new Date(t1).getUTCFullYear();
    // Ticks count back from the last bucket's start, so the last label is a day with data.
    var tLast = parsePeriod(buckets[buckets.length - 1].period);
    for (var i = 0; i <= nt; i++) {
      var t = tLast - (tLast - t0) * i / nt;
      var tx = x(t);
      el("line", { x1: tx, x2: tx, y1: m.t + ih, y2: m.t + ih + 4 }, grid);
      text(grid, tx, H - 8, label(t, by === "month" ? "month" : "day", multiYear), { "text-anchor": "middle" });
    }

    var tip = tooltip(fig);
    var bars = el("g", {}, svg);
    var bw = function (b) {
      var s = parsePeriod(b.period);
      return Math.max(2, (x(nextPeriod(s, by)) - x(s)) * 0.8);
    };
    buckets.forEach(function (b) {
      var s = parsePeriod(b.period);
      var w = bw(b);
      var bx = x(s) + (x(nextPeriod(s, by)) - x(s) - w) / 2;
      var acc = 0;
      for (var q = 0; q < 4; q++) {
        var n = (b.quad || [])[q] || 0;
        if (!n) continue;
        el("rect", { "class": "bar q" + (q + 1), x: bx, width: w, y: y(acc + n), height: Math.max(1, y(acc) - y(acc + n)) }, bars);
        acc += n;
      }
      var rest = b.events - acc;
      if (rest > 0) el("rect", { "class": "bar q0", x: bx, width: w, y: y(acc + rest), height: y(acc) - y(acc + rest) }, bars);
    });

    // Intensity line: solid between neighbouring buckets, dashed across empty ones (so the
    // eye can follow it without taking the gap for data).
    var line = el("g", {}, svg);
    var solid = "", dashed = "";
    var prev = null;
    buckets.forEach(function (b) {
      if (b.mean_intensity === null || b.mean_intensity === undefined) return;
      var s = parsePeriod(b.period);
      var px = (x(s) + (x(nextPeriod(s, by)) - x(s)) / 2).toFixed(1), py = yi(b.mean_intensity).toFixed(1);
      if (prev) {
        var seg = "M" + prev[1] + " " + prev[2] + "L" + px + " " + py;
        if (nextPeriod(prev[0], by) >= s - DAY / 2) solid += seg; else dashed += seg;
      }
      prev = [s, px, py];
    });
    if (dashed) el("path", { "class": "line gap", d: dashed }, line);
    if (solid) el("path", { "class": "line", d: solid }, line);
    buckets.forEach(function (b) {
      if (b.mean_intensity === null || b.mean_intensity === undefined) return;
      var s = parsePeriod(b.period);
      el("circle", { "class": "pt", cx: x(s) + (x(nextPeriod(s, by)) - x(s)) / 2, cy: yi(b.mean_intensity), r: 3.2 }, line);
    });

    // Hover areas, one per bucket.
    var hits = el("g", {}, svg);
    buckets.forEach(function (b) {
      var s = parsePeriod(b.period);
      var x0 = x(s), x1 = Math.max(x(nextPeriod(s, by)), x0 + 6);
      var r = el("rect", { "class": "hit", x: x0, width: x1 - x0, y: m.t, height: ih }, hits);
      r.addEventListener("mouseenter", function () {
        var lines = ["<b>" + esc(b.period) + "</b>", b.events + " happening" + (b.events === 1 ? "" : "s") + " (" + b.reports + " reports)"];
        (b.quad || []).forEach(function (n, q) { if (n) lines.push(n + " " + QUAD[q]); });
        if (b.mean_intensity !== null && b.mean_intensity !== undefined) lines.push("mean intensity " + b.mean_intensity.toFixed(1));
        tip.show(lines.join("<br>"), (x0 + x1) / 2 * fig.clientWidth / W, m.t);
      });
      r.addEventListener("mouseleave", tip.hide);
    });
  }

  // Whole-store heatmap: one row per PLOVER type, one column per bucket, colour by quad class
  // and opacity by count (square root, so rare types stay visible). Totals on top.
  function drawTypes(fig, data) {
    var buckets = data.buckets || [];
    fig.setAttribute("data-points", String(buckets.length));
    if (!buckets.length) { message(fig, "No dated events yet."); return; }
    var by = data.by;
    // Every bucket between the first and the last, empty ones included; at most 52 of them:
    // the run of 52 that holds the most happenings (the latest such run on a tie), so one
    // outlier far from the rest (an undated article dated by the day it was first seen, a
    // story about decades ago) cannot push the bulk of the data out of view.
    var cols = [];
    var byStart = {};
    buckets.forEach(function (b) { byStart[parsePeriod(b.period)] = b; });
    for (var t = parsePeriod(buckets[0].period), end = parsePeriod(buckets[buckets.length - 1].period); t <= end; t = nextPeriod(t, by)) {
      cols.push({ t: t, b: byStart[t] || null });
    }
    var SPAN = 52;
    if (cols.length > SPAN) {
      var count = function (c) { return c.b ? c.b.events : 0; };
      var sum = 0, best = 0, bestStart = 0;
      for (var k = 0; k < cols.length; k++) {
        sum += count(cols[k]);
        if (k >= SPAN) sum -= count(cols[k - SPAN]);
        if (k >= SPAN - 1 && sum >= best) { best = sum; bestStart = k - SPAN + 1; }
      }
      cols = cols.slice(bestStart, bestStart + SPAN);
      // The axis ends at the window's last happening, not at empty weeks after it.
      while (cols.length > 1 && !cols[cols.length - 1].b) cols.pop();
    }
    var rows = TYPES.slice();
    if (buckets.some(function (b) { return b.by_type && b.by_type.NONE; })) rows.push(["NONE", 0]);
    var W = Math.max(fig.clientWidth, 320);
    var m = { l: 92, r: 8, t: 44, b: 24 };
    var cw = (W - m.l - m.r) / cols.length;
    var ch = 15;
    var H = m.t + rows.length * ch + m.b;
    var max = 1, maxTotal = 1;
    cols.forEach(function (c) {
      if (!c.b) return;
      maxTotal = Math.max(maxTotal, c.b.events);
      rows.forEach(function (r) { max = Math.max(max, (c.b.by_type || {})[r[0]] || 0); });
    });
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, height: H, role: "img" }, fig);
    var tip = tooltip(fig);
    var g = el("g", {}, svg);
    rows.forEach(function (r, i) {
      text(g, m.l - 8, m.t + i * ch + ch - 4, r[0], { "class": "row-label", "text-anchor": "end" });
    });
    var axis = el("g", { "class": "axis" }, svg);
    var every = Math.max(1, Math.ceil(70 / cw));
    cols.forEach(function (c, j) {
      var cx = m.l + j * cw;
      if (c.b) {
        var h = c.b.events / maxTotal * (m.t - 10);
        el("rect", { "class": "total-bar", x: cx + 1, width: Math.max(1, cw - 2), y: m.t - 4 - h, height: h }, g);
      }
      rows.forEach(function (r, i) {
        var n = c.b ? (c.b.by_type || {})[r[0]] || 0 : 0;
        var cell = el("rect", {
          "class": "cell bar q" + r[1], x: cx, y: m.t + i * ch, width: Math.max(1, cw), height: ch,
          "fill-opacity": n ? (0.15 + 0.85 * Math.sqrt(n / max)).toFixed(3) : 0.04
        }, g);
        // The count on the cell, when there is one and room for it.
        if (n && cw >= 14) {
          text(g, cx + cw / 2, m.t + i * ch + ch - 4, String(n), {
            "class": "cell-n" + (0.15 + 0.85 * Math.sqrt(n / max) > 0.6 ? " on-dark" : ""), "text-anchor": "middle"
          });
        }
        cell.addEventListener("mouseenter", function () {
          var reports = c.b ? (c.b.reports_by_type || {})[r[0]] || 0 : 0;
          tip.show("<b>" + esc(r[0]) + "</b> · " + esc(label(c.t, by, true)) + "<br>" + n + " happening" + (n === 1 ? "" : "s") +
            " · " + reports + " report" + (reports === 1 ? "" : "s"),
            (cx + cw / 2) * fig.clientWidth / W, (m.t + i * ch) * fig.clientWidth / W);
        });
        cell.addEventListener("mouseleave", tip.hide);
      });
      if (j % every === 0) text(axis, cx, H - 6, label(c.t, by, false), { "text-anchor": "start" });
    });
  }

  // Article page: clicking a highlighted evidence selects its event card, and the reverse.
  function linkEvidence() {
    var marks = document.querySelectorAll("mark.evidence[data-event]");
    Array.prototype.forEach.call(marks, function (mk) {
      mk.addEventListener("click", function () {
        var id = mk.getAttribute("data-event");
        var card = document.getElementById("event-" + id);
        document.querySelectorAll(".active").forEach(function (n) { n.classList.remove("active"); });
        document.querySelectorAll('mark.evidence[data-event="' + CSS.escape(id) + '"]').forEach(function (n) { n.classList.add("active"); });
        if (card) { card.classList.add("active"); card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure.chart[data-chart]").forEach(function (fig) {
      var kind = fig.getAttribute("data-chart");
      if (kind === "dyad") load(fig, drawTimeline);
      else if (kind === "types") load(fig, drawTypes);
    });
    linkEvidence();
  });
})();
