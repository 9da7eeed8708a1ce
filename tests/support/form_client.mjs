// A cookie-keeping HTTP client for the accounts pages, as a browser without JavaScript would use
// them: GET a page, read its form (hidden fields included), POST it back with the session cookie.
import { request } from './http.mjs';
import { decodeEntities } from './html.mjs';

export const SESSION_COOKIE = '__Host-comptoir_session';

// The Set-Cookie values of a response (always an array).
export const setCookies = (res) => [].concat(res.headers['set-cookie'] ?? []);

// { name, value, attributes: Map(lower-cased name → value) } of the session cookie a response sets.
export function sessionCookieOf(res) {
  for (const line of setCookies(res)) {
    const [pair, ...attrs] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq) !== SESSION_COOKIE) continue;
    const attributes = new Map(attrs.map((a) => {
      const i = a.indexOf('=');
      return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
    }));
    return { name: SESSION_COOKIE, value: pair.slice(eq + 1), attributes };
  }
  return null;
}

// Every <form> of a page: { action, method, fields: { name: value } } with hidden inputs and values.
export function formsOf(html) {
  const forms = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attr = (name, text) => decodeEntities((new RegExp(`\\b${name}="([^"]*)"`).exec(text) ?? [])[1] ?? '');
    const fields = {};
    for (const input of match[2].matchAll(/<input\b([^>]*)>/g)) {
      const name = attr('name', input[1]);
      if (name) fields[name] = attr('value', input[1]);
    }
    forms.push({ action: attr('action', match[1]), method: attr('method', match[1]), fields });
  }
  return forms;
}

export class FormClient {
  // `localAddress`: the client address to connect from (see request), for per-IP limits.
  constructor(baseUrl, { origin = baseUrl, userAgent = 'comptoir-tests', localAddress } = {}) {
    this.baseUrl = baseUrl;
    this.origin = origin;
    this.userAgent = userAgent;
    this.localAddress = localAddress;
    this.cookie = null;  // the session id, or null
    this.otherCookies = '';  // sent beside the session's ("comptoir_consent=…; _ga=…"), as a browser would
  }

  // `form`: fields sent urlencoded (with this site's Origin); `rawBody`: sent as given, with the
  // caller's headers (JSON API calls).
  async send(path, { method = 'GET', form, rawBody, headers = {} } = {}) {
    const all = { 'user-agent': this.userAgent, ...headers };
    if (this.cookie) all.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.otherCookies) all.cookie = [all.cookie, this.otherCookies].filter(Boolean).join('; ');
    let body = rawBody;
    if (form) {
      body = new URLSearchParams(form).toString();
      all['content-type'] = 'application/x-www-form-urlencoded';
      if (this.origin && !('origin' in all)) all.origin = this.origin;
    }
    const res = await request(`${this.baseUrl}${path}`, { method, headers: all, body, localAddress: this.localAddress });
    const set = sessionCookieOf(res);
    if (set) this.cookie = set.attributes.get('max-age') === '0' ? null : set.value;
    return res;
  }

  get(path, options = {}) { return this.send(path, options); }

  // GETs `page`, takes its form whose action is `action` (the first one by default), fills it with
  // `values` and POSTs it. Resolves to the POST's response.
  async submit(page, values = {}, { action, headers } = {}) {
    const res = await this.get(page);
    const forms = formsOf(res.text);
    const form = action ? forms.find((f) => f.action === action) : forms.find((f) => f.method === 'post');
    if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} on ${page} (${res.status}):\n${res.text.slice(0, 2000)}`);
    return this.send(form.action, { method: 'POST', form: { ...form.fields, ...values }, headers });
  }
}
