// Checkout, orders and stock holds with the manual provider (no STRIPE_SECRET_KEY), black box: the
// JSON API and the pages a customer uses, exact Québec totals, line snapshots, stock taken in the
// order's transaction (and never twice under a rush), the order page behind its token, the
// "awaiting payment" mail through a real SMTP server, and the sweep of holds that passed.
// The Stripe provider has its own file: checkout_stripe.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, checkoutShop, money, normalise, quebecTotals, until } from '../support/checkout_fixtures.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { pageText, startTags } from '../support/html.mjs';
import { request, runComptoir, describe as show, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { cents } from '../support/money.mjs';

let server;
let shop;
// Started at the top level: its own `after` hook then closes it when the file ends.
const smtp = await startSmtpCapture();
const text = (res) => normalise(pageText(res.text));
const pathOf = (url) => url.slice(server.url.length);
const FORM_ADDRESS = { full_name: 'Élise Tremblay', line1: '1200 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 3J6', region: 'CA-QC' };

before(async () => {
  server = await startServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'boutique@example.ca' } });
  shop = await checkoutShop(server);
});
after(async () => {
  await server?.stop();
});

// Adds `quantity` of `p` through the product page's own form, as a browser without JavaScript.
async function addFromProductPage(client, p, locale, quantity = 1) {
  const cartPath = locale === 'fr' ? '/fr/panier' : '/en/cart';
  const page = await client.get(locale === 'fr' ? `/fr/produit/${p.slugs.fr}` : `/en/product/${p.slugs.en}`);
  assert.equal(page.status, 200, show(page));
  const form = formsOf(page.text).find((f) => f.action === cartPath);
  assert.ok(form, 'the product page has no add-to-cart form');
  const added = await client.send(cartPath, { method: 'POST', form: { ...form.fields, quantity: String(quantity) } });
  assert.equal(added.status, 303, show(added));
}

describe('checkout with the manual provider', { timeout: 180_000 }, () => {
  test('a signed-in customer starts from their email and default address, on a page isolated from other windows', async () => {
    const teapot = await shop.product({ fr: 'Théière du compte', en: 'Account teapot', price: 3_000, stock: 2 });
    const email = `compte-${process.pid}@example.ca`;
    const password = 'Erable-et-sapin-2026';
    const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer', '--locale', 'fr'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${password}\n`, timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
    const customer = new FormClient(server.url, { localAddress: '127.0.90.1' });
    const signedIn = await customer.submit('/fr/connexion', { email, password });
    assert.equal(signedIn.status, 303, show(signedIn));
    const saved = await customer.submit('/fr/compte', { ...FORM_ADDRESS, region: 'QC', country: 'CA' }, { action: '/fr/compte/adresses' });
    assert.equal(saved.status, 303, show(saved));
    await addFromProductPage(customer, teapot, 'fr');

    const checkout = await customer.get('/fr/commande');
    assert.equal(checkout.status, 200, show(checkout));
    const form = formsOf(checkout.text).find((f) => f.action === '/fr/commande' && f.method === 'post');
    assert.ok(form, 'no checkout form');
    assert.equal(form.fields.email, email);
    for (const name of ['full_name', 'line1', 'city', 'postal_code']) assert.equal(form.fields[name], FORM_ADDRESS[name], name);
    // The page shows the account's details: it keeps Cross-Origin-Opener-Policy (docs/security.md).
    assert.equal(checkout.headers['cross-origin-opener-policy'], 'same-origin');
  });

  test('the JSON API places a pending order: exact Québec totals, line snapshots, stock held, cart emptied, order page, mail', async () => {
    const kettle = await shop.product({ fr: 'Bouilloire émaillée', en: 'Enamel kettle', price: 1_990, stock: 7 });
    const mug = await shop.product({ fr: 'Tasse en grès', en: 'Stoneware mug', price: 1_995, stock: 3 });
    const buyer = await shop.shopper({ locale: 'fr' });
    await buyer.add(kettle, 2);
    await buyer.add(mug, 1);
    const expected = quebecTotals([{ price: 1_990, quantity: 2 }, { price: 1_995, quantity: 1 }]);
    // 39,80 $ + 19,95 $ + 9,95 $ of shipping = 69,70 $; GST 3,485 $ → 3,49 $ (half-up, not half-even),
    // QST 6,9526 $ → 6,95 $.
    assert.deepEqual([expected.base, expected.gst, expected.qst, expected.total], [6_970, 349, 695, 8_014]);

    const res = await buyer.checkout();
    assert.equal(res.status, 201, show(res));
    const { order, payment_url: paymentUrl } = res.json();
    assert.match(order.number, /^CMP-[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.equal(order.status, 'pending');
    assert.equal(order.payment_provider, 'manual');
    assert.equal(order.locale, 'fr');
    assert.equal(order.currency, 'CAD');
    assert.equal(order.region, 'CA-QC');
    assert.equal(order.email, buyer.email);
    const { totals } = order;
    assert.deepEqual(
      { subtotal: cents(totals.subtotal), shipping: cents(totals.shipping), tax: cents(totals.tax), total: cents(totals.total), tax_included: totals.tax_included },
      { subtotal: expected.subtotal, shipping: expected.shipping, tax: expected.tax, total: expected.total, tax_included: false });
    assert.deepEqual(totals.taxes.map((t) => [t.code, cents(t.base), cents(t.amount)]), [['gst', 6_970, 349], ['qst', 6_970, 695]]);
    // Snapshots in French (the order's language), each with its share of the taxes: what is left
    // of each tax is shipping's share, so the lines and shipping add up to the tax exactly.
    assert.deepEqual(order.lines.map((l) => [l.sku, l.name, cents(l.unit_price), l.quantity, cents(l.amount), cents(l.tax)]), [
      [kettle.sku, 'Bouilloire émaillée', 1_990, 2, 3_980, expected.lineTax[0]],
      [mug.sku, 'Tasse en grès', 1_995, 1, 1_995, expected.lineTax[1]],
    ]);
    assert.equal(order.lines.reduce((sum, l) => sum + cents(l.tax), 0) + expected.shippingTax, cents(totals.tax));
    assert.equal(order.history.length, 1);
    assert.equal(order.history[0].to, 'pending');

    // The units are taken: the catalog shows what is left, and the cart is done.
    assert.equal(shop.stock(kettle), 5);
    assert.equal(shop.stock(mug), 2);
    assert.equal((await shop.api.get(`/api/v1/products/${kettle.id}`)).variants[0].stock_on_hand, 5);
    assert.equal((await buyer.cart()).items.length, 0, 'the cart still holds the ordered lines');

    // The order page: anyone with the link (another device), nobody without it.
    assert.match(paymentUrl, new RegExp(`^${server.url}/fr/commandes/${order.number.toLowerCase()}\\?t=[^&]+$`));
    const stranger = new FormClient(server.url);
    const page = await stranger.get(pathOf(paymentUrl));
    assert.equal(page.status, 200, show(page));
    const shown = text(page);
    for (const part of [order.number, 'En attente de paiement', 'Bouilloire émaillée', money(8_014, 'fr')]) {
      assert.ok(shown.includes(part), `"${part}" not on the order page: ${shown}`);
    }
    assert.equal((await stranger.get(pathOf(paymentUrl).split('?')[0])).status, 404, 'the order page without its token');
    assert.equal((await buyer.client.get(pathOf(paymentUrl).split('?')[0])).status, 404, 'a guest session is no proof either');
    const token = new URL(paymentUrl).searchParams.get('t');
    const mac = token.indexOf('.') + 1;
    const tampered = `${token.slice(0, mac)}${token[mac] === 'A' ? 'B' : 'A'}${token.slice(mac + 1)}`;
    const forged = await stranger.get(`${pathOf(paymentUrl).split('?')[0]}?t=${encodeURIComponent(tampered)}`);
    assert.equal(forged.status, 404, show(forged));

    // The "awaiting payment" mail, in French, with the number, the lines and the total.
    const mail = await smtp.waitFor(buyer.email, (m) => m.subject.includes(order.number));
    assert.equal(mail.subject, `Commande ${order.number} : en attente de votre paiement`);
    const body = normalise(mail.parts['text/plain']);
    for (const part of [`Bouilloire émaillée × 2 — ${money(3_980, 'fr')}`, `Tasse en grès × 1 — ${money(1_995, 'fr')}`,
      `TPS (5 %) — ${money(349, 'fr')}`, `TVQ (9,975 %) — ${money(695, 'fr')}`, `Total — ${money(8_014, 'fr')}`, paymentUrl]) {
      assert.ok(body.includes(part), `"${part}" not in the mail:\n${body}`);
    }
    assert.ok(mail.parts['text/html'].includes(order.number));
  });

  test('the French pages: summary and form, errors in French with the values kept, CSRF refused, then the order page', async () => {
    const teapot = await shop.product({ fr: 'Théière en fonte', en: 'Cast iron teapot', price: 4_500, stock: 4 });
    const expected = quebecTotals([{ price: 4_500, quantity: 1 }]);
    const visitor = new FormClient(server.url);
    await addFromProductPage(visitor, teapot, 'fr');
    const cart = await visitor.get('/fr/panier');
    assert.ok(startTags(cart.text, 'a').some((a) => a.attrs.href === '/fr/commande'), 'the cart has no link to /fr/commande');

    const checkout = await visitor.get('/fr/commande');
    assert.equal(checkout.status, 200, show(checkout));
    const summary = text(checkout);
    for (const part of ['Théière en fonte', money(4_500, 'fr'), `Livraison ${money(995, 'fr')}`, `TPS (5 %) ${money(expected.gst, 'fr')}`,
      `TVQ (9,975 %) ${money(expected.qst, 'fr')}`, `Total ${money(expected.total, 'fr')}`, 'Passer ma commande']) {
      assert.ok(summary.includes(part), `"${part}" not on the checkout page: ${summary}`);
    }
    const form = formsOf(checkout.text).find((f) => f.action === '/fr/commande' && f.method === 'post');
    assert.ok(form, 'no checkout form');
    assert.equal(form.fields.expected_total, String(expected.total));
    assert.ok(form.fields._csrf);
    // A blank form opens in the visitor's browsing context group; typed details or an order do not
    // (docs/security.md, "Response headers").
    assert.equal(checkout.headers['cross-origin-opener-policy'], undefined);

    // A bad email and no street, city or postal code: 422, each error in French, nothing lost.
    const invalid = await visitor.send('/fr/commande', {
      method: 'POST', form: { ...form.fields, email: 'pas-un-courriel', full_name: 'Élise Tremblay', region: 'CA-QC' },
    });
    assert.equal(invalid.status, 422, show(invalid));
    const errors = text(invalid);
    assert.ok(errors.includes('Entrez une adresse courriel comme nom@exemple.com.'), errors);
    assert.ok((errors.match(/Ce champ est obligatoire\./g) ?? []).length >= 3, `street, city and postal code: ${errors}`);
    const kept = formsOf(invalid.text).find((f) => f.action === '/fr/commande');
    assert.equal(kept.fields.email, 'pas-un-courriel');
    assert.equal(kept.fields.full_name, 'Élise Tremblay');
    assert.equal(invalid.headers['cross-origin-opener-policy'], 'same-origin');

    const email = `page-${process.pid}@example.ca`;
    const valid = { ...form.fields, ...FORM_ADDRESS, email };
    const forged = await visitor.send('/fr/commande', { method: 'POST', form: { ...valid, _csrf: '0'.repeat(64) } });
    assert.equal(forged.status, 403, show(forged));
    assert.ok(text(forged).includes('Ce formulaire a expiré.'), text(forged));
    assert.deepEqual(shop.ordersOf(email), [], 'a refused form placed an order');
    assert.equal(shop.stock(teapot), 4);

    const placed = await visitor.send('/fr/commande', { method: 'POST', form: valid });
    assert.equal(placed.status, 303, show(placed));
    const match = new RegExp(`^${server.url}/fr/commandes/(cmp-[0-9a-z]{8})\\?t=[^&]+$`).exec(placed.headers.location);
    assert.ok(match, `not the order page: ${placed.headers.location}`);
    const number = match[1].toUpperCase();
    const page = await visitor.get(pathOf(placed.headers.location));
    assert.equal(page.status, 200, show(page));
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
    const shown = text(page);
    assert.ok(shown.includes(`Commande ${number}`), shown);
    assert.ok(shown.includes('Merci ! Votre commande est passée et vos articles sont réservés.'), shown);
    assert.ok(shown.includes('En attente de paiement'), shown);
    assert.deepEqual(shop.ordersOf(email), [number]);
    assert.equal(shop.stock(teapot), 3);
  });

  test('once in English: /en/cart → /en/checkout → /en/orders/…, English page and mail', async () => {
    const pan = await shop.product({ fr: 'Poêle en fonte', en: 'Cast iron pan', price: 3_250, stock: 2 });
    const visitor = new FormClient(server.url);
    await addFromProductPage(visitor, pan, 'en', 2);
    const cart = await visitor.get('/en/cart');
    assert.ok(startTags(cart.text, 'a').some((a) => a.attrs.href === '/en/checkout'), 'the cart has no link to /en/checkout');
    const email = `english-${process.pid}@example.ca`;
    const placed = await visitor.submit('/en/checkout', { ...FORM_ADDRESS, email }, { action: '/en/checkout' });
    assert.equal(placed.status, 303, show(placed));
    assert.match(placed.headers.location, new RegExp(`^${server.url}/en/orders/cmp-[0-9a-z]{8}\\?t=`));
    const shown = text(await visitor.get(pathOf(placed.headers.location)));
    assert.ok(shown.includes('Thank you! Your order is placed and your items are held.'), shown);
    assert.ok(shown.includes('Awaiting payment'), shown);
    const [number] = shop.ordersOf(email);
    assert.equal(shop.order(number).locale, 'en');
    const mail = await smtp.waitFor(email, (m) => m.subject.includes(number));
    assert.equal(mail.subject, `Order ${number}: awaiting your payment`);
    assert.ok(normalise(mail.parts['text/plain']).includes(`Cast iron pan × 2 — ${money(6_500, 'en')}`), mail.parts['text/plain']);
  });

  test('an empty cart is not checked out: back to the cart with a notice; 409 checkout.empty_cart on the API', async () => {
    const mug = await shop.product({ fr: 'Tasse vide', en: 'Empty mug', price: 1_000, stock: 5 });
    const buyer = await shop.shopper({ locale: 'fr' });
    const problem = assertProblem(await buyer.checkout(), 409, 'checkout.empty_cart');
    assert.equal(problem.detail, 'Votre panier est vide.');

    // A visitor whose cart was emptied (the session exists, the cart has no line).
    await buyer.add(mug, 1);
    assert.equal((await buyer.call('DELETE', `/api/v1/cart/items/${mug.variant}`)).status, 200);
    const fr = await buyer.client.get('/fr/commande');
    assert.equal(fr.status, 303, show(fr));
    assert.equal(fr.headers.location, '/fr/panier?notice=checkout_empty');
    assert.ok(text(await buyer.client.get(fr.headers.location)).includes('Votre panier est vide : ajoutez un article avant de commander.'));
    assert.equal((await buyer.client.get('/en/checkout')).headers.location, '/en/cart?notice=checkout_empty');
    assertProblem(await buyer.checkout(), 409, 'checkout.empty_cart');
    assert.deepEqual(shop.ordersOf(buyer.email), []);
    assert.equal(shop.stock(mug), 5);
  });

  test('a visitor without any session is also told the cart is empty', async () => {
    const res = await new FormClient(server.url).get('/fr/commande');
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, '/fr/panier?notice=checkout_empty');
  });

  test('50 shoppers rush for the last 5 units: exactly 5 orders, 45 clear refusals, stock 0 and never below', async () => {
    const pan = await shop.product({ fr: 'Wok en acier', en: 'Carbon steel wok', price: 5_900, stock: 5 });
    const shoppers = await Promise.all(Array.from({ length: 50 }, async () => {
      const s = await shop.shopper({ locale: 'en', name: 'rush' });
      await s.add(pan, 1); // allowed: 5 are in stock
      return s;
    }));
    const answers = await Promise.all(shoppers.map((s) => s.checkout()));
    const placed = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status === 409);
    assert.equal(placed.length, 5, `statuses: ${answers.map((r) => r.status).join(',')}`);
    assert.equal(refused.length, 45, `statuses: ${answers.map((r) => r.status).join(',')}`);
    for (const res of refused) {
      const problem = assertProblem(res, 409, 'checkout.out_of_stock');
      assert.equal(problem.item, 'Carbon steel wok');
      assert.equal(problem.detail, 'Sorry, there are not enough “Carbon steel wok” left for your order. Lower the quantity in your cart.');
    }
    assert.equal(shop.stock(pan), 0);
    assert.equal(shop.sql(`SELECT count(DISTINCT order_id) FROM order_lines WHERE variant_id = ${pan.variant}`), '5');
    assert.equal(shop.sql(`SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE variant_id = ${pan.variant}`), '5');
    const numbers = placed.map((r) => r.json().order.number).sort();
    assert.deepEqual(shop.sql(`SELECT string_agg(o.number, ',' ORDER BY o.number) FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE l.variant_id = ${pan.variant} AND o.status = 'pending'`), numbers.join(','));
    // The 45 refused keep their cart, the 5 others are emptied.
    const carts = await Promise.all(shoppers.map(async (s, i) => [answers[i].status, (await s.cart()).items.length]));
    assert.deepEqual(carts.filter(([status, n]) => (status === 201) !== (n === 0)), []);
  });

  test('a price change after review: 409 checkout.total_changed, nothing ordered, then the new total goes through', async () => {
    const lamp = await shop.product({ fr: 'Lampe de table', en: 'Table lamp', price: 2_500, stock: 4 });
    const buyer = await shop.shopper({ locale: 'fr' });
    await buyer.add(lamp, 1);
    const reviewed = cents((await buyer.cart()).totals.total);
    assert.equal(reviewed, quebecTotals([{ price: 2_500, quantity: 1 }]).total);
    await shop.api.patch(`/api/v1/products/${lamp.id}/variants/${lamp.variant}`, { price_cents: 2_700 });

    const problem = assertProblem(await buyer.checkout({ expected_total: reviewed }), 409, 'checkout.total_changed');
    assert.match(problem.detail, /Le total a changé depuis votre vérification/);
    assert.deepEqual(shop.ordersOf(buyer.email), [], 'an order was created');
    assert.equal(shop.stock(lamp), 4, 'stock was taken');
    assert.equal((await buyer.cart()).items.length, 1, 'the cart was touched');

    const newTotal = quebecTotals([{ price: 2_700, quantity: 1 }]).total;
    assert.equal(cents((await buyer.cart()).totals.total), newTotal);
    const res = await buyer.checkout({ expected_total: newTotal });
    assert.equal(res.status, 201, show(res));
    assert.equal(cents(res.json().order.totals.total), newTotal);
    assert.equal(cents(res.json().order.lines[0].unit_price), 2_700);
    assert.equal(shop.stock(lamp), 3);
  });

  test('a hold that passed is swept: the order is cancelled by the system and its stock given back', async () => {
    const vase = await shop.product({ fr: 'Vase soufflé', en: 'Blown vase', price: 3_300, stock: 6 });
    const late = await shop.shopper();
    await late.add(vase, 2);
    const lateAnswer = (await late.checkout()).json();
    const lateOrder = lateAnswer.order;
    const onTime = await shop.shopper();
    await onTime.add(vase, 1);
    const onTimeOrder = (await onTime.checkout()).json().order;
    assert.equal(shop.stock(vase), 3);

    shop.sql(`UPDATE orders SET reserved_until = now() - interval '1 second' WHERE number = '${lateOrder.number}'`);
    await until('the expired order is cancelled', () => shop.order(lateOrder.number).status === 'cancelled', 5_000);
    assert.equal(shop.order(lateOrder.number).released, true);
    assert.equal(shop.stock(vase), 5, 'the 2 held units are back, the other order keeps its unit');
    assert.equal(shop.order(onTimeOrder.number).status, 'pending', 'an order still within its hold was swept');
    const last = shop.history(lateOrder.number).at(-1);
    assert.deepEqual([last.actor, last.from, last.to], ['system', 'pending', 'cancelled']);
    assert.match(last.note, /payment window passed/);
    const page = text(await new FormClient(server.url).get(pathOf(lateAnswer.payment_url)));
    assert.ok(page.includes('Annulée'), `the order page does not say cancelled: ${page}`);
    // Swept once: the stock is not given back a second time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(shop.stock(vase), 5);
  });

  test('staff read an order through GET /api/v1/orders/{number} with an orders:read API token', async () => {
    const bowl = await shop.product({ fr: 'Bol à café', en: 'Coffee bowl', price: 1_400, stock: 3 });
    const buyer = await shop.shopper();
    await buyer.add(bowl, 1);
    const { order } = (await buyer.checkout()).json();
    const read = (token) => request(`${server.url}/api/v1/orders/${order.number}`, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    assert.equal((await read()).status, 401);
    const made = await runComptoir(['token', 'create', '--name', 'orders-desk', '--scope', 'orders:read'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
    });
    assert.equal(made.code, 0, `an orders:read token cannot be created:\n${made.output}`);
    const res = await read(made.stdout.trim().split('\n').pop().trim());
    assert.equal(res.status, 200, show(res));
    const body = JSON.parse(res.text);
    assert.equal(body.number, order.number);
    assert.equal(body.status, 'pending');
    assert.equal(cents(body.totals.total), quebecTotals([{ price: 1_400, quantity: 1 }]).total);
    assert.deepEqual(body.history.map((h) => h.to), ['pending']);
    // The checkout answers the order as it wrote it, without reading it back: what it said is
    // what was stored, field by field.
    const answered = JSON.parse(JSON.stringify(order));
    for (const key of new Set([...Object.keys(body), ...Object.keys(answered)])) {
      assert.deepEqual(body[key], answered[key], `${key} differs between the checkout's answer and the stored order`);
    }
  });
});
