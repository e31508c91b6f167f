// Alerts: firing, silenced and resolved, grouped by service as they are notified; acknowledge,
// silence (a form prefilled with the alert's labels as matchers and a duration), and feedback
// (not_anomaly, expected), all through the REST API with the admin token when one is set.

import { errorText, get, write } from '../api.js';
import { ago, el, time } from '../format.js';
import { link } from '../route.js';

const STATES = ['firing', 'silenced', 'inhibited', 'resolved'];
const DURATIONS = [['1h', 3600_000], ['2h', 7200_000], ['4h', 14400_000], ['1d', 86400_000], ['7d', 604800_000]];
const POLL_MILLIS = 10000;

export function render(root, { stream }) {
  let closed = false;
  const message = el('p', { id: 'alert-message', class: 'message', role: 'status' });
  const form = el('section', { id: 'silence-panel', class: 'hidden' });
  const lists = el('div', { id: 'alert-lists' }, el('p', { class: 'muted' }, 'loading alerts…'));
  const silences = el('section', { id: 'silences' });
  root.append(el('h2', {}, 'Alerts'), message, form, lists, silences);

  function say(text, ok) {
    message.textContent = text;
    message.className = `message ${ok ? 'ok' : 'error'}`;
  }

  async function ack(alert) {
    const answer = await write('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`);
    say(answer.ok ? `acknowledged ${alert.labels.metric} on ${alert.labels.service}${answer.status === 202 ? ' (being applied)' : ''}` : `ack failed: ${errorText(answer)}`, answer.ok);
    load();
  }

  async function feedback(alert, verdict) {
    const answer = await write('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/feedback`, { verdict, comment: 'from the dashboard' });
    say(answer.ok ? `recorded ${verdict} for ${alert.labels.metric} on ${alert.labels.service}` : `feedback failed: ${errorText(answer)}`, answer.ok);
    load();
  }

  function openSilence(alert) {
    const rows = Object.entries(alert.labels).map(([name, value]) => el('li', {},
      el('label', {}, el('input', { type: 'checkbox', class: 'use', checked: name !== 'insight', dataset: { name } }), ' '),
      el('input', { class: 'matcher-name', value: name, 'aria-label': 'label name' }), ' = ',
      el('input', { class: 'matcher-value', value, 'aria-label': `value of ${name}` })));
    const duration = el('select', { id: 'silence-duration' }, DURATIONS.map(([label, millis]) => el('option', { value: millis }, label)));
    duration.value = String(7200_000);
    const comment = el('input', { id: 'silence-comment', value: `silenced from the dashboard: ${alert.labels.metric} on ${alert.labels.service}`, required: true });
    const author = el('input', { id: 'silence-author', value: localStorage.getItem('vigil.author') || 'dashboard', required: true });
    const submit = async event => {
      event.preventDefault();
      const matchers = [...form.querySelectorAll('ul.matchers li')].filter(li => li.querySelector('.use').checked)
        .map(li => ({ name: li.querySelector('.matcher-name').value.trim(), value: li.querySelector('.matcher-value').value, isRegex: false, isEqual: true }));
      localStorage.setItem('vigil.author', author.value);
      const answer = await write('POST', '/api/v1/silences', {
        matchers, endsAt: new Date(Date.now() + Number(duration.value)).toISOString(), comment: comment.value, author: author.value });
      if (answer.ok) {
        form.classList.add('hidden');
        say(`silence ${answer.body.id} created until ${time(Date.parse(answer.body.endsAt))}`, true);
        load();
      } else say(`silence refused: ${errorText(answer)}`, false);
    };
    form.replaceChildren(el('form', { id: 'silence-form', onsubmit: submit },
      el('h3', {}, 'New silence'),
      el('p', { class: 'muted' }, 'Matchers from the alert\'s labels; untick those that should not restrict it (the insight is unticked: tick it to silence only this incident).'),
      el('ul', { class: 'matchers' }, rows),
      el('label', {}, 'Duration ', duration), ' ',
      el('label', {}, 'Comment ', comment), ' ',
      el('label', {}, 'Author ', author), ' ',
      el('button', { type: 'submit', id: 'silence-submit' }, 'Create silence'), ' ',
      el('button', { type: 'button', onclick: () => form.classList.add('hidden') }, 'Cancel')));
    form.classList.remove('hidden');
    form.scrollIntoView({ block: 'nearest' });
  }

  function row(alert) {
    const labels = alert.labels || {};
    const anomalies = alert.anomalies || [];
    const last = anomalies[anomalies.length - 1];
    return el('li', { class: `alert ${alert.state}`, dataset: { alertId: alert.id, fingerprint: alert.fingerprint, state: alert.state } },
      el('div', { class: 'what' },
        el('a', { href: link(`/services/${encodeURIComponent(labels.service || '')}`) }, labels.service || '—'), ` ${labels.metric || ''} · ${labels.severity || ''} · ${labels.detector || ''}`,
        alert.acknowledged ? el('span', { class: 'badge on ack' }, 'acknowledged') : null),
      el('div', { class: 'when muted' }, `since ${time(alert.startsAtMillis)} (${ago(alert.startsAtMillis)})`, alert.endsAtMillis ? ` · ended ${time(alert.endsAtMillis)}` : '',
        ` · ${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`, last ? ` · last score ${Number(last.score).toFixed(3)}` : '',
        (alert.feedback || []).length ? ` · feedback: ${(alert.feedback || []).map(f => f.verdict).join(', ')}` : ''),
      el('div', { class: 'labels' }, Object.entries(labels).map(([k, v]) => el('code', {}, `${k}=${v}`))),
      el('div', { class: 'actions' },
        alert.state !== 'resolved' && !alert.acknowledged ? el('button', { type: 'button', class: 'ack', onclick: () => ack(alert) }, 'Acknowledge') : null,
        el('button', { type: 'button', class: 'silence', onclick: () => openSilence(alert) }, 'Silence…'),
        el('button', { type: 'button', class: 'not-anomaly', onclick: () => feedback(alert, 'not_anomaly') }, 'Not an anomaly'),
        el('button', { type: 'button', class: 'expected', onclick: () => feedback(alert, 'expected') }, 'Expected')));
  }

  function group(alerts) {
    const byService = new Map();
    alerts.forEach(a => {
      const key = (a.labels || {}).service || '—';
      if (!byService.has(key)) byService.set(key, []);
      byService.get(key).push(a);
    });
    return [...byService.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([service, list]) =>
      el('li', { class: 'group' }, el('h4', {}, `${service} (${list.length})`), el('ul', { class: 'alerts' }, list.map(row))));
  }

  async function load() {
    const [alerts, silenceList] = await Promise.all([get('/api/v1/alerts'), get('/api/v1/silences')]);
    if (closed) return;
    if (!alerts.ok) {
      lists.replaceChildren(el('p', { class: 'error' }, `alerts not available (${alerts.status})`));
    } else {
      lists.replaceChildren(...STATES.map(state => {
        const inState = alerts.body.alerts.filter(a => a.state === state);
        if (state === 'inhibited' && inState.length === 0) return null;
        return el('section', { class: `state ${state}`, dataset: { state } },
          el('h3', {}, `${state} (${inState.length})`),
          inState.length ? el('ul', { class: 'groups' }, group(inState)) : el('p', { class: 'muted' }, `no ${state} alerts`));
      }).filter(Boolean));
    }
    if (silenceList.ok) {
      const active = silenceList.body.silences.filter(s => s.state !== 'expired');
      silences.replaceChildren(el('h3', {}, `Silences (${active.length} active or pending)`),
        el('ul', { class: 'silence-list' }, active.map(s => el('li', { dataset: { silenceId: s.id } },
          (s.matchers || []).map(m => el('code', {}, typeof m === 'string' ? m : `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`)),
          ` until ${time(Date.parse(s.endsAt))} · ${s.author}: ${s.comment} `,
          el('button', { type: 'button', onclick: async () => {
            const answer = await write('DELETE', `/api/v1/silences/${encodeURIComponent(s.id)}`);
            say(answer.ok ? 'silence expired' : `expire failed: ${errorText(answer)}`, answer.ok);
            load();
          } }, 'Expire')))));
    }
  }

  const unsubscribe = [stream.subscribe('alerts', () => load()), stream.onReconnect(() => load())];
  const poll = setInterval(load, POLL_MILLIS);
  load();
  return () => { closed = true; clearInterval(poll); unsubscribe.forEach(off => off()); };
}
