// The fake Printify API (support/fake_printify) checked on its own before the supplier engine's
// suites rely on it: auth and User-Agent, Printify's page envelope and limits, order validation,
// lifecycle and external_id bookkeeping, webhooks signed with X-Pfy-Signature, the rate limit and
// the fault injection. No comptoir binary is needed.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { LIMITS, startFakePrintify } from '../support/fake_printify.mjs';
import { request } from '../support/http.mjs';

const TOKEN = 'printify-test-token';
const SHOP = 1234567;
const SECRET = '7afa37fd47d7a52ea644382e04962a83c16aef62';
let pfy;
let receiver;
const received = []; // webhook POSTs to the stand-in shop: { path, headers, raw }

before(async () => {
  pfy = await startFakePrintify({ token: TOKEN, shopId: SHOP });
  receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(req.url.includes('refuse') ? 500 : 200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
after(() => new Promise((resolve) => receiver?.close(resolve)));

const api = (path, { method = 'GET', body, token = TOKEN, fake = pfy } = {}) => fetch(`${fake.url}${path}`, {
  method,
  headers: { authorization: `Bearer ${token}`, 'user-agent': 'Comptoir-tests', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const shop = (rest) => `/v1/shops/${SHOP}/${rest}`;
const address = {
  first_name: 'Élise', last_name: 'Tremblay', email: 'elise@example.com', phone: '514 555 0100', country: 'CA',
  region: 'QC', address1: '1 rue Sainte-Catherine', address2: '', city: 'Montréal', zip: 'H2X 1Y4',
};
const orderBody = (overrides = {}) => ({
  external_id: 'cmd-1001', label: '1001', line_items: [{ product_id: pfy.product(0).id, variant_id: pfy.product(0).variants[1].id, quantity: 2 }],
  shipping_method: 1, send_shipping_notification: false, address_to: address, ...overrides,
});
async function createOrder(overrides) {
  const res = await api(shop('orders.json'), { method: 'POST', body: orderBody(overrides) });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).id;
}

describe('auth', () => {
  test('a Bearer token and a User-Agent are required on every call', async () => {
    const none = await fetch(`${pfy.url}/v1/shops.json`, { headers: { 'user-agent': 'x' } });
    assert.equal(none.status, 401);
    assert.equal((await none.json()).status, 'error');
    assert.equal((await api('/v1/shops.json', { token: 'wrong' })).status, 401);
    // fetch always sends a User-Agent: node:http does not unless told to.
    const noAgent = await request(`${pfy.url}/v1/shops.json`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(noAgent.status, 400, noAgent.text);
    assert.match(JSON.parse(noAgent.text).message, /User-Agent/);
  });

  test('expireToken answers 401 until setToken installs a new one', async () => {
    pfy.expireToken();
    assert.equal((await api('/v1/shops.json')).status, 401);
    pfy.setToken('printify-rotated');
    assert.equal((await api('/v1/shops.json')).status, 401, 'the old token no longer works');
    assert.equal((await api('/v1/shops.json', { token: 'printify-rotated' })).status, 200);
    pfy.setToken(TOKEN);
  });
});

describe('shops and products', () => {
  test('shops.json lists the one shop', async () => {
    assert.deepEqual(await (await api('/v1/shops.json')).json(), [{ id: SHOP, title: 'Comptoir test shop', sales_channel: 'custom_integration' }]);
  });

  test('products are deterministic and follow the documented shape', () => {
    const p = pfy.product(1);
    assert.match(p.id, /^[0-9a-f]{24}$/);
    assert.equal(p.shop_id, SHOP);
    assert.deepEqual(p.variants.map((v) => [v.sku, v.cost, v.price]), [['PFY-1-0', 537, 1074], ['PFY-1-1', 637, 1274]]);
    for (const key of ['title', 'description', 'options', 'images', 'created_at', 'updated_at', 'visible', 'blueprint_id', 'print_provider_id']) {
      assert.ok(key in p, key);
    }
    assert.deepEqual(Object.keys(p.variants[0]).slice(0, 10), ['id', 'sku', 'cost', 'price', 'title', 'grams', 'is_enabled', 'is_default', 'is_available', 'is_printify_express_eligible']);
    assert.throws(() => pfy.product(3), RangeError);
  });

  test('products.json pages with the documented envelope and limits', async () => {
    const first = await (await api(shop('products.json?limit=2'))).json();
    assert.deepEqual({ ...first, data: first.data.map((p) => p.id) }, {
      current_page: 1, data: [pfy.product(0).id, pfy.product(1).id], first_page_url: '/?page=1', from: 1, last_page: 2,
      last_page_url: '/?page=2', next_page_url: '/?page=2', path: '/', per_page: 2, prev_page_url: null, to: 2, total: 3,
    });
    const second = await (await api(shop('products.json?limit=2&page=2'))).json();
    assert.deepEqual([second.from, second.to, second.next_page_url, second.prev_page_url], [3, 3, null, '/?page=1']);
    const beyond = await (await api(shop('products.json?page=9'))).json();
    assert.deepEqual([beyond.data, beyond.from, beyond.per_page], [[], null, 10]);
    const tooMany = await api(shop(`products.json?limit=${LIMITS.products + 1}`));
    assert.equal(tooMany.status, 400);
    assert.equal((await tooMany.json()).message, 'Validation failed.');
    const one = await api(shop(`products/${pfy.product(2).id}.json`));
    assert.deepEqual(await one.json(), pfy.product(2));
    assert.equal((await api(shop('products/5f0000000000000000000063.json'))).status, 404);
    assert.equal((await api('/v1/shops/42/products.json')).status, 404);
  });

  test('100 000 variants page through cheaply', async () => {
    const big = await startFakePrintify({ productCount: 10_000, variantsPerProduct: 10 });
    const started = performance.now();
    const skus = new Set();
    for (let page = 1, last = 1; page <= last; page += 1) {
      const body = await (await api(`/v1/shops/${SHOP}/products.json?limit=100&page=${page}`, { fake: big })).json();
      last = body.last_page;
      for (const p of body.data) for (const v of p.variants) skus.add(v.sku);
    }
    assert.equal(skus.size, 100_000);
    assert.ok(skus.has('PFY-9999-9'));
    assert.equal(big.product(9999).variants[9].cost, 500 + ((37 * 9999) % 2000) + 900);
    assert.ok(performance.now() - started < 30_000, `took ${performance.now() - started} ms`);
  });

  test('setProducts changes the catalog and its stock', async () => {
    pfy.setProducts({ productCount: 3, variantsPerProduct: 2, stock: { 'PFY-0-1': false } });
    assert.equal(pfy.product(0).variants[1].is_available, false);
    assert.equal(pfy.product(0).variants[0].is_available, true);
    pfy.setProducts({ productCount: 3, variantsPerProduct: 2 });
  });
});

describe('orders', () => {
  test('submission is validated as documented (400, code 8103, reason per field)', async () => {
    const res = await api(shop('orders.json'), { method: 'POST', body: orderBody({ external_id: '', address_to: { ...address, zip: '' } }) });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.deepEqual([body.status, body.code, body.errors.code], ['error', 8103, 8103]);
    assert.deepEqual(Object.keys(JSON.parse(body.errors.reason)).sort(), ['address_to.zip', 'external_id']);
    for (const bad of [{ line_items: [] }, { shipping_method: 9 }, { line_items: [{ sku: 'PFY-0-7', quantity: 1 }] },
      { line_items: [{ product_id: pfy.product(0).id, variant_id: pfy.product(1).variants[0].id, quantity: 1 }] },
      { line_items: [{ sku: 'PFY-0-0', quantity: 0 }] }, { address_to: { ...address, country: 'Canada' } }]) {
      assert.equal((await api(shop('orders.json'), { method: 'POST', body: orderBody(bad) })).status, 400, JSON.stringify(bad));
    }
    const notJson = await fetch(`${pfy.url}${shop('orders.json')}`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"external_id":',
    });
    assert.equal(notJson.status, 400);
    assert.equal(pfy.orders.size, 0);
  });

  test('an order by variant or by SKU, read back with its costs and external_id', async () => {
    pfy.reset();
    const id = await createOrder();
    const bySku = await createOrder({ external_id: 'cmd-1002', line_items: [{ sku: 'PFY-2-0', quantity: 1 }] });
    const order = await (await api(shop(`orders/${id}.json`))).json();
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.equal(order.status, 'on-hold');
    assert.deepEqual(order.metadata, { order_type: 'api', shop_order_id: 'cmd-1001', shop_order_label: '1001', shop_fulfilled_at: '1970-01-01 00:00:00+00:00' });
    assert.deepEqual([order.line_items[0].metadata.sku, order.line_items[0].cost, order.total_price, order.total_shipping], ['PFY-0-1', 1200, 2400, 500]);
    assert.equal(pfy.orders.get(bySku).line_items[0].variant_id, pfy.product(2).variants[0].id);
    const list = await (await api(shop('orders.json'))).json();
    assert.deepEqual(list.data.map((o) => o.id), [bySku, id], 'newest first');
    assert.equal((await api(shop(`orders.json?limit=${LIMITS.orders + 1}`))).status, 400);
    assert.deepEqual((await (await api(shop('orders.json?sku=PFY-2-0'))).json()).data.map((o) => o.id), [bySku]);
    assert.equal((await api(shop('orders/000000000000000000000000.json'))).status, 404);
  });

  test('duplicate external_ids are accepted unless refused, and countable', async () => {
    pfy.reset();
    await createOrder();
    await createOrder();
    assert.equal(pfy.ordersByExternalId('cmd-1001').length, 2);
    pfy.rejectDuplicateExternalId = true;
    assert.equal((await api(shop('orders.json'), { method: 'POST', body: orderBody() })).status, 400);
    assert.equal(pfy.ordersByExternalId('cmd-1001').length, 2);
  });

  test('send_to_production and cancel follow the documented states', async () => {
    pfy.reset();
    const sent = await createOrder();
    const kept = await createOrder({ external_id: 'cmd-2' });
    const res = await api(shop(`orders/${sent}/send_to_production.json`), { method: 'POST' });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'sending-to-production');
    assert.ok(body.sent_to_production_at);
    assert.equal((await api(shop(`orders/${sent}/cancel.json`), { method: 'POST' })).status, 400, 'no cancel once sent');
    const canceled = await (await api(shop(`orders/${kept}/cancel.json`), { method: 'POST' })).json();
    assert.deepEqual([canceled.status, canceled.line_items[0].status], ['canceled', 'canceled']);
    assert.equal((await api(shop(`orders/${kept}/send_to_production.json`), { method: 'POST' })).status, 400);
    await pfy.advance(sent, 'in-production');
    assert.equal(pfy.orders.get(sent).line_items[0].status, 'in-production');
    await assert.rejects(pfy.advance(sent, 'shipped'), /not one of/);
  });
});

describe('webhooks', () => {
  test('registered webhooks receive events signed with X-Pfy-Signature', async () => {
    pfy.reset();
    received.length = 0;
    const base = `http://127.0.0.1:${receiver.address().port}`;
    for (const topic of ['order:shipment:created', 'order:updated']) {
      const res = await api(shop('webhooks.json'), { method: 'POST', body: { topic, url: `${base}/hooks/printify`, secret: SECRET } });
      assert.deepEqual(Object.keys(await res.json()).sort(), ['id', 'shop_id', 'topic', 'url']);
    }
    assert.equal((await api(shop('webhooks.json'), { method: 'POST', body: { topic: 'order:shipped', url: base } })).status, 400);
    const hooks = await (await api(shop('webhooks.json'))).json();
    assert.deepEqual(hooks.map((h) => [h.topic, h.shop_id, 'secret' in h]), [['order:shipment:created', String(SHOP), false], ['order:updated', String(SHOP), false]]);

    const id = await createOrder();
    await pfy.ship(id, { carrier: 'usps', number: '9400110200828911663274', url: 'https://example.com/track/9400110200828911663274' });
    assert.deepEqual(received.map((r) => JSON.parse(r.raw).type), ['order:shipment:created', 'order:updated']);
    for (const r of received) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(r.raw).digest('hex')}`;
      assert.equal(r.headers['x-pfy-signature'], expected);
    }
    const shipped = JSON.parse(received[0].raw);
    assert.deepEqual(shipped.resource, {
      id, type: 'order',
      data: { shop_id: SHOP, shipped_at: shipped.resource.data.shipped_at, carrier: { code: 'usps', tracking_number: '9400110200828911663274', tracking_url: 'https://example.com/track/9400110200828911663274' }, skus: ['PFY-0-1'] },
    });
    assert.deepEqual(JSON.parse(received[1].raw).resource.data, { shop_id: SHOP, status: 'fulfilled' });
    const order = pfy.orders.get(id);
    assert.deepEqual([order.status, order.shipments[0].number, Boolean(order.fulfilled_at)], ['fulfilled', '9400110200828911663274', true]);
  });

  test('a refused delivery is retried up to 3 times; a webhook can be deleted', async () => {
    pfy.reset();
    received.length = 0;
    const url = `http://127.0.0.1:${receiver.address().port}/refuse`;
    const hook = await (await api(shop('webhooks.json'), { method: 'POST', body: { topic: 'order:created', url } })).json();
    await createOrder();
    // order:created goes out after the answer: wait for the 4 attempts.
    for (const deadline = performance.now() + 5000; received.length < 4 && performance.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(received.length, 4);
    assert.equal(received[0].headers['x-pfy-signature'], undefined, 'no secret, no signature');
    assert.deepEqual(pfy.deliveries.map((d) => d.status), [500, 500, 500, 500]);
    assert.deepEqual(await (await api(shop(`webhooks/${hook.id}.json`), { method: 'DELETE' })).json(), { id: hook.id });
    assert.deepEqual(await (await api(shop('webhooks.json'))).json(), []);
  });
});

describe('rate limit and faults', () => {
  test('past perMinute requests answer 429 with Retry-After', async () => {
    const tight = await startFakePrintify({ perMinute: 3 });
    for (let k = 0; k < 3; k += 1) assert.equal((await api('/v1/shops.json', { fake: tight })).status, 200);
    const limited = await api('/v1/shops.json', { fake: tight });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    tight.perMinute = 10;
    assert.equal((await api('/v1/shops.json', { fake: tight })).status, 200);
  });

  test('failNext, slowNext and malformedNext', async () => {
    pfy.reset();
    pfy.failNext({ status: 503, times: 2, path: /products/ });
    assert.equal((await api('/v1/shops.json')).status, 200, 'other paths unaffected');
    assert.equal((await api(shop('products.json'))).status, 503);
    assert.equal((await api(shop('products.json'))).status, 503);
    assert.equal((await api(shop('products.json'))).status, 200);

    pfy.failNext({ status: 429, retryAfter: 7 });
    const limited = await api('/v1/shops.json');
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '7']);

    pfy.failNext({ status: 500, path: /orders\.json$/, afterProcessing: true });
    assert.equal((await api(shop('orders.json'), { method: 'POST', body: orderBody() })).status, 500);
    assert.equal(pfy.ordersByExternalId('cmd-1001').length, 1, 'the order exists although the answer was lost');

    pfy.slowNext({ ms: 300 });
    const started = performance.now();
    assert.equal((await api('/v1/shops.json')).status, 200);
    assert.ok(performance.now() - started >= 290);

    pfy.malformedNext({ path: /products/ });
    const broken = await api(shop('products.json'));
    assert.equal(broken.status, 200);
    await assert.rejects(broken.json(), SyntaxError);
    assert.equal((await api(shop('products.json'))).status, 200);
  });

  test('requests are recorded and reset clears everything', async () => {
    pfy.reset();
    await api(shop('orders.json'), { method: 'POST', body: orderBody() });
    await api(shop('products.json?page=1&limit=5'));
    const [post, get] = pfy.requests;
    assert.deepEqual([post.method, post.path, post.body.external_id], ['POST', `/v1/shops/${SHOP}/orders.json`, 'cmd-1001']);
    assert.deepEqual([get.query, get.body, get.headers['user-agent']], [{ page: '1', limit: '5' }, undefined, 'Comptoir-tests']);
    const { requests, orders } = pfy;
    pfy.reset();
    assert.equal(requests.length, 0);
    assert.equal(orders.size, 0);
    assert.equal(pfy.requests, requests, 'the same array, so references stay valid');
  });
});
