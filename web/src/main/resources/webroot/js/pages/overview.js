// Overview: every service as a tile (score, status colour, 24 h sparkline, firing alerts, open
// insights), worst first, kept live by the stream's health events; and the latest anomalies.

import { get } from '../api.js';
import { sparkline } from '../chart.js';
import { ago, el, fmt, statusClass, time } from '../format.js';
import { link } from '../route.js';

const MAX_FEED = 50;
const POLL_MILLIS = 15000;
const STATUS_ORDER = { unknown: 0, stale: 1, unhealthy: 2, degraded: 3, healthy: 4 };

export function render(root, { stream, range }) {
  const healthByService = new Map();
  const tiles = new Map();
  const counts = { alerts: new Map(), insights: null };
  const anomalies = [];
  const grid = el('div', { id: 'tiles', class: 'tiles' }, el('p', { class: 'muted' }, 'loading services…'));
  const feed = el('ol', { id: 'feed', class: 'feed' });
  root.append(
    el('section', {}, el('h2', {}, 'Services ', el('small', { id: 'service-count' })), grid),
    el('section', {}, el('h2', {}, 'Latest anomalies ', el('small', { id: 'anomaly-count' })), feed));

  // Worst first: lowest score, unknown and stale before the rest, then by name.
  const order = (a, b) => (a.score ?? -1) - (b.score ?? -1) || (STATUS_ORDER[a.status] ?? 0) - (STATUS_ORDER[b.status] ?? 0) || a.service.localeCompare(b.service);

  function tile(health) {
    const service = health.service;
    const firing = counts.alerts.get(service) || 0;
    const insights = counts.insights ? counts.insights.get(service) || 0 : null;
    const spark = el('div', { class: 'spark' });
    const node = el('a', { class: `tile ${statusClass(health.status)}`, href: link(`/services/${encodeURIComponent(service)}`),
      dataset: { service, status: health.status, score: health.score ?? '' } },
      el('div', { class: 'tile-head' }, el('span', { class: 'name' }, service), el('span', { class: 'score' }, health.score ?? '–')),
      el('div', { class: 'status' }, health.status, health.delta1h ? el('small', {}, ` ${health.delta1h > 0 ? '+' : ''}${health.delta1h} in 1h`) : null),
      el('div', { class: 'reason' }, health.topReason || 'no deductions'),
      spark,
      el('div', { class: 'counts' },
        el('span', { class: firing ? 'firing' : '' }, `${firing} firing alert${firing === 1 ? '' : 's'}`),
        el('span', {}, insights === null ? 'insights n/a' : `${insights} open insight${insights === 1 ? '' : 's'}`),
        el('span', { class: 'muted' }, ago(health.updatedAtMillis))));
    requestAnimationFrame(() => {
      const history = health.history;
      if (history && history.scores && history.scores.length) sparkline(spark, history.startMillis, history.stepMillis, history.scores);
      else if (health.sparkline && health.sparkline.length) sparkline(spark, (health.updatedAtMillis || Date.now()) - health.sparkline.length * 60000, 60000, health.sparkline);
    });
    return node;
  }

  function draw(service) {
    const health = healthByService.get(service);
    const fresh = tile(health);
    const old = tiles.get(service);
    if (old) old.replaceWith(fresh); else grid.append(fresh);
    tiles.set(service, fresh);
  }

  function sort() {
    const sorted = [...healthByService.values()].sort(order);
    sorted.forEach(health => grid.append(tiles.get(health.service)));
    root.querySelector('#service-count').textContent = `(${sorted.length})`;
  }

  async function loadCounts() {
    const firing = await get('/api/v1/alerts?state=firing');
    counts.alerts = new Map();
    if (firing.ok) firing.body.alerts.forEach(a => counts.alerts.set(a.labels.service, (counts.alerts.get(a.labels.service) || 0) + 1));
    const insights = await get('/api/v1/insights?status=open');
    if (insights.ok) {
      counts.insights = new Map();
      (insights.body.insights || []).filter(i => !i.status || i.status === 'open')
        .forEach(i => counts.insights.set(i.service, (counts.insights.get(i.service) || 0) + 1));
    }
  }

  async function load() {
    const [health] = await Promise.all([get('/api/v1/health'), loadCounts()]);
    if (!health.ok) {
      grid.replaceChildren(el('p', { class: 'error' }, `health not available (${health.status})`));
      return;
    }
    if (health.body.services.length === 0) grid.replaceChildren(el('p', { class: 'muted' }, 'no services yet: push metrics or enable the demo'));
    else grid.querySelector('p')?.remove();
    health.body.services.forEach(summary => healthByService.set(summary.service, { ...(healthByService.get(summary.service) || {}), ...summary }));
    [...healthByService.keys()].forEach(draw);
    sort();
    // The 24 h history is on each service's own document: fetch it for the tiles (a few dozen at most).
    await Promise.all(health.body.services.slice(0, 60).map(async summary => {
      const detail = await get(`/api/v1/health/${encodeURIComponent(summary.service)}`);
      if (detail.ok && !closed) {
        healthByService.set(summary.service, detail.body);
        draw(summary.service);
      }
    }));
    if (!closed) sort();
  }

  function renderFeed() {
    feed.replaceChildren(...anomalies.map(a => el('li', { class: a.severity, dataset: { anomalyId: a.id, seriesId: a.seriesId } },
      el('a', { href: link(`/services/${encodeURIComponent(a.service)}`) },
        el('div', { class: 'what' }, `${a.service || '—'}: ${a.metric}`),
        el('div', { class: 'why' }, `value ${fmt(a.value)} outside ${fmt(a.expected.lower)}…${fmt(a.expected.upper)} · score ${a.score.toFixed(3)} · ${a.detector} · ${a.severity}`),
        el('div', { class: 'when' }, time(a.timestampMillis))))));
    root.querySelector('#anomaly-count').textContent = `(${anomalies.length})`;
  }

  function addAnomaly(anomaly) {
    if (anomalies.some(a => a.id === anomaly.id)) return;
    anomalies.push(anomaly);
    anomalies.sort((a, b) => b.timestampMillis - a.timestampMillis);
    anomalies.length = Math.min(anomalies.length, MAX_FEED);
  }

  async function loadAnomalies() {
    const answer = await get(`/api/v1/anomalies?limit=${MAX_FEED}&since=${range.fromMillis}`);
    if (answer.ok) answer.body.anomalies.forEach(addAnomaly);
    renderFeed();
  }

  let closed = false;
  const unsubscribe = [
    stream.subscribe('health', health => {
      healthByService.set(health.service, { ...(healthByService.get(health.service) || {}), ...health });
      draw(health.service);
      sort();
    }),
    stream.subscribe('anomalies', anomaly => { addAnomaly(anomaly); renderFeed(); }),
    stream.subscribe('alerts', () => loadCounts().then(() => [...tiles.keys()].forEach(draw))),
    stream.subscribe('insights', () => loadCounts().then(() => [...tiles.keys()].forEach(draw))),
    stream.onReconnect(() => { load(); loadAnomalies(); }),
  ];
  const poll = setInterval(() => loadCounts().then(() => { if (!closed) [...tiles.keys()].forEach(draw); }), POLL_MILLIS);
  load();
  loadAnomalies();
  return () => { closed = true; clearInterval(poll); unsubscribe.forEach(off => off()); };
}
