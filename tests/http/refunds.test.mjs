// Refunds issued by staff through the JSON API (POST/GET /api/v1/orders/{number}/refunds), black
// box: the real binary, the fake Stripe (POST /v1/refunds, its webhooks signed as Stripe signs
// them) and a real SMTP server. Full and partial refunds, over-refunds, Stripe down then the retry
// job, Stripe refusing, refunds Stripe settles later, the webhooks that follow never counting a
// refund twice, orders paid offline, and the transitions endpoint sending refunds here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describe as show, sleep } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, sql, staffApi, startStaffShops } from '../support/staff_shops.mjs';
import { cents } from '../support/money.mjs';

const STRIPE_KEY = 'sk_test_refunds_suite_4Rf9';
const ADDRESS = { full_name: 'Julie Gagnon', line1: '12 rue Sherbrooke', city: 'Montréal', postal_code: 'H2X 1K4' };

// At the top level: its `after` hook would run right after a `before` hook that called it.
const capture = await startSmtpCapture();
let stripe;
let shop;    // paid through Stripe
let manual;  // paid offline
let shops;

before(async () => {
  shops = await startStaffShops({
    capture, stripeKey: STRIPE_KEY, webhookSecret: 'whsec_refunds_Tg7Lq2', keys: `k1:${Buffer.alloc(32, 13).toString('base64')}`,
    product: { fr: 'Bol en céramique', en: 'Ceramic bowl', sku: 'BOWL', price: 2_400, stock: 200 },
  });
  ({ stripe, shop, manual } = shops);
}, { timeout: 90_000 });
after(() => shops?.stop());

const flat = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
const money = (amount, lang) => (lang === 'fr' ? `${(amount / 100).toFixed(2).replace('.', ',')} $` : `$${(amount / 100).toFixed(2)}`);
const REFUND = /remboursement|refund/i;
const refundMails = (order) => capture.to(order.email).filter((m) => REFUND.test(m.subject));

async function eventually(probe, expected, timeout = 15_000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await probe();
    if (String(value) === String(expected)) return value;
    if (performance.now() > deadline) assert.equal(String(value), String(expected), `not reached within ${timeout} ms`);
    await sleep(100);
  }
}

// The staff API with `scope`'s token (none when scope is null), in `lang`.
const staff = (target, scope, lang = 'en') => staffApi(target, scope ? shops.tokens.get(target)[scope] : null, lang);

let orderCount = 0;
// A guest checks out `quantity` bowls in `lang`; `total` is the order's total in cents.
async function placeOrder(target, { lang = 'fr', quantity = 2 } = {}) {
  const order = await checkoutAsGuest(target, shops.products.get(target), {
    email: `refund-${(orderCount += 1)}-${process.pid}@example.ca`, address: ADDRESS, lang, quantity,
  });
  return { ...order, total: cents(order.totals.total) };
}

// A Stripe order paid through the webhook, its confirmation received.
async function paidOrder(options) {
  const order = await placeOrder(shop, options);
  const paid = await stripe.pay(order.session);
  assert.equal(stripe.deliveries.at(-1).status, 200, stripe.deliveries.at(-1).body);
  await capture.waitFor(order.email, (m) => /confirm/.test(m.subject));
  return { ...order, intent: paid.data.object.payment_intent };
}

const assertProblem = (res, status, code) => {
  assert.equal(res.status, status, show(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  if (code) assert.equal(res.json.code, code, show(res));
  return res.json;
};
const statusOf = (target, number) => sql(target, `SELECT status || '|' || refunded_amount FROM orders WHERE number = '${number}'`);
// What the shop asked Stripe to refund for `order`.
const refundRequests = (order) => stripe.requests.filter((r) => r.path === '/v1/refunds' && r.form.metadata?.order_id === order.number);
const stripeRefunds = (order) => [...stripe.refunds.values()].filter((r) => r.payment_intent === order.intent);
// The shop's answer to the last delivery of each charge.refunded event about `order`.
const chargeEvents = (order) => stripe.events.filter((e) => e.type === 'charge.refunded' && e.data.object.payment_intent === order.intent);
const outcomeOf = (event) => sql(shop, `SELECT coalesce(outcome, 'waiting') FROM stripe_events WHERE id = '${event.id}'`);

describe('refunds through Stripe', { timeout: 120_000 }, () => {
  test('a full refund: 201, Stripe asked once with the key, the reason and the metadata; the order refunded; one English mail', async () => {
    const order = await paidOrder({ lang: 'en' });
    const res = await staff(shop, 'orders:refund').refund(order.number, { amount: order.total, reason: 'requested_by_customer', note: 'Arrived broken' });
    assert.equal(res.status, 201, show(res));
    const refund = res.json;
    assert.equal(refund.state, 'succeeded');
    assert.equal(refund.order, order.number);
    assert.equal(refund.provider, 'stripe');
    assert.match(refund.stripe_refund_id, /^re_/);
    assert.equal(refund.stripe_status, 'succeeded');
    assert.deepEqual(refund.amount, { amount_cents: order.total, currency: 'CAD', formatted: money(order.total, 'en') });
    assert.equal(refund.currency, 'CAD');
    assert.equal(refund.reason, 'requested_by_customer');
    assert.equal(refund.note, 'Arrived broken');
    assert.equal(refund.actor, 'api_token');
    assert.equal(refund.attempts, 1);
    assert.equal(refund.error, null);

    const [sent, ...more] = refundRequests(order);
    assert.equal(more.length, 0, 'Stripe was asked once');
    assert.deepEqual(sent.form, {
      payment_intent: order.intent, amount: String(order.total), reason: 'requested_by_customer',
      metadata: { order_id: order.number, refund_id: String(refund.id) },
    });
    assert.equal(sent.headers['idempotency-key'], `comptoir-refund-${order.number}-${refund.id}`);
    assert.equal(sent.headers.authorization, `Bearer ${STRIPE_KEY}`);
    assert.deepEqual(stripeRefunds(order).map((r) => [r.id, r.amount]), [[refund.stripe_refund_id, order.total]]);

    const got = (await staff(shop, 'orders:read').order(order.number)).json;
    assert.equal(got.status, 'refunded');
    assert.equal(cents(got.refunded_amount), order.total);
    assert.deepEqual([got.history.at(-1).from, got.history.at(-1).to, got.history.at(-1).actor], ['paid', 'refunded', 'api_token']);
    assert.match(got.history.at(-1).note, new RegExp(`^refund #${refund.id} \\(requested_by_customer, Stripe ${refund.stripe_refund_id}\\): Arrived broken$`));
    const mail = await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    assert.equal(flat(mail.subject), `Order ${order.number}: refund of ${money(order.total, 'en')}`);
    assert.ok(flat(mail.parts['text/plain']).includes(`We refunded ${money(order.total, 'en')}`), mail.parts['text/plain']);

    // Stripe's charge.refunded follows its answer: it counts nothing more.
    const [event] = await eventually(() => chargeEvents(order).length, 1).then(() => chargeEvents(order));
    await eventually(() => outcomeOf(event), 'unchanged');
    assert.equal(statusOf(shop, order.number), `refunded|${order.total}`);
    await sleep(1_000);
    assert.equal(refundMails(order).length, 1);
    assert.equal(sql(shop, `SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE target_id = '${order.number}' AND action LIKE 'refund.%'`),
      'refund.requested,refund.succeeded');
    assertProblem(await staff(shop, 'orders:refund').refund(order.number, { amount: 1, reason: 'other' }), 409, 'refunds.not_refundable');
  });

  test('partial refunds in French; a webhook that comes before Stripe\'s answer waits, and nothing is counted twice', async () => {
    const order = await paidOrder({ lang: 'fr', quantity: 3 });
    stripe.refundWebhooks = 'before';
    let first;
    try {
      first = await staff(shop, 'orders:refund', 'fr').refund(order.number, { amount: 500, reason: 'returned' });
    } finally {
      stripe.refundWebhooks = 'after';
    }
    assert.equal(first.status, 201, show(first));
    assert.equal(first.json.return_id, null);
    assert.equal(first.json.amount.formatted.replace(/\u00a0/g, ' '), '5,00 $');
    const [early] = chargeEvents(order);
    const delivery = stripe.deliveries.findLast((d) => d.event.id === early.id);
    assert.deepEqual(JSON.parse(delivery.body), { status: 'deferred' }, 'it came while the refund was pending');
    assert.equal(refundRequests(order)[0].form.reason, 'requested_by_customer', 'a return is a refund the customer asked for');
    assert.equal(statusOf(shop, order.number), 'partially_refunded|500');
    await eventually(() => outcomeOf(early), 'unchanged');
    assert.equal(statusOf(shop, order.number), 'partially_refunded|500');

    const second = await staff(shop, 'orders:refund', 'fr').refund(order.number, { amount: 1_000, reason: 'other' });
    assert.equal(second.status, 201, show(second));
    assert.equal(refundRequests(order)[1].form.reason, undefined, 'Stripe has no reason for "other"');
    assert.equal(statusOf(shop, order.number), 'partially_refunded|1500');
    await eventually(() => chargeEvents(order).length, 2);
    await eventually(() => outcomeOf(chargeEvents(order)[1]), 'unchanged');

    const listed = await staff(shop, 'orders:read', 'fr').refunds(order.number);
    assert.equal(listed.status, 200, show(listed));
    assert.equal(listed.json.status, 'partially_refunded');
    assert.deepEqual([listed.json.total, listed.json.refunded, listed.json.pending, listed.json.refundable].map(cents),
      [order.total, 1_500, 0, order.total - 1_500]);
    assert.deepEqual(listed.json.refunds.map((r) => [r.id, r.state, cents(r.amount)]), [[first.json.id, 'succeeded', 500], [second.json.id, 'succeeded', 1_000]]);

    await eventually(() => refundMails(order).length, 2);
    const subjects = refundMails(order).map((m) => flat(m.subject)).sort();
    assert.deepEqual(subjects, [`Commande ${order.number} : remboursement de ${money(1_000, 'fr')}`, `Commande ${order.number} : remboursement de ${money(500, 'fr')}`].sort());
    assert.ok(refundMails(order).some((m) => flat(m.parts['text/plain']).includes(`Nous avons remboursé ${money(500, 'fr')}`)));
    const got = (await staff(shop, 'orders:read').order(order.number)).json;
    assert.deepEqual(got.history.map((h) => h.to), ['pending', 'paid', 'partially_refunded', 'partially_refunded']);
    assert.match(got.history[2].note, /^refund #\d+ \(returned, Stripe re_\w+\)$/);
  });

  test('over-refunds, bad input, missing scopes and unknown orders are refused before Stripe is asked', async () => {
    const order = await paidOrder({ lang: 'fr' });
    const asked = stripe.requests.filter((r) => r.path === '/v1/refunds').length;
    const fr = await staff(shop, 'orders:refund', 'fr').refund(order.number, { amount: order.total + 1, reason: 'duplicate' });
    assertProblem(fr, 422, 'refunds.exceeds_refundable');
    assert.equal(cents(fr.json.refundable), order.total);
    assert.ok(flat(fr.json.detail).includes(`il reste au plus ${money(order.total, 'fr')}`), fr.json.detail);
    const en = await staff(shop, 'orders:refund', 'en').refund(order.number, { amount: order.total + 1, reason: 'duplicate' });
    assertProblem(en, 422, 'refunds.exceeds_refundable');
    assert.ok(en.json.detail.includes(`at most ${money(order.total, 'en')} is left`), en.json.detail);
    // A refund that names a return pays back that return only: one of this order's, received.
    const unknown = await staff(shop, 'orders:refund').refund(order.number, { amount: 100, reason: 'returned', return_id: 424242 });
    assertProblem(unknown, 422, 'refunds.return_not_found');
    assert.match(unknown.json.detail, /return_id names no return of this order/);

    for (const [body, fields] of [
      [{ amount: 0, reason: 'duplicate' }, ['amount']],
      [{ amount: '12', reason: 'duplicate' }, ['amount']],
      [{ amount: 12.5, reason: 'duplicate' }, ['amount']],
      [{ amount: 100 }, ['reason']],
      [{ amount: 100, reason: 'goodwill' }, ['reason']],
      [{ amount: 100, reason: 'other', note: 'x'.repeat(1_001) }, ['note']],
      [{ amount: 100, reason: 'other', return_id: -3 }, ['return_id']],
      [{}, ['amount', 'reason']],
    ]) {
      const res = await staff(shop, 'orders:refund').refund(order.number, body);
      assertProblem(res, 422, 'refunds.invalid');
      assert.deepEqual(res.json.errors.map((e) => e.field), fields, JSON.stringify(body));
    }
    assert.equal((await staff(shop, 'orders:refund').refund(order.number, { amount: 100, reason: 'other', note: 'é'.repeat(1_000) })).status, 201,
      'a note of 1000 characters (2000 bytes) is fine');
    assert.equal((await staff(shop, 'orders:refund').refund(order.number, '{not json')).status, 400);

    assertProblem(await staff(shop, null).refund(order.number, { amount: 100, reason: 'other' }), 401);
    assertProblem(await staff(shop, 'orders:read').refund(order.number, { amount: 100, reason: 'other' }), 403);
    assertProblem(await staff(shop, 'orders:write').refund(order.number, { amount: 100, reason: 'other' }), 403);
    assert.equal(sql(shop, `SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND details->>'scope' = 'orders:refund'
      AND details->>'path' = '/api/v1/orders/${order.number}/refunds'`), '2');
    assertProblem(await staff(shop, 'orders:refund').refunds(order.number), 403);
    assertProblem(await staff(shop, 'orders:refund').refund('CMP-00000000', { amount: 100, reason: 'other' }), 404, 'refunds.order_not_found');
    assertProblem(await staff(shop, 'orders:read').refunds('CMP-00000000'), 404, 'refunds.order_not_found');

    const unpaid = await placeOrder(shop);
    assertProblem(await staff(shop, 'orders:refund').refund(unpaid.number, { amount: 100, reason: 'other' }), 409, 'refunds.not_refundable');
    assert.equal(stripe.requests.filter((r) => r.path === '/v1/refunds').length, asked + 1, 'only the valid refund reached Stripe');
    assert.equal(statusOf(shop, order.number), 'partially_refunded|100');
  });

  test('concurrent refunds never give back more than was paid', async () => {
    const order = await paidOrder({ lang: 'en', quantity: 1 });
    const share = Math.floor(order.total * 0.4);
    const answers = await Promise.all(Array.from({ length: 4 }, () => staff(shop, 'orders:refund').refund(order.number, { amount: share, reason: 'duplicate' })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 422, 422], JSON.stringify(answers.map((a) => a.json)));
    assert.equal(statusOf(shop, order.number), `partially_refunded|${2 * share}`);
    assert.equal(stripeRefunds(order).length, 2);
  });

  test('Stripe down: 503 with the pending refund, then the retry job sends the same request with the same key, once', async () => {
    const order = await paidOrder({ lang: 'en' });
    stripe.failNext(3, { endpoint: 'POST /v1/refunds', status: 500 });
    const res = await staff(shop, 'orders:refund').refund(order.number, { amount: 700, reason: 'requested_by_customer' });
    const problem = assertProblem(res, 503, 'refunds.stripe_unavailable');
    assert.match(problem.detail, /do not ask for it a second time/);
    assert.equal(problem.refund.state, 'pending');
    assert.equal(problem.refund.stripe_refund_id, null);
    assert.equal(res.headers['retry-after'], undefined, 'nothing invites the caller to send it again');
    assert.equal(statusOf(shop, order.number), 'paid|0');

    await eventually(() => statusOf(shop, order.number), 'partially_refunded|700');
    const sent = refundRequests(order);
    assert.ok(sent.length >= 4, `three failed attempts, then the job's: ${sent.length}`);
    assert.deepEqual([...new Set(sent.map((r) => r.headers['idempotency-key']))], [`comptoir-refund-${order.number}-${problem.refund.id}`]);
    assert.deepEqual([...new Set(sent.map((r) => r.raw))].length, 1, 'the very same request every time');
    assert.equal(stripeRefunds(order).length, 1, 'money moved once');
    const listed = (await staff(shop, 'orders:read').refunds(order.number)).json;
    assert.deepEqual(listed.refunds.map((r) => [r.state, r.attempts >= 2, r.error]), [['succeeded', true, null]]);
    assert.equal(cents(listed.pending), 0);
    await eventually(() => outcomeOf(chargeEvents(order)[0] ?? { id: '' }), 'unchanged');
    await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    await sleep(1_000);
    assert.equal(refundMails(order).length, 1);
    assert.equal(flat(refundMails(order)[0].subject), `Order ${order.number}: refund of ${money(700, 'en')}`);
  });

  test('Stripe refuses (402): 502 with Stripe\'s message, the refund failed, the order unchanged', async () => {
    const order = await paidOrder({ lang: 'fr' });
    stripe.failNext(1, {
      endpoint: 'POST /v1/refunds', status: 402,
      body: { error: { type: 'card_error', code: 'expired_card', message: 'Your card has expired.' } },
    });
    const res = await staff(shop, 'orders:refund', 'fr').refund(order.number, { amount: 900, reason: 'fraudulent' });
    const problem = assertProblem(res, 502, 'refunds.stripe_rejected');
    assert.equal(problem.stripe_message, 'Your card has expired.');
    assert.equal(problem.refund.state, 'failed');
    assert.match(problem.detail, /Stripe a refusé le remboursement/);
    assert.equal(statusOf(shop, order.number), 'paid|0');
    const listed = (await staff(shop, 'orders:read').refunds(order.number)).json;
    assert.equal(cents(listed.refundable), order.total, 'a failed refund gives nothing back and holds nothing');
    await sleep(1_500);
    assert.equal(refundRequests(order).length, 1, 'a refusal is not sent again');
    assert.equal(refundMails(order).length, 0);
    assert.equal(sql(shop, `SELECT details->>'error' FROM audit_log WHERE action = 'refund.failed' AND target_id = '${order.number}'`), 'Your card has expired.');
  });

  test('a refund Stripe settles later: 201 pending, then refund.updated moves the order; a failed one does not', async () => {
    const order = await paidOrder({ lang: 'en', quantity: 3 });
    stripe.refundStatus = 'pending';
    let taken;
    let lost;
    try {
      taken = await staff(shop, 'orders:refund').refund(order.number, { amount: 1_000, reason: 'requested_by_customer' });
      lost = await staff(shop, 'orders:refund').refund(order.number, { amount: 2_000, reason: 'requested_by_customer' });
    } finally {
      stripe.refundStatus = 'succeeded';
    }
    assert.equal(taken.status, 201, show(taken));
    assert.deepEqual([taken.json.state, taken.json.stripe_status], ['pending', 'pending']);
    assert.equal(statusOf(shop, order.number), 'paid|0');
    const pending = (await staff(shop, 'orders:read').refunds(order.number)).json;
    assert.deepEqual([pending.pending, pending.refundable].map(cents), [3_000, order.total - 3_000]);
    // charge.refunded already counts them: it waits for them to settle.
    await eventually(() => chargeEvents(order).length, 2);
    await eventually(() => chargeEvents(order).map((e) => stripe.deliveries.findLast((d) => d.event.id === e.id)?.body).join(), '{"status":"deferred"},{"status":"deferred"}');

    const done = await stripe.settleRefund(taken.json.stripe_refund_id, 'succeeded');
    assert.deepEqual(JSON.parse(stripe.deliveries.findLast((d) => d.event.id === done.id).body), { status: 'applied' });
    assert.equal(statusOf(shop, order.number), 'partially_refunded|1000');
    const failed = await stripe.settleRefund(lost.json.stripe_refund_id, 'failed');
    assert.deepEqual(JSON.parse(stripe.deliveries.findLast((d) => d.event.id === failed.id).body), { status: 'applied' });
    const listed = (await staff(shop, 'orders:read').refunds(order.number)).json;
    assert.deepEqual(listed.refunds.map((r) => [r.state, r.stripe_status]), [['succeeded', 'succeeded'], ['failed', 'failed']]);
    assert.equal(listed.refunds[1].error, 'Stripe: expired_or_canceled_card');
    assert.equal(cents(listed.refundable), order.total - 1_000);
    for (const event of chargeEvents(order)) await eventually(() => outcomeOf(event), 'unchanged');
    assert.equal(statusOf(shop, order.number), 'partially_refunded|1000');
    await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    await sleep(1_000);
    assert.deepEqual(refundMails(order).map((m) => flat(m.subject)), [`Order ${order.number}: refund of ${money(1_000, 'en')}`]);
  });
});

describe('refunds are not transitions', { timeout: 60_000 }, () => {
  test('to refunded or partially_refunded answers 409 and points at /refunds, whatever the scope; the order stays', async () => {
    const order = await paidOrder();
    for (const scope of ['orders:refund', 'orders:write']) {
      for (const to of ['refunded', 'partially_refunded']) {
        const res = await staff(shop, scope).move(order.number, { to, refunded_amount: 100 });
        assertProblem(res, 409, 'orders.refund_through_refunds');
        assert.equal(res.json.refunds, `/api/v1/orders/${order.number}/refunds`);
      }
    }
    assertProblem(await staff(shop, 'orders:refund').move(order.number, { to: 'fulfilled' }), 403);
    assert.equal(statusOf(shop, order.number), 'paid|0');
    assert.equal(refundRequests(order).length, 0);
  });
});

describe('orders paid offline (no STRIPE_SECRET_KEY)', { timeout: 60_000 }, () => {
  test('a refund is recorded at once without Stripe, with its history and French mail; transitions send refunds here too', async () => {
    const order = await placeOrder(manual, { lang: 'fr' });
    assert.equal(order.payment_provider, 'manual');
    assertProblem(await staff(manual, 'orders:refund').refund(order.number, { amount: 100, reason: 'other' }), 409, 'refunds.not_refundable');
    assert.equal((await staff(manual, 'orders:write').move(order.number, { to: 'paid', note: 'virement reçu' })).status, 200);
    assertProblem(await staff(manual, 'orders:refund').move(order.number, { to: 'refunded' }), 409, 'orders.refund_through_refunds');
    const asked = stripe.requests.length;

    const res = await staff(manual, 'orders:refund', 'fr').refund(order.number, { amount: order.total, reason: 'requested_by_customer', note: 'remboursé par virement' });
    assert.equal(res.status, 201, show(res));
    assert.deepEqual([res.json.state, res.json.provider, res.json.stripe_refund_id, res.json.attempts], ['succeeded', 'manual', null, 0]);
    assert.equal(stripe.requests.length, asked, 'Stripe is not asked');
    assert.equal(statusOf(manual, order.number), `refunded|${order.total}`);
    const got = (await staff(manual, 'orders:read').order(order.number)).json;
    assert.match(got.history.at(-1).note, /^refund #\d+ \(requested_by_customer, recorded: paid offline\): remboursé par virement$/);
    const mail = await capture.waitFor(order.email, (m) => REFUND.test(m.subject));
    assert.equal(flat(mail.subject), `Commande ${order.number} : remboursement de ${money(order.total, 'fr')}`);
    const listed = (await staff(manual, 'orders:read').refunds(order.number)).json;
    assert.deepEqual([listed.payment_provider, cents(listed.refunded), cents(listed.refundable)], ['manual', order.total, 0]);
  });
});
