// Vigil's dashboard: a single page with hash routes a user can bookmark and share
// (#/, #/services/<name>?from=-6h, #/alerts, #/recommendations, #/sources), one WebSocket for
// every live view, and no framework: the page is served from the jar and must work offline.

import { Stream } from './stream.js';
import { askToken, token } from './api.js';
import { navigateQuery, range, route } from './route.js';
import * as overview from './pages/overview.js';
import * as service from './pages/service.js';
import * as alerts from './pages/alerts.js';
import * as recommendations from './pages/recommendations.js';
import * as sources from './pages/sources.js';

const PAGES = { overview, services: service, alerts, recommendations, sources };
const view = document.getElementById('view');
const badge = document.getElementById('connection');

const stream = new Stream(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`, (state, text) => {
  badge.textContent = text;
  badge.className = `badge ${state === 'live' ? 'on' : 'off'}`;
  document.body.classList.toggle('disconnected', state === 'down');
});

let cleanup = null;

function render() {
  const current = route();
  const page = PAGES[current.page] || overview;
  if (cleanup) cleanup();
  cleanup = null;
  view.replaceChildren();
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === current.page || (current.page === 'services' && a.dataset.page === 'overview')));
  const select = document.getElementById('range');
  const from = current.query.get('from') || '-6h';
  select.value = [...select.options].some(o => o.value === from) && !current.query.get('to') ? from : 'custom';
  document.body.dataset.page = current.page;
  cleanup = page.render(view, { stream, route: current, range: range(current.query) }) || null;
}

function setupControls() {
  const select = document.getElementById('range');
  const custom = document.getElementById('custom-range');
  select.addEventListener('change', () => {
    if (select.value === 'custom') {
      custom.classList.remove('hidden');
      return;
    }
    custom.classList.add('hidden');
    navigateQuery({ from: select.value, to: null });
  });
  custom.addEventListener('submit', event => {
    event.preventDefault();
    const from = Date.parse(document.getElementById('custom-from').value);
    const to = Date.parse(document.getElementById('custom-to').value);
    if (!Number.isFinite(from)) return;
    custom.classList.add('hidden');
    navigateQuery({ from: String(from), to: Number.isFinite(to) ? String(to) : null });
  });
  document.getElementById('timezone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  const theme = document.getElementById('theme');
  const applyTheme = name => {
    document.documentElement.dataset.theme = name;
    theme.textContent = name === 'dark' ? 'Light' : 'Dark';
    localStorage.setItem('vigil.theme', name);
  };
  applyTheme(localStorage.getItem('vigil.theme') || (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark'));
  // Charts read their colours when drawn: draw the page again in the new theme.
  theme.addEventListener('click', () => { applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'); render(); });
  const tokenButton = document.getElementById('token');
  const showToken = () => tokenButton.classList.toggle('set', Boolean(token()));
  tokenButton.addEventListener('click', () => askToken().then(showToken));
  showToken();
}

setupControls();
window.addEventListener('hashchange', render);
render();
