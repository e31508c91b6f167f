// Recommendations: ranked by priority then monthly savings, each with its reasons, the current and
// recommended size, a dry run that shows the change, and apply when the server allows it.

import { errorText, get, write } from '../api.js';
import { el, fmt, notAvailable } from '../format.js';
import { link } from '../route.js';

function money(delta) {
  if (delta === undefined || delta === null || !isFinite(delta)) return '–';
  return `${delta < 0 ? '−' : '+'}$${Math.abs(delta).toFixed(2)}/month`;
}

function size(s) {
  return s ? `${fmt(s.cpu)} vCPU, ${fmt(s.memoryMiB)} MiB` : '–';
}

/** One recommendation as a card; with actions, its dry-run and apply buttons. */
export function recommendationCard(r, actions = true) {
  const output = el('pre', { class: 'diff hidden' });
  const run = async dryRun => {
    const answer = await write('POST', `/api/v1/recommendations/${encodeURIComponent(r.id)}/apply`, { dryRun });
    output.classList.remove('hidden');
    output.textContent = answer.ok ? (answer.body.diff || JSON.stringify(answer.body, null, 2)) : errorText(answer);
  };
  return el('article', { class: `rec ${r.risk || ''}`, dataset: { recommendationId: r.id } },
    el('h3', {}, el('a', { href: link(`/services/${encodeURIComponent(r.service)}`) }, r.service), ` · ${r.finding}`),
    el('div', { class: 'sizes' }, `now ${size(r.current)} → ${size(r.recommended)}`, el('strong', { class: 'savings' }, ` ${money(r.monthlyCostDelta)}`)),
    el('div', { class: 'muted' }, `priority ${r.priority ?? '–'} · confidence ${r.confidence === undefined ? '–' : Math.round(r.confidence * 100) + '%'} · risk ${r.risk || '–'}`),
    el('ul', { class: 'reasons' }, (r.reasons || []).map(reason => el('li', {}, typeof reason === 'string' ? reason : reason.description || JSON.stringify(reason)))),
    actions ? el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'dry-run', onclick: () => run(true) }, 'Dry run'),
      r.applyEnabled === false ? null : el('button', { type: 'button', class: 'apply', onclick: () => { if (confirm(`Apply to ${r.service}?`)) run(false); } }, 'Apply'),
      r.rollbackEnabled ? el('button', { type: 'button', class: 'rollback', onclick: async () => {
        const answer = await write('POST', `/api/v1/recommendations/${encodeURIComponent(r.id)}/rollback`, {});
        output.classList.remove('hidden');
        output.textContent = answer.ok ? JSON.stringify(answer.body, null, 2) : errorText(answer);
      } }, 'Roll back') : null) : null,
    output);
}

export function render(root, { stream }) {
  let closed = false;
  const list = el('div', { id: 'recommendations', class: 'recs' }, el('p', { class: 'muted' }, 'loading…'));
  root.append(el('h2', {}, 'Recommendations'), list);

  async function load() {
    const answer = await get('/api/v1/recommendations');
    if (closed) return;
    if (!answer.ok) {
      list.replaceChildren(answer.status === 404 ? notAvailable('Recommendations') : el('p', { class: 'error' }, `recommendations failed (${answer.status})`));
      return;
    }
    // Highest priority first, then the largest saving (the most negative monthly delta).
    const ranked = (answer.body.recommendations || []).slice()
      .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.monthlyCostDelta ?? 0) - (b.monthlyCostDelta ?? 0));
    list.replaceChildren(...(ranked.length ? ranked.map(r => recommendationCard(r)) : [el('p', { class: 'muted' }, 'no recommendations')]));
  }

  const unsubscribe = [stream.subscribe('recommendations', load), stream.onReconnect(load)];
  load();
  return () => { closed = true; unsubscribe.forEach(off => off()); };
}
