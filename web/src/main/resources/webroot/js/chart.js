// Charts drawn by uPlot (served from its WebJar): one series with its expected band (grey) and
// anomaly markers (red), deployment markers (a dashed vertical line at each start, labelled with
// the version and the verdict's colour), zoom by dragging (double-click resets), a tooltip with value, band and
// score, and live points appended in place. Points are kept unique by timestamp and sorted, so a
// point that arrives both live and from a REST refetch is drawn once.

import { el, fmt, time } from './format.js';

const X = 0, VALUE = 1, LOWER = 2, UPPER = 3, MARK = 4;

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function finite(x) {
  return typeof x === 'number' && isFinite(x) ? x : null;
}

function search(times, t) {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export class SeriesChart {
  /** onAnomaly(anomaly) is called when a marker is clicked. */
  constructor(container, title, onAnomaly) {
    this.container = container;
    this.onAnomaly = onAnomaly;
    this.times = [];      // epoch millis, sorted, unique
    this.rows = new Map(); // millis -> {v, lo, hi, s, detector}
    this.anomalies = new Map(); // millis -> anomaly
    this.deployments = [];      // [{startedAtMillis, label, result}]
    this.zoomed = false;
    this.tooltip = el('div', { class: 'tooltip hidden' });
    const axis = { stroke: css('--muted'), grid: { stroke: css('--grid'), width: 1 }, ticks: { stroke: css('--grid') } };
    const opts = {
      width: Math.max(280, container.clientWidth || 600),
      height: 220,
      title,
      scales: { x: { time: true } },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
      legend: { show: true, live: true },
      series: [
        { value: (u, v) => (v == null ? '–' : time(v * 1000)) },
        { label: 'value', stroke: css('--accent'), width: 1.5, value: (u, v) => fmt(v), spanGaps: false },
        { label: 'expected low', stroke: css('--band-line'), width: 1, value: (u, v) => fmt(v) },
        { label: 'expected high', stroke: css('--band-line'), width: 1, value: (u, v) => fmt(v) },
        { label: 'anomaly', stroke: css('--crit'), fill: css('--crit'), width: 0, paths: () => null,
          points: { show: true, size: 9, width: 1, stroke: css('--crit'), fill: css('--crit') }, value: (u, v) => (v == null ? '' : fmt(v)) },
      ],
      bands: [{ series: [UPPER, LOWER], fill: css('--band') }],
      axes: [axis, { ...axis, size: 60, values: (u, splits) => splits.map(fmt) }],
      hooks: {
        setCursor: [u => this.showTooltip(u)],
        setSelect: [u => { if (u.select.width > 0) this.zoomed = true; }],
        draw: [u => this.drawDeployments(u)],
      },
    };
    this.plot = new uPlot(opts, this.data(), container);
    this.plot.over.append(this.tooltip);
    // On the whole chart, not only the plotting area (the newest marker sits on its right edge), and
    // while capturing, since uPlot stops the click that ends a drag before it reaches the area.
    this.plot.root.addEventListener('mousedown', event => { this.downX = event.clientX; }, true);
    this.plot.root.addEventListener('click', event => this.click(event), true);
    this.plot.over.addEventListener('dblclick', () => { this.zoomed = false; });
    this.resize = () => this.plot.setSize({ width: Math.max(280, container.clientWidth), height: 220 });
    window.addEventListener('resize', this.resize);
    this.publish();
  }

  destroy() {
    window.removeEventListener('resize', this.resize);
    this.plot.destroy();
  }

  data() {
    const xs = [], values = [], lows = [], highs = [], marks = [];
    for (const t of this.times) {
      const row = this.rows.get(t);
      xs.push(t / 1000); values.push(row.v); lows.push(row.lo); highs.push(row.hi);
      marks.push(this.anomalies.has(t) ? row.v : null);
    }
    return [xs, values, lows, highs, marks];
  }

  /** The newest point's time, or 0. */
  lastMillis() {
    return this.times.length ? this.times[this.times.length - 1] : 0;
  }

  /** Adds scored points (REST or stream); returns how many were new. */
  addPoints(points) {
    let added = 0, appendedOnly = true;
    for (const point of points) {
      const t = point.timestampMillis;
      if (this.rows.has(t)) continue;
      const expected = point.expected || {};
      this.rows.set(t, { v: finite(point.value), lo: finite(expected.lower), hi: finite(expected.upper), s: point.score, detector: point.detector });
      if (this.times.length === 0 || t > this.times[this.times.length - 1]) this.times.push(t);
      else { this.times.splice(search(this.times, t), 0, t); appendedOnly = false; }
      added++;
    }
    if (added === 0) return 0;
    if (appendedOnly && this.plot.data[X].length + added === this.times.length) {
      // Append to uPlot's arrays instead of rebuilding them: only the new tail is computed.
      const data = this.plot.data;
      for (let i = this.times.length - added; i < this.times.length; i++) {
        const t = this.times[i], row = this.rows.get(t);
        data[X].push(t / 1000); data[VALUE].push(row.v); data[LOWER].push(row.lo); data[UPPER].push(row.hi);
        data[MARK].push(this.anomalies.has(t) ? row.v : null);
      }
      this.plot.setData(data, !this.zoomed);
    } else {
      this.plot.setData(this.data(), !this.zoomed);
    }
    this.publish();
    return added;
  }

  /** Drops points older than fromMillis (a sliding "last N hours" window). */
  trim(fromMillis) {
    const cut = search(this.times, fromMillis);
    if (cut === 0) return;
    this.times.splice(0, cut).forEach(t => this.rows.delete(t));
    this.plot.setData(this.data(), !this.zoomed);
    this.publish();
  }

  addAnomalies(anomalies) {
    let changed = false;
    for (const anomaly of anomalies) {
      if (!this.anomalies.has(anomaly.timestampMillis)) changed = true;
      this.anomalies.set(anomaly.timestampMillis, anomaly);
    }
    if (changed) {
      this.plot.setData(this.data(), !this.zoomed);
      this.publish();
    }
  }

  /** The deployments to mark: [{startedAtMillis, label, result}] (result pass, marginal, fail or none yet). */
  setDeployments(deployments) {
    this.deployments = deployments;
    this.plot.redraw(false, false);
    this.publish();
  }

  drawDeployments(u) {
    const ctx = u.ctx, { top, height } = u.bbox;
    const colour = { pass: css('--ok'), marginal: css('--warn'), fail: css('--crit') };
    ctx.save();
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = devicePixelRatio;
    ctx.font = `${11 * devicePixelRatio}px sans-serif`;
    for (const deployment of this.deployments) {
      const x = u.valToPos(deployment.startedAtMillis / 1000, 'x', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.strokeStyle = ctx.fillStyle = colour[deployment.result] || css('--muted');
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.fillText(deployment.label, x + 3 * devicePixelRatio, top + 12 * devicePixelRatio);
    }
    ctx.restore();
  }

  /** Counts in the DOM, for the reader of the page (and its tests): points, banded points, markers, deployment markers. */
  publish() {
    const banded = this.times.filter(t => this.rows.get(t).lo !== null).length;
    const marked = this.times.filter(t => this.anomalies.has(t)).length;
    Object.assign(this.container.dataset, { points: this.times.length, banded, markers: marked, deployments: this.deployments.length,
      last: this.lastMillis() });
  }

  showTooltip(u) {
    const idx = u.cursor.idx;
    if (idx == null || u.cursor.left < 0) {
      this.tooltip.classList.add('hidden');
      return;
    }
    const t = this.times[idx], row = this.rows.get(t);
    if (!row) return;
    const anomaly = this.anomalies.get(t);
    this.tooltip.replaceChildren(
      el('div', {}, time(t)),
      el('div', {}, `value ${fmt(row.v)}`),
      el('div', {}, `expected ${fmt(row.lo)} … ${fmt(row.hi)}`),
      el('div', {}, `score ${row.s == null ? '–' : row.s.toFixed(3)}${row.detector ? ' · ' + row.detector : ''}`),
      anomaly ? el('div', { class: 'crit' }, `anomaly: ${anomaly.detector}, ${anomaly.severity} (click)`) : null);
    const left = u.cursor.left, width = u.over.clientWidth;
    this.tooltip.style.left = `${Math.min(left + 12, width - 190)}px`;
    this.tooltip.style.top = `${Math.max(0, u.cursor.top - 70)}px`;
    this.tooltip.classList.remove('hidden');
  }

  click(event) {
    if (this.downX !== undefined && Math.abs(event.clientX - this.downX) > 3) return; // the end of a drag-zoom
    const x = event.clientX - this.plot.over.getBoundingClientRect().left;
    let best = null, bestDistance = 12;
    for (const [t, anomaly] of this.anomalies) {
      const distance = Math.abs(this.plot.valToPos(t / 1000, 'x') - x);
      if (distance < bestDistance) { best = anomaly; bestDistance = distance; }
    }
    if (best) this.onAnomaly(best);
  }
}

/** A small uPlot line without axes: a score history (nulls are gaps), 0..100. */
export function sparkline(container, startMillis, stepMillis, scores) {
  const xs = scores.map((_, i) => (startMillis + i * stepMillis) / 1000);
  return new uPlot({
    width: Math.max(120, container.clientWidth || 200), height: 40,
    legend: { show: false }, cursor: { show: false }, select: { show: false },
    scales: { x: { time: true }, y: { range: [0, 100] } },
    axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: css('--accent'), width: 1.5, fill: css('--band'), points: { show: true, size: 3 } }],
  }, [xs, scores], container);
}
