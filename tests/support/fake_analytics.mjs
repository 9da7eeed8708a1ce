// Local fakes of the two audience-measurement services the shop can report to, so the suites can
// point ANALYTICS at them (`ga4:G-…@http://127.0.0.1:PORT`, `plausible:DOMAIN@http://127.0.0.1:PORT`):
//
// - GA4: the Measurement Protocol, POST /mp/collect?measurement_id=…&api_secret=… with a JSON body
//   {client_id, events: [{name, params}]} (checked as GA4's validation server checks it: names,
//   parameter counts, items), answered 204 like Google; a stand-in for gtag.js (GET /gtag/js?id=)
//   that reads window.dataLayer as gtag.js does, sets a _ga cookie and beacons each event to
//   POST /g/collect?v=2&tid=…&en=NAME.
// - Plausible: the Events API, POST /api/event with {name|n, url|u, domain|d, props|p,
//   revenue|$} and a User-Agent, answered 202 (400 with errors otherwise); a stand-in for
//   script.js (GET /js/script.js) that exposes window.plausible(name, {props, revenue}), replays
//   its queue and sends a pageview.
//
// Every request is recorded (`requests`), so a browser test can prove none came before consent;
// `serverEvents` holds the accepted server-side events, `browserEvents` those the page sent.
// failNext({status, times}) makes the next requests fail (the shop retries on 5xx).
import { fakeRegistry, faultQueues, jsonServer, listenLocal, readBody } from './fake_faults.mjs';

const fakes = fakeRegistry();

const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const RESERVED = new Set(['ad_activeview', 'ad_click', 'ad_exposure', 'ad_query', 'ad_reward', 'adunit_exposure',
  'app_clear_data', 'app_exception', 'app_install', 'app_remove', 'app_store_refund', 'app_update', 'app_upgrade',
  'dynamic_link_app_open', 'dynamic_link_app_update', 'dynamic_link_first_open', 'error', 'first_open', 'first_visit',
  'in_app_purchase', 'notification_dismiss', 'notification_foreground', 'notification_open', 'notification_receive',
  'notification_send', 'os_update', 'session_start', 'user_engagement']);

// GA4's validation rules for one Measurement Protocol body; [] when valid.
export function ga4Problems(body) {
  const problems = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body is not a JSON object'];
  if (typeof body.client_id !== 'string' || !body.client_id) problems.push('client_id is required');
  if (!Array.isArray(body.events) || body.events.length < 1 || body.events.length > 25) {
    problems.push('events must hold 1 to 25 events');
    return problems;
  }
  for (const event of body.events) {
    if (!EVENT_NAME.test(event?.name ?? '')) problems.push(`bad event name ${event?.name}`);
    if (RESERVED.has(event?.name)) problems.push(`reserved event name ${event.name}`);
    const params = event?.params ?? {};
    if (Object.keys(params).length > 25) problems.push(`${event.name}: more than 25 params`);
    for (const [key, value] of Object.entries(params)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key)) problems.push(`${event.name}: bad param ${key}`);
      if (typeof value === 'string' && value.length > 100 && key !== 'page_location') problems.push(`${event.name}: ${key} too long`);
    }
    if (params.items !== undefined) {
      if (!Array.isArray(params.items) || params.items.length > 200) problems.push(`${event.name}: bad items`);
      else for (const item of params.items) {
        if (!item.item_id && !item.item_name) problems.push(`${event.name}: an item needs item_id or item_name`);
      }
    }
    if (['purchase', 'refund'].includes(event.name)) {
      if (typeof params.transaction_id !== 'string' || !params.transaction_id) problems.push(`${event.name}: transaction_id is required`);
      if (params.value !== undefined && typeof params.value !== 'number') problems.push(`${event.name}: value must be a number`);
      if (params.value !== undefined && !/^[A-Z]{3}$/.test(params.currency ?? '')) problems.push(`${event.name}: currency is required with value`);
    }
  }
  return problems;
}

// The Events API's checks for one body; {} when valid (the errors object Plausible answers).
export function plausibleProblems(body, domain, userAgent) {
  const errors = {};
  if (!userAgent) errors.user_agent = ['is required'];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { request: ['body is not a JSON object'] };
  const name = body.name ?? body.n;
  const url = body.url ?? body.u;
  const site = body.domain ?? body.d;
  if (typeof name !== 'string' || !name || name.length > 120) errors.name = ['is required'];
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) errors.url = ['is required'];
  if (site !== domain) errors.domain = [`unknown site ${site}`];
  const props = body.props ?? body.p;
  if (props !== undefined) {
    if (typeof props !== 'object' || Array.isArray(props) || Object.keys(props).length > 30) errors.props = ['invalid'];
    else if (Object.values(props).some((v) => typeof v !== 'string')) errors.props = ['values must be strings'];
  }
  const revenue = body.revenue ?? body.$;
  if (revenue !== undefined) {
    if (!/^[A-Z]{3}$/.test(revenue?.currency ?? '') || Number.isNaN(Number(revenue?.amount))) errors.revenue = ['invalid'];
  }
  return errors;
}

// Stand-ins for the services' browser scripts (what a test needs of them, on their wire format).
function gtagScript(origin, id) {
  return `(function () {
  var origin = ${JSON.stringify(origin)}, id = ${JSON.stringify(id)};
  if (!/(^|; )_ga=/.test(document.cookie)) {
    document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 2147483647) + '.' + Math.floor(Date.now() / 1000) + '; Path=/; Max-Age=' + 400 * 86400 + '; SameSite=Lax';
  }
  function send(name, params) {
    navigator.sendBeacon(origin + '/g/collect?v=2&tid=' + encodeURIComponent(id) + '&en=' + encodeURIComponent(name), JSON.stringify(params || {}));
  }
  function handle(args) {
    if (args[0] === 'config') send('page_view', { page_location: location.href });
    if (args[0] === 'event') send(args[1], args[2]);
  }
  var layer = window.dataLayer = window.dataLayer || [];
  for (var i = 0; i < layer.length; i++) handle(layer[i]);
  var push = layer.push;
  layer.push = function () {
    for (var j = 0; j < arguments.length; j++) handle(arguments[j]);
    return push.apply(layer, arguments);
  };
})();
`;
}

function plausibleScript(origin) {
  return `(function () {
  var script = document.currentScript, domain = script.getAttribute('data-domain');
  function trigger(name, options) {
    if (localStorage.getItem('plausible_ignore') === 'true') return;
    var body = { n: name, u: location.href, d: domain, r: document.referrer || null };
    if (options && options.props) body.p = options.props;
    if (options && options.revenue) body.$ = options.revenue;
    fetch(${JSON.stringify(origin)} + '/api/event', { method: 'POST', body: JSON.stringify(body), keepalive: true, headers: { 'Content-Type': 'text/plain' } });
    if (options && options.callback) options.callback();
  }
  var queue = (window.plausible && window.plausible.q) || [];
  window.plausible = trigger;
  for (var i = 0; i < queue.length; i++) trigger.apply(null, queue[i]);
  trigger('pageview');
})();
`;
}

// kind: 'ga4' or 'plausible'. Resolves to the fake: url, the ANALYTICS value (`setting`),
// requests, serverEvents, browserEvents, problems (refused bodies), failNext, waitFor, reset, close.
export async function startFakeAnalytics({ kind, measurementId = 'G-TEST1234', apiSecret = 'mp-secret', domain = 'shop.test' } = {}) {
  const faults = faultQueues();
  const requests = [];
  const serverEvents = [];
  const browserEvents = [];
  const problems = [];
  const waiters = new Set();
  const notify = () => { for (const w of [...waiters]) w(); };
  let origin = '';

  const cors = { 'access-control-allow-origin': '*' };
  async function handle(req, res) {
    const url = new URL(req.url, 'http://fake');
    const body = req.method === 'POST' ? await readBody(req) : '';
    const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
    requests.push(entry);
    const answer = (status, text, type = 'application/json', extra = {}) => {
      res.writeHead(status, { 'content-type': type, ...cors, ...extra });
      res.end(text);
      notify();
    };
    const parse = () => { try { return JSON.parse(body); } catch { return undefined; } };

    if (req.method === 'OPTIONS') return answer(204, '', 'text/plain', { 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST' });
    if (kind === 'ga4' && req.method === 'GET' && url.pathname === '/gtag/js') {
      if (url.searchParams.get('id') !== measurementId) return answer(404, 'unknown id', 'text/plain');
      return answer(200, gtagScript(origin, measurementId), 'text/javascript');
    }
    if (kind === 'plausible' && req.method === 'GET' && url.pathname === '/js/script.js') return answer(200, plausibleScript(origin), 'text/javascript');
    if (kind === 'ga4' && req.method === 'POST' && url.pathname === '/g/collect') {
      browserEvents.push({ name: url.searchParams.get('en'), tid: url.searchParams.get('tid'), params: parse() ?? {} });
      return answer(204, '');
    }
    if (kind === 'ga4' && req.method === 'POST' && url.pathname === '/mp/collect') {
      const fail = faults.take('fail', req.method, url.pathname);
      if (fail) return answer(fail.status, '');
      // Google answers 2xx whatever the body; a wrong key or id is simply dropped. The fake
      // refuses instead, so a test sees the mistake.
      if (url.searchParams.get('measurement_id') !== measurementId || url.searchParams.get('api_secret') !== apiSecret) {
        problems.push({ path: url.pathname, problems: ['wrong measurement_id or api_secret'] });
        return answer(403, '');
      }
      const parsed = parse();
      const found = ga4Problems(parsed);
      if (found.length) {
        problems.push({ path: url.pathname, problems: found, body });
        return answer(400, JSON.stringify({ validationMessages: found.map((description) => ({ description })) }));
      }
      for (const event of parsed.events) serverEvents.push({ name: event.name, params: event.params, client_id: parsed.client_id, raw: body });
      return answer(204, '');
    }
    if (kind === 'plausible' && req.method === 'POST' && url.pathname === '/api/event') {
      const parsed = parse();
      const fromBrowser = Boolean(req.headers.origin);
      if (!fromBrowser) {
        const fail = faults.take('fail', req.method, url.pathname);
        if (fail) return answer(fail.status, JSON.stringify({ error: 'fake failure' }));
      }
      const errors = plausibleProblems(parsed, domain, req.headers['user-agent']);
      if (Object.keys(errors).length) {
        problems.push({ path: url.pathname, problems: errors, body });
        return answer(400, JSON.stringify({ errors }));
      }
      const event = { name: parsed.name ?? parsed.n, url: parsed.url ?? parsed.u, props: parsed.props ?? parsed.p ?? {}, revenue: parsed.revenue ?? parsed.$, raw: body, userAgent: req.headers['user-agent'] };
      (fromBrowser ? browserEvents : serverEvents).push(event);
      return answer(202, 'ok', 'text/plain');
    }
    return answer(404, JSON.stringify({ error: 'not found' }));
  }

  const server = jsonServer(handle, (error) => ({ error: String(error) }));
  origin = await listenLocal(server);
  const fake = {
    url: origin,
    host: new URL(origin).host,
    setting: kind === 'ga4' ? `ga4:${measurementId}@${origin}` : `plausible:${domain}@${origin}`,
    measurementId,
    apiSecret,
    domain,
    requests,
    serverEvents,
    browserEvents,
    problems,
    failNext: faults.controls.failNext,
    // Resolves once `predicate()` holds (checked after each request); rejects after `ms`.
    waitFor(predicate, { ms = 15000, what = 'the analytics fake' } = {}) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, ms);
        waiters.add(check);
      });
    },
    reset() {
      requests.length = 0;
      serverEvents.length = 0;
      browserEvents.length = 0;
      problems.length = 0;
      faults.clear();
    },
    close: () => fakes.close(fake, server),
  };
  fakes.add(fake);
  return fake;
}
