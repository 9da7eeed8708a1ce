// The cart pages, black box: adding from the product page, changing and removing lines, the
// totals with each destination's taxes, stock limits, CSRF, and a guest's cart joining the
// account's at sign-in.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, runComptoir, startServer } from '../support/server.mjs';
import { cents } from '../support/money.mjs';

const PASSWORD = 'Courge-spaghetti-2026';
let server;
let api;
const products = {};
const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const visitor = () => new FormClient(server.url);
const text = (res) => pageText(res.text).replace(/\s+/g, ' ');

// Half-up to the cent of amount × millionths / 10^6, as the server computes each tax.
const tax = (base, millionths) => Math.floor((base * millionths + 500_000) / 1_000_000);
const dollars = (cents) => `$${(cents / 100).toFixed(2)}`;

async function product(key, { price, stock, status = 'active' }) {
  const made = await api.post('/api/v1/products', {
    status,
    text: { fr: { name: `Article ${key}` }, en: { name: `Item ${key}` } },
    variants: [{ sku: `CART-${key}-${process.pid}`, price_cents: price, stock_on_hand: stock }],
  });
  products[key] = { id: made.id, variant: made.variants[0].id, slug: made.text.en.slug, price };
}

// Adds through the product page's own form, as a browser without JavaScript does.
async function addFromProductPage(client, key, quantity = 1) {
  const page = await client.get(`/en/product/${products[key].slug}`);
  assert.equal(page.status, 200, show(page));
  const form = formsOf(page.text).find((f) => f.action === '/en/cart');
  assert.ok(form, 'the product page has no add-to-cart form');
  return client.send('/en/cart', { method: 'POST', form: { ...form.fields, quantity: String(quantity) } });
}

const cartToken = async (client) => formsOf((await client.get('/en/cart')).text).find((f) => f.fields._csrf)?.fields._csrf;

before(async () => {
  server = await startServer();
  api = catalogApi(server, await createToken(server));
  await product('kettle', { price: 4_999, stock: 5 });
  await product('mug', { price: 1_250, stock: 100 });
  await product('gone', { price: 900, stock: 0 });
});
after(async () => {
  await server?.stop();
});

describe('the cart', { timeout: 120_000 }, () => {
  test('adding from the product page shows the line and Québec totals (GST, then QST, shipping)', async () => {
    const client = visitor();
    const res = await addFromProductPage(client, 'kettle', 1);
    assert.equal(res.status, 303, show(res));
    assert.equal(res.headers.location, '/en/cart?notice=added');
    const cart = await client.get(res.headers.location);
    assert.equal(cart.status, 200, show(cart));
    const body = text(cart);
    assert.match(body, /The item was added to your cart\./);
    assert.match(body, /Item kettle/);
    const subtotal = 4_999;
    const shipping = 995;  // under the free-shipping threshold of $75
    const base = subtotal + shipping;
    const gst = tax(base, 50_000);
    const qst = tax(base, 99_750);
    for (const amount of [subtotal, shipping, gst, qst, base + gst + qst])
      assert.ok(body.includes(dollars(amount)), `${dollars(amount)} not on the cart page: ${body}`);
    assert.match(body, /GST \(5%\)/);
    assert.match(body, /QST \(9\.975%\)/);
    assert.equal(cart.headers['cache-control'], 'private, no-store');

    // From $75 of goods, shipping is free.
    await addFromProductPage(client, 'mug', 3);
    assert.match(text(await client.get('/en/cart')), /Shipping Free/);
  });

  test('quantities stop at the stock; a sold-out item is refused with a message', async () => {
    const client = visitor();
    assert.equal((await addFromProductPage(client, 'kettle', 4)).status, 303);
    assert.equal((await addFromProductPage(client, 'kettle', 4)).status, 303);
    assert.equal(sql(`SELECT quantity FROM cart_items WHERE variant_id = ${products.kettle.variant} ORDER BY added_at DESC LIMIT 1`), '5');
    const refused = await client.send('/en/cart', {
      method: 'POST', form: { product_id: products.gone.id, variant_id: products.gone.variant, quantity: '1' },
    });
    assert.equal(refused.status, 409, show(refused));
    assert.match(text(refused), /This item is sold out\./);
  });

  test('changing a quantity, then 0, removes the line; the cart is then empty', async () => {
    const client = visitor();
    await addFromProductPage(client, 'mug', 1);
    const token = await cartToken(client);
    const updated = await client.send(`/en/cart/items/${products.mug.variant}`, { method: 'POST', form: { _csrf: token, quantity: '3' } });
    assert.equal(updated.status, 303, show(updated));
    assert.ok(text(await client.get('/en/cart')).includes(dollars(3 * 1_250)));
    const removed = await client.send(`/en/cart/items/${products.mug.variant}`, { method: 'POST', form: { _csrf: token, quantity: '0' } });
    assert.equal(removed.headers.location, '/en/cart?notice=removed');
    assert.match(text(await client.get('/en/cart')), /Your cart is empty\./);
    const bad = await client.send(`/en/cart/items/${products.mug.variant}`, { method: 'POST', form: { _csrf: token, quantity: 'lots' } });
    assert.equal(bad.status, 422, show(bad));
  });

  test('the destination sets the taxes: Ontario charges HST, France includes TVA', async () => {
    const client = visitor();
    await addFromProductPage(client, 'mug', 8);  // $100: free shipping everywhere but France
    const token = await cartToken(client);
    const ontario = await client.send('/en/cart/destination', { method: 'POST', form: { _csrf: token, region: 'CA-ON' } });
    assert.equal(ontario.status, 303, show(ontario));
    let body = text(await client.get('/en/cart'));
    assert.match(body, /HST/);
    assert.ok(body.includes(dollars(10_000 + tax(10_000, 130_000))), body);
    await client.send('/en/cart/destination', { method: 'POST', form: { _csrf: token, region: 'FR' } });
    body = text(await client.get('/en/cart'));
    assert.match(body, /Prices include VAT\./);
    const total = 10_000 + 2_495;
    assert.ok(body.includes(dollars(total)), `France adds shipping and no tax on top: ${body}`);
    const unknown = await client.send('/en/cart/destination', { method: 'POST', form: { _csrf: token, region: 'XX' } });
    assert.equal(unknown.status, 422, show(unknown));
  });

  test('forged requests change nothing: no proof of origin, another site, or a wrong token', async () => {
    const client = visitor();
    await addFromProductPage(client, 'mug', 1);
    const before = sql('SELECT coalesce(sum(quantity), 0) FROM cart_items');
    const fields = { product_id: products.mug.id, variant_id: products.mug.variant, quantity: '1' };
    const noOrigin = await client.send('/en/cart', { method: 'POST', form: fields, headers: { origin: '' } });
    assert.equal(noOrigin.status, 403, show(noOrigin));
    const evil = await client.send('/en/cart', { method: 'POST', form: fields, headers: { origin: 'https://evil.example' } });
    assert.equal(evil.status, 403, show(evil));
    const crossSite = await client.send('/en/cart', { method: 'POST', form: fields, headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403, show(crossSite));
    const wrong = await client.send(`/en/cart/items/${products.mug.variant}`, { method: 'POST', form: { _csrf: 'f'.repeat(64), quantity: '9' } });
    assert.equal(wrong.status, 403, show(wrong));
    assert.equal(sql('SELECT coalesce(sum(quantity), 0) FROM cart_items'), before);
  });

  test("a guest's cart joins the account's at sign-in and stays with the account after logout", async () => {
    const email = `panier-${process.pid}@example.ca`;
    const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${PASSWORD}\n`, timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
    // The account already holds a mug, from another device.
    const phone = visitor();
    assert.equal((await phone.submit('/en/login', { email, password: PASSWORD })).status, 303);
    await addFromProductPage(phone, 'mug', 1);
    // A guest on a laptop adds a kettle and a mug, then signs in.
    const laptop = visitor();
    await addFromProductPage(laptop, 'kettle', 1);
    await addFromProductPage(laptop, 'mug', 2);
    assert.equal((await laptop.submit('/en/login', { email, password: PASSWORD })).status, 303);
    const userId = sql(`SELECT id FROM users WHERE email = '${email}'`);
    assert.equal(sql(`SELECT string_agg(i.quantity::text, ',' ORDER BY i.variant_id) FROM cart_items i JOIN carts c ON c.id = i.cart_id WHERE c.user_id = ${userId}`),
      products.kettle.variant < products.mug.variant ? '1,3' : '3,1');
    assert.equal(sql(`SELECT count(*) FROM carts WHERE user_id = ${userId}`), '1');
    const shown = text(await phone.get('/en/cart'));
    assert.match(shown, /Item kettle/, 'the other device sees the merged cart');
    // Logging out leaves the account's cart alone; the browser's new guest cart is empty.
    const token = formsOf((await laptop.get('/en/account')).text).find((f) => f.action === '/en/logout').fields._csrf;
    await laptop.send('/en/logout', { method: 'POST', form: { _csrf: token } });
    assert.match(text(await laptop.get('/en/cart')), /Your cart is empty\./);
    assert.equal(sql(`SELECT count(*) FROM cart_items i JOIN carts c ON c.id = i.cart_id WHERE c.user_id = ${userId}`), '2');
  });
});

describe('the cart JSON API', { timeout: 120_000 }, () => {
  // A client of the API on the session cookie, as the storefront's scripts would be.
  async function apiClient() {
    const client = visitor();
    const first = await client.send('/api/v1/cart');
    assert.equal(first.status, 200, show(first));
    assert.ok(client.cookie, 'GET /api/v1/cart made no session');
    const token = JSON.parse(first.text).csrf_token;
    assert.match(token, /^[0-9a-f]{64}$/);
    const call = (method, path, body, headers = {}) => client.send(path, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: server.url, ...headers },
      ...(body === undefined ? {} : { rawBody: JSON.stringify(body) }),
    });
    return { client, token, call };
  }

  test('reading the cart writes no session row; the first write stores it under the cookie already held', async () => {
    const client = visitor();
    const before = sql('SELECT count(*) FROM sessions');
    const first = await client.send('/api/v1/cart');
    assert.equal(first.status, 200, show(first));
    assert.deepEqual(JSON.parse(first.text).items, []);
    const held = client.cookie;
    assert.match(held ?? '', /^[0-9a-f]{64}$/);
    await client.send('/en/cart');
    assert.equal(sql('SELECT count(*) FROM sessions'), before, 'a GET wrote a session row');

    const token = JSON.parse(first.text).csrf_token;
    const added = await client.send('/api/v1/cart/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: server.url },
      rawBody: JSON.stringify({ product_id: products.mug.id, variant_id: products.mug.variant, quantity: 1 }),
    });
    assert.equal(added.status, 201, show(added));
    assert.equal(client.cookie, held, 'the first write changed the session id');
    assert.equal(sql(`SELECT count(*) FROM sessions WHERE id_hash = encode(sha256(convert_to('${held}', 'UTF8')), 'hex')`), '1');
    assert.equal(JSON.parse((await client.send('/api/v1/cart')).text).items.length, 1);
  });

  test('add, change, remove: every answer is the recomputed cart', async () => {
    const { call } = await apiClient();
    const added = await call('POST', '/api/v1/cart/items', { product_id: products.mug.id, variant_id: products.mug.variant, quantity: 2 });
    assert.equal(added.status, 201, show(added));
    let cart = JSON.parse(added.text);
    assert.equal(cart.items.length, 1);
    assert.equal(cart.items[0].quantity, 2);
    assert.deepEqual(cart.items[0].unit_price, { amount_cents: 1_250, currency: 'CAD', formatted: '12,50\u00a0$' });
    assert.equal(cents(cart.items[0].line_total), 2_500);
    assert.equal(cart.region, 'CA-QC');
    const base = 2_500 + 995;
    assert.deepEqual(cart.totals.taxes.map((t) => [t.code, cents(t.amount)]), [['gst', tax(base, 50_000)], ['qst', tax(base, 99_750)]]);
    assert.equal(cents(cart.totals.total), base + tax(base, 50_000) + tax(base, 99_750));

    const changed = await call('PATCH', `/api/v1/cart/items/${products.mug.variant}`, { quantity: 5 });
    assert.equal(changed.status, 200, show(changed));
    assert.equal(JSON.parse(changed.text).items[0].quantity, 5);
    const ontario = await call('PATCH', '/api/v1/cart', { region: 'CA-ON' });
    assert.deepEqual(JSON.parse(ontario.text).totals.taxes.map((t) => t.code), ['hst']);
    const removed = await call('DELETE', `/api/v1/cart/items/${products.mug.variant}`);
    assert.equal(removed.status, 200, show(removed));
    cart = JSON.parse(removed.text);
    assert.equal(cart.items.length, 0);
    assert.equal(cents(cart.totals.total), 0);
  });

  test('errors are problem+json with a code; nothing changes without the CSRF token', async () => {
    const { call } = await apiClient();
    const noToken = await call('POST', '/api/v1/cart/items', { product_id: products.mug.id, variant_id: products.mug.variant }, { 'x-csrf-token': '' });
    assert.equal(noToken.status, 403, show(noToken));
    assert.match(noToken.headers['content-type'], /^application\/problem\+json/);
    assert.equal(JSON.parse(noToken.text).code, 'cart.csrf');
    const soldOut = await call('POST', '/api/v1/cart/items', { product_id: products.gone.id, variant_id: products.gone.variant });
    assert.equal(soldOut.status, 409, show(soldOut));
    assert.equal(JSON.parse(soldOut.text).code, 'cart.out_of_stock');
    const wrongPair = await call('POST', '/api/v1/cart/items', { product_id: products.mug.id, variant_id: products.kettle.variant });
    assert.equal(wrongPair.status, 404, show(wrongPair));
    const invalid = await call('POST', '/api/v1/cart/items', { product_id: 'x', variant_id: products.mug.variant });
    assert.equal(invalid.status, 422, show(invalid));
    assert.equal(JSON.parse(invalid.text).errors[0].field, 'product_id');
    const tooMany = await call('POST', '/api/v1/cart/items', { product_id: products.mug.id, variant_id: products.mug.variant, quantity: 500 });
    assert.equal(tooMany.status, 422, show(tooMany));
    const notJson = await call('PATCH', '/api/v1/cart', undefined, { 'content-type': 'text/plain' });
    assert.equal(notJson.status, 415, show(notJson));
    const missing = await call('PATCH', '/api/v1/cart/items/999999', { quantity: 1 });
    assert.equal(missing.status, 404, show(missing));
    assert.equal(JSON.parse(missing.text).code, 'cart.item_not_found');
    const cart = JSON.parse((await call('GET', '/api/v1/cart')).text);
    assert.equal(cart.items.length, 0, 'a refused call changed the cart');
  });

  test('the page and the API show the same cart and the same total', async () => {
    const { client, call } = await apiClient();
    await call('POST', '/api/v1/cart/items', { product_id: products.kettle.id, variant_id: products.kettle.variant, quantity: 1 });
    const cart = JSON.parse((await call('GET', '/api/v1/cart')).text);
    assert.ok(text(await client.get('/en/cart')).includes(`Total ${dollars(cents(cart.totals.total))}`));
  });
});
