// The newsevents dashboard: vanilla JS over the REST API; charts are plain SVG drawn here.
// Text from the database is only ever set as textContent, never parsed as HTML.
"use strict";

const FILTERS = ["actor", "dyad", "cameo", "plover", "quad", "since", "until", "text", "language"];
const PAGE = 50;
const SVGNS = "http://www.w3.org/2000/svg";
const state = { filters: {}, sort: "date", offset: 0, total: 0, docId: null, view: "events", ticket: 0 };

// --- helpers -------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function query(extra) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...state.filters, ...(extra || {}) })) {
    if (value !== "" && value !== null && value !== undefined) params.set(key, value);
  }
  return params.toString();
}

// Responses to requests made before the latest refresh are dropped (a slow old page must not
// overwrite a newer one).
class Stale extends Error {}

async function api(path, options, ticket) {
  const response = await fetch(path, options);
  if (ticket !== undefined && ticket !== state.ticket) throw new Stale();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ")
      : body.detail || response.statusText;
    throw new Error(detail);
  }
  return body;
}

function showError(error) {
  document.getElementById("filter-error").textContent = error ? String(error.message || error) : "";
}

function fmt(value, digits) {
  if (value === null || value === undefined) return "";
  return typeof value === "number" && digits !== undefined ? value.toFixed(digits) : String(value);
}

function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const grey = [170, 176, 182], red = [200, 55, 58], green = [46, 139, 87];
  const end = t < 0 ? red : green, a = Math.sqrt(Math.abs(t));
  const mix = grey.map((c, i) => Math.round(c + (end[i] - c) * a));
  return `rgb(${mix.join(",")})`;
}

// Text of [start, end) of `text` with the spans marked; overlapping spans: the first given wins.
function highlighted(text, start, end, spans) {
  const kept = [];
  for (const span of spans) {
    if (span.start === null || span.start === undefined || span.start < start || span.end > end) continue;
    if (span.end <= span.start || kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    kept.push(span);
  }
  kept.sort((a, b) => a.start - b.start);
  const out = document.createDocumentFragment();
  let at = start;
  for (const span of kept) {
    out.append(text.slice(at, span.start));
    out.append(el("mark", { class: span.cls, title: span.title || "" }, text.slice(span.start, span.end)));
    at = span.end;
  }
  out.append(text.slice(at, end));
  return out;
}

function eventLine(e) {
  const src = (e.source && e.source.code) || "—", tgt = (e.target && e.target.code) || "—";
  const flags = [e.negated ? "negated" : "", e.modality && e.modality !== "asserted" ? e.modality : ""]
    .filter(Boolean).join(", ");
  const plover = e.plover_type || (e.plover && e.plover.type) || "";
  const who = [e.source && e.source.text, e.target && e.target.text].filter(Boolean).join(" → ");
  return el("li", {}, el("b", {}, `${src} → ${tgt}`), who ? el("span", { class: "muted" }, ` (${who})`) : "",
    ` ${e.cameo} ${e.cameo_name}`,
    plover ? ` (${plover})` : "", ` · Goldstein ${fmt(e.goldstein, 1)}`,
    e.trigger ? ` · “${e.trigger.text}”` : "", flags ? ` · ${flags}` : "");
}

// --- views ---------------------------------------------------------------------------------------

async function loadEvents(ticket) {
  const data = await api(`/api/events?${query({ limit: PAGE, offset: state.offset, sort: state.sort })}`,
    undefined, ticket);
  state.total = data.total;
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...data.events.map((e) => el("tr", {},
    el("td", { class: "code" }, fmt(e.date)),
    el("td", { class: "code", title: e.source_name || "" }, fmt(e.source_code)),
    el("td", { class: "code", title: e.target_name || "" }, fmt(e.target_code)),
    el("td", { title: e.cameo_name || "" }, el("span", { class: "code" }, e.cameo), " ", e.cameo_name),
    el("td", {}, fmt(e.plover_type)),
    el("td", {}, el("span", { class: `quad q${e.quad_class}` }, fmt(e.quad_class))),
    el("td", { class: "num" }, fmt(e.goldstein, 1)),
    el("td", { class: "num" }, fmt(e.num_mentions)),
    el("td", { class: "sentence" }, fmt(e.sentence).slice(0, 220)),
    el("td", {}, e.first_doc_id ? el("a", { href: `#document/${encodeURIComponent(e.first_doc_id)}`,
      class: "doc-link" }, e.first_doc_id) : ""))));
  const last = Math.min(state.offset + PAGE, data.total);
  document.getElementById("events-count").textContent = data.total
    ? `${state.offset + 1}–${last} of ${data.total} events` : "no events match";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    const key = state.sort.replace(/^-/, "");
    th.classList.toggle("sorted", th.dataset.sort === key);
    th.classList.toggle("desc", th.dataset.sort === key && state.sort.startsWith("-"));
  }
}

async function loadNetwork(ticket) {
  const svg = document.getElementById("network");
  const data = await api(`/api/dyads?${query({ limit: 400 })}`, undefined, ticket);
  const pairs = new Map(), weight = new Map();
  for (const d of data.dyads) {
    const key = [d.source, d.target].sort().join("|");
    const pair = pairs.get(key) || { a: [d.source, d.target].sort()[0], b: [d.source, d.target].sort()[1],
      events: 0, gsum: 0, lines: [] };
    pair.events += d.events;
    pair.gsum += d.events * (d.mean_goldstein || 0);
    pair.lines.push(`${d.source} → ${d.target}: ${d.events} events, mean Goldstein ${fmt(d.mean_goldstein, 1)}`);
    pairs.set(key, pair);
    for (const code of [d.source, d.target]) weight.set(code, (weight.get(code) || 0) + d.events);
  }
  const codes = [...weight.keys()].sort((x, y) => weight.get(y) - weight.get(x) || x.localeCompare(y)).slice(0, 40);
  const keep = new Set(codes);
  const edges = [...pairs.values()].filter((p) => keep.has(p.a) && keep.has(p.b));
  const nodes = layout(codes, edges, 900, 560);
  svg.replaceChildren();
  if (!codes.length) {
    svg.append(svgEl("text", { x: 450, y: 280, "text-anchor": "middle", class: "empty" }, "no dyads match"));
    return;
  }
  const edgeLayer = svgEl("g"), nodeLayer = svgEl("g");
  for (const e of edges) {
    const a = nodes.get(e.a), b = nodes.get(e.b), mean = e.gsum / e.events;
    const line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: goldsteinColour(mean),
      "stroke-width": (1.5 + 2.5 * Math.log2(1 + e.events)).toFixed(1), "stroke-opacity": 0.8, class: "edge" });
    line.append(svgEl("title", {}, e.lines.join("\n")));
    edgeLayer.append(line);
  }
  for (const code of codes) {
    const n = nodes.get(code), r = 5 + 3 * Math.sqrt(weight.get(code));
    const g = svgEl("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})` });
    g.append(svgEl("circle", { r: r.toFixed(1) }), svgEl("text", { x: r + 3, y: 4 }, code),
      svgEl("title", {}, `${code}: ${weight.get(code)} events`));
    g.addEventListener("click", () => { setFilter("actor", code); location.hash = "#events"; });
    nodeLayer.append(g);
  }
  svg.append(edgeLayer, nodeLayer);
}

// Fruchterman-Reingold with gravity, started on a circle (the same picture on every load), then
// scaled to fit the drawing, so that separate groups of actors stay near the middle.
function layout(codes, edges, width, height) {
  const nodes = new Map(), n = codes.length, k = 90;
  codes.forEach((code, i) => nodes.set(code, { x: 200 * Math.cos((2 * Math.PI * i) / n),
    y: 200 * Math.sin((2 * Math.PI * i) / n), dx: 0, dy: 0 }));
  const list = [...nodes.values()];
  let temperature = 40;
  for (let step = 0; step < 400; step++) {
    for (const v of list) { v.dx = -0.03 * v.x; v.dy = -0.03 * v.y; }
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i], b = list[j];
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01);
        if (d > 4 * k) continue;
        const f = (k * k) / d / d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = nodes.get(e.a), b = nodes.get(e.b);
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01), f = d / k;
      a.dx -= dx * f * 0.3; a.dy -= dy * f * 0.3; b.dx += dx * f * 0.3; b.dy += dy * f * 0.3;
    }
    for (const v of list) {
      const d = Math.max(Math.hypot(v.dx, v.dy), 0.01), move = Math.min(d, temperature);
      v.x += (v.dx / d) * move; v.y += (v.dy / d) * move;
    }
    temperature = Math.max(0.5, temperature * 0.985);
  }
  const xs = list.map((v) => v.x), ys = list.map((v) => v.y), margin = 40, labelRoom = 70;
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin - labelRoom) / Math.max(x1 - x0, 1), (height - 2 * margin) / Math.max(y1 - y0, 1));
  const offsetX = (width - labelRoom - scale * (x1 - x0)) / 2, offsetY = (height - scale * (y1 - y0)) / 2;
  for (const v of list) { v.x = offsetX + (v.x - x0) * scale; v.y = offsetY + (v.y - y0) * scale; }
  return nodes;
}

async function loadTimeline(ticket) {
  const by = document.getElementById("period").value;
  const data = await api(`/api/series?${query({ by })}`, undefined, ticket);
  const who = state.filters.dyad ? `dyad ${state.filters.dyad}` : state.filters.actor
    ? `actor ${state.filters.actor}` : "all actors (choose an actor or dyad above)";
  document.getElementById("timeline-title").textContent = `Cooperation and conflict per ${by}: ${who}`;
  drawTimeline(document.getElementById("timeline"), data.series, by);
  document.getElementById("timeline-undated").textContent = data.undated
    ? `${data.undated} matching events have no date and are not in the timeline (ingest with --date to date them).` : "";
}

function drawTimeline(svg, rows, by) {
  const W = 900, H = 360, left = 50, right = 50, top = 20, bottom = 40, mid = top + (H - top - bottom) / 2;
  svg.replaceChildren();
  if (!rows.length) {
    svg.append(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no dated events match"));
    return;
  }
  const max = Math.max(1, ...rows.map((r) => Math.max(r.quad1 + r.quad2, r.quad3 + r.quad4)));
  const half = (H - top - bottom) / 2, scale = half / max, band = (W - left - right) / rows.length;
  const barWidth = Math.min(60, band * 0.7);
  const axis = svgEl("g", { class: "axis" });
  axis.append(svgEl("line", { x1: left, x2: W - right, y1: mid, y2: mid }));
  for (const [value, label] of [[max, `${max} cooperation`], [-max, `${max} conflict`]]) {
    const y = mid - value * scale;
    axis.append(svgEl("line", { x1: left - 4, x2: left, y1: y, y2: y }),
      svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, String(Math.abs(value))));
    axis.append(svgEl("text", { x: left + 4, y: value > 0 ? y + 12 : y - 4 }, label.split(" ")[1]));
  }
  for (const g of [10, -10]) {
    axis.append(svgEl("text", { x: W - right + 6, y: mid - (g / 10) * half + 4 }, `${g > 0 ? "+" : ""}${g}`));
  }
  axis.append(svgEl("text", { x: W - right + 6, y: mid + 4 }, "0 G"));
  svg.append(axis);
  const labelEvery = Math.ceil(rows.length / 12), points = [];
  rows.forEach((r, i) => {
    const x = left + band * i + (band - barWidth) / 2;
    let up = mid, down = mid;
    for (const [q, value] of [[1, r.quad1], [2, r.quad2]]) {
      up -= value * scale;
      if (value) svg.append(rect(x, up, barWidth, value * scale, `var(--q${q})`, `${r.period} quad ${q}: ${value}`));
    }
    for (const [q, value] of [[3, r.quad3], [4, r.quad4]]) {
      if (value) svg.append(rect(x, down, barWidth, value * scale, `var(--q${q})`, `${r.period} quad ${q}: ${value}`));
      down += value * scale;
    }
    if (i % labelEvery === 0) {
      const label = by === "month" ? String(r.period).slice(0, 7) : String(r.period);
      svg.append(svgEl("text", { x: x + barWidth / 2, y: H - bottom + 16, "text-anchor": "middle",
        class: "axis" }, label));
    }
    points.push([x + barWidth / 2, mid - ((r.mean_goldstein || 0) / 10) * half, r]);
  });
  svg.append(svgEl("polyline", { points: points.map((p) => `${p[0]},${p[1]}`).join(" "), fill: "none",
    stroke: "#1d2329", "stroke-width": 2 }));
  for (const [x, y, r] of points) {
    const dot = svgEl("circle", { cx: x, cy: y, r: 3.5, fill: "#1d2329" });
    dot.append(svgEl("title", {}, `${r.period}: ${r.events} events, mean Goldstein ${fmt(r.mean_goldstein, 2)}`));
    svg.append(dot);
  }
}

// The world map: country shapes from world-atlas (Natural Earth 1:110m, served from /static), drawn
// with d3-geo; countries shaded by the events placed in them, a point per place sized by its events.
let world = null;

async function worldShapes() {
  if (!world) {
    const topology = await api("/static/countries-110m.json");
    world = topojson.feature(topology, topology.objects.countries).features;
  }
  return world;
}

const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function dominantQuad(p) {
  let best = 1;
  for (const q of [2, 3, 4]) if (p[`quad${q}`] > p[`quad${best}`]) best = q;
  return best;
}

async function loadMap(ticket) {
  const svg = document.getElementById("map"), W = 960, H = 500;
  const [shapes, data] = await Promise.all([worldShapes(), api(`/api/places?${query({ limit: 1000 })}`,
    undefined, ticket)]);
  if (ticket !== state.ticket) return;
  const by = document.getElementById("map-colour").value;
  const projection = d3.geoNaturalEarth1().fitExtent([[10, 10], [W - 10, H - 10]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const counts = new Map(data.countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const most = Math.max(1, ...data.countries.map((c) => c.events));
  svg.replaceChildren(svgEl("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  const land = svgEl("g", { class: "countries" });
  for (const shape of shapes) {
    const c = counts.get(String(shape.id));
    const share = c ? 0.15 + 0.85 * Math.sqrt(c.events / most) : 0;
    const node = svgEl("path", { d: path(shape), class: c ? "country has-events" : "country",
      "data-id": String(shape.id), fill: c ? `rgba(52, 101, 164, ${share.toFixed(3)})` : "#eef0f2" });
    node.append(svgEl("title", {}, c ? `${shape.properties.name}: ${c.events} events placed here`
      : shape.properties.name));
    land.append(node);
  }
  svg.append(land);
  const dots = svgEl("g", { class: "places" }), top = Math.max(1, ...data.places.map((p) => p.events));
  for (const p of [...data.places].sort((a, b) => b.events - a.events)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const quad = dominantQuad(p);
    const colour = by === "goldstein" ? goldsteinColour(p.mean_goldstein) : `var(--q${quad})`;
    const dot = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
      r: (3 + 12 * Math.sqrt(p.events / top)).toFixed(1), fill: colour, class: "place",
      "data-name": p.name || "" });
    dot.append(svgEl("title", {}, `${p.name || "?"}${p.country ? ` (${p.country})` : ""}: ${p.events} events, ` +
      `mean Goldstein ${fmt(p.mean_goldstein, 1)}`));
    dot.addEventListener("click", () => showPlace(p));
    dots.append(dot);
  }
  svg.append(dots);
  const placed = data.places.reduce((n, p) => n + p.events, 0);
  document.getElementById("map-title").textContent = `${placed} events at ${data.places.length} places` +
    (data.unplaced ? ` · ${data.unplaced} with no place` : "") + " · click a point for its events";
  const legend = document.getElementById("map-legend");
  legend.replaceChildren(...(by === "goldstein"
    ? [el("span", { class: "swatch conflict" }), " conflict ", el("span", { class: "swatch neutral" }), " neutral ",
      el("span", { class: "swatch coop" }), " cooperation (mean Goldstein of the place's events)"]
    : [1, 2, 3, 4].flatMap((q) => [el("span", { class: `swatch q${q}` }), ` ${QUAD_NAMES[q]} `])),
    " · point area = events · country shade = events placed in it");
  document.getElementById("map-place").replaceChildren();
}

function showPlace(p) {
  const box = document.getElementById("map-place");
  const more = p.events > p.sample.length ? ` (the first ${p.sample.length})` : "";
  box.replaceChildren(el("h3", {}, `${p.name || "?"}: ${p.events} events${more}`),
    el("ul", {}, ...p.sample.map((e) => el("li", {}, el("span", { class: "code" }, fmt(e.date)), " ",
      el("b", {}, `${e.source_code || "—"} → ${e.target_code || "—"}`), ` ${e.cameo} ${e.cameo_name} `,
      el("span", { class: `quad q${e.quad_class}` }, fmt(e.quad_class)), " ",
      e.doc_id ? el("a", { href: `#document/${encodeURIComponent(e.doc_id)}`, class: "doc-link" }, e.doc_id) : ""))));
}

function rect(x, y, w, h, fill, title) {
  const node = svgEl("rect", { x, y, width: w, height: Math.max(h, 0.5), fill });
  node.append(svgEl("title", {}, title));
  return node;
}

// A stored URL becomes a link only when it is a web address: never javascript:, data: or the like.
function webLink(url) {
  return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
}

async function loadDocument(docId, ticket) {
  const head = document.getElementById("doc-head"), body = document.querySelector("#doc-sentences tbody");
  if (!docId) return;
  const doc = await api(`/api/documents/${encodeURIComponent(docId)}`, undefined, ticket);
  head.replaceChildren(el("b", {}, doc.title || doc.doc_id), el("span", { class: "muted" },
    [doc.date, doc.source, `${doc.sentences.length} sentences`, `${doc.events.length} event mentions`]
      .filter(Boolean).join(" · ")), webLink(doc.url) ? el("a", { href: doc.url, rel: "noreferrer noopener",
    target: "_blank" }, "source") : "");
  const spans = [];
  for (const e of doc.events) spans.push({ start: e.trigger.span[0], end: e.trigger.span[1], cls: "trigger",
    title: `${e.cameo} ${e.cameo_name}` });
  for (const a of doc.actors) spans.push({ start: a.span[0], end: a.span[1], cls: "actor",
    title: `${a.code || "?"} ${a.name || ""}` });
  const bySentence = new Map();
  for (const e of doc.events) {
    if (!bySentence.has(e.sentence_index)) bySentence.set(e.sentence_index, []);
    bySentence.get(e.sentence_index).push(e);
  }
  body.replaceChildren(...doc.sentences.map((s) => {
    const events = bySentence.get(s.index) || [];
    return el("tr", { class: events.length ? "has-events" : "" }, el("td", { class: "idx" }, s.index),
      el("td", { class: "text" }, highlighted(doc.text, s.start, s.end, spans)),
      el("td", { class: "events" }, events.length ? el("ul", {}, ...events.map(eventLine)) : ""));
  }));
}

async function codeText(form) {
  const status = document.getElementById("code-status"), body = document.querySelector("#code-events tbody");
  const text = form.elements.text.value, date = form.elements.date.value || null;
  status.textContent = "coding…";
  try {
    const data = await api("/api/code", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, date }) });
    status.textContent = `${data.count} events`;
    const groups = new Map();
    for (const e of data.events) {
      const key = e.sentence_span ? e.sentence_span.join(":") : `s${e.sentence_index}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    body.replaceChildren(...[...groups.values()].map((events) => {
      const first = events[0], spans = [];
      for (const e of events) {
        spans.push({ start: e.trigger.span[0], end: e.trigger.span[1], cls: "trigger", title: e.cameo_name });
        for (const a of [e.source, e.target]) {
          if (a) spans.push({ start: a.span[0], end: a.span[1], cls: "actor", title: `${a.code} ${a.name || ""}` });
        }
      }
      const cell = first.sentence_span
        ? highlighted(text, first.sentence_span[0], first.sentence_span[1], spans) : first.sentence;
      return el("tr", { class: "has-events" }, el("td", { class: "idx" }, first.sentence_index),
        el("td", { class: "text" }, cell), el("td", { class: "events" }, el("ul", {}, ...events.map(eventLine))));
    }));
  } catch (error) {
    status.textContent = `error: ${error.message}`;
    body.replaceChildren();
  }
}

// --- wiring --------------------------------------------------------------------------------------

function setFilter(name, value) {
  document.querySelector(`#filters [name=${name}]`).value = value;
  readFilters();
}

function readFilters() {
  const form = document.getElementById("filters");
  state.filters = Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()]));
  state.offset = 0;
}

async function refresh() {
  const ticket = ++state.ticket;
  showError(null);
  try {
    if (state.view === "events") await loadEvents(ticket);
    else if (state.view === "network") await loadNetwork(ticket);
    else if (state.view === "timeline") await loadTimeline(ticket);
    else if (state.view === "map") await loadMap(ticket);
    else if (state.view === "document") await loadDocument(state.docId, ticket);
  } catch (error) {
    if (!(error instanceof Stale)) showError(error);
  }
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || "events";
  const [view, ...rest] = hash.split("/");
  state.view = ["events", "network", "timeline", "map", "document", "code"].includes(view) ? view : "events";
  if (state.view === "document" && rest.length) state.docId = rest.join("/");
  for (const section of document.querySelectorAll(".view")) {
    section.classList.toggle("active", section.id === `view-${state.view}`);
  }
  for (const link of document.querySelectorAll("#tabs a")) {
    link.classList.toggle("active", link.dataset.view === state.view);
  }
  refresh();
}

function init() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => { event.preventDefault(); readFilters(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => { readFilters(); refresh(); }, 0));
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE); refresh(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; refresh(); });
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      state.sort = state.sort === th.dataset.sort ? `-${th.dataset.sort}` : th.dataset.sort;
      state.offset = 0;
      refresh();
    });
  }
  document.getElementById("period").addEventListener("change", refresh);
  document.getElementById("map-colour").addEventListener("change", refresh);
  document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault(); codeText(event.target); });
  window.addEventListener("hashchange", route);
  api("/api/health").then((h) => {
    document.getElementById("db-info").textContent =
      `${h.db}: ${h.counts.documents} documents, ${h.counts.events} events, ${h.counts.mentions} mentions`;
  }).catch(showError);
  readFilters();
  route();
}

document.addEventListener("DOMContentLoaded", init);
