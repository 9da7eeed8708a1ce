// POST /webhooks/stripe, black box: the real binary, the fake Stripe (its signatures come from the
// official `stripe` package) and a real SMTP server. Signatures and rotation, what each event does
// to an order, duplicates, replays, events out of order, delayed payments, refunds, and a crash
// between storing an event and applying it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { FormClient } from '../support/form_client.mjs';
import { createDatabase, describe as show, request, sleep, startServer, within } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { cents } from '../support/money.mjs';

const STRIPE_KEY = 'sk_test_webhooks_suite_51Hx';
const SECRET = 'whsec_current_Vq3kT8pLm2Zr7Yx';
const PREVIOUS = 'whsec_previous_Bn6sD1fHj4Kw9Qe';
const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const ADDRESS = { full_name: 'Élise Tremblay', line1: '4321 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 1K4' };
const signer = new Stripe('sk_test_signer_only');

// At the top level: helpers that register an `after` hook must not be called inside `before`
// (node:test would run that hook as soon as `before` ends).
const capture = await startSmtpCapture();
let stripe;
let server;
let unconfigured;
const products = {};

const stripeEnv = (fake) => ({
  STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: `${SECRET},${PREVIOUS}`, STRIPE_API_BASE: fake.url,
  SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: KEYS,
});

before(async () => {
  stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: SECRET });
  server = await startServer({ env: stripeEnv(stripe) });
  stripe.webhookUrl = `${server.url}/webhooks/stripe`;
  unconfigured = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  const api = catalogApi(server, await createToken(server));
  for (const [key, fr, en, price, stock] of [['cup', 'Tasse en grès', 'Stoneware cup', 1_250, 500], ['kettle', 'Bouilloire', 'Kettle', 4_999, 10]]) {
    const made = await api.post('/api/v1/products', {
      status: 'active', text: { fr: { name: fr }, en: { name: en } },
      variants: [{ sku: `WH-${key}-${process.pid}`, price_cents: price, stock_on_hand: stock }],
    });
    products[key] = { id: made.id, variant: made.variants[0].id, fr, en, price };
  }
}, { timeout: 90_000 });
after(async () => {
  await server?.stop();
  await unconfigured?.stop();
});

const sql = (query, url = server.database.url) => execFileSync('psql', [url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const statusOf = (number, url) => sql(`SELECT status || '|' || refunded_amount FROM orders WHERE number = '${number}'`, url);
const stockOf = (key) => Number(sql(`SELECT stock_on_hand FROM variants WHERE id = ${products[key].variant}`));
const history = (number, url) => sql(`SELECT string_agg(coalesce(h.from_status, '') || '>' || h.to_status || ':' || h.actor_kind, ' ' ORDER BY h.id)
  FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.number = '${number}'`, url);
const flat = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
const money = (cents, lang) => (lang === 'fr' ? `${(cents / 100).toFixed(2).replace('.', ',')} $` : `$${(cents / 100).toFixed(2)}`);
const mails = (order, subject) => capture.to(order.email).filter((m) => subject.test(m.subject));
const CONFIRMED = /^(Commande \S+ confirmée|Order \S+ confirmed)$/;
const REFUND = /remboursement|refund/i;

// Waits until probe() returns `expected` (compared as strings), else fails with the last value.
async function eventually(probe, expected, timeout = 10_000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = probe();
    if (String(value) === String(expected)) return value;
    if (performance.now() > deadline) assert.equal(String(value), String(expected), `not reached within ${timeout} ms`);
    await sleep(100);
  }
}

let orderCount = 0;
// A guest fills a cart through the JSON API and checks out: the order, its Stripe session id, the
// session's client (cookie + CSRF header) and the address mails go to.
async function placeOrder({ lang = 'fr', items = [['cup', 2]], target = server } = {}) {
  const email = `client-${(orderCount += 1)}-${process.pid}@example.ca`;
  const client = new FormClient(target.url);
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': lang } });
  assert.equal(first.status, 200, show(first));
  const token = JSON.parse(first.text).csrf_token;
  const call = (method, path, body) => client.send(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: target.url, 'accept-language': lang },
    ...(body === undefined ? {} : { rawBody: JSON.stringify(body) }),
  });
  for (const [key, quantity] of items) {
    const added = await call('POST', '/api/v1/cart/items', { product_id: products[key].id, variant_id: products[key].variant, quantity });
    assert.equal(added.status, 201, show(added));
  }
  const res = await call('POST', '/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS });
  assert.equal(res.status, 201, show(res));
  const { order, payment_url: paymentUrl } = JSON.parse(res.text);
  assert.equal(order.status, 'pending');
  return { ...order, email, lang, paymentUrl, session: new URL(paymentUrl).pathname.split('/').pop(), call };
}

// The shop's answer to the last delivery of `event`: { status, json }.
function answerTo(event, fake = stripe) {
  const delivery = fake.deliveries.findLast((d) => d.event.id === event.id);
  assert.ok(delivery, `event ${event.id} was never delivered`);
  let json = null;
  try {
    json = JSON.parse(delivery.body);
  } catch {
    // not JSON: the assertion below shows it
  }
  return { status: delivery.status, json, body: delivery.body };
}
const assertAnswer = (event, status, outcome) => {
  const answer = answerTo(event);
  assert.equal(answer.status, status, answer.body);
  if (outcome) assert.deepEqual(answer.json, { status: outcome });
};

// A plain POST to /webhooks/stripe with exactly these headers and body.
const post = (body, headers = {}, target = server) => request(`${target.url}/webhooks/stripe`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body,
});
const sign = (payload, { secret = SECRET, timestamp } = {}) => signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
const storedCount = () => Number(sql('SELECT count(*) FROM stripe_events'));
const stored = (id) => sql(`SELECT deliveries || '|' || (applied_at IS NOT NULL) || '|' || coalesce(outcome, '') FROM stripe_events WHERE id = '${id}'`);
const assertProblem = (res, status) => {
  assert.equal(res.status, status, show(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(JSON.parse(res.text).status, status);
};

describe('Stripe-Signature', { timeout: 60_000 }, () => {
  const sample = () => stripe.event('payment_intent.created', { id: `pi_${Date.now()}`, object: 'payment_intent', amount: 1000 });

  test('a delivery without Stripe-Signature is refused with 400 problem+json and nothing is stored', async () => {
    const before = storedCount();
    const event = sample();
    assertProblem(await post(JSON.stringify(event)), 400);
    assertProblem(await post(JSON.stringify(event), { 'stripe-signature': '' }), 400);
    assert.equal(storedCount(), before);
    assert.equal(stored(event.id), '');
  });

  test('a wrong secret, a body changed after signing and a stale timestamp are refused; nothing is stored', async () => {
    const before = storedCount();
    const [wrong, tampered, stale] = [sample(), sample(), sample()];
    const body = (event) => JSON.stringify(event, null, 2);
    assertProblem(await post(body(wrong), { 'stripe-signature': sign(body(wrong), { secret: 'whsec_not_ours_at_all' }) }), 400);
    assertProblem(await post(body(tampered), { 'stripe-signature': sign(body(sample())) }), 400);
    const res = await post(body(stale), { 'stripe-signature': sign(body(stale), { timestamp: Math.floor(Date.now() / 1000) - 600 }) });
    assertProblem(res, 400);
    assert.match(JSON.parse(res.text).detail, /5 minutes/);
    assert.equal(storedCount(), before);
    for (const event of [wrong, tampered, stale]) assert.equal(stored(event.id), '');
  });

  test('the previous secret (second in STRIPE_WEBHOOK_SECRET) is still accepted while rotating', async () => {
    const order = await placeOrder();
    stripe.holdWebhooks = true;
    const completed = await stripe.pay(order.session);
    stripe.holdWebhooks = false;
    stripe.queued.length = 0;
    const res = await stripe.deliver(completed, { secret: PREVIOUS });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), { status: 'applied' });
    assert.equal(statusOf(order.number), 'paid|0');
  });

  test('a header with two v1 signatures is accepted when the second one matches', async () => {
    const event = sample();
    const payload = JSON.stringify(event, null, 2);
    const t = Math.floor(Date.now() / 1000);
    const good = /v1=([0-9a-f]+)/.exec(signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: t }))[1];
    const res = await stripe.deliver(event, { body: payload, signature: `t=${t},v1=${'0'.repeat(64)},v1=${good}` });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), { status: 'unchanged' });
    assert.equal(stored(event.id), '1|true|unchanged');
  });

  test('a signed body that is not a valid event is refused with 400 and not stored', async () => {
    const before = storedCount();
    const event = sample();
    for (const body of [`{"id": "${event.id}", "type": `, '[1, 2, 3]', JSON.stringify({ id: event.id, type: 'charge.refunded' }),
      JSON.stringify({ ...event, id: 'not_an_event_id' })]) {
      assertProblem(await post(body, { 'stripe-signature': sign(body) }), 400);
    }
    assert.equal(storedCount(), before);
    assert.equal(stored(event.id), '');
  });

  test('a signed event whose id the shop cannot store (evt_ then not only letters, digits and _) is refused with 400', async () => {
    const before = storedCount();
    for (const id of ['evt_bad-id', 'evt_ünï']) {
      const body = JSON.stringify({ ...sample(), id });
      const res = await post(body, { 'stripe-signature': sign(body) });
      assertProblem(res, 400);
    }
    assert.equal(storedCount(), before);
  });

  test('a server without STRIPE_WEBHOOK_SECRET answers 503 and says what to set', async () => {
    const res = await post(JSON.stringify(sample()), { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'a'.repeat(64)}` }, unconfigured);
    assertProblem(res, 503);
    assert.match(JSON.parse(res.text).detail, /STRIPE_WEBHOOK_SECRET/);
  });
});

describe('payment', { timeout: 120_000 }, () => {
  test('checkout.session.completed pays the order and sends one French confirmation', async () => {
    const order = await placeOrder({ lang: 'fr' });
    assert.equal(order.locale, 'fr');
    const event = await stripe.pay(order.session);
    assertAnswer(event, 200, 'applied');
    assert.equal(statusOf(order.number), 'paid|0');
    assert.equal(sql(`SELECT paid_at IS NOT NULL AND payment_intent = '${event.data.object.payment_intent}' FROM orders WHERE number = '${order.number}'`), 't');
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe');
    assert.equal(sql(`SELECT actor_id FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.number = '${order.number}' AND to_status = 'paid'`), event.id);
    const cart = JSON.parse((await order.call('GET', '/api/v1/cart')).text);
    assert.equal(cart.items.length, 0, 'a paid order leaves the cart it came from');

    const mail = await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    assert.equal(mail.subject, `Commande ${order.number} confirmée`);
    const text = flat(mail.parts['text/plain']);
    assert.ok(text.includes(`Tasse en grès × 2 — ${money(2_500, 'fr')}`), text);
    assert.ok(text.includes(`Total — ${money(cents(order.totals.total), 'fr')}`), text);
    for (const part of [ADDRESS.full_name, ADDRESS.line1, 'Montréal QC H2X 1K4']) assert.ok(text.includes(part), `${part} not in:\n${text}`);
    assert.match(text, /Merci pour votre commande/);
    assert.equal(mails(order, CONFIRMED).length, 1);
    // The mail's link opens the order page; once sent, the outbox keeps neither link nor address.
    const link = new RegExp(`${server.url}/fr/commandes/${order.number.toLowerCase()}\\?t=\\S+`).exec(text);
    assert.ok(link, `no order link in:\n${text}`);
    const page = await request(link[0]);
    assert.equal(page.status, 200, show(page));
    assert.ok(page.text.includes(order.number));
    await eventually(() => sql(`SELECT bool_or(payload ? 'link' OR payload ? 'address') FROM email_outbox WHERE to_address = '${order.email}'`), 'f');
  });

  test('an order placed in English gets its confirmation in English', async () => {
    const order = await placeOrder({ lang: 'en', items: [['cup', 1]] });
    assert.equal(order.locale, 'en');
    assertAnswer(await stripe.pay(order.session), 200, 'applied');
    const mail = await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    assert.equal(mail.subject, `Order ${order.number} confirmed`);
    const text = flat(mail.parts['text/plain']);
    assert.ok(text.includes(`Stoneware cup × 1 — ${money(1_250, 'en')}`), text);
    assert.ok(text.includes(`Total — ${money(cents(order.totals.total), 'en')}`), text);
    for (const part of [ADDRESS.full_name, ADDRESS.line1, 'H2X 1K4']) assert.ok(text.includes(part), `${part} not in:\n${text}`);
  });

  test('the same event delivered twice is applied once: one history row, one mail, two deliveries counted', async () => {
    const order = await placeOrder();
    const event = await stripe.pay(order.session);
    assertAnswer(event, 200, 'applied');
    await stripe.deliver(event);
    assertAnswer(event, 200, 'unchanged');
    await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    await sleep(1_500);
    assert.equal(mails(order, CONFIRMED).length, 1);
    assert.equal(stored(event.id), '2|true|applied');
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe');
  });

  test('concurrent deliveries of one event and of a replay apply it once', async () => {
    const order = await placeOrder();
    stripe.holdWebhooks = true;
    const event = await stripe.pay(order.session);
    stripe.holdWebhooks = false;
    stripe.queued.length = 0;
    const replay = stripe.event('checkout.session.completed', stripe.sessions.get(order.session));
    const answers = await Promise.all([...Array(5).fill(event), replay, replay].map((e) => stripe.deliver(e)));
    assert.deepEqual(answers.map((a) => a.status), Array(7).fill(200), JSON.stringify(answers));
    assert.equal(answers.filter((a) => JSON.parse(a.body).status === 'applied').length, 1, JSON.stringify(answers));
    assert.equal(statusOf(order.number), 'paid|0');
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe');
    assert.equal(stored(event.id).split('|')[0], '5');
    await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    await sleep(1_500);
    assert.equal(mails(order, CONFIRMED).length, 1);
  });

  test('another completed event for a session already paid changes nothing and sends no second mail', async () => {
    const order = await placeOrder();
    assertAnswer(await stripe.pay(order.session), 200, 'applied');
    await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    const replay = stripe.event('checkout.session.completed', stripe.sessions.get(order.session));
    await stripe.deliver(replay);
    assertAnswer(replay, 200, 'unchanged');
    await sleep(1_500);
    assert.equal(mails(order, CONFIRMED).length, 1);
    assert.equal(statusOf(order.number), 'paid|0');
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe');
  });

  test('a delayed payment (bank debit) waits while unpaid, then pays on async_payment_succeeded', async () => {
    const order = await placeOrder();
    const completed = await stripe.pay(order.session, { async: true });
    assertAnswer(completed, 200);
    assert.equal(statusOf(order.number), 'pending|0');
    assert.equal(sql(`SELECT payment_intent FROM orders WHERE number = '${order.number}'`), completed.data.object.payment_intent);
    const succeeded = await stripe.asyncResult(order.session, true);
    assertAnswer(succeeded, 200, 'applied');
    assert.equal(statusOf(order.number), 'paid|0');
    await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    await sleep(1_000);
    assert.equal(mails(order, CONFIRMED).length, 1);
  });

  test('a delayed payment that fails cancels the order, gives the stock back and sends "payment failed"', async () => {
    const stock = stockOf('kettle');
    const order = await placeOrder({ items: [['kettle', 3]] });
    assert.equal(stockOf('kettle'), stock - 3);
    assertAnswer(await stripe.pay(order.session, { async: true }), 200);
    const failed = await stripe.asyncResult(order.session, false);
    assertAnswer(failed, 200, 'applied');
    assert.equal(statusOf(order.number), 'cancelled|0');
    assert.equal(stockOf('kettle'), stock);
    assert.equal(history(order.number), '>pending:customer pending>cancelled:stripe');
    const mail = await capture.waitFor(order.email, (m) => /paiement a échoué/.test(m.subject));
    assert.equal(mail.subject, `Commande ${order.number} : le paiement a échoué`);
    assert.equal(mails(order, CONFIRMED).length, 0);
  });

  test('the background job cancels a pending order whose stock hold has passed and gives the stock back', async () => {
    const stock = stockOf('kettle');
    const order = await placeOrder({ items: [['kettle', 1]] });
    assert.equal(stockOf('kettle'), stock - 1);
    sql(`UPDATE orders SET reserved_until = now() - interval '1 minute' WHERE number = '${order.number}'`);
    await eventually(() => statusOf(order.number), 'cancelled|0', 10_000);
    assert.equal(stockOf('kettle'), stock);
    assert.equal(history(order.number), '>pending:customer pending>cancelled:system');
  });

  test('an expired session cancels the order and gives the stock back; a late completed event changes nothing', async () => {
    const stock = stockOf('kettle');
    const order = await placeOrder({ items: [['kettle', 2]] });
    assert.equal(stockOf('kettle'), stock - 2);
    const expired = await stripe.expire(order.session);
    assertAnswer(expired, 200, 'applied');
    assert.equal(statusOf(order.number), 'cancelled|0');
    assert.equal(stockOf('kettle'), stock);
    const late = stripe.event('checkout.session.completed', {
      ...stripe.sessions.get(order.session), status: 'complete', payment_status: 'paid', payment_intent: `pi_late_${Date.now()}`,
    });
    await stripe.deliver(late);
    assertAnswer(late, 200, 'unchanged');
    assert.equal(statusOf(order.number), 'cancelled|0');
    assert.equal(stockOf('kettle'), stock, 'the stock is given back once only');
    await sleep(1_000);
    assert.equal(mails(order, CONFIRMED).length, 0);
  });
});

// An event pays an order only when its session is the one stored for the order and it charged the
// order's total in the order's currency (design.md §5). Anything else is stored as refused with
// the reason, audited, logged and counted; the order does not move.
describe('binding a payment to its order', { timeout: 120_000 }, () => {
  const refusal = (id) => sql(`SELECT (applied_at IS NOT NULL) || '|' || coalesce(outcome, '') || '|' || coalesce(refusal, '') FROM stripe_events WHERE id = '${id}'`);
  const audited = (id) => sql(`SELECT target_kind || '|' || target_id || '|' || (details->>'reason') FROM audit_log WHERE action = 'payment.event_refused' AND details->>'event' = '${id}'`);
  const refusedMetric = async (reason) => {
    const res = await request(`${server.url}/metrics`);
    const line = res.text.split('\n').find((l) => l.startsWith(`payment_events_refused_total{provider="stripe",reason="${reason}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const paidSession = (order, changes) => ({
    ...stripe.sessions.get(order.session), status: 'complete', payment_status: 'paid', payment_intent: `pi_bind_${Date.now()}_${Math.random().toString(36).slice(2)}`, ...changes,
  });

  test('another checkout session naming the order (one cent, client_reference_id) is refused: the order stays pending', async () => {
    const before = await refusedMetric('foreign_session');
    const order = await placeOrder({ items: [['kettle', 1]] });
    const event = stripe.event('checkout.session.completed', {
      id: `cs_test_paymentlink_${Date.now()}`, object: 'checkout.session', status: 'complete', payment_status: 'paid',
      amount_total: 1, currency: 'cad', client_reference_id: order.number, payment_intent: `pi_foreign_${Date.now()}`, metadata: {},
    });
    await stripe.deliver(event);
    assertAnswer(event, 200, 'refused');
    assert.equal(statusOf(order.number), 'pending|0');
    assert.equal(refusal(event.id), 'true|refused|foreign_session');
    assert.equal(audited(event.id), `order|${order.number}|foreign_session`);
    assert.equal(await refusedMetric('foreign_session'), before + 1);
    assert.equal(sql(`SELECT payment_reference || '|' || coalesce(payment_intent, '') FROM orders WHERE number = '${order.number}'`), `${order.session}|`);
    // The same claim through metadata.order_id, and a foreign "expired" session: neither cancels it.
    const viaMetadata = stripe.event('checkout.session.completed', paidSession(order, { id: `cs_test_other_${Date.now()}` }));
    await stripe.deliver(viaMetadata);
    assertAnswer(viaMetadata, 200, 'refused');
    const expired = stripe.event('checkout.session.expired', { ...stripe.sessions.get(order.session), id: `cs_test_gone_${Date.now()}`, status: 'expired' });
    await stripe.deliver(expired);
    assertAnswer(expired, 200, 'refused');
    assert.equal(statusOf(order.number), 'pending|0');
    // The order's own session still pays it.
    assertAnswer(await stripe.pay(order.session), 200, 'applied');
    assert.equal(statusOf(order.number), 'paid|0');
    await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
    await sleep(500);
    assert.equal(mails(order, CONFIRMED).length, 1);
  });

  test("the order's own session with another amount or currency is refused; the right one then pays", async () => {
    const order = await placeOrder({ items: [['cup', 1]] });
    const total = cents(order.totals.total);
    const cheap = stripe.event('checkout.session.completed', paidSession(order, { amount_total: 1 }));
    await stripe.deliver(cheap);
    assertAnswer(cheap, 200, 'refused');
    assert.equal(refusal(cheap.id), 'true|refused|amount_mismatch');
    assert.equal(audited(cheap.id), `order|${order.number}|amount_mismatch`);
    const dollars = stripe.event('checkout.session.completed', paidSession(order, { amount_total: total, currency: 'usd' }));
    await stripe.deliver(dollars);
    assertAnswer(dollars, 200, 'refused');
    assert.equal(refusal(dollars.id), 'true|refused|currency_mismatch');
    const late = stripe.event('checkout.session.async_payment_succeeded', paidSession(order, { amount_total: total - 1 }));
    await stripe.deliver(late);
    assertAnswer(late, 200, 'refused');
    assert.equal(statusOf(order.number), 'pending|0');
    assert.equal(sql(`SELECT coalesce(payment_intent, '') FROM orders WHERE number = '${order.number}'`), '', 'a refused event records nothing on the order');
    assertAnswer(await stripe.pay(order.session), 200, 'applied');
    assert.equal(statusOf(order.number), 'paid|0');
  });

  test('a session that names no order of ours (a Payment Link sale) is left alone without an alert', async () => {
    const before = await refusedMetric('foreign_session');
    const event = stripe.event('checkout.session.completed', {
      id: `cs_test_link_${Date.now()}`, object: 'checkout.session', status: 'complete', payment_status: 'paid',
      amount_total: 2_000, currency: 'cad', client_reference_id: null, metadata: {}, payment_intent: `pi_link_${Date.now()}`,
    });
    await stripe.deliver(event);
    assertAnswer(event, 200, 'unchanged');
    assert.equal(audited(event.id), '');
    assert.equal(await refusedMetric('foreign_session'), before);
  });

  test('a refund larger than the payment is refused; the order stays paid', async () => {
    const order = await placeOrder({ items: [['cup', 1]] });
    const paid = await stripe.pay(order.session);
    assertAnswer(paid, 200, 'applied');
    const charge = {
      id: `ch_big_${Date.now()}`, object: 'charge', amount: cents(order.totals.total), amount_refunded: cents(order.totals.total) + 1,
      currency: 'cad', payment_intent: paid.data.object.payment_intent, metadata: { order_id: order.number },
    };
    const event = stripe.event('charge.refunded', charge);
    await stripe.deliver(event);
    assertAnswer(event, 200, 'refused');
    assert.equal(refusal(event.id), 'true|refused|refund_exceeds_payment');
    assert.equal(audited(event.id), `order|${order.number}|refund_exceeds_payment`);
    assert.equal(statusOf(order.number), 'paid|0');
    const euros = stripe.event('charge.refunded', { ...charge, id: `ch_eur_${Date.now()}`, amount_refunded: 100, currency: 'eur' });
    await stripe.deliver(euros);
    assertAnswer(euros, 200, 'refused');
    assert.equal(statusOf(order.number), 'paid|0');
    await sleep(500);
    assert.equal(mails(order, REFUND).length, 0);
  });
});

describe('refunds', { timeout: 90_000 }, () => {
  test('a partial then a full refund: partially_refunded, then refunded, each with its mail', async () => {
    const order = await placeOrder();
    const total = cents(order.totals.total);
    assertAnswer(await stripe.pay(order.session), 200, 'applied');
    const partial = await stripe.refund(order.session, 500);
    assertAnswer(partial, 200, 'applied');
    assert.equal(statusOf(order.number), 'partially_refunded|500');
    const first = await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    assert.equal(flat(first.subject), `Commande ${order.number} : remboursement de ${money(500, 'fr')}`);
    assert.ok(flat(first.parts['text/plain']).includes(`Nous avons remboursé ${money(500, 'fr')}`));

    const rest = await stripe.refund(order.session);
    assertAnswer(rest, 200, 'applied');
    assert.equal(statusOf(order.number), `refunded|${total}`);
    await eventually(() => mails(order, REFUND).length, 2);
    // Each mail states its own refund: the rest, not the whole order again.
    const second = mails(order, REFUND).find((m) => m !== first && !flat(m.subject).endsWith(money(500, 'fr')));
    assert.ok(second, 'no second refund mail');
    assert.equal(flat(second.subject), `Commande ${order.number} : remboursement de ${money(total - 500, 'fr')}`);
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe paid>partially_refunded:stripe partially_refunded>refunded:stripe');
    // The older news arriving again changes nothing.
    await stripe.deliver(partial);
    assertAnswer(partial, 200, 'unchanged');
    assert.equal(statusOf(order.number), `refunded|${total}`);
  });

  test('a refund delivered before its payment is deferred, then applied by the retry job', async (t) => {
    const order = await placeOrder({ items: [['cup', 1]] });
    stripe.holdWebhooks = true;
    let completed;
    let refunded;
    try {
      completed = await stripe.pay(order.session);
      refunded = await stripe.refund(order.session, 300);
    } finally {
      stripe.holdWebhooks = false;
      stripe.queued.length = 0;
    }
    await stripe.deliver(refunded);
    assertAnswer(refunded, 200, 'deferred');
    assert.equal(statusOf(order.number), 'pending|0');
    assert.equal(stored(refunded.id), '1|false|');
    await stripe.deliver(completed);
    assertAnswer(completed, 200, 'applied');
    // Paying wakes the deferred refund, so the job may already have applied it here.
    assert.ok(['paid|0', 'partially_refunded|300'].includes(statusOf(order.number)));
    const started = performance.now();
    await eventually(() => statusOf(order.number), 'partially_refunded|300', 40_000);
    t.diagnostic(`deferred refund applied after ${performance.now() - started} ms`);
    assert.equal(stored(refunded.id), '1|true|applied');
    await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    await sleep(1_000);
    assert.equal(mails(order, REFUND).length, 1);
    assert.ok(flat(mails(order, REFUND)[0].subject).endsWith(money(300, 'fr')));
    assert.equal(history(order.number), '>pending:customer pending>paid:stripe paid>partially_refunded:stripe');
  });
});

describe('a crash while an event is applied', { timeout: 120_000 }, () => {
  test('nothing of it is kept, and Stripe\'s next delivery applies it once', async () => {
    const db = await createDatabase();
    const fake = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: SECRET });
    const crashing = await startServer({ database: { url: db.url }, env: { ...stripeEnv(fake), COMPTOIR_TEST_FAULT: 'stripe_before_commit' } });
    fake.webhookUrl = `${crashing.url}/webhooks/stripe`;
    const api = catalogApi(crashing, await createToken(crashing));
    const made = await api.post('/api/v1/products', {
      status: 'active', text: { fr: { name: 'Théière' }, en: { name: 'Teapot' } },
      variants: [{ sku: `CRASH-${process.pid}`, price_cents: 3_000, stock_on_hand: 5 }],
    });
    products.crash = { id: made.id, variant: made.variants[0].id };
    const order = await placeOrder({ items: [['crash', 1]], target: crashing });

    await assert.rejects(fake.pay(order.session), /socket hang up|ECONNRESET|EPIPE/);
    const event = fake.events.at(-1);
    assert.equal(event.type, 'checkout.session.completed');
    const exit = await within(crashing.exited, 10_000);
    assert.notEqual(exit, 'timeout', 'the server did not die');
    assert.equal(exit.signal, 'SIGKILL');
    await crashing.stop();
    // The delivery was never answered: its transaction, event row included, is gone.
    assert.equal(sql(`SELECT count(*) FROM stripe_events WHERE id = '${event.id}'`, db.url), '0');
    assert.equal(statusOf(order.number, db.url), 'pending|0');
    assert.equal(history(order.number, db.url), '>pending:customer');

    const restarted = await startServer({ database: { url: db.url }, env: stripeEnv(fake) });
    try {
      fake.webhookUrl = `${restarted.url}/webhooks/stripe`;
      const retried = await fake.deliver(event);
      assert.equal(retried.status, 200, retried.body);
      assert.deepEqual(JSON.parse(retried.body), { status: 'applied' });
      assert.equal(statusOf(order.number, db.url), 'paid|0');
      assert.equal(sql(`SELECT (applied_at IS NOT NULL) || '|' || outcome FROM stripe_events WHERE id = '${event.id}'`, db.url), 'true|applied');
      assert.equal(history(order.number, db.url), '>pending:customer pending>paid:stripe');
      await capture.waitFor(order.email, (m) => CONFIRMED.test(m.subject));
      const again = await fake.deliver(event);
      assert.equal(again.status, 200, again.body);
      assert.deepEqual(JSON.parse(again.body), { status: 'unchanged' });
      await sleep(1_500);
      assert.equal(mails(order, CONFIRMED).length, 1);
      assert.equal(history(order.number, db.url), '>pending:customer pending>paid:stripe');
      assert.equal(sql(`SELECT deliveries FROM stripe_events WHERE id = '${event.id}'`, db.url), '2');
    } finally {
      await restarted.stop();
      await db.drop();
    }
  });
});
