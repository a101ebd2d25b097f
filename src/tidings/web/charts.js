// SVG charts of the tidings page: a timeline by quad class, a map of places, an actor network.
// Each draw function fills a <figure> and takes callbacks for what a click on a mark does.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOURS = { 1: "#4477aa", 2: "#228833", 3: "#b8860b", 4: "#cc3344" };

function svgEl(name, attrs = {}, text) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

function htmlEl(name, attrs = {}, ...children) {
  const el = document.createElement(name);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") el.textContent = value; else el.setAttribute(key, value);
  }
  for (const child of children) el.append(child);
  return el;
}

function legend(entries) {
  const list = htmlEl("ul", { class: "legend" });
  for (const [label, colour] of entries) {
    const swatch = htmlEl("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = colour;
    list.append(htmlEl("li", {}, swatch, label));
  }
  return list;
}

function dataTable(caption, headers, rows) {
  const details = htmlEl("details", {}, htmlEl("summary", { text: `${caption} as a table` }));
  const table = htmlEl("table", {}, htmlEl("caption", { class: "sr-only", text: caption }));
  const head = htmlEl("tr");
  headers.forEach((h) => head.append(htmlEl("th", { scope: "col", text: h })));
  table.append(htmlEl("thead", {}, head));
  const body = htmlEl("tbody");
  rows.forEach((row) => {
    const tr = htmlEl("tr");
    row.forEach((cell) => tr.append(htmlEl("td", { text: String(cell) })));
    body.append(tr);
  });
  table.append(body);
  details.append(table);
  return details;
}

function activateOnKey(el, action) {
  el.addEventListener("click", action);
  el.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); action(); }
  });
}

// ---- timeline -------------------------------------------------------------------------------

function nextPeriod(date, interval) {
  const d = new Date(date + "T00:00:00Z");
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

function periodLabel(period, interval) {
  if (interval === "month") return period.slice(0, 7);
  if (interval === "year") return period.slice(0, 4);
  return period;
}

function drawTimeline(figure, counts, interval, onPick) {
  figure.replaceChildren();
  if (!counts.length) {
    figure.append(htmlEl("p", { class: "muted", text: "No dated events in this selection." }));
    return;
  }
  const byPeriod = new Map();
  for (const c of counts) {
    if (!byPeriod.has(c.period)) byPeriod.set(c.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
    byPeriod.get(c.period)[c.quad_class || 4] += c.events;
  }
  let periods = [...byPeriod.keys()].sort();
  const filled = [periods[0]];
  while (filled.length < 500 && filled[filled.length - 1] < periods[periods.length - 1]) {
    filled.push(nextPeriod(filled[filled.length - 1], interval));
  }
  if (filled[filled.length - 1] >= periods[periods.length - 1]) periods = filled;
  const totals = periods.map((p) => Object.values(byPeriod.get(p) || {}).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const W = 860, H = 320, left = 44, right = 12, top = 14, bottom = 46;
  const plotW = W - left - right, plotH = H - top - bottom;
  const step = plotW / periods.length, barW = Math.min(60, Math.max(1, step * 0.8));
  const total = totals.reduce((a, b) => a + b, 0);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `Timeline: ${total} events in ${periods.length} ${interval}s from ` +
      `${periodLabel(periods[0], interval)} to ${periodLabel(periods[periods.length - 1], interval)}, by quad class` });
  const axis = svgEl("g", { class: "axis" });
  const ticks = Math.min(max, 5);
  for (let i = 0; i <= ticks; i++) {
    const value = Math.round((max * i) / ticks);
    const y = top + plotH - (value / max) * plotH;
    axis.append(svgEl("line", { x1: left, x2: W - right, y1: y, y2: y, "stroke-dasharray": i ? "2 3" : "" }));
    axis.append(svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, value));
  }
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    if (i % every) return;
    const x = left + i * step + step / 2;
    axis.append(svgEl("text", { x, y: H - bottom + 16, "text-anchor": "middle" }, periodLabel(p, interval)));
  });
  svg.append(axis);
  const bars = svgEl("g");
  periods.forEach((p, i) => {
    let base = top + plotH;
    const counted = byPeriod.get(p);
    if (!counted) return;
    for (const q of [1, 2, 3, 4]) {
      const n = counted[q];
      if (!n) continue;
      const h = (n / max) * plotH;
      base -= h;
      const rect = svgEl("rect", { class: "bar", x: left + i * step + (step - barW) / 2, y: base, width: barW,
        height: h, fill: QUAD_COLOURS[q], "data-period": p, "data-quad": q });
      rect.append(svgEl("title", {}, `${periodLabel(p, interval)}: ${n} ${QUADS[q]}`));
      rect.addEventListener("click", () => onPick(p));
      bars.append(rect);
    }
  });
  svg.append(bars);
  figure.append(legend(Object.entries(QUADS).map(([q, label]) => [`${q} ${label}`, QUAD_COLOURS[q]])), svg);
  figure.append(htmlEl("figcaption", { text: `${total} events per ${interval}, stacked by quad class. Click a bar to filter to its period.` }));
  figure.append(dataTable("Timeline", ["period", ...Object.values(QUADS)],
    periods.filter((p) => byPeriod.has(p)).map((p) => [periodLabel(p, interval), ...[1, 2, 3, 4].map((q) => byPeriod.get(p)[q])])));
}

// ---- map ------------------------------------------------------------------------------------

const MAP_W = 960, MAP_H = 480;
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];

function ringPath(ring) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
}

function drawMap(figure, shapes, places, countryCounts, fit, onPlace) {
  figure.replaceChildren();
  const counts = new Map(countryCounts.map((c) => [c.country, c.events]));
  const most = Math.max(1, ...counts.values());
  let view = [0, project(0, 84)[1], MAP_W, project(0, -58)[1] - project(0, 84)[1]];
  if (fit && places.length) {
    const xs = places.map((p) => project(p.lon, p.lat)[0]), ys = places.map((p) => project(p.lon, p.lat)[1]);
    const w = Math.max(120, Math.max(...xs) - Math.min(...xs) + 80), h = Math.max(70, Math.max(...ys) - Math.min(...ys) + 60);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    const width = Math.max(w, h * 2), height = width / 2;
    view = [cx - width / 2, cy - height / 2, width, height];
  }
  const scale = view[2] / MAP_W;
  const svg = svgEl("svg", { viewBox: view.map((v) => v.toFixed(1)).join(" "), role: "group",
    "aria-label": `Map of ${places.length} places with events` });
  svg.dataset.view = JSON.stringify(view);
  svg.append(svgEl("rect", { x: -MAP_W, y: -MAP_H, width: 3 * MAP_W, height: 3 * MAP_H, fill: "#f3f7fb" }));
  const land = svgEl("g", { "aria-hidden": "true" });
  for (const feature of (shapes && shapes.features) || []) {
    const code = feature.properties.iso3, n = counts.get(code) || 0;
    const d = feature.geometry.coordinates.map((polygon) => polygon.map(ringPath).join("")).join("");
    const path = svgEl("path", { d, class: n ? "country has-events" : "country", "stroke-width": 0.6 * scale });
    if (n) path.style.fill = `rgba(31, 95, 191, ${0.15 + 0.45 * (n / most)})`;
    path.append(svgEl("title", {}, `${feature.properties.name}${n ? `: ${n} events` : ""}`));
    land.append(path);
  }
  svg.append(land);
  const marks = svgEl("g");
  const biggest = Math.max(1, ...places.map((p) => p.events));
  for (const place of places) {
    const [x, y] = project(place.lon, place.lat);
    const r = (3 + 9 * Math.sqrt(place.events / biggest)) * scale;
    const label = `${place.name}${place.country ? ` (${place.country})` : ""}: ${place.events} event${place.events === 1 ? "" : "s"}`;
    const dot = svgEl("circle", { class: "place", cx: x, cy: y, r, tabindex: 0, role: "button",
      "aria-label": `${label}. Filter to this place.`, "stroke-width": scale });
    dot.append(svgEl("title", {}, label));
    activateOnKey(dot, () => onPlace(place));
    marks.append(dot);
  }
  svg.append(marks);
  figure.append(svg);
  const caption = shapes ? "Country shading: events placed in the country. Circles: places, by number of events." :
    "Country shapes are not installed (run npm ci); circles show places by number of events.";
  figure.append(htmlEl("figcaption", { text: caption }));
  return view;
}

function viewBoxToBbox(view) {
  const [x, y, w, h] = view;
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const west = clamp((x / MAP_W) * 360 - 180, -180, 180), east = clamp(((x + w) / MAP_W) * 360 - 180, -180, 180);
  const north = clamp(90 - (y / MAP_H) * 180, -90, 90), south = clamp(90 - ((y + h) / MAP_H) * 180, -90, 90);
  return [west, south, east, north].map((v) => v.toFixed(2)).join(",");
}

// ---- network --------------------------------------------------------------------------------

function layoutNetwork(nodes, edges, width, height) {
  // Fruchterman-Reingold: nodes repel, edges pull, the step cools; deterministic start on a circle.
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.6;
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (width / 3) * Math.cos(angle);
    n.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  const index = new Map(nodes.map((n) => [n.id, n]));
  let temperature = width / 8;
  for (let round = 0; round < 300; round++) {
    for (const n of nodes) { n.dx = 0; n.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(0.5, Math.hypot(dx, dy)), f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      if (!a || !b || a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(0.5, Math.hypot(dx, dy));
      const f = ((d * d) / k) * Math.min(2, 0.6 + 0.2 * e.weight);
      a.dx -= (dx / d) * f; a.dy -= (dy / d) * f; b.dx += (dx / d) * f; b.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      n.dx += (width / 2 - n.x) * 0.06 * k / 10; n.dy += (height / 2 - n.y) * 0.06 * k / 10;
      const d = Math.max(0.01, Math.hypot(n.dx, n.dy)), step = Math.min(d, temperature);
      n.x += (n.dx / d) * step; n.y += (n.dy / d) * step;
    }
    temperature *= 0.985;
  }
  // fit into the frame, leaving room on the right for the labels
  const [left, right, top, bottom] = [30, 170, 30, 30];
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const n of nodes) {
    n.x = x1 > x0 ? left + ((n.x - x0) / (x1 - x0)) * (width - left - right) : width / 2;
    n.y = y1 > y0 ? top + ((n.y - y0) / (y1 - y0)) * (height - top - bottom) : height / 2;
  }
}

function drawNetwork(figure, network, onActor) {
  figure.replaceChildren();
  const edges = network.edges.slice(0, 150);
  const used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = network.nodes.filter((n) => used.has(n.id)).map((n) => ({ ...n }));
  if (!nodes.length) {
    figure.append(htmlEl("p", { class: "muted", text: "No actor → recipient pairs in this selection." }));
    return;
  }
  const W = 860, H = 520;
  layoutNetwork(nodes, edges, W, H);
  const index = new Map(nodes.map((n) => [n.id, n]));
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "group",
    "aria-label": `Actor network: ${nodes.length} actors, ${edges.length} links` });
  const defs = svgEl("defs");
  for (const q of [1, 2, 3, 4]) {
    const marker = svgEl("marker", { id: `arrow-${q}`, viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
    marker.append(svgEl("path", { d: "M0,0L10,5L0,10Z", fill: QUAD_COLOURS[q] }));
    defs.append(marker);
  }
  svg.append(defs);
  const most = Math.max(1, ...nodes.map((n) => n.events));
  const radius = (n) => 6 + 10 * Math.sqrt(n.events / most);
  const links = svgEl("g", { "aria-hidden": "true" });
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (!a || !b) continue;
    const q = e.quad_class || 4;
    let d;
    if (a === b) {
      d = `M${a.x},${a.y - radius(a)} c 30,-40 50,10 ${radius(a)},${radius(a)}`;
    } else {
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
      const sx = a.x + (dx / len) * radius(a), sy = a.y + (dy / len) * radius(a);
      const tx = b.x - (dx / len) * (radius(b) + 2), ty = b.y - (dy / len) * (radius(b) + 2);
      const bend = 0.12, mx = (sx + tx) / 2 - dy * bend, my = (sy + ty) / 2 + dx * bend;
      d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
    }
    const path = svgEl("path", { class: "edge", d, stroke: QUAD_COLOURS[q], "stroke-width": 1 + 1.5 * Math.log2(1 + e.weight),
      "marker-end": `url(#arrow-${q})` });
    path.append(svgEl("title", {}, `${a.name} → ${b.name}: ${e.weight} event${e.weight === 1 ? "" : "s"}`));
    links.append(path);
  }
  svg.append(links);
  const dots = svgEl("g");
  for (const n of nodes) {
    const g = svgEl("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, tabindex: 0,
      role: "button", "aria-label": `${n.name}${n.country ? ` (${n.country})` : ""}: ${n.events} events. Filter by this actor.` });
    g.append(svgEl("circle", { r: radius(n) }), svgEl("text", { x: radius(n) + 4, y: 4 }, n.name));
    activateOnKey(g, () => onActor(n));
    dots.append(g);
  }
  svg.append(dots);
  figure.append(legend(Object.entries(QUADS).map(([q, label]) => [`${label}`, QUAD_COLOURS[q]])), svg);
  figure.append(htmlEl("figcaption", { text: "Arrow colour: the most common quad class of the pair's events." }));
  figure.append(dataTable("Network", ["actor", "recipient", "events"],
    edges.map((e) => [index.get(e.source)?.name ?? e.source, index.get(e.target)?.name ?? e.target, e.weight])));
}
