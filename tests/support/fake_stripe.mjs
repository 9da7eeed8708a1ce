// A local fake of the parts of Stripe's API the shop uses (Checkout Sessions, the hosted pay page,
// refunds, webhooks), so the suites can point STRIPE_API_BASE at it. Requests are validated the way Stripe
// does, so a shop that passes here sends what Stripe accepts; webhook signatures come from the
// official `stripe` package, so a shop that verifies them here verifies real ones. Every fake
// started is closed in an `after` hook of the importing test file.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import Stripe from 'stripe';
import { fakeRegistry, jsonServer, listenLocal, readBody } from './fake_faults.mjs';

const fakes = fakeRegistry();

// Only used to sign: generateTestHeaderString makes no network call.
const signer = new Stripe('sk_test_fake_stripe_signer');

export const API_VERSION = '2024-06-20';
export const LOCALES = [
  'auto', 'bg', 'cs', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'hr',
  'hu', 'id', 'it', 'ja', 'ko', 'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl',
  'sv', 'th', 'tr', 'vi', 'zh', 'zh-HK', 'zh-TW',
];
const CREATE_PARAMS = new Set([
  'automatic_tax', 'cancel_url', 'client_reference_id', 'customer_email', 'expires_at', 'line_items', 'locale',
  'metadata', 'mode', 'payment_intent_data', 'payment_method_types', 'shipping_options', 'success_url',
]);
const REFUND_PARAMS = new Set([
  'amount', 'charge', 'currency', 'customer', 'expand', 'instructions_email', 'metadata', 'origin', 'payment_intent',
  'reason', 'refund_application_fee', 'reverse_transfer',
]);
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

const randomId = (prefix, bytes = 12) => `${prefix}${randomBytes(bytes).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// Stripe's bracket notation (`a[0][b]=1&m[k]=v`) into nested objects; numeric keys make arrays.
export function parseForm(text) {
  const root = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    const path = match ? [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])] : [key];
    if (path.some((segment) => ['__proto__', 'constructor', 'prototype'].includes(segment))) continue;
    let node = root;
    path.forEach((segment, i) => {
      const slot = segment === '' && Array.isArray(node) ? node.length : segment;
      if (i === path.length - 1) {
        node[slot] = value;
      } else {
        if (node[slot] === undefined || typeof node[slot] !== 'object') node[slot] = /^\d*$/.test(path[i + 1]) ? [] : {};
        node = node[slot];
      }
    });
  }
  return root;
}

const stripeError = (status, type, message, param) => ({ status, body: { error: { type, message, ...(param ? { param } : {}) } } });
const invalid = (message, param) => stripeError(400, 'invalid_request_error', message, param);
const isHttpUrl = (value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

// Stripe's checks on POST /v1/checkout/sessions: the first failure as { status, body }, else null.
function validateCreate(form) {
  for (const name of Object.keys(form)) {
    if (!CREATE_PARAMS.has(name)) return invalid(`Received unknown parameter: ${name}`, name);
  }
  if (form.mode === undefined) return invalid('Missing required param: mode.', 'mode');
  if (form.mode !== 'payment') return invalid(`Invalid mode: this fake (like the shop) only supports payment, got ${form.mode}`, 'mode');
  const items = form.line_items;
  if (items === undefined || (Array.isArray(items) && items.length === 0)) return invalid('Missing required param: line_items.', 'line_items');
  if (!Array.isArray(items) || [...items].some((item) => typeof item !== 'object' || item === null)) return invalid('Invalid array', 'line_items');
  let currency = null;
  for (const [i, item] of items.entries()) {
    const p = `line_items[${i}]`;
    const data = item.price_data;
    if (typeof data !== 'object' || data === null) return invalid(`Missing required param: ${p}[price_data].`, `${p}[price_data]`);
    if (data.currency === undefined) return invalid(`Missing required param: ${p}[price_data][currency].`, `${p}[price_data][currency]`);
    if (!/^[a-z]{3}$/i.test(data.currency)) return invalid(`Invalid currency: ${data.currency}`, `${p}[price_data][currency]`);
    if (data.unit_amount === undefined) return invalid(`Missing required param: ${p}[price_data][unit_amount].`, `${p}[price_data][unit_amount]`);
    if (!/^\d+$/.test(data.unit_amount)) return invalid(`Invalid non-negative integer: ${data.unit_amount}`, `${p}[price_data][unit_amount]`);
    if (typeof data.product_data?.name !== 'string' || data.product_data.name.trim() === '') {
      return invalid(`Missing required param: ${p}[price_data][product_data][name].`, `${p}[price_data][product_data][name]`);
    }
    if (item.quantity === undefined) return invalid(`Missing required param: ${p}[quantity].`, `${p}[quantity]`);
    if (!/^\d+$/.test(item.quantity) || Number(item.quantity) < 1) return invalid('This value must be greater than or equal to 1.', `${p}[quantity]`);
    const lower = data.currency.toLowerCase();
    if (currency !== null && lower !== currency) {
      return invalid(`All line items must use the same currency: got ${lower} after ${currency}.`, `${p}[price_data][currency]`);
    }
    currency = lower;
  }
  for (const name of ['success_url', 'cancel_url']) {
    if (form[name] === undefined) return invalid(`Missing required param: ${name}.`, name);
    if (!isHttpUrl(form[name])) return invalid('Not a valid URL', name);
  }
  if (form.locale !== undefined && !LOCALES.includes(form.locale)) {
    return invalid(`Invalid locale: must be one of ${LOCALES.join(', ')}`, 'locale');
  }
  if (form.expires_at !== undefined) {
    if (!/^\d+$/.test(form.expires_at)) return invalid(`Invalid integer: ${form.expires_at}`, 'expires_at');
    const delta = Number(form.expires_at) - now();
    if (delta < 30 * 60 - 60) return invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
    if (delta > 24 * 3600 + 60) return invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
  }
  if (form.customer_email !== undefined && !String(form.customer_email).includes('@')) {
    return invalid(`Invalid email address: ${form.customer_email}`, 'customer_email');
  }
  return validateMetadata(form);
}

function validateMetadata(form) {
  if (form.metadata !== undefined && (typeof form.metadata !== 'object' || Array.isArray(form.metadata))) {
    return invalid('Invalid object', 'metadata');
  }
  for (const [key, value] of Object.entries(form.metadata ?? {})) {
    if (key.length > 40 || String(value).length > 500) return invalid('Metadata keys are at most 40 characters and values at most 500.', `metadata[${key}]`);
  }
  return null;
}

// Stripe's checks on POST /v1/refunds that need no payment: the first failure, else null.
function validateRefund(form) {
  for (const name of Object.keys(form)) {
    if (!REFUND_PARAMS.has(name)) return invalid(`Received unknown parameter: ${name}`, name);
  }
  if (form.charge === undefined && form.payment_intent === undefined) {
    return invalid('One of the following params should be provided for this request: charge or payment_intent.');
  }
  if (form.amount !== undefined && (!/^\d+$/.test(form.amount) || Number(form.amount) < 1)) {
    return invalid(`Invalid positive integer: ${form.amount}`, 'amount');
  }
  if (form.reason !== undefined && !REFUND_REASONS.includes(form.reason)) {
    return invalid(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
  }
  return validateMetadata(form);
}

// The key from `Authorization: Bearer sk_…` (or Basic with the key as user name, as curl -u sends).
function apiKeyOf(header = '') {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  return basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] : null;
}
const maskKey = (key) => (key.length > 12 ? `${key.slice(0, key.indexOf('_', 3) + 1)}${'*'.repeat(key.length - key.indexOf('_', 3) - 5)}${key.slice(-4)}` : key);

function formatAmount(amount, currency, lang) {
  const value = ZERO_DECIMAL.has(currency) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency: currency.toUpperCase() }).format(value);
  } catch {
    return `${value} ${currency.toUpperCase()}`;
  }
}

function page(res, status, lang, title, main) {
  const html = `<!doctype html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n`
    + `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n</head>\n`
    + `<body>\n<main>\n<h1>${escapeHtml(title)}</h1>\n${main}\n</main>\n</body>\n</html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export async function startFakeStripe({ secretKey = 'sk_test_comptoir', webhookSecret = 'whsec_test' } = {}) {
  const details = new Map(); // session id → { lineItems, charge, asyncPending } (not in Stripe's session object)
  const idempotent = new Map(); // key → { endpoint, raw, status, body }
  let failures = []; // queued failNext answers: { endpoint, status, body, remember }
  const refundSessions = new Map(); // refund id → the session whose payment it gives back

  // Where the fake's own events go: straight to the shop, or queued while holdWebhooks is set.
  async function dispatch(event) {
    if (fake.holdWebhooks) fake.queued.push(event);
    else await fake.deliver(event);
    return event;
  }

  function openSession(id) {
    const session = fake.sessions.get(id);
    if (!session) throw new Error(`fake Stripe: no such checkout session ${id}`);
    if (session.status !== 'open') throw new Error(`fake Stripe: checkout session ${id} is ${session.status}, not open`);
    return session;
  }

  function createSession(form) {
    const lineItems = form.line_items.map((item) => ({
      name: item.price_data.product_data.name,
      unit_amount: Number(item.price_data.unit_amount),
      quantity: Number(item.quantity),
    }));
    const amount = lineItems.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);
    const id = randomId('cs_test_', 24);
    const created = now();
    const session = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: amount,
      amount_total: amount,
      currency: form.line_items[0].price_data.currency.toLowerCase(),
      customer_email: form.customer_email ?? null,
      client_reference_id: form.client_reference_id ?? null,
      metadata: { ...(form.metadata ?? {}) },
      locale: form.locale ?? null,
      expires_at: form.expires_at !== undefined ? Number(form.expires_at) : created + 24 * 3600,
      success_url: form.success_url,
      cancel_url: form.cancel_url,
      url: `${fake.url}/pay/${id}`,
      payment_intent: null,
      created,
      livemode: false,
    };
    fake.sessions.set(id, session);
    details.set(id, { lineItems, charge: null, asyncPending: false });
    return session;
  }

  // The session's charge as charge.refunded shows it.
  function chargeOf(session) {
    const charge = details.get(session.id).charge;
    return {
      id: charge.id,
      object: 'charge',
      amount: session.amount_total,
      amount_refunded: charge.amount_refunded,
      refunded: charge.amount_refunded === session.amount_total,
      currency: session.currency,
      payment_intent: session.payment_intent,
      metadata: { ...session.metadata },
      livemode: false,
    };
  }

  // Gives `amount` of the session's payment back: the refund object and its charge.refunded event
  // (not dispatched). A pending refund counts in amount_refunded until it fails.
  function makeRefund(session, amount, { reason = null, metadata = {}, status = 'succeeded' } = {}) {
    const charge = details.get(session.id).charge;
    charge.amount_refunded += amount;
    const refund = {
      id: randomId('re_'),
      object: 'refund',
      amount,
      balance_transaction: randomId('txn_'),
      charge: charge.id,
      created: now(),
      currency: session.currency,
      failure_reason: null,
      metadata: { ...metadata },
      payment_intent: session.payment_intent,
      reason,
      receipt_number: null,
      status,
    };
    fake.refunds.set(refund.id, refund);
    refundSessions.set(refund.id, session.id);
    return { refund, event: fake.event('charge.refunded', chargeOf(session)) };
  }

  // POST /v1/refunds once its params are valid: { status, body, after? }.
  async function createRefundFromApi(form) {
    const session = [...fake.sessions.values()].find((s) => s.payment_intent !== null
      && (s.payment_intent === form.payment_intent || details.get(s.id).charge?.id === form.charge));
    if (!session) {
      const [param, id] = form.payment_intent !== undefined ? ['payment_intent', form.payment_intent] : ['charge', form.charge];
      return { status: 404, body: { error: { type: 'invalid_request_error', message: `No such ${param}: '${id}'`, param, code: 'resource_missing' } } };
    }
    const charge = details.get(session.id).charge;
    if (session.payment_status !== 'paid') {
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'This PaymentIntent does not have a successful charge to refund.', code: 'charge_not_refundable' } } };
    }
    const left = session.amount_total - charge.amount_refunded;
    if (left === 0) {
      return { status: 400, body: { error: { type: 'invalid_request_error', message: `Charge ${charge.id} has already been refunded.`, code: 'charge_already_refunded' } } };
    }
    const amount = form.amount !== undefined ? Number(form.amount) : left;
    if (amount > left) {
      const shown = (cents) => formatAmount(cents, session.currency, 'en');
      return { status: 400, body: { error: { type: 'invalid_request_error', message: `Refund amount (${shown(amount)}) is greater than unrefunded amount on charge (${shown(left)})`, param: 'amount', code: 'amount_too_large' } } };
    }
    const { refund, event } = makeRefund(session, amount, { reason: form.reason ?? null, metadata: form.metadata, status: fake.refundStatus });
    const result = { status: 200, body: refund };
    // Stripe sends its webhooks apart from its answers: after it (the usual), or before.
    if (fake.refundWebhooks === 'before') await dispatch(event);
    else result.after = () => dispatch(event);
    return result;
  }

  // Answers one /v1 request: { status, body, replayed?, after? }.
  async function api(method, path, form, raw, headers) {
    const key = apiKeyOf(headers.authorization);
    if (!key) {
      return stripeError(401, 'invalid_request_error', "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
    }
    if (key !== secretKey) return stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`);
    const endpoint = `${method} ${path}`;
    const idempotencyKey = method === 'POST' ? headers['idempotency-key'] : undefined;

    const failing = failures.findIndex((f) => f.endpoint === endpoint);
    if (failing >= 0) {
      const [failure] = failures.splice(failing, 1);
      if (failure.remember && idempotencyKey) idempotent.set(idempotencyKey, { raw, ...failure });
      return failure;
    }
    if (idempotencyKey && idempotent.has(idempotencyKey)) {
      const saved = idempotent.get(idempotencyKey);
      if (saved.endpoint !== endpoint || saved.raw !== raw) {
        return stripeError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
      }
      return { status: saved.status, body: saved.body, replayed: true };
    }

    let result;
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    const session = sessionPath && fake.sessions.get(sessionPath[1]);
    if (endpoint === 'POST /v1/checkout/sessions') {
      result = validateCreate(form) ?? { status: 200, body: createSession(form) };
    } else if (endpoint === 'POST /v1/refunds') {
      result = validateRefund(form) ?? await createRefundFromApi(form);
    } else if (sessionPath && method === (sessionPath[2] ? 'POST' : 'GET')) {
      if (!session) {
        result = { status: 404, body: { error: { type: 'invalid_request_error', message: `No such checkout.session: '${sessionPath[1]}'`, param: 'id', code: 'resource_missing' } } };
      } else if (!sessionPath[2]) {
        result = { status: 200, body: session };
      } else if (session.status !== 'open') {
        result = invalid('Only Checkout Sessions with a status in ["open"] can be expired.');
      } else {
        await fake.expire(session.id);
        result = { status: 200, body: session };
      }
    } else {
      result = { ...invalid(`Unrecognized request URL (${method}: ${path}).`), status: 404 };
    }
    // Only results of requests that ran are kept: validation errors can be retried with the key.
    if (idempotencyKey && result.status >= 200 && result.status < 300) {
      idempotent.set(idempotencyKey, { endpoint, raw, status: result.status, body: JSON.parse(JSON.stringify(result.body)) });
    }
    return result;
  }

  async function payPage(req, res, id) {
    const session = fake.sessions.get(id);
    const lang = session?.locale && session.locale !== 'auto' ? session.locale : 'en';
    if (!session) return page(res, 404, 'en', 'Checkout session not found', '<p>This payment page does not exist.</p>');
    if (session.status !== 'open') {
      return page(res, 410, lang, 'Checkout session no longer open', `<p>This checkout session is ${escapeHtml(session.status)}.</p>`);
    }
    if (req.method === 'POST') {
      await readBody(req);
      try {
        await fake.pay(id);
      } catch (error) {
        return page(res, 502, lang, 'Payment could not be completed', `<p>${escapeHtml(error.message)}</p>`);
      }
      const location = session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', id);
      res.writeHead(303, { location, 'content-type': 'text/plain; charset=utf-8' });
      return res.end(`See ${location}\n`);
    }
    const items = details.get(id).lineItems.map((item) => `<li>${escapeHtml(item.name)} × ${item.quantity}: `
      + `${escapeHtml(formatAmount(item.unit_amount * item.quantity, session.currency, lang))}</li>`).join('\n');
    return page(res, 200, lang, 'Fake Stripe Checkout', [
      `<p>Total: <strong>${escapeHtml(formatAmount(session.amount_total, session.currency, lang))}</strong></p>`,
      `<ul>\n${items}\n</ul>`,
      `<form method="post" action="/pay/${escapeHtml(id)}">\n<button type="submit">Pay</button>\n</form>`,
      `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>`,
    ].join('\n'));
  }

  async function handle(req, res) {
    const target = new URL(req.url, 'http://fake-stripe');
    const pay = /^\/pay\/([^/]+)$/.exec(target.pathname);
    if (pay && (req.method === 'GET' || req.method === 'POST')) return payPage(req, res, pay[1]);
    if (!target.pathname.startsWith('/v1/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found\n');
    }
    const raw = await readBody(req);
    const form = parseForm(req.method === 'GET' ? target.search.slice(1) : raw);
    fake.requests.push({ method: req.method, path: target.pathname, headers: req.headers, form, raw });
    const result = await api(req.method, target.pathname, form, raw, req.headers);
    const headers = { 'content-type': 'application/json', 'request-id': randomId('req_', 7), 'stripe-version': API_VERSION };
    if (req.headers['idempotency-key']) headers['idempotency-key'] = req.headers['idempotency-key'];
    if (result.replayed) headers['idempotent-replayed'] = 'true';
    res.writeHead(result.status, headers);
    res.end(typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 2));
    // A delivery the shop did not take shows in `deliveries` by its absence, as with Stripe.
    if (result.after) await result.after().catch(() => {});
  }

  const fake = {
    url: null,
    webhookUrl: null,
    sessions: new Map(),
    refunds: new Map(), // refund id → Stripe's refund object
    refundStatus: 'succeeded', // what POST /v1/refunds makes: 'pending' for a refund Stripe settles later
    refundWebhooks: 'after', // charge.refunded of POST /v1/refunds: 'after' its answer, or 'before' it
    requests: [],
    events: [],
    deliveries: [], // every webhook POST: { event, status, body }
    holdWebhooks: false,
    queued: [], // events held back while holdWebhooks is set

    // The next `n` requests to `endpoint` (session creations by default; 'POST /v1/refunds')
    // answer this error. Like an outage before Stripe runs the endpoint, it is not saved under the
    // Idempotency-Key unless `remember` (Stripe's documented behaviour once the endpoint has
    // started).
    failNext(n = 1, { status = 500, body, remember = false, endpoint = 'POST /v1/checkout/sessions' } = {}) {
      const answer = body ?? { error: { type: 'api_error', message: 'An unknown error occurred (fake Stripe failNext).' } };
      failures = failures.concat(Array.from({ length: n }, () => ({ endpoint, status, body: answer, remember })));
    },

    event(type, object) {
      const event = {
        id: randomId('evt_'),
        object: 'event',
        api_version: API_VERSION,
        created: now(),
        data: { object: structuredClone(object) }, // a snapshot: later changes do not alter it
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      };
      fake.events.push(event);
      return event;
    },

    // POSTs `event` to webhookUrl as Stripe does: pretty-printed JSON, signed over the exact bytes
    // sent. `secret` signs with another secret (rotation), `timestamp` (Unix seconds) dates the
    // signature, `body` replaces the JSON sent (still signed), `signature` replaces the
    // Stripe-Signature header verbatim (bad-signature tests).
    async deliver(event, { secret = webhookSecret, timestamp, signature, body } = {}) {
      if (!fake.webhookUrl) throw new Error('fake Stripe: webhookUrl is not set, cannot deliver webhooks');
      const payload = body ?? JSON.stringify(event, null, 2);
      const header = signature ?? signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
      const answer = await new Promise((resolve, reject) => {
        const req = http.request(fake.webhookUrl, {
          method: 'POST',
          agent: false,
          timeout: 30_000,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(payload),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': header,
          },
        }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('timeout', () => req.destroy(new Error(`fake Stripe: ${fake.webhookUrl} did not answer within 30 s`)));
        req.on('error', reject);
        req.end(payload);
      });
      fake.deliveries.push({ event, ...answer });
      return answer;
    },

    // Sends the held events in the order they were made; resolves to their { status, body }.
    async releaseWebhooks() {
      const results = [];
      while (fake.queued.length > 0) results.push(await fake.deliver(fake.queued.shift()));
      return results;
    },

    // The hosted page's Pay button. `async`: a delayed method (bank debit), paid only once
    // asyncResult says so. Resolves to the checkout.session.completed event.
    async pay(id, { async = false } = {}) {
      const session = openSession(id);
      Object.assign(session, { status: 'complete', payment_status: async ? 'unpaid' : 'paid', payment_intent: randomId('pi_'), url: null });
      Object.assign(details.get(id), { charge: { id: randomId('ch_'), amount_refunded: 0 }, asyncPending: async });
      return dispatch(fake.event('checkout.session.completed', session));
    },

    async asyncResult(id, ok) {
      const session = fake.sessions.get(id);
      if (!details.get(id)?.asyncPending) throw new Error(`fake Stripe: ${id} has no delayed payment waiting for a result`);
      details.get(id).asyncPending = false;
      session.payment_status = ok ? 'paid' : 'unpaid';
      return dispatch(fake.event(`checkout.session.async_payment_${ok ? 'succeeded' : 'failed'}`, session));
    },

    async expire(id) {
      const session = openSession(id);
      Object.assign(session, { status: 'expired', url: null });
      return dispatch(fake.event('checkout.session.expired', session));
    },

    // Refunds `amount` (default: what is left) of the session's payment, as from Stripe's
    // dashboard; resolves to charge.refunded.
    async refund(id, amount) {
      const session = fake.sessions.get(id);
      const charge = details.get(id)?.charge;
      if (!charge || session.payment_status !== 'paid') throw new Error(`fake Stripe: ${id} has no successful payment to refund`);
      const left = session.amount_total - charge.amount_refunded;
      const value = amount ?? left;
      if (!Number.isInteger(value) || value <= 0 || value > left) {
        throw new Error(`fake Stripe: cannot refund ${value} on ${id}: ${left} left to refund`);
      }
      return dispatch(makeRefund(session, value).event);
    },

    // A pending refund reaches its end: 'succeeded', or 'failed' (its amount is no longer
    // refunded). Resolves to the refund.updated event.
    async settleRefund(refundId, status, { failureReason = 'expired_or_canceled_card' } = {}) {
      const refund = fake.refunds.get(refundId);
      if (!refund || refund.status !== 'pending') throw new Error(`fake Stripe: ${refundId} is not a pending refund`);
      refund.status = status;
      if (status === 'failed') {
        refund.failure_reason = failureReason;
        details.get(refundSessions.get(refundId)).charge.amount_refunded -= refund.amount;
      }
      return dispatch(fake.event('refund.updated', refund));
    },

    close: () => fakes.close(fake, server),
  };

  const server = jsonServer(handle, (error) => ({ error: { type: 'api_error', message: `fake Stripe crashed: ${error.message}` } }));
  fake.url = await listenLocal(server);
  fakes.add(fake);
  return fake;
}
