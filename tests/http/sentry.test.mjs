// Error reports to Sentry (or GlitchTip), black box: the real binary with SENTRY_DSN pointing at a
// local fake ingest that checks the envelope and the auth header (tests/support/fake_sentry.mjs).
// What is reported (a 5xx, an unhandled exception, a refused payment event, a failed job), what an
// event says (release, environment, request id, route, user id, breadcrumbs) and never says (the
// customer's email, addresses, cookies), that a dead or slow Sentry never holds a request up, that
// a flood of one error is sampled, and that Sentry's 429 pauses sending.
//
// Four processes share one database: `plain` (no SENTRY_DSN, where customers sign in), `shop`
// (reporting to the fake; a password hasher with no room, COMPTOIR_TEST_FAULT=hasher_full, so a
// signed-in customer changing a password gets a 503), `dead` (a DSN on a closed port) and `slow`
// (a fake that answers after 10 s). An unhandled exception is provoked by renaming a table a page
// reads (the account page lists the addresses), a failing job by renaming the table a job reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeSentry } from '../support/fake_sentry.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { FormClient } from '../support/form_client.mjs';
import {
  createDatabase, describe as show, freePort, request, runComptoir, sleep, startServer,
} from '../support/server.mjs';

const PASSWORD = 'Erable-et-sapin-2026';
const SECRET_KEYS = `s1:${randomBytes(32).toString('base64')}`;
const STRIPE_KEY = 'sk_test_sentry_suite_51Hx';
const WEBHOOK_SECRET = 'whsec_sentry_suite_Vq3kT8pLm2';

// At the top level: the fakes register `after` hooks, which node:test would run as soon as a
// `before` that called them ends.
const sentry = await startFakeSentry({ publicKey: 'c0ffee5e27e7a11c0', projectId: '4242' });
const slowSentry = await startFakeSentry({ publicKey: 'deadbeef5107', projectId: '7', hangMs: 10_000 });
const stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
const closedPort = await freePort();

let db;
let plain;
let shop;
let dead;
let slow;
let release;
let product;
const common = { COMPTOIR_SECRET_KEYS: SECRET_KEYS, COMPTOIR_WAF: 'off' };

before(async () => {
  db = await createDatabase();
  plain = await startServer({ database: { url: db.url }, env: common });
  shop = await startServer({
    database: { url: db.url }, migrate: false,
    env: {
      ...common, SENTRY_DSN: sentry.dsn, COMPTOIR_TEST_FAULT: 'hasher_full',
      STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url,
    },
  });
  stripe.webhookUrl = `${shop.url}/webhooks/stripe`;
  dead = await startServer({
    database: { url: db.url }, migrate: false,
    env: { ...common, SENTRY_DSN: `http://c0ffee@127.0.0.1:${closedPort}/1`, COMPTOIR_TEST_FAULT: 'hasher_full' },
  });
  slow = await startServer({
    database: { url: db.url }, migrate: false,
    env: { ...common, SENTRY_DSN: slowSentry.dsn, COMPTOIR_TEST_FAULT: 'hasher_full' },
  });
  release = (await runComptoir(['--version'])).stdout.trim();
  const api = catalogApi(shop, await createToken(shop));
  const made = await api.post('/api/v1/products', {
    status: 'active', text: { fr: { name: 'Tasse en grès' }, en: { name: 'Stoneware cup' } },
    variants: [{ sku: `SENTRY-cup-${process.pid}`, price_cents: 1_250, stock_on_hand: 500 }],
  });
  product = { id: made.id, variant: made.variants[0].id };
}, { timeout: 120_000 });
after(async () => {
  for (const server of [slow, dead, shop, plain]) await server?.stop({ signal: 'SIGKILL' }).catch(() => {});
  await db?.drop();
});

const sql = (query) => execFileSync('psql', [db.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
let serial = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${(serial += 1)}@courriel-client.example`;

// A customer created with the CLI and signed in on `plain`; the session works on every process.
async function signedInCustomer(tag) {
  const email = newEmail(tag);
  const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: db.url }, input: `${PASSWORD}\n`, timeout: 60_000,
  });
  assert.equal(made.code, 0, made.output);
  const id = Number(sql(`SELECT id FROM users WHERE email = ${quote(email)}`));
  // From an address of its own (every 127.0.0.0/8 address reaches the servers), to look for it.
  const address = `127.0.0.${100 + serial}`;
  const client = new FormClient(plain.url, { userAgent: 'sentry-suite/1.0', localAddress: address });
  const res = await client.submit('/fr/connexion', { email, password: PASSWORD });
  assert.equal(res.status, 303, show(res));
  return {
    email, id, client, address,
    on(server) { client.baseUrl = server.url; client.origin = server.url; return client; },
  };
}

// Counters of the reporter on `server`'s /metrics, by series ("sentry_events_sent_total", …).
async function reporterMetrics(server) {
  const res = await request(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  const out = {};
  for (const line of res.text.split('\n')) {
    if (line.startsWith('sentry_')) out[line.slice(0, line.lastIndexOf(' '))] = Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return out;
}
const dropped = (metrics, reason) => metrics[`sentry_events_dropped_total{reason="${reason}"}`] ?? 0;
const handled = (m) => (m.sentry_events_sent_total ?? 0) + (m.sentry_events_failed_total ?? 0)
  + ['queue_full', 'sampled', 'rate_limited', 'shutdown'].reduce((sum, reason) => sum + dropped(m, reason), 0);

async function eventually(probe, timeout = 15_000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) assert.fail(`not reached within ${timeout} ms`);
    await sleep(50);
  }
}

// What must never be in an event: the customer's email (whole, or its parts), their IP address,
// their password, the session cookie.
function assertNoPii(raw, { email, address, cookie }) {
  for (const leak of [email, email.split('@')[0], email.split('@')[1], address, PASSWORD]) {
    assert.ok(!raw.includes(leak), `the event holds ${leak}:\n${raw}`);
  }
  if (cookie) assert.ok(!raw.includes(cookie), `the event holds the session cookie:\n${raw}`);
}

// Renames `table` away while fn runs (the pages or jobs that read it then fail), then back.
async function withoutTable(table, fn) {
  sql(`ALTER TABLE ${table} RENAME TO ${table}_away`);
  try {
    return await fn();
  } finally {
    sql(`ALTER TABLE ${table}_away RENAME TO ${table}`);
  }
}

describe('what is reported', { timeout: 120_000 }, () => {
  let busy; // the 503's { res, event }

  test('a 5xx answer arrives with release, environment, request id, route, user id and breadcrumbs, and no PII', async () => {
    const customer = await signedInCustomer('cinq-cents');
    const client = customer.on(shop);
    const res = await client.submit('/fr/compte', { current_password: PASSWORD, new_password: 'Nouveau-mot-de-passe-2026' }, { action: '/fr/compte/mot-de-passe' });
    assert.equal(res.status, 503, show(res));
    const requestId = res.headers['x-request-id'];
    assert.ok(requestId);
    const event = await sentry.waitFor((e) => e.tags?.request_id === requestId);
    assert.equal(event.level, 'error');
    assert.equal(event.logger, 'http');
    assert.equal(event.platform, 'native');
    assert.match(event.event_id, /^[0-9a-f]{32}$/);
    assert.equal(event.release, release);
    assert.match(release, /^comptoir \d+\.\d+\.\d+ \(/);
    assert.equal(event.environment, 'test');
    assert.ok(event.server_name);
    assert.equal(event.tags.route, '/fr/compte/mot-de-passe');
    assert.equal(event.tags.status, '503');
    assert.equal(event.transaction, 'POST /fr/compte/mot-de-passe');
    assert.deepEqual(event.user, { id: String(customer.id) });
    assert.equal(event.request.method, 'POST');
    assert.equal(event.request.url, `${shop.url}/fr/compte/mot-de-passe`);
    assert.deepEqual(event.request.headers, { 'User-Agent': 'sentry-suite/1.0' });
    assert.equal(event.exception, undefined, 'a deliberate 503 is no exception');
    const crumbs = event.breadcrumbs?.values ?? [];
    const access = crumbs.find((c) => c.message === 'request');
    assert.ok(access, `no breadcrumb of the request's log line: ${JSON.stringify(crumbs)}`);
    assert.equal(access.data.status, 503);
    assert.equal(access.data.route, '/fr/compte/mot-de-passe');
    assert.equal(access.data.client, undefined);
    assert.equal(access.data.path, undefined);
    const raw = sentry.events.find((e) => e.event === event).raw;
    assertNoPii(raw, { email: customer.email, address: customer.address, cookie: client.cookie });
    const { auth, headers } = sentry.events.find((e) => e.event === event);
    assert.equal(auth.sentry_key, sentry.publicKey);
    assert.equal(auth.sentry_version, '7');
    assert.match(auth.sentry_client, /^comptoir\/\d+\.\d+\.\d+$/);
    assert.equal(headers['content-type'], 'application/x-sentry-envelope');
    busy = { requestId, event };
  });

  test('an unhandled exception arrives once with its type and message, the user id and the log lines', async () => {
    const customer = await signedInCustomer('exception');
    const client = customer.on(shop);
    const res = await withoutTable('addresses', () => client.get('/fr/compte?tri=recent'));
    assert.equal(res.status, 500, show(res));
    const requestId = res.headers['x-request-id'];
    const event = await sentry.waitFor((e) => e.tags?.request_id === requestId);
    assert.equal(event.message, 'unhandled exception');
    const [exception] = event.exception.values;
    assert.match(exception.type, /^comptoir::/);
    assert.match(exception.value, /addresses/);
    assert.equal(event.tags.route, '/fr/compte');
    assert.deepEqual(event.user, { id: String(customer.id) });
    assert.equal(event.request.url, `${shop.url}/fr/compte?tri=recent`);
    const messages = event.breadcrumbs.values.map((c) => c.message);
    assert.ok(messages.includes('unhandled exception'), messages.join(', '));
    assert.ok(messages.includes('request'), messages.join(', '));
    assertNoPii(sentry.events.find((e) => e.event === event).raw, { email: customer.email, address: customer.address, cookie: client.cookie });
    // Each request was reported once: the 503 before, this one now.
    assert.equal(sentry.events.filter((e) => e.event.tags?.request_id === requestId).length, 1);
    assert.equal(sentry.events.filter((e) => e.event.tags?.request_id === busy.requestId).length, 1);
  });

  test('a refused payment event arrives as a warning with its reason and order, without the customer', async () => {
    const email = newEmail('paiement');
    const client = new FormClient(shop.url);
    const first = await client.send('/api/v1/cart', { headers: { 'accept-language': 'fr' } });
    const token = JSON.parse(first.text).csrf_token;
    const call = (method, path, body) => client.send(path, {
      method, headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: shop.url }, rawBody: JSON.stringify(body),
    });
    assert.equal((await call('POST', '/api/v1/cart/items', { product_id: product.id, variant_id: product.variant, quantity: 1 })).status, 201);
    const placed = await call('POST', '/api/v1/checkout', {
      email, region: 'CA-QC', shipping_address: { full_name: 'Élise Tremblay', line1: '4321 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 1K4' },
    });
    assert.equal(placed.status, 201, show(placed));
    const { order } = JSON.parse(placed.text);
    const foreign = stripe.event('checkout.session.completed', {
      id: `cs_test_foreign_${Date.now()}`, object: 'checkout.session', status: 'complete', payment_status: 'paid',
      amount_total: 1, currency: 'cad', client_reference_id: order.number, payment_intent: `pi_foreign_${Date.now()}`,
      metadata: {}, customer_details: { email },
    });
    await stripe.deliver(foreign);
    const delivery = stripe.deliveries.findLast((d) => d.event.id === foreign.id);
    assert.equal(delivery.status, 200, delivery.body);
    assert.deepEqual(JSON.parse(delivery.body), { status: 'refused' });
    const event = await sentry.waitFor((e) => e.logger === 'checkout' && e.tags?.stripe_event === foreign.id);
    assert.equal(event.level, 'warning');
    assert.equal(event.message, 'payment event refused: foreign_session');
    assert.equal(event.tags.reason, 'foreign_session');
    assert.equal(event.tags.order, order.number);
    assert.equal(event.tags.route, '/webhooks/stripe');
    assert.match(event.tags.request_id, /^[\w.:-]+$/);
    assert.equal(event.user, undefined);
    const raw = sentry.events.find((e) => e.event === event).raw;
    assert.ok(!raw.includes(email) && !raw.includes('Tremblay') && !raw.includes('Saint-Denis'), raw);
  });

  test('a failed periodic job arrives with its name and error', async () => {
    const event = await withoutTable('stripe_events', () => sentry.waitFor((e) => e.logger === 'jobs' && e.tags?.job === 'checkout.stripe_events', 15_000));
    assert.equal(event.message, 'job failed');
    assert.equal(event.transaction, 'checkout.stripe_events');
    assert.match(event.exception.values[0].type, /^comptoir::/);
    assert.match(event.exception.values[0].value, /stripe_events/);
    assert.equal(event.user, undefined);
    assert.equal(event.release, release);
  });
});

describe('a flood of one error', { timeout: 120_000 }, () => {
  test('200 identical 500s produce at most the sampled number of events; the rest are counted as sampled', async () => {
    const customer = await signedInCustomer('deluge');
    const client = customer.on(shop);
    const before = await reporterMetrics(shop);
    const ids = new Set();
    await withoutTable('addresses', async () => {
      for (let batch = 0; batch < 20; batch += 1) {
        const answers = await Promise.all(Array.from({ length: 10 }, () => client.get('/fr/compte')));
        for (const res of answers) {
          assert.equal(res.status, 500, show(res));
          ids.add(res.headers['x-request-id']);
        }
      }
    });
    assert.equal(ids.size, 200);
    // Every one of the 200 reports was handled: sent, or dropped and counted.
    const after = await eventually(async () => {
      const now = await reporterMetrics(shop);
      return handled(now) - handled(before) >= 200 ? now : null;
    });
    const sent = after.sentry_events_sent_total - before.sentry_events_sent_total;
    const sampled = dropped(after, 'sampled') - dropped(before, 'sampled');
    assert.ok(sent <= 10, `${sent} events sent for one error in a minute (at most 10)`);
    assert.ok(sampled >= 190, `${sampled} sampled`);
    const flood = sentry.events.filter((e) => ids.has(e.event.tags?.request_id));
    assert.ok(flood.length <= sent, `${flood.length} events of the flood, ${sent} sent`);
    // The same fingerprint for all of them, which Sentry groups by.
    assert.equal(new Set(flood.map((e) => JSON.stringify(e.event.fingerprint))).size, Math.min(1, flood.length));
  });
});

describe("Sentry's rate limits", { timeout: 60_000 }, () => {
  // Last of the suites that need `shop`'s events to arrive: the pause lasts 30 s.
  test('a 429 with X-Sentry-Rate-Limits pauses sending: what comes meanwhile is dropped and counted', async () => {
    const before = await reporterMetrics(shop);
    sentry.rateLimitNext({ retryAfter: 30, limits: '30:error;default:key' });
    const login = () => new FormClient(shop.url).submit('/fr/connexion', { email: newEmail('quota'), password: PASSWORD });
    assert.equal((await login()).status, 503);
    await eventually(() => sentry.limited.length > 0);
    await eventually(async () => dropped(await reporterMetrics(shop), 'rate_limited') > dropped(before, 'rate_limited'));
    // Paused now: the next report is not even queued.
    const sentBefore = (await reporterMetrics(shop)).sentry_events_sent_total;
    assert.equal((await login()).status, 503);
    const after = await reporterMetrics(shop);
    assert.equal(dropped(after, 'rate_limited') - dropped(before, 'rate_limited'), 2);
    assert.equal(after.sentry_events_sent_total, sentBefore);
  });
});

describe('a dead or slow Sentry', { timeout: 120_000 }, () => {
  const busyLogin = (server) => new FormClient(server.url).submit('/fr/connexion', { email: newEmail('lent'), password: PASSWORD });

  test('a DSN on a closed port: requests are answered, and the failures are counted', async () => {
    const before = await reporterMetrics(dead);
    for (let i = 0; i < 3; i += 1) assert.equal((await busyLogin(dead)).status, 503);
    await eventually(async () => ((await reporterMetrics(dead)).sentry_events_failed_total ?? 0) > (before.sentry_events_failed_total ?? 0));
  });

  test('a Sentry that answers after 10 s: requests are answered while it still holds the first report', async () => {
    assert.equal((await busyLogin(slow)).status, 503);
    await eventually(() => slowSentry.hanging > 0);
    const res = await busyLogin(slow);
    assert.equal(res.status, 503, show(res));
    assert.ok(slowSentry.hanging > 0, 'the slow Sentry had answered: the test proves nothing');
    const page = await request(`${slow.url}/healthz`);
    assert.equal(page.status, 200);
    assert.ok(slowSentry.hanging > 0);
  });

  test('SIGTERM with reports still queued for the slow Sentry: the process exits before it answers', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await busyLogin(slow)).status, 503);
    assert.ok(slowSentry.hanging > 0);
    const code = await slow.stop();
    assert.equal(code, 0);
    assert.ok(slowSentry.hanging > 0, 'the process waited for the slow Sentry');
  });
});

describe('without SENTRY_DSN', { timeout: 60_000 }, () => {
  test('nothing is reported: no reporter metrics, no event from that process', async () => {
    const customer = await signedInCustomer('sans-dsn');
    const res = await withoutTable('addresses', () => customer.client.get('/fr/compte'));
    assert.equal(res.status, 500, show(res));
    assert.deepEqual(await reporterMetrics(plain), {});
    assert.ok(!plain.logs().some((line) => line.json?.msg === 'errors are reported to Sentry'));
    assert.ok(shop.logs().some((line) => line.json?.msg === 'errors are reported to Sentry'));
    assert.ok(!sentry.events.some((e) => e.event.tags?.request_id === res.headers['x-request-id']));
    // And the fake refused nothing the reporting processes sent during the whole suite.
    assert.equal(sentry.rejected.length, 0, JSON.stringify(sentry.rejected));
  });
});
