// Vigil's dashboard: a live anomaly feed and a chart of one series, fed by the REST API and the
// WebSocket stream. No framework: the page is small and must work from the jar alone.
'use strict';

const MAX_FEED = 200;
const MAX_POINTS = 720;
const state = { anomalies: [], seriesId: null, streamedSeriesId: null, points: [], socket: null };

const feed = document.getElementById('feed');
const select = document.getElementById('series-select');
const chart = document.getElementById('chart');
const badge = document.getElementById('connection');

function label(item) {
  const dims = Object.entries(item.dimensions || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${item.namespace} ${item.metric}` + (dims ? ` {${dims}}` : '');
}

function renderFeed() {
  feed.replaceChildren(...state.anomalies.map(anomaly => {
    const li = document.createElement('li');
    li.className = anomaly.severity;
    li.dataset.seriesId = anomaly.seriesId;
    li.dataset.anomalyId = anomaly.id;
    const what = document.createElement('div');
    what.className = 'what';
    what.textContent = `${anomaly.service || '—'}: ${anomaly.metric}`;
    const why = document.createElement('div');
    why.className = 'why';
    why.textContent = `value ${fmt(anomaly.value)} outside ${fmt(anomaly.expected.lower)}…${fmt(anomaly.expected.upper)} · score ${anomaly.score.toFixed(3)} · ${anomaly.detector} · ${anomaly.severity}`;
    const when = document.createElement('div');
    when.className = 'when';
    when.textContent = new Date(anomaly.timestampMillis).toLocaleString();
    li.append(what, why, when);
    li.addEventListener('click', () => selectSeries(anomaly.seriesId));
    return li;
  }));
  document.getElementById('anomaly-count').textContent = `(${state.anomalies.length})`;
}

function fmt(x) {
  if (x === undefined || x === null || !isFinite(x)) return '?';
  const abs = Math.abs(x);
  return abs >= 1e6 ? x.toExponential(2) : abs >= 100 ? x.toFixed(0) : abs >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function addAnomaly(anomaly) {
  if (state.anomalies.some(a => a.id === anomaly.id)) return;
  state.anomalies.unshift(anomaly);
  state.anomalies.sort((a, b) => b.timestampMillis - a.timestampMillis);
  state.anomalies.length = Math.min(state.anomalies.length, MAX_FEED);
  renderFeed();
  if (anomaly.seriesId === state.seriesId) renderChart();
}

function svg(tag, attrs) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs).forEach(([k, v]) => element.setAttribute(k, v));
  return element;
}

function renderChart() {
  const points = state.points;
  chart.replaceChildren();
  if (points.length === 0) {
    chart.append(Object.assign(svg('text', { x: 20, y: 30 }), { textContent: 'no points yet' }));
    return;
  }
  const width = 800, height = 300, pad = 30;
  const t0 = points[0].timestampMillis, t1 = points[points.length - 1].timestampMillis || t0 + 1;
  const values = points.flatMap(p => [p.value, p.expected.lower, p.expected.upper]).filter(isFinite);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi === lo) { hi += 1; lo -= 1; }
  const x = t => pad + (t - t0) / Math.max(1, t1 - t0) * (width - 2 * pad);
  const y = v => height - pad - (v - lo) / (hi - lo) * (height - 2 * pad);
  const upper = points.map(p => `${x(p.timestampMillis)},${y(p.expected.upper)}`);
  const lower = points.slice().reverse().map(p => `${x(p.timestampMillis)},${y(p.expected.lower)}`);
  chart.append(svg('polygon', { class: 'band', points: upper.concat(lower).join(' ') }));
  chart.append(svg('polyline', { class: 'value', points: points.map(p => `${x(p.timestampMillis)},${y(p.value)}`).join(' ') }));
  const anomalous = new Set(state.anomalies.filter(a => a.seriesId === state.seriesId).map(a => a.timestampMillis));
  points.filter(p => anomalous.has(p.timestampMillis)).forEach(p =>
    chart.append(svg('circle', { class: 'anomaly', cx: x(p.timestampMillis), cy: y(p.value), r: 4 })));
  chart.append(Object.assign(svg('text', { x: 4, y: pad }), { textContent: fmt(hi) }));
  chart.append(Object.assign(svg('text', { x: 4, y: height - pad }), { textContent: fmt(lo) }));
  chart.append(Object.assign(svg('text', { x: pad, y: height - 8 }), { textContent: new Date(t0).toLocaleTimeString() }));
  chart.append(Object.assign(svg('text', { x: width - 120, y: height - 8 }), { textContent: new Date(t1).toLocaleTimeString() }));
}

async function selectSeries(seriesId) {
  state.seriesId = seriesId;
  if (select.value !== seriesId) select.value = seriesId;
  const response = await fetch(`/api/v1/series/${encodeURIComponent(seriesId)}/points?limit=${MAX_POINTS}`);
  state.points = response.ok ? (await response.json()).points : [];
  renderChart();
  subscribe();
}

async function loadSeries() {
  // One page of the largest size; the picker lists the first 1000 series by id.
  const response = await fetch('/api/v1/series?limit=1000');
  if (!response.ok) return;
  const { series } = await response.json();
  const current = select.value;
  select.replaceChildren(...series.map(s => Object.assign(document.createElement('option'), { value: s.id, textContent: label(s) })));
  if (current) select.value = current;
  if (!state.seriesId && series.length > 0) {
    const withAnomaly = state.anomalies.find(a => series.some(s => s.id === a.seriesId));
    await selectSeries(withAnomaly ? withAnomaly.seriesId : series[0].id);
  }
}

async function loadAnomalies() {
  const response = await fetch(`/api/v1/anomalies?limit=${MAX_FEED}`);
  if (!response.ok) return;
  (await response.json()).anomalies.forEach(addAnomaly);
}

function subscribe() {
  const socket = state.socket;
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  const topics = ['anomalies'];
  if (state.seriesId) topics.push(`points:${state.seriesId}`);
  const message = { subscribe: topics };
  // A connection may hold only so many subscriptions: drop the series no longer shown.
  if (state.streamedSeriesId && state.streamedSeriesId !== state.seriesId) message.unsubscribe = [`points:${state.streamedSeriesId}`];
  socket.send(JSON.stringify(message));
  state.streamedSeriesId = state.seriesId;
}

// Live points can arrive out of order with those fetched over REST (a backfill still flowing):
// keep the chart's points unique by timestamp and sorted.
function addPoint(point) {
  const points = state.points;
  if (points.length > 0 && point.timestampMillis > points[points.length - 1].timestampMillis) {
    points.push(point);
  } else if (!points.some(p => p.timestampMillis === point.timestampMillis)) {
    points.push(point);
    points.sort((a, b) => a.timestampMillis - b.timestampMillis);
  }
  if (points.length > MAX_POINTS) points.shift();
  renderChart();
}

function connect() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`);
  state.socket = socket;
  socket.onopen = () => { badge.textContent = 'live'; badge.className = 'badge on'; state.streamedSeriesId = null; subscribe(); };
  socket.onclose = () => { badge.textContent = 'disconnected'; badge.className = 'badge off'; setTimeout(connect, 2000); };
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.type === 'anomaly') addAnomaly(message.data);
    if (message.type === 'point' && message.data.seriesId === state.seriesId) addPoint(message.data);
  };
}

select.addEventListener('change', () => selectSeries(select.value));
connect();
loadAnomalies().then(loadSeries);
setInterval(loadSeries, 15000);
setInterval(loadAnomalies, 30000);
