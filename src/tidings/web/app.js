// The tidings page: filters kept in the address bar, the events table with facets, an event's
// evidence and sources, and the timeline, map and network views (drawn by charts.js).
"use strict";

const $ = (selector) => document.querySelector(selector);
// The filters are the API's own (its registry of filters), read from its schema at start.
let FILTERS = [];
const PAGING = ["limit", "offset", "cursor", "facets"];
const ROLE_NAMES = { actor: "actor", recipient: "recipient", trigger: "trigger", place: "place", time: "time", source: "source cue" };
const state = { offset: 0, pageSize: 50, total: 0, tab: "events", shapes: undefined, mapFit: true, mapView: null };

// Only an http(s) address may become a link: an article's URL is untrusted (javascript:, data:).
const isWebAddress = (url) => typeof url === "string" && /^https?:\/\/[^\s/?#]/i.test(url);

// ---- talking to the API -------------------------------------------------------------------------

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ ok: false, error: `${response.status} ${response.statusText}` }));
  if (!response.ok || body.ok === false) throw new Error(body.error || `request failed: ${url}`);
  return body;
}

function showError(error) {
  const alert = $("#alert");
  alert.textContent = error ? `Sorry: ${error.message || error}` : "";
  alert.hidden = !error;
}

function filterParams() {
  const params = new URLSearchParams();
  const form = $("#filters");
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (!field) continue;
    const value = field.type === "checkbox" ? (field.checked ? "true" : "") : field.value.trim();
    if (value && !(name === "sort" && value === "published")) params.set(name, value);
  }
  return params;
}

function loadFiltersFromAddress() {
  const params = new URLSearchParams(location.search);
  const form = $("#filters");
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === "checkbox") field.checked = params.get(name) === "true";
    else field.value = params.get(name) || (name === "sort" ? "published" : "");
  }
  state.offset = Number(params.get("offset")) || 0;
  const tab = params.get("view");
  if (["events", "timeline", "map", "network"].includes(tab)) state.tab = tab;
}

function saveAddress() {
  const params = filterParams();
  if (state.offset) params.set("offset", state.offset);
  if (state.tab !== "events") params.set("view", state.tab);
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

function setFilter(name, value) {
  const field = $("#filters").elements[name];
  if (field.type === "checkbox") field.checked = Boolean(value); else field.value = value ?? "";
  state.offset = 0;
  refresh();
}

// ---- the events table and facets ----------------------------------------------------------------

function cell(...children) {
  const td = document.createElement("td");
  td.append(...children);
  return td;
}

function quadBadge(q) {
  return htmlEl("span", { class: `badge q${q}`, title: QUADS[q] || "", text: `Q${q}` });
}

function eventDate(row) {
  return row.time?.begin || row.article.published || "";
}

function names(refs) {
  return refs.map((ref) => ref.name || ref.text).join("; ");
}

function sourceLine(sources) {
  return sources.map((s) => `${s.actor?.name || s.outlet || "the article"}: ${s.stance}`).join("; ");
}

function renderEvents(body) {
  const tbody = $("#events tbody");
  tbody.replaceChildren();
  for (const row of body.events) {
    const tr = document.createElement("tr");
    tr.dataset.id = row.id;
    const link = htmlEl("a", { href: `#event/${encodeURIComponent(row.id)}`, text: `${row.type} · ${row.trigger.text}` });
    const eventCell = cell(quadBadge(row.quad_class), " ", link);
    const happened = !row.negated && ["asserted", "reported_speech"].includes(row.modality);
    if (!happened) eventCell.append(" ", htmlEl("span", { class: "not-happened", text: row.negated ? "negated" : row.modality }));
    const recipients = names(row.recipients);
    const who = `${names(row.actors) || "?"}${recipients ? ` → ${recipients}` : ""}`;
    const place = row.location;
    tr.append(
      cell(htmlEl("span", { text: eventDate(row) })), eventCell, cell(who),
      cell(place ? `${place.name}${place.country ? ` (${place.country})` : ""}` : htmlEl("span", { class: "muted", text: "—" })),
      cell(row.sources.length ? sourceLine(row.sources) : htmlEl("span", { class: "muted", text: "the outlet" })),
      cell(row.article.outlet || ""),
    );
    tr.firstChild.className = "date";
    tbody.append(tr);
  }
  if (!body.events.length) {
    const td = htmlEl("td", { colspan: 6, class: "muted", text: "No events match these filters." });
    tbody.append(htmlEl("tr", {}, td));
  }
  state.total = body.total;
  const last = Math.min(body.total, body.offset + body.events.length);
  $("#count").textContent = `${body.total} event${body.total === 1 ? "" : "s"}` +
    (body.total ? `, showing ${body.offset + 1}–${last}` : "");
  $("#page").textContent = body.total ? `Page ${Math.floor(body.offset / state.pageSize) + 1} of ${Math.ceil(body.total / state.pageSize)}` : "";
  $("#prev").disabled = body.offset <= 0;
  $("#next").disabled = last >= body.total;
  markCurrentRow();
}

const FACET_TITLES = { type: "Event type", quad_class: "Quad class", country: "Country of the place",
  stance: "Stance of the first source", outlet: "Outlet", modality: "Modality" };

function renderFacets(facets) {
  const holder = $("#facet-lists");
  holder.replaceChildren();
  for (const [name, values] of Object.entries(facets)) {
    if (!values.length || !$("#filters").elements[name]) continue;
    const id = `facet-${name}`;
    holder.append(htmlEl("h3", { id, text: FACET_TITLES[name] || name }));
    const list = htmlEl("ul", { class: "chips", "aria-labelledby": id });
    const filter = name;  // each facet counts the values of the filter of the same name
    const current = $("#filters").elements[filter].value;
    for (const { value, count } of values.slice(0, 12)) {
      const label = name === "quad_class" ? `${value} ${QUADS[value]}` : String(value);
      const pressed = String(current).toLowerCase() === String(value).toLowerCase();
      const button = htmlEl("button", { type: "button", "aria-pressed": String(pressed),
        "aria-label": `${label}: ${count} events${pressed ? " (filter on; press to remove)" : ""}` },
        label, htmlEl("span", { class: "n", "aria-hidden": "true", text: count }));
      button.addEventListener("click", () => setFilter(filter, pressed ? "" : value));
      list.append(htmlEl("li", {}, button));
    }
    holder.append(list);
  }
}

function renderDownloads(formats) {
  const holder = $("#downloads");
  holder.replaceChildren();
  const labels = { csv: "CSV", parquet: "Parquet", jsonl: "tidings JSON Lines", plover: "PLOVER JSON", gdelt: "GDELT-like TSV" };
  for (const format of formats) {
    const query = filterParams().toString();
    holder.append(htmlEl("a", { href: `/api/download/${format}${query ? `?${query}` : ""}`, download: "", text: labels[format] || format }), " ");
  }
}

// ---- the event view -----------------------------------------------------------------------------

function highlighted(evidence, spans) {
  // Offsets count Unicode code points; split the text at every span boundary and mark each piece
  // with the roles covering it, announcing a role where its span begins.
  const chars = Array.from(evidence.text);
  const inside = spans.filter((s) => s.start >= evidence.start && s.end <= evidence.end && s.end > s.start)
    .map((s) => ({ ...s, from: s.start - evidence.start, to: s.end - evidence.start }));
  const cuts = new Set([0, chars.length]);
  inside.forEach((s) => { cuts.add(s.from); cuts.add(s.to); });
  const points = [...cuts].sort((a, b) => a - b);
  const block = htmlEl("p", { class: "evidence" });
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const text = chars.slice(a, b).join("");
    const covering = inside.filter((s) => s.from <= a && s.to >= b);
    if (!covering.length) { block.append(text); continue; }
    const innermost = covering.reduce((x, y) => (y.to - y.from < x.to - x.from ? y : x));
    const mark = htmlEl("mark", { class: `hl-${innermost.role}`, "data-roles": covering.map((s) => s.role).join(" "),
      title: covering.map((s) => `${ROLE_NAMES[s.role]}: ${s.label || s.text}`).join("; ") });
    for (const s of covering.filter((s) => s.from === a)) {
      mark.append(htmlEl("span", { class: "sr-only", text: `[${ROLE_NAMES[s.role]}] ` }));
    }
    mark.append(text);
    block.append(mark);
  }
  return block;
}

function facts(pairs) {
  const dl = htmlEl("dl", { class: "facts" });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(htmlEl("dt", { text: term }), htmlEl("dd", {}, value));
  }
  return dl;
}

function people(list) {
  return list.map((p) => `${p.name || p.text}${p.country ? ` (${p.country})` : ""}`).join("; ");
}

function renderEvent(event) {
  const body = $("#detail-body");
  body.replaceChildren();
  $("#detail-title").textContent = `${event.type}: ${event.trigger_text}`;
  const happened = !event.negated && ["asserted", "reported_speech"].includes(event.modality);
  body.append(htmlEl("p", {}, quadBadge(event.quad_class), ` ${QUADS[event.quad_class] || ""} · CAMEO ${event.cameo} · Goldstein ${event.goldstein}`,
    happened ? "" : htmlEl("span", { class: "not-happened", text: ` · ${event.negated ? "negated" : event.modality}` })));
  body.append(htmlEl("h3", { text: "Evidence" }));
  const key = htmlEl("ul", { class: "key", "aria-label": "Highlight colours" });
  for (const role of Object.keys(ROLE_NAMES)) {
    if (event.spans.some((s) => s.role === role)) key.append(htmlEl("li", {}, htmlEl("mark", { class: `hl-${role}`, text: ROLE_NAMES[role] })));
  }
  body.append(key, highlighted(event.evidence, event.spans));
  const where = event.place_name ? `${event.place_name}${event.place_country ? `, ${event.place_country}` : ""}` +
    `${event.location_role ? ` (${event.location_role})` : ""}` : "";
  const when = event.time_begin ? `${event.time_begin}${event.time_end && event.time_end !== event.time_begin ? ` to ${event.time_end}` : ""}` +
    ` (${event.time_precision || "?"}, “${event.time_text}”)` : `reported ${event.published || "on an unknown date"}`;
  const size = ["count", "dead", "injured"].filter((k) => event[k] !== null).map((k) => `${k} ${event[k]}`).join(", ");
  body.append(facts([["Actors", people(event.actors)], ["Recipients", people(event.recipients)], ["Where", where],
    ["When", when], ["Size", size], ["Rule", event.rule]]));
  body.append(htmlEl("h3", { text: "Who says so" }));
  const chain = htmlEl("ol", { class: "chain", "aria-label": "Chain of sources, from the outlet to the original source" });
  for (const link of event.chain) {
    const li = htmlEl("li", { "data-kind": link.kind });
    const kind = { outlet: "Published by", original: "Taken from", source: "Attributed to" }[link.kind];
    li.append(htmlEl("span", { class: "muted", text: `${kind} ` }), htmlEl("strong", { text: link.name }));
    li.append(htmlEl("span", { class: `stance stance-${link.stance}`, text: link.stance.replaceAll("_", " ") }));
    if (link.cue) li.append(" ", htmlEl("span", { class: "muted", text: `“${link.cue}”` }));
    if (link.published) li.append(" ", htmlEl("span", { class: "muted", text: link.published }));
    chain.append(li);
  }
  body.append(chain);
  if (event.mentions.length) {
    body.append(htmlEl("h3", { text: `Also reported by (${event.mentions.length})` }));
    const list = htmlEl("ul");
    for (const m of event.mentions) {
      list.append(htmlEl("li", {}, htmlEl("a", { href: `#event/${encodeURIComponent(m.id)}`, text: `${m.outlet || "unknown outlet"}, ${m.published || ""}` }),
        htmlEl("span", { class: "muted", text: ` — ${m.sentence_text}` })));
    }
    body.append(list);
  }
  const article = htmlEl("p", {}, htmlEl("a", { href: `#article/${encodeURIComponent(event.article_id)}`, text: "Read the whole article" }));
  if (isWebAddress(event.url)) article.append(" · ", htmlEl("a", { href: event.url, rel: "noopener noreferrer", text: "original page" }));
  if (event.story_id) article.append(" · ", htmlEl("button", { type: "button", "data-story": event.story_id, text: "Events of this story" }));
  body.append(article);
  body.querySelector("[data-story]")?.addEventListener("click", () => setFilter("story", event.story_id));
}

function renderArticle(article) {
  const body = $("#detail-body");
  body.replaceChildren();
  $("#detail-title").textContent = article.title || "Article";
  body.append(facts([["Outlet", article.outlet], ["Published", article.published],
    ["Taken from", article.original_outlet || article.wire], ["Story", article.story_id]]));
  const spans = article.events.map((e) => ({ role: "trigger", start: e.trigger_start, end: e.trigger_end, text: e.trigger_text, label: e.type }));
  body.append(htmlEl("h3", { text: "Text (event triggers marked)" }));
  const text = highlighted({ start: 0, end: Array.from(article.text).length, text: article.text }, spans);
  text.className = "article-text";
  body.append(text, htmlEl("h3", { text: `Events (${article.events.length})` }));
  const list = htmlEl("ul");
  for (const e of article.events) {
    list.append(htmlEl("li", {}, htmlEl("a", { href: `#event/${encodeURIComponent(e.id)}`, text: `${e.type} · ${e.trigger_text}` }),
      htmlEl("span", { class: "muted", text: ` ${e.actors || ""}${e.recipients ? ` → ${e.recipients}` : ""}` })));
  }
  body.append(list);
}

async function openFromHash() {
  const match = location.hash.match(/^#(event|article)\/(.+)$/);
  const detail = $("#detail");
  if (!match) { detail.hidden = true; markCurrentRow(); return; }
  const [, kind, id] = match;
  try {
    const body = await api(`/api/${kind}s/${encodeURIComponent(decodeURIComponent(id))}`);
    if (kind === "event") renderEvent(body.event); else renderArticle(body.article);
    detail.hidden = false;
    detail.focus();
    showError(null);
  } catch (error) { showError(error); }
  markCurrentRow();
}

function markCurrentRow() {
  const match = location.hash.match(/^#event\/(.+)$/);
  const current = match ? decodeURIComponent(match[1]) : null;
  for (const tr of document.querySelectorAll("#events tbody tr")) {
    tr.classList.toggle("current", tr.dataset.id === current);
    const link = tr.querySelector("a");
    if (link) link.toggleAttribute("aria-current", tr.dataset.id === current);
  }
}

// ---- views --------------------------------------------------------------------------------------

async function drawView() {
  const params = filterParams();
  if (state.tab === "timeline") {
    const interval = $("#interval").value;
    params.set("interval", interval);
    const body = await api("/api/timeline", params);
    drawTimeline($("#timeline"), body.counts, interval, (period) => showPeriod(period, interval));
  } else if (state.tab === "map") {
    if (state.shapes === undefined) state.shapes = await api("/api/geo/countries").catch(() => null);
    const body = await api("/api/places", params);
    state.mapView = drawMap($("#map"), state.shapes, body.places, body.countries, state.mapFit,
      (place) => setFilter("place", place.name));
    const list = $("#place-list");
    list.replaceChildren();
    for (const place of body.places.slice(0, 40)) {
      const button = htmlEl("button", { type: "button", text: place.name }, htmlEl("span", { class: "n", text: place.events }));
      button.addEventListener("click", () => setFilter("place", place.name));
      list.append(htmlEl("li", {}, button));
    }
  } else if (state.tab === "network") {
    const body = await api("/api/network", params);
    drawNetwork($("#network"), body, (node) => setFilter("actor", node.name));
  }
}

function showPeriod(period, interval) {
  const end = new Date(nextPeriod(period, interval) + "T00:00:00Z");
  end.setUTCDate(end.getUTCDate() - 1);
  $("#f-since").value = period;
  $("#f-until").value = end.toISOString().slice(0, 10);
  state.offset = 0;
  selectTab("events");
  refresh();
}

function selectTab(name, draw = true) {
  state.tab = name;
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#${tab.getAttribute("aria-controls")}`).hidden = !selected;
  }
  saveAddress();
  if (draw) drawView().catch(showError);
}

async function refresh() {
  saveAddress();
  const params = filterParams();
  params.set("limit", state.pageSize);
  params.set("offset", state.offset);
  params.set("facets", "true");
  try {
    const body = await api("/api/events", params);
    renderEvents(body);
    renderFacets(body.facets);
    renderDownloads(state.downloads || []);
    await drawView();
    showError(null);
  } catch (error) { showError(error); }
}

// ---- start --------------------------------------------------------------------------------------

async function fillChoices() {
  // The filters, and the choices of the type, stance, modality and sort fields, are the API's
  // own, read from its schema.
  const schema = await api("/openapi.json");
  const parameters = schema.paths["/api/events"].get.parameters;
  FILTERS = parameters.map((p) => p.name).filter((name) => !PAGING.includes(name));
  const choices = (name) => {
    const s = parameters.find((p) => p.name === name).schema;
    return (s.enum || (s.anyOf || []).flatMap((x) => x.enum || []));
  };
  for (const [field, name] of [["#f-type", "type"], ["#f-stance", "stance"], ["#f-modality", "modality"], ["#f-sort", "sort"]]) {
    for (const value of choices(name)) {
      const label = name === "sort" ? (value.startsWith("-") ? `${value.slice(1)}, descending` : `${value}, ascending`) : value.replaceAll("_", " ");
      const option = htmlEl("option", { value, text: label });
      option.defaultSelected = name === "sort" && value === "published";
      $(field).append(option);
    }
  }
}

async function start() {
  try {
    const [summary] = await Promise.all([api("/api"), fillChoices()]);
    state.downloads = summary.downloads;
    state.pageSize = Math.min(state.pageSize, summary.max_page_size);
    $("#summary").textContent = `${summary.events} events from ${summary.articles} articles` +
      (summary.first ? `, ${summary.first} to ${summary.last}` : "") + (summary.stories ? `, ${summary.stories} ${summary.stories === 1 ? "story" : "stories"}` : "");
  } catch (error) { showError(error); }
  loadFiltersFromAddress();
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); state.offset = 0; refresh(); });
  $("#reset-filters").addEventListener("click", () => { $("#filters").reset(); state.offset = 0; refresh(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.pageSize); refresh(); });
  $("#next").addEventListener("click", () => { state.offset += state.pageSize; refresh(); });
  $("#interval").addEventListener("change", () => drawView().catch(showError));
  $("#map-fit").addEventListener("click", () => {
    state.mapFit = !state.mapFit;
    $("#map-fit").setAttribute("aria-pressed", String(state.mapFit));
    drawView().catch(showError);
  });
  $("#map-bbox").addEventListener("click", () => { if (state.mapView) setFilter("bbox", viewBoxToBbox(state.mapView)); });
  $("#close-detail").addEventListener("click", () => {
    history.pushState(null, "", `${location.pathname}${location.search}`);
    openFromHash();
    $("#results").focus();
  });
  const tabs = [...document.querySelectorAll("[role=tab]")];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (event) => {
      const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!move) return;
      const next = tabs[(i + move + tabs.length) % tabs.length];
      next.focus();
      selectTab(next.id.slice(4));
    });
  });
  window.addEventListener("hashchange", openFromHash);
  selectTab(state.tab, false);
  await refresh();
  await openFromHash();
}

document.addEventListener("DOMContentLoaded", start);
