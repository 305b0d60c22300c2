// The REST API and the archive API as the console calls them: same origin, the session cookie
// (sent by the browser), and the session's CSRF token on every request (required on changes).

const CSRF_HEADER = 'X-Quorum-Csrf';
let csrf = 'none';

/** An error answer of an API: its HTTP status, error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Sends the browser to the sign-in page, coming back here afterwards. */
export function signInAgain() {
  const here = location.pathname + location.search;
  location.assign('/console/sign-in?next=' + encodeURIComponent(here));
}

async function send(method, path, body, contentType, signInOn401 = true) {
  const headers = { [CSRF_HEADER]: csrf, Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', redirect: 'manual' });
  if (response.status === 401 && signInOn401) {
    signInAgain();
    throw new ApiError(401, 20003, 'Your session has ended; sign in again');
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const message = json && json.message ? json.message : `${method} ${path} answered ${response.status}`;
    throw new ApiError(response.status, json && json.code, message);
  }
  return json;
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** A path with a query built from an object; empty values are left out, arrays repeat the key. */
export function withQuery(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && one !== '') q.append(k, one);
    }
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function form(params) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && one !== '') body.append(k, String(one));
    }
  }
  return body;
}

/** The page URLs the API returns are absolute on its public URL; the console follows them on its own origin. */
export function localPath(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
}

export const api = {
  get: (path, query) => send('GET', withQuery(path, query)),
  post: (path, params = {}) => send('POST', path, form(params), 'application/x-www-form-urlencoded'),
  del: (path) => send('DELETE', path),
  /** The archive API's JSON bodies. */
  postJson: (path, body) => send('POST', path, JSON.stringify(body || {}), 'application/json'),

  /** One page of a list: its items under {@code key} and the path of the next page, or null. */
  async page(path, key, query) {
    const r = await send('GET', query ? withQuery(path, query) : path);
    return { items: r[key] || [], next: r.meta && r.meta.next_page_url ? localPath(r.meta.next_page_url) : null };
  },

  /** Every item of a list, following its pages (at most {@code limit}). */
  async all(path, key, query, limit = 10000) {
    const out = [];
    let next = withQuery(path, query);
    while (next && out.length < limit) {
      const page = await api.page(next, key);
      out.push(...page.items);
      next = page.next;
    }
    return out;
  },
};

/** Who is signed in; remembers the CSRF token for the calls that follow. */
export async function session() {
  const s = await send('GET', '/console/session');
  csrf = s.csrf_token;
  return s;
}

/** Signs in; the server sets the cookie. */
export async function signIn(sid, secret) {
  const s = await send('POST', '/console/session', form({ Sid: sid, Secret: secret }),
    'application/x-www-form-urlencoded', false);
  csrf = s.csrf_token;
  return s;
}

export async function signOut() {
  await send('DELETE', '/console/session');
  csrf = 'none';
}
