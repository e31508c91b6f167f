// One service: its score and every deduction with links to the evidence, its insights with
// probable causes, its deployments with their verdicts (the newest judged one metric by metric,
// and a marker at each start on every chart), a chart per metric with the expected band and anomaly markers (click one for
// the anomaly), log patterns and diagnostics when the server has them, and its recommendations.
// Live: points, anomalies and health arrive on the stream; after a reconnect each chart fetches
// what it missed from its newest point on (the chart drops duplicates by timestamp).

import { get } from '../api.js';
import { SeriesChart } from '../chart.js';
import { el, fmt, notAvailable, seriesLabel, statusClass, time } from '../format.js';
import { link } from '../route.js';
import { recommendationCard } from './recommendations.js';

const MAX_POINTS = 10000;
const SERIES_REFRESH_MILLIS = 30000;

export function render(root, { stream, route, range }) {
  const service = route.params[0] || '';
  const live = range.toMillis === null;
  const spanMillis = Date.now() - range.fromMillis;
  const charts = new Map(); // seriesId -> {chart, series, off}
  const anomaliesById = new Map();
  let closed = false;

  const summary = el('section', { id: 'service-health' }, el('p', { class: 'muted' }, 'loading…'));
  const detail = el('div', { id: 'anomaly-detail', class: 'detail hidden' });
  const chartGrid = el('div', { id: 'charts', class: 'charts' });
  const insights = el('section', { id: 'insights' }, el('h2', {}, 'Insights'));
  const deploys = el('section', { id: 'deployments' }, el('h2', {}, 'Deployments'));
  let deployMarkers = [];
  const logs = el('section', { id: 'log-patterns' }, el('h2', {}, 'Log patterns and diagnostics'));
  const recs = el('section', { id: 'service-recommendations' }, el('h2', {}, 'Recommendations'));
  root.append(
    el('p', { class: 'crumbs' }, el('a', { href: link('/') }, 'Overview'), ' / ', el('strong', {}, service)),
    summary, insights, deploys,
    el('section', {}, el('h2', {}, 'Metrics ', el('small', { class: 'muted' }, 'drag to zoom, double-click to reset, click a red marker')), detail, chartGrid),
    logs, recs);

  function showAnomaly(anomaly) {
    detail.classList.remove('hidden');
    detail.dataset.anomalyId = anomaly.id;
    detail.replaceChildren(
      el('button', { type: 'button', class: 'close', onclick: () => detail.classList.add('hidden'), 'aria-label': 'Close' }, '×'),
      el('h3', {}, `Anomaly on ${anomaly.metric}`),
      el('dl', {},
        el('dt', {}, 'detector'), el('dd', { class: 'detector' }, anomaly.detector),
        el('dt', {}, 'score'), el('dd', { class: 'score' }, anomaly.score.toFixed(3)),
        el('dt', {}, 'severity'), el('dd', {}, anomaly.severity),
        el('dt', {}, 'value'), el('dd', {}, fmt(anomaly.value)),
        el('dt', {}, 'expected'), el('dd', {}, `${fmt(anomaly.expected.lower)} … ${fmt(anomaly.expected.upper)}`),
        el('dt', {}, 'at'), el('dd', {}, time(anomaly.timestampMillis)),
        el('dt', {}, 'id'), el('dd', {}, el('code', {}, anomaly.id))),
      el('a', { href: link('/alerts') }, 'alerts'));
    detail.scrollIntoView({ block: 'nearest' });
  }

  function focusSeries(seriesId) {
    const entry = charts.get(seriesId);
    if (!entry) return;
    entry.card.scrollIntoView({ block: 'center' });
    entry.card.classList.add('focus');
    setTimeout(() => entry.card.classList.remove('focus'), 2000);
  }

  function evidenceLinks(evidence) {
    return (evidence || []).map(item => el('li', {},
      item.seriesId ? el('a', { href: '#', onclick: e => { e.preventDefault(); focusSeries(item.seriesId); } }, item.metric) : item.metric,
      ` = ${fmt(item.value)} at ${time(item.timestampMillis)}`,
      item.service ? el('span', {}, ' · ', el('a', { href: link(`/services/${encodeURIComponent(item.service)}`) }, item.service)) : null,
      item.anomalyId ? el('span', {}, ' · ', el('a', { href: '#', class: 'anomaly-link', onclick: e => {
        e.preventDefault();
        const anomaly = anomaliesById.get(item.anomalyId);
        if (anomaly) showAnomaly(anomaly);
        if (item.seriesId) focusSeries(item.seriesId);
      } }, 'anomaly')) : null));
  }

  function drawHealth(health) {
    summary.dataset.status = health.status;
    summary.dataset.score = health.score ?? '';
    summary.className = `health ${statusClass(health.status)}`;
    summary.replaceChildren(
      el('div', { class: 'headline' },
        el('span', { class: 'score' }, health.score ?? '–'),
        el('div', {}, el('h2', {}, service, ' ', el('span', { class: 'status' }, health.status)), el('div', { class: 'reason' }, health.topReason || 'no deductions'))),
      el('ul', { class: 'components' }, (health.components || []).map(component => el('li', { dataset: { kind: component.kind } },
        el('span', { class: 'deduction' }, `−${fmt(component.deduction)}`), ' ',
        el('strong', {}, component.kind), ': ', component.reason,
        el('ul', { class: 'evidence' }, evidenceLinks(component.evidence))))));
    // Evidence may name series of other services (an ALB for its service): chart those too.
    (health.components || []).flatMap(c => c.evidence || []).filter(e => e.seriesId && !charts.has(e.seriesId))
      .forEach(e => addSeriesById(e.seriesId));
  }

  async function loadHealth() {
    const answer = await get(`/api/v1/health/${encodeURIComponent(service)}`);
    if (closed) return;
    if (answer.ok) drawHealth(answer.body);
    else summary.replaceChildren(el('h2', {}, service), el('p', { class: 'muted' }, answer.status === 404 ? 'no health score for this service yet' : `health not available (${answer.status})`));
  }

  async function loadInsights() {
    const answer = await get(`/api/v1/insights?service=${encodeURIComponent(service)}`);
    if (closed) return;
    const title = el('h2', {}, 'Insights');
    if (!answer.ok) {
      insights.replaceChildren(title, answer.status === 404 ? notAvailable('Insights') : el('p', { class: 'error' }, `insights failed (${answer.status})`));
      return;
    }
    const list = (answer.body.insights || []).filter(i => !i.service || i.service === service);
    insights.replaceChildren(title, list.length === 0 ? el('p', { class: 'muted' }, 'no open or recent insights') :
      el('ul', { class: 'insights' }, list.map(insight => el('li', { class: `${insight.severity} ${insight.status}`, dataset: { insightId: insight.id } },
        el('strong', {}, `${insight.status} · ${insight.severity}`), ` since ${time(insight.startMillis)}`, insight.endMillis ? ` until ${time(insight.endMillis)}` : '',
        el('ol', { class: 'causes' }, (insight.causes || []).map(cause => el('li', {},
          el('span', { class: 'confidence' }, `${Math.round((cause.confidence || 0) * 100)}%`), ` ${cause.kind}: ${cause.description}`,
          el('ul', { class: 'evidence' }, evidenceLinks(Array.isArray(cause.evidence) ? cause.evidence : [])))))))));
  }

  function verdictEvidence(deployment) {
    const verdict = deployment.verdict;
    const number = value => (value == null ? '–' : fmt(value));
    return el('div', { class: 'verdict-evidence', dataset: { deploymentId: deployment.id } },
      el('ul', { class: 'reasons' }, (verdict.reasons || []).map(reason => el('li', {}, reason))),
      el('table', { class: 'evidence' },
        el('thead', {}, el('tr', {}, ['metric', 'outcome', 'before (median, n)', 'after (median, n)', 'p', 'δ', 'weight'].map(h => el('th', {}, h)))),
        el('tbody', {}, (verdict.metrics || []).map(m => el('tr', { class: m.outcome, dataset: { metric: m.metric } },
          el('td', {}, el('a', { href: '#', onclick: e => { e.preventDefault(); focusSeries(m.seriesId); } }, m.metric)),
          el('td', {}, m.outcome),
          el('td', {}, `${number(m.baseline.median)} (${m.baseline.n})`),
          el('td', {}, `${number(m.after.median)} (${m.after.n})`),
          el('td', {}, m.pValue == null ? '–' : m.pValue.toExponential(1)),
          el('td', {}, number(m.effectSize)),
          el('td', {}, number(m.weight)))))),
      (verdict.penalties || []).length === 0 ? null : el('ul', { class: 'penalties' }, verdict.penalties.map(p => el('li', {}, `${p.kind}: ${p.detail}`))),
      (deployment.actions || []).length === 0 ? null : el('ul', { class: 'actions' }, deployment.actions.map(a =>
        el('li', {}, `${a.type}${a.dryRun ? ' (dry run)' : ''}: ${a.result}${a.why ? ' — ' + a.why : ''}`))));
  }

  async function loadDeployments() {
    const answer = await get(`/api/v1/deployments?service=${encodeURIComponent(service)}&limit=20`);
    if (closed) return;
    const title = el('h2', {}, 'Deployments');
    if (!answer.ok) {
      deploys.replaceChildren(title, answer.status === 404 ? notAvailable('Deployments') : el('p', { class: 'error' }, `deployments failed (${answer.status})`));
      return;
    }
    const list = answer.body.deployments || [];
    deployMarkers = list.map(d => ({ startedAtMillis: d.startedAtMillis, label: d.version || d.id, result: d.verdict ? d.verdict.result : '' }));
    charts.forEach(entry => entry.chart.setDeployments?.(deployMarkers));
    const judged = list.find(d => d.verdict);
    const full = judged ? await get(`/api/v1/deployments/${encodeURIComponent(judged.id)}`) : null;
    if (closed) return;
    deploys.replaceChildren(title, list.length === 0 ? el('p', { class: 'muted' }, 'no deployments seen') :
      el('ul', { class: 'deployments' }, list.map(d => el('li', { class: d.status, dataset: { deploymentId: d.id, status: d.status } },
        el('strong', { class: 'verdict' }, d.status), ` ${d.version || d.id} · ${d.source} · started ${time(d.startedAtMillis)}`,
        d.verdict ? ` · score ${fmt(d.verdict.score)}${d.history ? ' · history' : ''}` : ` · ${d.phase}`,
        d.verdict && d.verdict.reason ? el('div', { class: 'reason' }, d.verdict.reason) : null))),
      full && full.ok ? verdictEvidence(full.body) : null);
  }

  async function loadLogs() {
    const [patterns, diagnostics] = await Promise.all([
      get(`/api/v1/logs/patterns?service=${encodeURIComponent(service)}`),
      get(`/api/v1/diagnostics?service=${encodeURIComponent(service)}`)]);
    if (closed) return;
    const parts = [el('h2', {}, 'Log patterns and diagnostics')];
    if (patterns.ok) {
      const list = patterns.body.patterns || [];
      parts.push(list.length === 0 ? el('p', { class: 'muted' }, 'no log patterns') : el('ul', { class: 'patterns' }, list.slice(0, 20).map(p =>
        el('li', {}, el('code', {}, p.template || p.pattern || JSON.stringify(p)), p.count !== undefined ? ` ×${p.count}` : ''))));
    } else parts.push(notAvailable('Log patterns'));
    if (diagnostics.ok) {
      const list = diagnostics.body.diagnostics || [];
      parts.push(list.length === 0 ? el('p', { class: 'muted' }, 'no diagnostics') : el('ul', { class: 'diagnostics' }, list.slice(0, 20).map(d =>
        el('li', {}, `${d.kind || ''} ${d.description || d.message || JSON.stringify(d)}`))));
    } else parts.push(notAvailable('Diagnostics'));
    logs.replaceChildren(...parts);
  }

  async function loadRecommendations() {
    const answer = await get(`/api/v1/recommendations?service=${encodeURIComponent(service)}`);
    if (closed) return;
    const title = el('h2', {}, 'Recommendations');
    if (!answer.ok) {
      recs.replaceChildren(title, answer.status === 404 ? notAvailable('Recommendations') : el('p', { class: 'error' }, `recommendations failed (${answer.status})`));
      return;
    }
    const list = (answer.body.recommendations || []).filter(r => r.service === service);
    recs.replaceChildren(title, list.length === 0 ? el('p', { class: 'muted' }, 'no recommendations') : el('div', { class: 'recs' }, list.map(r => recommendationCard(r, false))));
  }

  async function fillPoints(seriesId, fromMillis) {
    const entry = charts.get(seriesId);
    const to = range.toMillis ? `&to=${range.toMillis}` : '';
    const answer = await get(`/api/v1/series/${encodeURIComponent(seriesId)}/points?from=${fromMillis}${to}&limit=${MAX_POINTS}`);
    if (answer.ok && !closed && entry) entry.chart.addPoints(answer.body.points);
  }

  async function fillAnomalies() {
    const services = new Set([service, ...[...charts.values()].map(e => e.series.service).filter(Boolean)]);
    for (const name of services) {
      const to = range.toMillis;
      const answer = await get(`/api/v1/anomalies?service=${encodeURIComponent(name)}&since=${range.fromMillis}&limit=1000`);
      if (!answer.ok || closed) continue;
      answer.body.anomalies.filter(a => !to || a.timestampMillis < to).forEach(addAnomaly);
    }
  }

  function addAnomaly(anomaly) {
    anomaliesById.set(anomaly.id, anomaly);
    const entry = charts.get(anomaly.seriesId);
    if (entry) entry.chart.addAnomalies([anomaly]);
  }

  function addChart(series) {
    if (charts.has(series.id) || closed) return;
    const body = el('div', { class: 'chart', dataset: { seriesId: series.id } });
    const card = el('article', { class: 'chart-card', dataset: { seriesId: series.id, metric: series.metric } },
      el('h3', { title: seriesLabel(series) }, series.metric, ' ', el('small', { class: 'muted' }, seriesLabel(series))), body);
    chartGrid.append(card);
    const chart = new SeriesChart(body, '', showAnomaly);
    body.vigilChart = chart; // for the console and browser tests: the uPlot instance is chart.plot
    const off = live ? stream.subscribe(`points:${series.id}`, point => chart.addPoints([point])) : () => {};
    charts.set(series.id, { chart, series, card, off });
    if (deployMarkers.length) chart.setDeployments(deployMarkers);
    anomaliesById.forEach(a => { if (a.seriesId === series.id) chart.addAnomalies([a]); });
    fillPoints(series.id, range.fromMillis);
  }

  async function addSeriesById(seriesId) {
    if (charts.has(seriesId)) return;
    charts.set(seriesId, { pending: true, series: {}, chart: { addPoints() {}, addAnomalies() {}, lastMillis: () => 0, destroy() {}, trim() {} }, off: () => {}, card: el('div') });
    const answer = await get(`/api/v1/series/${encodeURIComponent(seriesId)}/points?limit=1`);
    charts.delete(seriesId);
    if (!answer.ok || closed || answer.body.points.length === 0) return;
    const point = answer.body.points[0];
    addChart({ id: seriesId, namespace: point.namespace, metric: point.metric, dimensions: point.dimensions, service: point.service });
    fillAnomalies();
  }

  async function loadSeries() {
    const answer = await get(`/api/v1/series?service=${encodeURIComponent(service)}&limit=1000`);
    if (closed) return;
    if (!answer.ok) {
      chartGrid.replaceChildren(el('p', { class: 'error' }, `series not available (${answer.status})`));
      return;
    }
    if (answer.body.series.length === 0 && charts.size === 0) chartGrid.replaceChildren(el('p', { class: 'muted none' }, 'no series for this service'));
    else chartGrid.querySelector('p.none')?.remove();
    answer.body.series.forEach(addChart);
  }

  const unsubscribe = [
    stream.subscribe('health', health => { if (health.service === service) drawHealth(health); }),
    stream.subscribe('insights', insight => { if (insight.service === service) loadInsights(); }),
    stream.subscribe('recommendations', r => { if (r.service === service) loadRecommendations(); }),
    stream.subscribe('deployments', d => { if (d.service === service) loadDeployments(); }),
    live ? stream.subscribe('anomalies', anomaly => addAnomaly(anomaly)) : () => {},
    stream.onReconnect(() => {
      loadHealth();
      charts.forEach((entry, seriesId) => fillPoints(seriesId, entry.chart.lastMillis() || range.fromMillis));
      fillAnomalies();
    }),
  ];
  const refresh = setInterval(() => {
    if (live) loadSeries();
    if (range.relative && live) {
      charts.forEach(entry => entry.chart.trim(Date.now() - spanMillis));
    }
  }, SERIES_REFRESH_MILLIS);
  loadHealth();
  loadInsights();
  loadDeployments();
  loadLogs();
  loadRecommendations();
  loadSeries().then(fillAnomalies);
  return () => {
    closed = true;
    clearInterval(refresh);
    unsubscribe.forEach(off => off());
    charts.forEach(entry => { entry.off(); entry.chart.destroy(); });
  };
}
