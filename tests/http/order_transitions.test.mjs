// Staff changing orders through the JSON API (GET /api/v1/orders/{number}, POST …/transitions),
// black box: scopes, the transitions allowed and refused, what each one stores and mails, and
// orders paid offline (manual provider, no STRIPE_SECRET_KEY).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { FormClient } from '../support/form_client.mjs';
import { describe as show, request, runComptoir, sleep, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { cents } from '../support/money.mjs';

const STRIPE_KEY = 'sk_test_transitions_suite_7Qa';
const SECRET = 'whsec_transitions_Kp2Wd8';
const KEYS = `k1:${Buffer.alloc(32, 11).toString('base64')}`;
const ADDRESS = { full_name: 'Marc Bouchard', line1: '88 avenue du Parc', city: 'Montréal', postal_code: 'H2X 1K4' };
const TRACKING = 'https://track.example/1Z';

// At the top level: its `after` hook would run right after a `before` hook that called it.
const capture = await startSmtpCapture();
let stripe;
let shop;    // paid through Stripe
let manual;  // paid offline
const tokens = { shop: {}, manual: {} };
const products = {};

before(async () => {
  stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: SECRET });
  const mail = { SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: KEYS };
  shop = await startServer({ env: { ...mail, STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_API_BASE: stripe.url } });
  stripe.webhookUrl = `${shop.url}/webhooks/stripe`;
  manual = await startServer({ env: mail });
  for (const [name, target] of [['shop', shop], ['manual', manual]]) {
    const api = catalogApi(target, await createToken(target));
    const made = await api.post('/api/v1/products', {
      status: 'active', text: { fr: { name: 'Planche à découper' }, en: { name: 'Cutting board' } },
      variants: [{ sku: `BOARD-${process.pid}`, price_cents: 3_500, stock_on_hand: 40 }],
    });
    products[name] = { id: made.id, variant: made.variants[0].id };
    for (const scope of ['orders:read', 'orders:write', 'orders:refund']) tokens[name][scope] = await token(target, scope);
  }
}, { timeout: 90_000 });
after(async () => {
  await shop?.stop();
  await manual?.stop();
});

const createTokenCli = (target, name, scopes) => runComptoir(['token', 'create', '--name', name, ...scopes.flatMap((s) => ['--scope', s])], {
  env: { COMPTOIR_ENV: 'test', DATABASE_URL: target.database.url },
});
const tokenOf = (result) => result.stdout.trim().split('\n').pop().trim();

// A token with `scope`, from the CLI as an operator would make it.
async function token(target, scope) {
  const made = await createTokenCli(target, `staff-${scope}`, [scope]);
  assert.equal(made.code, 0, made.output);
  return tokenOf(made);
}

const sql = (target, query) => execFileSync('psql', [target.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const stockOf = (target, name) => Number(sql(target, `SELECT stock_on_hand FROM variants WHERE id = ${products[name].variant}`));
const flat = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
const money = (cents) => `${(cents / 100).toFixed(2).replace('.', ',')} $`;

// The staff API with `scope`'s token (none when scope is null).
function staff(target, scope) {
  const name = target === shop ? 'shop' : 'manual';
  const auth = scope ? { authorization: `Bearer ${tokens[name][scope]}` } : {};
  const parse = (res) => ({ ...res, json: res.text ? JSON.parse(res.text) : null });
  return {
    get: async (number) => parse(await request(`${target.url}/api/v1/orders/${number}`, { headers: { accept: 'application/json', ...auth } })),
    move: async (number, body) => parse(await request(`${target.url}/api/v1/orders/${number}/transitions`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', ...auth }, body: JSON.stringify(body),
    })),
  };
}

let orderCount = 0;
// A guest checks out one product (in French) through the cart and checkout JSON API.
async function placeOrder(target, quantity = 2) {
  const email = `staff-${(orderCount += 1)}-${process.pid}@example.ca`;
  const name = target === shop ? 'shop' : 'manual';
  const client = new FormClient(target.url);
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': 'fr' } });
  const csrf = JSON.parse(first.text).csrf_token;
  const call = (path, body) => client.send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: target.url, 'accept-language': 'fr' },
    rawBody: JSON.stringify(body),
  });
  const added = await call('/api/v1/cart/items', { product_id: products[name].id, variant_id: products[name].variant, quantity });
  assert.equal(added.status, 201, show(added));
  const res = await call('/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS });
  assert.equal(res.status, 201, show(res));
  const { order, payment_url: paymentUrl } = JSON.parse(res.text);
  return { ...order, email, paymentUrl, session: new URL(paymentUrl).pathname.split('/').pop() };
}

// A Stripe order, paid through the webhook, its confirmation received.
async function paidOrder() {
  const order = await placeOrder(shop);
  await stripe.pay(order.session);
  assert.equal(stripe.deliveries.at(-1).status, 200, stripe.deliveries.at(-1).body);
  await capture.waitFor(order.email, (m) => /confirmée/.test(m.subject));
  return order;
}

const assertProblem = (res, status, code) => {
  assert.equal(res.status, status, show(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  if (code) assert.equal(res.json.code, code);
};

describe('reading an order', { timeout: 60_000 }, () => {
  test('comptoir token create issues the order scopes (orders:read, orders:write, orders:refund)', async () => {
    const made = await createTokenCli(shop, 'order-desk', ['orders:read', 'orders:write', 'orders:refund']);
    assert.equal(made.code, 0, made.output);
    const res = await request(`${shop.url}/api/v1/orders/CMP-00000000`, { headers: { authorization: `Bearer ${tokenOf(made)}` } });
    assert.equal(res.status, 404, show(res));
  });

  test('GET /api/v1/orders/{number} needs a token with orders:read and shows lines, totals and history', async () => {
    const order = await paidOrder();
    assertProblem(await staff(shop, null).get(order.number), 401);
    assertProblem(await staff(shop, 'orders:write').get(order.number), 403);
    const res = await staff(shop, 'orders:read').get(order.number);
    assert.equal(res.status, 200, show(res));
    const got = res.json;
    assert.equal(got.number, order.number);
    assert.equal(got.status, 'paid');
    assert.equal(got.payment_provider, 'stripe');
    assert.equal(got.payment_reference, order.session);
    assert.deepEqual(got.lines.map((l) => [l.name, l.quantity, cents(l.unit_price), cents(l.amount)]), [['Planche à découper', 2, 3_500, 7_000]]);
    assert.equal(cents(got.totals.subtotal), 7_000);
    assert.deepEqual(got.totals.subtotal, { amount_cents: 7_000, currency: 'CAD', formatted: '70,00\u00a0$' });
    assert.deepEqual(got.totals.total, order.totals.total);
    assert.deepEqual(got.totals.taxes.map((t) => t.code), ['gst', 'qst']);
    assert.deepEqual(got.history.map((h) => [h.from, h.to, h.actor]), [[null, 'pending', 'customer'], ['pending', 'paid', 'stripe']]);
    assertProblem(await staff(shop, 'orders:read').get('CMP-00000000'), 404);
  });
});

describe('staff transitions', { timeout: 120_000 }, () => {
  test('ship with a tracking link, refuse going back to paid, deliver, then refund with the refund scope', async () => {
    const order = await paidOrder();
    assertProblem(await staff(shop, null).move(order.number, { to: 'fulfilled' }), 401);
    assertProblem(await staff(shop, 'orders:read').move(order.number, { to: 'fulfilled' }), 403);

    const shipped = await staff(shop, 'orders:write').move(order.number, { to: 'fulfilled', tracking_url: TRACKING, note: 'Postes Canada' });
    assert.equal(shipped.status, 200, show(shipped));
    assert.equal(shipped.json.status, 'fulfilled');
    assert.equal(shipped.json.tracking_url, TRACKING);
    assert.deepEqual(shipped.json.history.at(-1), { ...shipped.json.history.at(-1), from: 'paid', to: 'fulfilled', actor: 'api_token', note: 'Postes Canada' });
    const mail = await capture.waitFor(order.email, (m) => /expédiée/.test(m.subject));
    assert.equal(mail.subject, `Commande ${order.number} expédiée`);
    assert.ok(flat(mail.parts['text/plain']).includes(`Suivre le colis : ${TRACKING}`), mail.parts['text/plain']);
    assert.ok(mail.parts['text/html'].includes(TRACKING), 'the HTML part has the tracking link');

    const back = await staff(shop, 'orders:write').move(order.number, { to: 'paid' });
    assertProblem(back, 409, 'orders.transition_not_allowed');
    const unchanged = (await staff(shop, 'orders:read').get(order.number)).json;
    assert.equal(unchanged.status, 'fulfilled');
    assert.equal(unchanged.history.length, shipped.json.history.length, 'a refused transition wrote history');

    const delivered = await staff(shop, 'orders:write').move(order.number, { to: 'delivered' });
    assert.equal(delivered.status, 200, show(delivered));
    assert.equal(delivered.json.status, 'delivered');

    const withoutScope = await staff(shop, 'orders:write').move(order.number, { to: 'refunded' });
    assertProblem(withoutScope, 403);
    assert.equal(sql(shop, `SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_kind = 'api_token'
      AND details->>'scope' = 'orders:refund' AND details->>'path' = '/api/v1/orders/${order.number}/transitions'`), '1');
    assert.equal((await staff(shop, 'orders:read').get(order.number)).json.status, 'delivered');
    const refunded = await staff(shop, 'orders:refund').move(order.number, { to: 'refunded' });
    assert.equal(refunded.status, 200, show(refunded));
    assert.equal(refunded.json.status, 'refunded');
    assert.deepEqual(refunded.json.refunded_amount, order.totals.total);
    const refundMail = await capture.waitFor(order.email, (m) => /remboursement/.test(m.subject));
    assert.equal(flat(refundMail.subject), `Commande ${order.number} : remboursement de ${money(cents(order.totals.total))}`);
    assert.deepEqual(refunded.json.history.map((h) => h.to), ['pending', 'paid', 'fulfilled', 'delivered', 'refunded']);
    assertProblem(await staff(shop, 'orders:write').move(order.number, { to: 'fulfilled' }), 409, 'orders.transition_not_allowed');
  });

  test('a partial refund by staff, then a larger one; a smaller one is refused', async () => {
    const order = await paidOrder();
    const refund = (body) => staff(shop, 'orders:refund').move(order.number, body);
    const first = await refund({ to: 'partially_refunded', refunded_amount: 1_000 });
    assert.equal(first.status, 200, show(first));
    assert.equal(cents(first.json.refunded_amount), 1_000);
    assertProblem(await refund({ to: 'partially_refunded', refunded_amount: 800 }), 422, 'orders.invalid');
    assertProblem(await refund({ to: 'partially_refunded', refunded_amount: cents(order.totals.total) }), 422, 'orders.invalid');
    const second = await refund({ to: 'partially_refunded', refunded_amount: 2_000 });
    assert.equal(second.status, 200, show(second));
    assert.equal(second.json.status, 'partially_refunded');
    assert.equal(cents(second.json.refunded_amount), 2_000);
  });

  test('bad requests: an unknown status, a tracking URL that is not http(s), an unknown order', async () => {
    const order = await paidOrder();
    const write = staff(shop, 'orders:write');
    assertProblem(await write.move(order.number, { to: 'shipped' }), 422, 'orders.invalid');
    assertProblem(await write.move(order.number, { to: 'fulfilled', tracking_url: 'javascript:alert(1)' }), 422, 'orders.invalid');
    assertProblem(await write.move('CMP-00000000', { to: 'fulfilled' }), 404);
    const notJson = await request(`${shop.url}/api/v1/orders/${order.number}/transitions`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.shop['orders:write']}`, 'content-type': 'text/plain' }, body: '{"to":"fulfilled"}',
    });
    assert.equal(notJson.status, 415, show(notJson));
    const still = (await staff(shop, 'orders:read').get(order.number)).json;
    assert.equal(still.status, 'paid');
    assert.equal(still.tracking_url, '');
  });

  test('who asks is checked before the body is read: anonymous 401, a read-only token 403, even with a broken body', async () => {
    const order = await paidOrder();
    const broken = (auth) => request(`${shop.url}/api/v1/orders/${order.number}/transitions`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'text/plain', ...auth }, body: '{not json',
    });
    const anonymous = await broken({});
    assert.equal(anonymous.status, 401, show(anonymous));
    assert.match(anonymous.headers['www-authenticate'] ?? '', /^Bearer/);
    const readOnly = await broken({ authorization: `Bearer ${tokens.shop['orders:read']}` });
    assert.equal(readOnly.status, 403, show(readOnly));
    assert.equal(sql(shop, `SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_kind = 'api_token'
      AND details->>'scope' = 'orders:write' AND details->>'path' = '/api/v1/orders/${order.number}/transitions'`), '1');
    const writer = await broken({ authorization: `Bearer ${tokens.shop['orders:write']}` });
    assert.equal(writer.status, 415, show(writer));
  });
});

describe('orders paid offline (no STRIPE_SECRET_KEY)', { timeout: 90_000 }, () => {
  test('the customer gets "awaiting payment"; staff marking it paid sends no second mail', async () => {
    const order = await placeOrder(manual);
    assert.equal(order.payment_provider, 'manual');
    assert.equal(new URL(order.paymentUrl).origin, manual.url, 'the manual order is sent to its own page');
    assert.match(new URL(order.paymentUrl).pathname, new RegExp(`^/fr/commandes/${order.number.toLowerCase()}$`));
    const awaiting = await capture.waitFor(order.email, (m) => /en attente de votre paiement/.test(m.subject));
    assert.equal(awaiting.subject, `Commande ${order.number} : en attente de votre paiement`);
    const paid = await staff(manual, 'orders:write').move(order.number, { to: 'paid', note: 'virement reçu' });
    assert.equal(paid.status, 200, show(paid));
    assert.equal(paid.json.status, 'paid');
    assert.deepEqual(paid.json.history.map((h) => [h.from, h.to, h.actor]), [[null, 'pending', 'customer'], ['pending', 'paid', 'api_token']]);
    await sleep(1_500);
    assert.deepEqual(capture.to(order.email).map((m) => m.subject), [awaiting.subject], 'a manual order gets no confirmation on payment');
  });

  test('staff cancelling a pending order gives its stock back, once', async () => {
    const stock = stockOf(manual, 'manual');
    const order = await placeOrder(manual, 3);
    assert.equal(stockOf(manual, 'manual'), stock - 3);
    const cancelled = await staff(manual, 'orders:write').move(order.number, { to: 'cancelled' });
    assert.equal(cancelled.status, 200, show(cancelled));
    assert.equal(stockOf(manual, 'manual'), stock);
    assertProblem(await staff(manual, 'orders:write').move(order.number, { to: 'cancelled' }), 409, 'orders.transition_not_allowed');
    assertProblem(await staff(manual, 'orders:write').move(order.number, { to: 'paid' }), 409, 'orders.transition_not_allowed');
    assert.equal(stockOf(manual, 'manual'), stock);
  });
});
