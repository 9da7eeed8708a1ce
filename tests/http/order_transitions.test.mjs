// Staff changing orders through the JSON API (GET /api/v1/orders/{number}, POST …/transitions),
// black box: scopes, the transitions allowed and refused, what each one stores and mails, and
// orders paid offline (manual provider, no STRIPE_SECRET_KEY). Refunds have their own suite
// (refunds.test.mjs); here, only that they need orders:refund and are not transitions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describe as show, request, sleep } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { checkoutAsGuest, createTokenCli, sql, staffApi, startStaffShops, tokenOf } from '../support/staff_shops.mjs';
import { cents } from '../support/money.mjs';

const ADDRESS = { full_name: 'Marc Bouchard', line1: '88 avenue du Parc', city: 'Montréal', postal_code: 'H2X 1K4' };
const TRACKING = 'https://track.example/1Z';

// At the top level: its `after` hook would run right after a `before` hook that called it.
const capture = await startSmtpCapture();
let stripe;
let shop;    // paid through Stripe
let manual;  // paid offline
let shops;

before(async () => {
  shops = await startStaffShops({
    capture, stripeKey: 'sk_test_transitions_suite_7Qa', webhookSecret: 'whsec_transitions_Kp2Wd8',
    keys: `k1:${Buffer.alloc(32, 11).toString('base64')}`,
    product: { fr: 'Planche à découper', en: 'Cutting board', sku: 'BOARD', price: 3_500, stock: 40 },
  });
  ({ stripe, shop, manual } = shops);
}, { timeout: 90_000 });
after(() => shops?.stop());

const stockOf = (target) => Number(sql(target, `SELECT stock_on_hand FROM variants WHERE id = ${shops.products.get(target).variant}`));
const flat = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
const money = (cents) => `${(cents / 100).toFixed(2).replace('.', ',')} $`;

// The staff API with `scope`'s token (none when scope is null).
const staff = (target, scope) => staffApi(target, scope ? shops.tokens.get(target)[scope] : null);

let orderCount = 0;
// A guest checks out one product (in French) through the cart and checkout JSON API.
const placeOrder = (target, quantity = 2) => checkoutAsGuest(target, shops.products.get(target), {
  email: `staff-${(orderCount += 1)}-${process.pid}@example.ca`, address: ADDRESS, quantity,
});

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
    assertProblem(await staff(shop, null).order(order.number), 401);
    assertProblem(await staff(shop, 'orders:write').order(order.number), 403);
    const res = await staff(shop, 'orders:read').order(order.number);
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
    assertProblem(await staff(shop, 'orders:read').order('CMP-00000000'), 404);
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
    const unchanged = (await staff(shop, 'orders:read').order(order.number)).json;
    assert.equal(unchanged.status, 'fulfilled');
    assert.equal(unchanged.history.length, shipped.json.history.length, 'a refused transition wrote history');

    const delivered = await staff(shop, 'orders:write').move(order.number, { to: 'delivered' });
    assert.equal(delivered.status, 200, show(delivered));
    assert.equal(delivered.json.status, 'delivered');

    // A refund is not a transition: it is issued through …/refunds, which needs orders:refund.
    assertProblem(await staff(shop, 'orders:write').move(order.number, { to: 'refunded' }), 409, 'orders.refund_through_refunds');
    const withoutScope = await staff(shop, 'orders:write').refund(order.number, { amount: cents(order.totals.total), reason: 'returned' });
    assertProblem(withoutScope, 403);
    assert.equal(sql(shop, `SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_kind = 'api_token'
      AND details->>'scope' = 'orders:refund' AND details->>'path' = '/api/v1/orders/${order.number}/refunds'`), '1');
    assert.equal((await staff(shop, 'orders:read').order(order.number)).json.status, 'delivered');
    const refund = await staff(shop, 'orders:refund').refund(order.number, { amount: cents(order.totals.total), reason: 'returned' });
    assert.equal(refund.status, 201, show(refund));
    assert.equal(refund.json.state, 'succeeded');
    const refunded = (await staff(shop, 'orders:read').order(order.number)).json;
    assert.equal(refunded.status, 'refunded');
    assert.deepEqual(refunded.refunded_amount, order.totals.total);
    const refundMail = await capture.waitFor(order.email, (m) => /remboursement/.test(m.subject));
    assert.equal(flat(refundMail.subject), `Commande ${order.number} : remboursement de ${money(cents(order.totals.total))}`);
    assert.deepEqual(refunded.history.map((h) => h.to), ['pending', 'paid', 'fulfilled', 'delivered', 'refunded']);
    assertProblem(await staff(shop, 'orders:write').move(order.number, { to: 'fulfilled' }), 409, 'orders.transition_not_allowed');
  });

  test('bad requests: an unknown status, a tracking URL that is not http(s), an unknown order', async () => {
    const order = await paidOrder();
    const write = staff(shop, 'orders:write');
    assertProblem(await write.move(order.number, { to: 'shipped' }), 422, 'orders.invalid');
    assertProblem(await write.move(order.number, { to: 'fulfilled', tracking_url: 'javascript:alert(1)' }), 422, 'orders.invalid');
    for (const [body, field] of [[{ carrier: 'pigeon' }, 'carrier'], [{ tracking_number: 'ABCD1234' }, 'tracking_number'],
      [{ carrier: 'ups', tracking_number: '1Z' }, 'tracking_number']]) {
      const refused = await write.move(order.number, { to: 'fulfilled', ...body });
      assertProblem(refused, 422, 'orders.invalid');
      assert.equal(refused.json.errors[0].field, field, JSON.stringify(body));
    }
    assertProblem(await write.move('CMP-00000000', { to: 'fulfilled' }), 404);
    const notJson = await request(`${shop.url}/api/v1/orders/${order.number}/transitions`, {
      method: 'POST', headers: { authorization: `Bearer ${shops.tokens.get(shop)['orders:write']}`, 'content-type': 'text/plain' }, body: '{"to":"fulfilled"}',
    });
    assert.equal(notJson.status, 415, show(notJson));
    const still = (await staff(shop, 'orders:read').order(order.number)).json;
    assert.equal(still.status, 'paid');
    assert.equal(still.tracking_url, '');
    assert.equal(still.carrier, '');
  });

  test('ship with a carrier and a tracking number: the link is the carrier’s page for it', async () => {
    const order = await paidOrder();
    const shipped = await staff(shop, 'orders:write').move(order.number, { to: 'fulfilled', carrier: 'canada_post', tracking_number: '7023 4567 8901 2345' });
    assert.equal(shipped.status, 200, show(shipped));
    assert.equal(shipped.json.carrier, 'canada_post');
    assert.equal(shipped.json.tracking_number, '7023456789012345');
    const link = 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=7023456789012345';
    assert.equal(shipped.json.tracking_url, link);
    const mail = await capture.waitFor(order.email, (m) => /expédiée/.test(m.subject));
    assert.ok(flat(mail.parts['text/plain']).includes('Colis : Postes Canada 7023456789012345'), mail.parts['text/plain']);
    assert.ok(mail.parts['text/html'].includes(link.replaceAll('&', '&amp;')), 'the HTML part has the link');
  });

  test('who asks is checked before the body is read: anonymous 401, a read-only token 403, even with a broken body', async () => {
    const order = await paidOrder();
    const broken = (auth) => request(`${shop.url}/api/v1/orders/${order.number}/transitions`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'text/plain', ...auth }, body: '{not json',
    });
    const anonymous = await broken({});
    assert.equal(anonymous.status, 401, show(anonymous));
    assert.match(anonymous.headers['www-authenticate'] ?? '', /^Bearer/);
    const readOnly = await broken({ authorization: `Bearer ${shops.tokens.get(shop)['orders:read']}` });
    assert.equal(readOnly.status, 403, show(readOnly));
    assert.equal(sql(shop, `SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND actor_kind = 'api_token'
      AND details->>'scope' = 'orders:write' AND details->>'path' = '/api/v1/orders/${order.number}/transitions'`), '1');
    const writer = await broken({ authorization: `Bearer ${shops.tokens.get(shop)['orders:write']}` });
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
    const stock = stockOf(manual);
    const order = await placeOrder(manual, 3);
    assert.equal(stockOf(manual), stock - 3);
    const cancelled = await staff(manual, 'orders:write').move(order.number, { to: 'cancelled' });
    assert.equal(cancelled.status, 200, show(cancelled));
    assert.equal(stockOf(manual), stock);
    assertProblem(await staff(manual, 'orders:write').move(order.number, { to: 'cancelled' }), 409, 'orders.transition_not_allowed');
    assertProblem(await staff(manual, 'orders:write').move(order.number, { to: 'paid' }), 409, 'orders.transition_not_allowed');
    assert.equal(stockOf(manual), stock);
  });
});
