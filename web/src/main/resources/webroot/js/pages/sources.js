// Sources: each configured source's state, lag and last error, refreshed every few seconds.

import { get } from '../api.js';
import { el } from '../format.js';

const POLL_MILLIS = 5000;

function lag(millis) {
  if (millis === undefined || millis === null) return '–';
  return millis < 1000 ? `${millis} ms` : millis < 120000 ? `${(millis / 1000).toFixed(1)} s` : `${Math.round(millis / 60000)} min`;
}

export function render(root) {
  let closed = false;
  const table = el('div', { id: 'sources' }, el('p', { class: 'muted' }, 'loading…'));
  root.append(el('h2', {}, 'Sources'), table);

  async function load() {
    const answer = await get('/api/v1/sources');
    if (closed) return;
    if (!answer.ok) {
      table.replaceChildren(el('p', { class: 'error' }, `sources not available (${answer.status})`));
      return;
    }
    const { sources, series } = answer.body;
    table.replaceChildren(
      series ? el('p', { class: 'muted' }, `series: ${series.count} of ${series.limit || '∞'}`) : null,
      sources.length === 0 ? el('p', { class: 'muted' }, 'no pulling sources configured (pushes and the demo are not listed)') :
        el('table', { class: 'sources' },
          el('thead', {}, el('tr', {}, ['name', 'kind', 'state', 'lag', 'last error'].map(h => el('th', {}, h)))),
          el('tbody', {}, sources.map(s => el('tr', { class: s.state, dataset: { source: s.name } },
            el('td', {}, s.name), el('td', {}, s.kind), el('td', {}, el('span', { class: `state ${s.state}` }, s.state)),
            el('td', {}, lag(s.lagMillis)),
            el('td', { class: 'error-text' }, s.lastError || (s.details && s.details.reason) || '–'))))));
  }

  load();
  const poll = setInterval(load, POLL_MILLIS);
  return () => { closed = true; clearInterval(poll); };
}
