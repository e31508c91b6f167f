// Small formatting and DOM helpers shared by every page.

export function fmt(x) {
  if (x === undefined || x === null || !isFinite(x)) return '–';
  const abs = Math.abs(x);
  if (abs >= 1e9) return (x / 1e9).toFixed(1) + 'G';
  if (abs >= 1e6) return (x / 1e6).toFixed(1) + 'M';
  if (abs >= 1e4) return (x / 1e3).toFixed(1) + 'k';
  return abs >= 100 ? x.toFixed(0) : abs >= 1 ? x.toFixed(2) : abs === 0 ? '0' : x.toPrecision(3);
}

export function time(millis) {
  return millis ? new Date(millis).toLocaleString() : '–';
}

export function ago(millis) {
  if (!millis) return '–';
  const seconds = Math.round((Date.now() - millis) / 1000);
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86400)}d ago`;
}

/** el('div', {class: 'x', onclick: f}, child, 'text', ...): children may be nodes, strings or arrays. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function seriesLabel(series) {
  const dims = Object.entries(series.dimensions || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${series.namespace} ${series.metric}` + (dims ? ` {${dims}}` : '');
}

/** A section that says a feature's API is not there yet (a 404 from its route). */
export function notAvailable(what) {
  return el('p', { class: 'muted not-available' }, `${what}: not available on this server yet.`);
}

export function statusClass(status) {
  return ['healthy', 'degraded', 'unhealthy', 'stale', 'unknown'].includes(status) ? status : 'unknown';
}
