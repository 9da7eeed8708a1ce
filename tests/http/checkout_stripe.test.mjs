// Checkout with the Stripe provider, black box, against the fake Stripe API (support/fake_stripe):
// the Checkout Session the shop asks for (exactly the order's amounts, its URLs, its key), the
// webhook that marks the order paid, and what happens when Stripe is down or refuses: the order is
// cancelled, its stock given back, the cart kept, and the customer told in their language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, checkoutShop, money, normalise, quebecTotals, until } from '../support/checkout_fixtures.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { loadCatalog, pageText } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { cents } from '../support/money.mjs';

const SECRET_KEY = 'sk_test_comptoir_checkout';
const WEBHOOK_SECRET = 'whsec_comptoir_checkout';
// Started at the top level: their own `after` hooks close them when the file ends.
const smtp = await startSmtpCapture();
const stripe = await startFakeStripe({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
let server;
let shop;
const text = (res) => normalise(pageText(res.text));
const pathOf = (url) => url.slice(server.url.length);
// The session creations the fake received since request number `from`.
const sessionRequests = (from) => stripe.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');

before(async () => {
  server = await startServer({
    env: {
      STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url,
      SMTP_URL: smtp.url, MAIL_FROM: 'boutique@example.ca',
    },
  });
  stripe.webhookUrl = `${server.url}/webhooks/stripe`;
  shop = await checkoutShop(server);
});
after(async () => {
  await server?.stop();
});

describe('checkout with Stripe', { timeout: 120_000 }, () => {
  test('a Checkout Session for exactly the order; paid through the webhook: order paid, confirmation mail, cart emptied', async () => {
    const kettle = await shop.product({ fr: 'Bouilloire émaillée', en: 'Enamel kettle', price: 1_990, stock: 7 });
    const mug = await shop.product({ fr: 'Tasse en grès', en: 'Stoneware mug', price: 1_995, stock: 3 });
    const expected = quebecTotals([{ price: 1_990, quantity: 2 }, { price: 1_995, quantity: 1 }]);
    const buyer = await shop.shopper({ locale: 'fr' });
    await buyer.add(kettle, 2);
    await buyer.add(mug, 1);
    const from = stripe.requests.length;
    const startedAt = Math.floor(Date.now() / 1000);

    const res = await buyer.checkout();
    assert.equal(res.status, 201, show(res));
    const { order, payment_url: paymentUrl } = res.json();
    assert.equal(order.payment_provider, 'stripe');
    assert.equal(order.status, 'pending');
    assert.equal(cents(order.totals.total), expected.total);
    const sent = sessionRequests(from);
    assert.equal(sent.length, 1, 'one session creation');
    const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === order.number);
    assert.ok(session, 'the fake created no session for the order');
    assert.equal(paymentUrl, `${stripe.url}/pay/${session.id}`);
    assert.equal(order.payment_reference, session.id);

    // What the shop sent: authenticated, idempotent, and Stripe's total is the order's.
    const [{ headers, form }] = sent;
    assert.equal(headers.authorization, `Bearer ${SECRET_KEY}`);
    assert.equal(headers['idempotency-key'], `comptoir-${order.number}-1`);
    assert.equal(form.mode, 'payment');
    const items = form.line_items.map((i) => [i.price_data.product_data.name, i.price_data.currency, Number(i.price_data.unit_amount), Number(i.quantity)]);
    assert.deepEqual(items, [
      ['Bouilloire émaillée', 'cad', 1_990, 2],
      ['Tasse en grès', 'cad', 1_995, 1],
      ['Livraison', 'cad', expected.shipping, 1],
      ['TPS (5 %)', 'cad', expected.gst, 1],
      ['TVQ (9,975 %)', 'cad', expected.qst, 1],
    ]);
    assert.equal(items.reduce((sum, [, , amount, quantity]) => sum + amount * quantity, 0), cents(order.totals.total));
    assert.equal(session.amount_total, cents(order.totals.total));
    const orderPage = `${server.url}/fr/commandes/${order.number.toLowerCase()}?t=`;
    assert.ok(form.success_url.startsWith(orderPage), form.success_url);
    assert.ok(form.success_url.includes('session_id={CHECKOUT_SESSION_ID}'), form.success_url);
    assert.ok(form.cancel_url.startsWith(orderPage), form.cancel_url);
    assert.equal(form.customer_email, buyer.email);
    assert.equal(form.client_reference_id, order.number);
    assert.equal(form.metadata.order_id, order.number);
    assert.equal(form.locale, 'fr');
    const lifetime = Number(form.expires_at) - startedAt;
    assert.ok(lifetime >= 31 * 60 - 5 && lifetime <= 31 * 60 + 5, `expires_at is ${lifetime} s ahead, not 31 min`);

    // Until it is paid: the stock is held and the cart kept (the customer may come back from Stripe).
    assert.equal(shop.stock(kettle), 5);
    assert.equal(shop.stock(mug), 2);
    assert.equal((await buyer.cart()).items.length, 2);

    const event = await stripe.pay(session.id);
    const delivery = stripe.deliveries.find((d) => d.event.id === event.id);
    assert.equal(delivery.status, 200, delivery.body);
    assert.equal(JSON.parse(delivery.body).status, 'applied');
    await until('the order is paid', () => shop.order(order.number).status === 'paid', 5_000);
    const mail = await smtp.waitFor(buyer.email, (m) => m.subject.includes(order.number));
    assert.equal(mail.subject, `Commande ${order.number} confirmée`);
    assert.ok(normalise(mail.parts['text/plain']).includes(`Total — ${money(expected.total, 'fr')}`), mail.parts['text/plain']);
    assert.equal((await buyer.cart()).items.length, 0, 'the paid lines are still in the cart');
    assert.equal(shop.stock(kettle), 5, 'paying took the units a second time or gave them back');

    // Back from Stripe's page, the order page says it is confirmed.
    const back = await buyer.client.get(pathOf(session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id)));
    assert.equal(back.status, 200, show(back));
    assert.ok(text(back).includes('Merci ! Votre paiement est reçu et votre commande est confirmée.'), text(back));
  });

  test('back from Stripe without paying: the GET changes nothing; the page\'s POST (with CSRF) cancels and goes back to the cart', async () => {
    const lamp = await shop.product({ fr: 'Lampe de table', en: 'Table lamp', price: 3_400, stock: 4 });
    const buyer = await shop.shopper({ locale: 'fr' });
    await buyer.add(lamp, 1);
    const res = await buyer.checkout();
    assert.equal(res.status, 201, show(res));
    const { order } = res.json();
    const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === order.number);
    const cancelPath = pathOf(session.cancel_url);
    assert.equal(shop.stock(lamp), 3);

    // Loading the cancel URL (a link, an <img> on another site, a prefetch) cancels nothing.
    const back = await buyer.client.get(cancelPath);
    assert.equal(back.status, 200, show(back));
    assert.ok(text(back).includes('Le paiement n’a pas abouti et rien n’a été débité.'), text(back));
    assert.equal(shop.order(order.number).status, 'pending');
    assert.equal(session.status, 'open', 'the Stripe session was expired by a GET');
    const abandon = `/fr/commandes/${order.number.toLowerCase()}/annuler`;
    assert.ok(back.text.includes(`action="${abandon}"`), 'the page offers the cancel form');

    // Another site's form, or one without the session's token, is refused.
    const t = new URL(session.cancel_url).searchParams.get('t');
    const forged = await buyer.client.send(abandon, { method: 'POST', form: { t }, headers: { origin: 'https://evil.example' } });
    assert.equal(forged.status, 403, show(forged));
    const stale = await buyer.client.send(abandon, { method: 'POST', form: { t, _csrf: 'not-the-token' } });
    assert.equal(stale.status, 403, show(stale));
    assert.equal(shop.order(order.number).status, 'pending');

    const done = await buyer.client.submit(cancelPath, {}, { action: abandon });
    assert.equal(done.status, 303, show(done));
    assert.equal(done.headers.location, '/fr/panier');
    assert.equal(shop.order(order.number).status, 'cancelled');
    assert.equal(session.status, 'expired', 'the Stripe session is closed so it cannot be paid any more');
    assert.equal(shop.stock(lamp), 4, 'the stock is given back');
    assert.equal((await buyer.cart()).items.length, 1, 'the cart keeps the item');
    // Without the mail's token (a guest's order) or someone else's: the order is not theirs to see.
    const stranger = await shop.shopper({ locale: 'fr' });
    await stranger.cart();
    const foreign = await stranger.client.send(abandon, { method: 'POST', form: {} });
    assert.equal(foreign.status, 404, show(foreign));
  });

  test('Stripe unreachable: 3 attempts under one Idempotency-Key, 503 in French, order cancelled, stock and cart kept', async () => {
    const lamp = await shop.product({ fr: 'Lampe de chevet', en: 'Bedside lamp', price: 4_200, stock: 3 });
    const buyer = await shop.shopper({ locale: 'fr' });
    await buyer.add(lamp, 2);
    const from = stripe.requests.length;
    stripe.failNext(3, { status: 500 });

    const problem = assertProblem(await buyer.checkout(), 503, 'checkout.payment_unavailable');
    assert.equal(problem.detail, loadCatalog('fr')['checkout.error.payment_unavailable']);
    const attempts = sessionRequests(from);
    assert.equal(attempts.length, 3, 'network errors and 5xx are tried 3 times');
    const number = attempts[0].form.metadata.order_id;
    assert.deepEqual([...new Set(attempts.map((r) => r.headers['idempotency-key']))], [`comptoir-${number}-1`]);
    assert.deepEqual(shop.ordersOf(buyer.email), [number]);
    assert.deepEqual(shop.order(number), { status: 'cancelled', released: true, provider: 'stripe', locale: 'fr' });
    const last = shop.history(number).at(-1);
    assert.deepEqual([last.from, last.to], ['pending', 'cancelled']);
    assert.equal(shop.stock(lamp), 3, 'the held units were not given back');
    assert.deepEqual((await buyer.cart()).items.map((i) => i.quantity), [2], 'the cart was not kept');

    // One 500, then Stripe answers: the retry, under the same key, succeeds.
    const again = stripe.requests.length;
    stripe.failNext(1, { status: 500 });
    const res = await buyer.checkout();
    assert.equal(res.status, 201, show(res));
    const { order, payment_url: paymentUrl } = res.json();
    assert.match(paymentUrl, new RegExp(`^${stripe.url}/pay/cs_test_`));
    const tries = sessionRequests(again);
    assert.equal(tries.length, 2);
    assert.deepEqual(tries.map((r) => r.headers['idempotency-key']), [`comptoir-${order.number}-1`, `comptoir-${order.number}-1`]);
    assert.equal(shop.order(order.number).status, 'pending');
    assert.equal(shop.stock(lamp), 1);
  });

  test('Stripe refuses the session: 502 checkout.payment_refused without retrying, order cancelled, stock given back', async () => {
    const rug = await shop.product({ fr: 'Tapis tressé', en: 'Braided rug', price: 8_900, stock: 2 });
    const buyer = await shop.shopper({ locale: 'en' });
    await buyer.add(rug, 1);
    const from = stripe.requests.length;
    stripe.failNext(1, {
      status: 400,
      body: { error: { type: 'invalid_request_error', message: 'Invalid currency: xyz', param: 'line_items[0][price_data][currency]' } },
    });

    const problem = assertProblem(await buyer.checkout(), 502, 'checkout.payment_refused');
    assert.equal(problem.detail, loadCatalog('en')['checkout.error.payment_refused']);
    const attempts = sessionRequests(from);
    assert.equal(attempts.length, 1, 'a refusal is not retried');
    const number = attempts[0].form.metadata.order_id;
    assert.deepEqual(shop.order(number), { status: 'cancelled', released: true, provider: 'stripe', locale: 'en' });
    assert.equal(shop.stock(rug), 2);
    assert.equal((await buyer.cart()).items.length, 1, 'the cart was not kept');
  });
});
