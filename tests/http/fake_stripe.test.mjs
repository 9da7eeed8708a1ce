// The fake Stripe the shop's suites point STRIPE_API_BASE at, checked on its own before anything
// relies on it: Stripe's validation and idempotency, the hosted pay page, and webhooks that the
// official `stripe` package verifies (so the signatures are real Stripe ones, not look-alikes).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { describe as show, request } from '../support/http.mjs';

const SECRET_KEY = 'sk_test_comptoir';
const WEBHOOK_SECRET = 'whsec_test';
const official = new Stripe('sk_test_x');
let stripe;
let shop;
const received = []; // what the stand-in shop endpoint verified: { event } or { error }

// Stands in for the shop's POST /webhooks/stripe: verifies each delivery as the official SDK does.
function startShop() {
  shop = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = official.webhooks.constructEvent(body, req.headers['stripe-signature'], WEBHOOK_SECRET);
        received.push({ event, contentType: req.headers['content-type'] });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      } catch (error) {
        received.push({ error });
        res.writeHead(400, { 'content-type': 'text/plain' }).end(error.message);
      }
    });
  });
  return new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
}

before(async () => {
  stripe = await startFakeStripe({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
  await startShop();
  stripe.webhookUrl = `http://127.0.0.1:${shop.address().port}/webhooks/stripe`;
});
after(() => new Promise((resolve) => shop?.close(resolve)));

// Nested params in Stripe's bracket notation, as the shop sends them.
function encode(params, prefix = '', out = new URLSearchParams()) {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value !== null && typeof value === 'object') encode(value, name, out);
    else if (value !== undefined) out.append(name, String(value));
  }
  return out;
}

const sessionParams = (overrides = {}) => ({
  mode: 'payment',
  line_items: [
    { price_data: { currency: 'cad', unit_amount: 2500, product_data: { name: 'Sirop d’érable 500 ml' } }, quantity: 2 },
    { price_data: { currency: 'cad', unit_amount: 1299, product_data: { name: 'Tire <sur> neige' } }, quantity: 1 },
  ],
  success_url: 'http://127.0.0.1:9/fr/commande/merci?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://127.0.0.1:9/fr/panier',
  metadata: { order_id: 'CMP-2026-0001' },
  client_reference_id: 'CMP-2026-0001',
  customer_email: 'elise@example.ca',
  locale: 'fr-CA',
  payment_method_types: ['card'],
  ...overrides,
});

async function api(method, path, { params, key = SECRET_KEY, idempotencyKey, body } = {}) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await request(`${stripe.url}${path}`, { method, headers, body: body ?? (params ? encode(params).toString() : undefined) });
  return { res, json: res.text && res.headers['content-type'] === 'application/json' ? JSON.parse(res.text) : null };
}
const createSession = (params = sessionParams(), options = {}) => api('POST', '/v1/checkout/sessions', { params, ...options });
async function openSession(overrides) {
  const { res, json } = await createSession(sessionParams(overrides));
  assert.equal(res.status, 200, show(res));
  return json;
}
// Verified events about session `id`: its own, and refunds of its payment.
function eventsFor(id) {
  const paymentIntent = stripe.sessions.get(id)?.payment_intent;
  const about = ({ object }) => object.id === id || (object.object === 'charge' && object.payment_intent === paymentIntent);
  return received.filter((r) => r.event && about(r.event.data)).map((r) => r.event);
}

describe('fake Stripe API', () => {
  test('creates a Checkout Session in Stripe\'s shape from bracket-notation params', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2 * 3600;
    const { res, json } = await createSession(sessionParams({ expires_at: expiresAt }));
    assert.equal(res.status, 200, show(res));
    assert.match(json.id, /^cs_test_[0-9a-f]+$/);
    const { created, ...rest } = json;
    assert.ok(Math.abs(created - Date.now() / 1000) < 5);
    assert.deepEqual(rest, {
      id: json.id, object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid',
      amount_subtotal: 6299, amount_total: 6299, currency: 'cad', customer_email: 'elise@example.ca',
      client_reference_id: 'CMP-2026-0001', metadata: { order_id: 'CMP-2026-0001' }, locale: 'fr-CA',
      expires_at: expiresAt, success_url: sessionParams().success_url, cancel_url: sessionParams().cancel_url,
      url: `${stripe.url}/pay/${json.id}`, payment_intent: null, livemode: false,
    });
    assert.deepEqual(stripe.sessions.get(json.id), json);
    const recorded = stripe.requests.at(-1);
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/checkout/sessions');
    assert.equal(recorded.headers.authorization, `Bearer ${SECRET_KEY}`);
    assert.equal(recorded.form.line_items[1].price_data.product_data.name, 'Tire <sur> neige');
    assert.deepEqual(recorded.form.payment_method_types, ['card']);
    assert.equal(recorded.form.line_items[0].quantity, '2', 'form values stay strings, as sent');

    const got = await api('GET', `/v1/checkout/sessions/${json.id}`);
    assert.equal(got.res.status, 200);
    assert.deepEqual(got.json, json);
    const missing = await api('GET', '/v1/checkout/sessions/cs_test_nope');
    assert.equal(missing.res.status, 404);
    assert.equal(missing.json.error.type, 'invalid_request_error');
  });

  test('the official stripe client can create and retrieve sessions through the fake', async () => {
    const port = Number(new URL(stripe.url).port);
    const client = new Stripe(SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    const created = await client.checkout.sessions.create(sessionParams({ locale: 'en' }));
    assert.equal(created.amount_total, 6299);
    assert.equal((await client.checkout.sessions.retrieve(created.id)).status, 'open');
    await assert.rejects(new Stripe('sk_test_wrong', { host: '127.0.0.1', port, protocol: 'http' }).checkout.sessions.create(sessionParams()),
      (error) => error.type === 'StripeAuthenticationError');
  });

  test('without the right secret key: 401 in Stripe\'s error shape', async () => {
    const wrong = await createSession(sessionParams(), { key: 'sk_test_other_key_1234' });
    assert.equal(wrong.res.status, 401);
    assert.equal(wrong.json.error.type, 'invalid_request_error');
    assert.match(wrong.json.error.message, /^Invalid API Key provided: sk_test_\*+1234$/);
    const none = await createSession(sessionParams(), { key: null });
    assert.equal(none.res.status, 401);
    assert.match(none.json.error.message, /did not provide an API key/);
  });

  const invalidCases = [
    ['mode other than payment', { mode: 'subscription' }, 'mode'],
    ['no line items', { line_items: undefined }, 'line_items'],
    ['a line without currency', { line_items: [{ price_data: { unit_amount: 100, product_data: { name: 'x' } }, quantity: 1 }] }, 'line_items[0][price_data][currency]'],
    ['a negative unit_amount', { line_items: [{ price_data: { currency: 'cad', unit_amount: -1, product_data: { name: 'x' } }, quantity: 1 }] }, 'line_items[0][price_data][unit_amount]'],
    ['a fractional unit_amount', { line_items: [{ price_data: { currency: 'cad', unit_amount: 12.5, product_data: { name: 'x' } }, quantity: 1 }] }, 'line_items[0][price_data][unit_amount]'],
    ['a line without product name', { line_items: [{ price_data: { currency: 'cad', unit_amount: 100, product_data: {} }, quantity: 1 }] }, 'line_items[0][price_data][product_data][name]'],
    ['a zero quantity', { line_items: [{ price_data: { currency: 'cad', unit_amount: 100, product_data: { name: 'x' } }, quantity: 0 }] }, 'line_items[0][quantity]'],
    ['mixed currencies', { line_items: [...sessionParams().line_items.slice(0, 1), { price_data: { currency: 'usd', unit_amount: 1, product_data: { name: 'y' } }, quantity: 1 }] }, 'line_items[1][price_data][currency]'],
    ['a relative success_url', { success_url: '/merci' }, 'success_url'],
    ['no cancel_url', { cancel_url: undefined }, 'cancel_url'],
    ['an unknown locale', { locale: 'qc' }, 'locale'],
    ['expires_at in 10 minutes', { expires_at: Math.floor(Date.now() / 1000) + 600 }, 'expires_at'],
    ['expires_at in 2 days', { expires_at: Math.floor(Date.now() / 1000) + 2 * 86400 }, 'expires_at'],
    ['customer_email without @', { customer_email: 'elise.example.ca' }, 'customer_email'],
    ['an unknown parameter', { shipping_address_collection: { allowed_countries: ['CA'] } }, 'shipping_address_collection'],
  ];
  for (const [what, overrides, param] of invalidCases) {
    test(`400 invalid_request_error for ${what}`, async () => {
      const before = stripe.sessions.size;
      const { res, json } = await createSession(sessionParams(overrides));
      assert.equal(res.status, 400, show(res));
      assert.equal(json.error.type, 'invalid_request_error');
      assert.equal(json.error.param, param);
      assert.equal(stripe.sessions.size, before, 'nothing created');
    });
  }
  test('unknown parameters are named with Stripe\'s wording', async () => {
    const { json } = await createSession(sessionParams({ foo: 'bar' }));
    assert.equal(json.error.message, 'Received unknown parameter: foo');
  });

  test('a replay with the same Idempotency-Key and body returns the very same session', async () => {
    const key = `order-${Date.now()}-a`;
    const first = await createSession(sessionParams(), { idempotencyKey: key });
    const before = stripe.sessions.size;
    const again = await createSession(sessionParams(), { idempotencyKey: key });
    assert.equal(again.res.status, 200);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.res.headers['idempotent-replayed'], 'true');
    assert.equal(stripe.sessions.size, before, 'no second session');
  });

  test('the same Idempotency-Key with other parameters is an idempotency_error', async () => {
    const key = `order-${Date.now()}-b`;
    await createSession(sessionParams(), { idempotencyKey: key });
    const { res, json } = await createSession(sessionParams({ customer_email: 'autre@example.ca' }), { idempotencyKey: key });
    assert.equal(res.status, 400);
    assert.equal(json.error.type, 'idempotency_error');
    assert.match(json.error.message, /^Keys for idempotent requests can only be used with the same parameters they were first used with/);
  });

  test('failNext answers errors that a retry with the same key gets past', async () => {
    const key = `order-${Date.now()}-c`;
    stripe.failNext(1);
    const failed = await createSession(sessionParams(), { idempotencyKey: key });
    assert.equal(failed.res.status, 500);
    assert.equal(failed.json.error.type, 'api_error');
    const retried = await createSession(sessionParams(), { idempotencyKey: key });
    assert.equal(retried.res.status, 200);
    assert.match(retried.json.id, /^cs_test_/);

    stripe.failNext(2, { status: 503, body: { error: { type: 'api_error', message: 'down' } } });
    assert.equal((await createSession()).res.status, 503);
    assert.equal((await createSession()).json.error.message, 'down');
    assert.equal((await createSession()).res.status, 200);
  });
});

describe('fake Stripe payments and webhooks', () => {
  test('the hosted page shows the order and its Pay button redirects with the id substituted', async () => {
    const session = await openSession();
    const pageRes = await request(session.url);
    assert.equal(pageRes.status, 200);
    assert.match(pageRes.text, /<html lang="fr-CA">/);
    assert.match(pageRes.text, /<button type="submit">Pay<\/button>/);
    assert.match(pageRes.text, new RegExp(`<form method="post" action="/pay/${session.id}">`));
    assert.ok(pageRes.text.includes('<a href="http://127.0.0.1:9/fr/panier">Cancel</a>'));
    assert.ok(pageRes.text.includes('Sirop d’érable 500 ml') && pageRes.text.includes('Tire &lt;sur&gt; neige'));
    assert.match(pageRes.text, /62,99\s\$/, 'the total, formatted for fr-CA');

    const paid = await request(session.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(paid.status, 303, show(paid));
    assert.equal(paid.headers.location, `http://127.0.0.1:9/fr/commande/merci?session_id=${session.id}`);
    const [completed, ...more] = eventsFor(session.id);
    assert.equal(more.length, 0);
    assert.equal(completed.type, 'checkout.session.completed');
    assert.equal(completed.data.object.payment_status, 'paid');
    assert.match(completed.data.object.payment_intent, /^pi_/);
    assert.equal(stripe.sessions.get(session.id).status, 'complete');
    assert.equal((await request(session.url)).status, 410, 'a paid session\'s page is gone');
    assert.equal((await request(`${stripe.url}/pay/cs_test_unknown`)).status, 404);
  });

  test('pay() delivers a verifiable checkout.session.completed in Stripe\'s event shape', async () => {
    const session = await openSession({ locale: undefined });
    const event = await stripe.pay(session.id);
    const got = eventsFor(session.id);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0], event, 'the shop got exactly the event the fake made');
    assert.match(event.id, /^evt_/);
    assert.deepEqual({ ...event, id: 0, created: 0, data: 0 }, {
      id: 0, object: 'event', api_version: '2024-06-20', created: 0, data: 0, livemode: false,
      pending_webhooks: 1, request: { id: null, idempotency_key: null }, type: 'checkout.session.completed',
    });
    assert.deepEqual(event.data.object.metadata, { order_id: 'CMP-2026-0001' });
    assert.ok(stripe.events.includes(event));
    assert.equal(received.at(-1).contentType, 'application/json; charset=utf-8');
    await assert.rejects(stripe.pay(session.id), /not open/);
  });

  test('a delayed payment completes unpaid, then succeeds or fails', async () => {
    const good = await openSession();
    const bad = await openSession();
    assert.equal((await stripe.pay(good.id, { async: true })).data.object.payment_status, 'unpaid');
    await stripe.pay(bad.id, { async: true });
    await stripe.asyncResult(good.id, true);
    await stripe.asyncResult(bad.id, false);
    assert.deepEqual(eventsFor(good.id).map((e) => [e.type, e.data.object.payment_status]),
      [['checkout.session.completed', 'unpaid'], ['checkout.session.async_payment_succeeded', 'paid']]);
    assert.deepEqual(eventsFor(bad.id).map((e) => [e.type, e.data.object.payment_status]),
      [['checkout.session.completed', 'unpaid'], ['checkout.session.async_payment_failed', 'unpaid']]);
    await assert.rejects(stripe.asyncResult(good.id, true), /no delayed payment/);
  });

  test('refunds: partial then full, cumulative, never more than paid', async () => {
    const session = await openSession();
    await stripe.pay(session.id);
    const partial = await stripe.refund(session.id, 1000);
    const full = await stripe.refund(session.id, 5299);
    const charges = eventsFor(session.id).filter((e) => e.type === 'charge.refunded').map((e) => e.data.object);
    assert.equal(charges.length, 2);
    assert.deepEqual(charges[0], partial.data.object);
    assert.match(charges[0].id, /^ch_/);
    assert.deepEqual({ ...charges[0], id: 0 }, {
      id: 0, object: 'charge', amount: 6299, amount_refunded: 1000, refunded: false, currency: 'cad',
      payment_intent: stripe.sessions.get(session.id).payment_intent, metadata: { order_id: 'CMP-2026-0001' }, livemode: false,
    });
    assert.equal(full.data.object.id, charges[0].id, 'the same charge');
    assert.equal(charges[1].amount_refunded, 6299);
    assert.equal(charges[1].refunded, true);
    await assert.rejects(stripe.refund(session.id, 1), /0 left to refund/);
    const unpaid = await openSession();
    await assert.rejects(stripe.refund(unpaid.id, 100), /no successful payment/);
  });

  test('POST /v1/refunds: partial then the rest, one charge.refunded each, never more than paid', async () => {
    const session = await openSession();
    await stripe.pay(session.id);
    const paymentIntent = stripe.sessions.get(session.id).payment_intent;
    const refundParams = (overrides = {}) => ({ payment_intent: paymentIntent, amount: 1000, reason: 'requested_by_customer', metadata: { order_id: 'CMP-2026-0001', refund_id: '7' }, ...overrides });
    const first = await api('POST', '/v1/refunds', { params: refundParams(), idempotencyKey: `refund-${Date.now()}-a` });
    assert.equal(first.res.status, 200, show(first.res));
    const { created, balance_transaction: txn, ...rest } = first.json;
    assert.match(txn, /^txn_/);
    assert.ok(Math.abs(created - Date.now() / 1000) < 5);
    assert.match(rest.id, /^re_/);
    assert.deepEqual(rest, {
      id: rest.id, object: 'refund', amount: 1000, charge: rest.charge, currency: 'cad', failure_reason: null,
      metadata: { order_id: 'CMP-2026-0001', refund_id: '7' }, payment_intent: paymentIntent, reason: 'requested_by_customer',
      receipt_number: null, status: 'succeeded',
    });
    assert.deepEqual(stripe.refunds.get(rest.id), first.json);
    const rest2 = await api('POST', '/v1/refunds', { params: { payment_intent: paymentIntent } });
    assert.equal(rest2.json.amount, 5299, 'without amount: what is left');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the events follow the answers
    const charges = eventsFor(session.id).filter((e) => e.type === 'charge.refunded').map((e) => e.data.object.amount_refunded);
    assert.deepEqual(charges, [1000, 6299]);
    const again = await api('POST', '/v1/refunds', { params: refundParams({ amount: 1 }) });
    assert.equal(again.res.status, 400);
    assert.equal(again.json.error.code, 'charge_already_refunded');

    const other = await openSession();
    await stripe.pay(other.id);
    const big = await api('POST', '/v1/refunds', { params: { payment_intent: stripe.sessions.get(other.id).payment_intent, amount: 6300 } });
    assert.equal(big.res.status, 400);
    assert.equal(big.json.error.code, 'amount_too_large');
    assert.match(big.json.error.message, /^Refund amount \(CA\$63\.00\) is greater than unrefunded amount on charge \(CA\$62\.99\)$/);
    const unknown = await api('POST', '/v1/refunds', { params: { payment_intent: 'pi_nope', amount: 1 } });
    assert.equal(unknown.res.status, 404);
    assert.equal(unknown.json.error.code, 'resource_missing');
    assert.equal((await api('POST', '/v1/refunds', { params: { charge: 'ch_nope' } })).json.error.param, 'charge');
  });

  const refundCases = [
    ['no payment_intent nor charge', { amount: 100 }, undefined],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a fractional amount', { amount: 1.5 }, 'amount'],
    ['a reason outside Stripe\'s enum', { reason: 'returned' }, 'reason'],
    ['metadata that is not an object', { metadata: 'x' }, 'metadata'],
    ['an unknown parameter', { refund_all: 'true' }, 'refund_all'],
  ];
  for (const [what, params, param] of refundCases) {
    test(`POST /v1/refunds: 400 invalid_request_error for ${what}`, async () => {
      const before = stripe.refunds.size;
      const base = what.startsWith('no payment_intent') ? {} : { payment_intent: 'pi_whatever' };
      const { res, json } = await api('POST', '/v1/refunds', { params: { ...base, ...params } });
      assert.equal(res.status, 400, show(res));
      assert.equal(json.error.type, 'invalid_request_error');
      assert.equal(json.error.param, param);
      assert.equal(stripe.refunds.size, before, 'nothing refunded');
    });
  }

  test('POST /v1/refunds: the secret key, a replayed Idempotency-Key, failNext (500, 402) and pending refunds', async () => {
    const session = await openSession();
    await stripe.pay(session.id);
    const params = { payment_intent: stripe.sessions.get(session.id).payment_intent, amount: 500 };
    assert.equal((await api('POST', '/v1/refunds', { params, key: 'sk_test_other_key_1234' })).res.status, 401);
    const key = `refund-${Date.now()}-b`;
    stripe.failNext(1, { endpoint: 'POST /v1/refunds' });
    const down = await api('POST', '/v1/refunds', { params, idempotencyKey: key });
    assert.equal(down.res.status, 500);
    assert.equal((await createSession()).res.status, 200, 'only refunds fail');
    const made = await api('POST', '/v1/refunds', { params, idempotencyKey: key });
    assert.equal(made.res.status, 200);
    const replay = await api('POST', '/v1/refunds', { params, idempotencyKey: key });
    assert.equal(replay.res.headers['idempotent-replayed'], 'true');
    assert.equal(replay.json.id, made.json.id);
    assert.equal([...stripe.refunds.values()].filter((r) => r.payment_intent === params.payment_intent).length, 1, 'refunded once');
    const changed = await api('POST', '/v1/refunds', { params: { ...params, amount: 501 }, idempotencyKey: key });
    assert.equal(changed.json.error.type, 'idempotency_error');

    stripe.failNext(1, { endpoint: 'POST /v1/refunds', status: 402, body: { error: { type: 'card_error', code: 'expired_card', message: 'Your card has expired.' } } });
    const refused = await api('POST', '/v1/refunds', { params });
    assert.equal(refused.res.status, 402);
    assert.equal(refused.json.error.message, 'Your card has expired.');

    stripe.refundStatus = 'pending';
    let pending;
    try {
      pending = (await api('POST', '/v1/refunds', { params })).json;
    } finally {
      stripe.refundStatus = 'succeeded';
    }
    assert.equal(pending.status, 'pending');
    const failed = await stripe.settleRefund(pending.id, 'failed');
    assert.equal(failed.type, 'refund.updated');
    assert.deepEqual([failed.data.object.status, failed.data.object.failure_reason], ['failed', 'expired_or_canceled_card']);
    await assert.rejects(stripe.settleRefund(pending.id, 'succeeded'), /not a pending refund/);
    const left = await api('POST', '/v1/refunds', { params: { payment_intent: params.payment_intent } });
    assert.equal(left.json.amount, 6299 - 500, 'a failed refund gives its amount back to what may be refunded');
  });

  test('expire: through the API and directly, each delivering checkout.session.expired once', async () => {
    const viaApi = await openSession();
    const { res, json } = await api('POST', `/v1/checkout/sessions/${viaApi.id}/expire`);
    assert.equal(res.status, 200, show(res));
    assert.equal(json.status, 'expired');
    assert.deepEqual(eventsFor(viaApi.id).map((e) => [e.type, e.data.object.status]), [['checkout.session.expired', 'expired']]);
    assert.equal((await api('POST', `/v1/checkout/sessions/${viaApi.id}/expire`)).res.status, 400, 'not open any more');
    assert.equal((await request(viaApi.url)).status, 410);

    const direct = await openSession();
    const event = await stripe.expire(direct.id);
    assert.equal(event.type, 'checkout.session.expired');
    assert.equal(stripe.sessions.get(direct.id).status, 'expired');
    assert.equal(eventsFor(direct.id).length, 1);
  });

  test('deliveries signed with another secret, stale or with a forged signature fail constructEvent', async () => {
    const event = stripe.event('checkout.session.completed', { id: 'cs_test_forged', object: 'checkout.session' });
    const count = received.length;
    const rotated = await stripe.deliver(event, { secret: 'whsec_rotated' });
    assert.equal(rotated.status, 400);
    assert.match(rotated.body, /No signatures found matching the expected signature/);
    const stale = await stripe.deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    assert.match(stale.body, /Timestamp outside the tolerance zone/);
    const forged = await stripe.deliver(event, { signature: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` });
    assert.equal(forged.status, 400);
    assert.equal(received.length, count + 3);
    assert.ok(received.slice(count).every((r) => r.error?.type === 'StripeSignatureVerificationError'));

    const ok = await stripe.deliver(event, { body: JSON.stringify({ ...event, type: 'checkout.session.expired' }) });
    assert.equal(ok.status, 200, 'an overridden body is still signed');
    assert.equal(received.at(-1).event.type, 'checkout.session.expired');
    assert.deepEqual(stripe.deliveries.at(-1), { event, status: 200, body: '{"received":true}' });
  });

  test('holdWebhooks queues deliveries; releaseWebhooks sends them in order', async () => {
    const a = await openSession();
    const b = await openSession();
    stripe.holdWebhooks = true;
    try {
      const redirect = await request(a.url, { method: 'POST', body: '' });
      assert.equal(redirect.status, 303, 'the buyer is redirected before the webhook arrives');
      await stripe.expire(b.id);
      await stripe.refund(a.id, 100);
      assert.equal(eventsFor(a.id).length + eventsFor(b.id).length, 0);
      assert.equal(stripe.queued.length, 3);
      const results = await stripe.releaseWebhooks();
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200]);
    } finally {
      stripe.holdWebhooks = false;
    }
    const order = received.slice(-3).map((r) => [r.event.type, r.event.data.object.id]);
    assert.deepEqual(order.map(([type]) => type), ['checkout.session.completed', 'checkout.session.expired', 'charge.refunded']);
    assert.deepEqual(order.slice(0, 2).map(([, id]) => id), [a.id, b.id]);
    assert.equal(stripe.queued.length, 0);
  });

  test('without a webhookUrl, delivering throws', async () => {
    const lonely = await startFakeStripe({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
    await assert.rejects(lonely.deliver(lonely.event('ping', {})), /webhookUrl is not set/);
    await lonely.close();
  });
});
