// REST calls. Writes carry the admin token when one was given; it lives in sessionStorage only, so
// it is gone when the tab closes. A 401 asks for the token once and retries.

const TOKEN_KEY = 'vigil.adminToken';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Asks for the token in the page's dialog; resolves with it, or '' when cancelled. */
export function askToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  input.value = token();
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      if (dialog.returnValue === 'save') setToken(input.value.trim());
      resolve(dialog.returnValue === 'save' ? input.value.trim() : '');
    }, { once: true });
    dialog.showModal();
  });
}

/** GET a JSON document: {ok, status, body}; never throws for HTTP errors. */
export async function get(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body };
  } catch (error) {
    return { ok: false, status: 0, body: { error: String(error) } };
  }
}

/** A write under /api/: JSON body (or none), bearer token when set; {ok, status, body}. */
export async function write(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    return { ok: false, status: 0, body: { error: String(error) } };
  }
  if (response.status === 401 && !retried && await askToken()) return write(method, path, body, true);
  const answer = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body: answer };
}

/** The error text of a failed answer, with the fields it names. */
export function errorText(answer) {
  const body = answer.body || {};
  const details = (body.details || []).map(d => `${d.field}: ${d.message}`).join('; ');
  return `${answer.status || 'network'}: ${body.error || 'failed'}${details ? ' (' + details + ')' : ''}`;
}
