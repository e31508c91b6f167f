// The hash route (#/<page>/<params>?from=-6h&to=...) and its time range.

const RANGE_MILLIS = { h: 3600_000, d: 86400_000, m: 60_000 };

/** The route in the hash: {page, params (path after the page), query}. */
export function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] || 'overview', params: parts.slice(1), query: new URLSearchParams(search || '') };
}

/** The time range of the route: {fromMillis, toMillis (null: now, live), label}. */
export function range(query) {
  const from = query.get('from') || '-6h';
  const to = query.get('to');
  const parse = text => {
    const relative = /^-(\d+)([mhd])$/.exec(text);
    if (relative) return Date.now() - Number(relative[1]) * RANGE_MILLIS[relative[2]];
    const number = Number(text);
    return Number.isFinite(number) ? number : Date.parse(text);
  };
  const fromMillis = parse(from);
  return { from, fromMillis: Number.isFinite(fromMillis) ? fromMillis : Date.now() - 6 * 3600_000, toMillis: to ? parse(to) : null, relative: from.startsWith('-') };
}

/** Replaces the query's keys in the current route's hash. */
export function navigateQuery(changes) {
  const current = route();
  Object.entries(changes).forEach(([key, value]) => (value === null ? current.query.delete(key) : current.query.set(key, value)));
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const search = current.query.toString();
  location.hash = path + (search ? `?${search}` : '');
}

/** A link to a route that keeps the current time range. */
export function link(path) {
  const from = route().query.get('from');
  const to = route().query.get('to');
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const search = query.toString();
  return `#${path}${search ? '?' + search : ''}`;
}

