// Shared by the checkout suites: products made through the catalog API, guest shoppers driving the
// cart and checkout JSON API on their session cookie (as the storefront's scripts do), Québec
// totals computed here from the prices (never read back from the server), and reads of the
// database for what no public page shows (stock, orders, history).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { catalogApi, createToken } from './catalog_fixtures.mjs';
import { FormClient } from './form_client.mjs';
import { describe as show, sleep } from './server.mjs';

export const ADDRESS = {
  full_name: 'Élise Tremblay', line1: '1200 rue Saint-Denis', line2: 'App. 4', city: 'Montréal',
  postal_code: 'H2X 3J6', phone: '514 555 0199',
};

// Québec as seeded for 2026 (migrations/0004_tax_regions.sql): $9.95 of shipping under $75 of
// goods, then GST 5 % and QST 9.975 % (millionths) each once on goods + shipping.
export const QC = { shipping: 995, freeFrom: 7_500, gst: 50_000, qst: 99_750 };

// Half-up to the cent of base × millionths / 10^6.
export const tax = (base, millionths) => Math.floor((base * millionths + 500_000) / 1_000_000);

// `amount` shared in proportion to `weights` by the largest remainders (first one on ties).
export function shares(amount, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((amount * w) / sum));
  const order = weights.map((w, i) => [(amount * w) % sum, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = amount - out.reduce((a, b) => a + b, 0); k < left; k += 1) out[order[k][1]] += 1;
  return out;
}

// lines: [{ price, quantity }] → every amount of a Québec order, and each line's (and shipping's)
// share of the two taxes.
export function quebecTotals(lines) {
  const amounts = lines.map((l) => l.price * l.quantity);
  const subtotal = amounts.reduce((a, b) => a + b, 0);
  const shipping = subtotal >= QC.freeFrom ? 0 : QC.shipping;
  const base = subtotal + shipping;
  const gst = tax(base, QC.gst);
  const qst = tax(base, QC.qst);
  const weights = shipping ? [...amounts, shipping] : amounts;
  const gstShares = shares(gst, weights);
  const qstShares = shares(qst, weights);
  const lineTax = amounts.map((_, i) => gstShares[i] + qstShares[i]);
  const shippingTax = shipping ? gstShares.at(-1) + qstShares.at(-1) : 0;
  return { subtotal, shipping, base, gst, qst, tax: gst + qst, total: base + gst + qst, amounts, lineTax, shippingTax };
}

// "80,14 $" / "$80.14" as the shop writes them (spaces normalised: see normalise()).
export const money = (cents, locale) => (locale === 'fr'
  ? `${(cents / 100).toFixed(2).replace('.', ',')} $`
  : `$${(cents / 100).toFixed(2)}`);
// Non-breaking and narrow spaces become plain ones, so text can be matched against money().
export const normalise = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

export async function until(what, check, timeout = 10_000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await sleep(100);
  }
}

// The catalog (API token), products, SQL reads and guest shoppers of one server.
export async function checkoutShop(server) {
  const api = catalogApi(server, await createToken(server));
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  let made = 0;
  let shoppers = 0;

  async function product({ fr, en, price, stock }) {
    made += 1;
    const created = await api.post('/api/v1/products', {
      status: 'active',
      text: { fr: { name: fr }, en: { name: en } },
      variants: [{ sku: `CHK-${made}-${process.pid}`, price_cents: price, stock_on_hand: stock }],
    });
    return { id: created.id, variant: created.variants[0].id, sku: created.variants[0].sku, fr, en, price,
      slugs: { fr: created.text.fr.slug, en: created.text.en.slug } };
  }

  const stock = (p) => Number(sql(`SELECT stock_on_hand FROM variants WHERE id = ${p.variant}`));
  const order = (number) => {
    const row = sql(`SELECT status, stock_released_at IS NOT NULL, payment_provider, locale FROM orders WHERE number = '${number}'`);
    if (!row) return null;
    const [status, released, provider, locale] = row.split('|');
    return { status, released: released === 't', provider, locale };
  };
  const ordersOf = (email) => sql(`SELECT number FROM orders WHERE email = '${email}' ORDER BY id`).split('\n').filter(Boolean);
  const history = (number) => sql(`SELECT h.actor_kind, coalesce(h.from_status, ''), h.to_status, h.note FROM order_history h
    JOIN orders o ON o.id = h.order_id WHERE o.number = '${number}' ORDER BY h.id`).split('\n').map((line) => {
    const [actor, from, to, note] = line.split('|');
    return { actor, from, to, note };
  });

  // A guest with a session (made by GET /api/v1/cart) and its CSRF token; `locale` goes in
  // Accept-Language, which picks the language of the API's messages and of the order. Each one
  // connects from its own loopback address (127.0.x.y reaches a server on 127.0.0.1), as different
  // people would: the per-address order and cart limits then count one shopper each.
  async function shopper({ locale = 'fr', name = 'client', localAddress } = {}) {
    shoppers += 1;
    const email = `${name}-${shoppers}-${process.pid}@example.ca`;
    const address = localAddress ?? `127.0.${100 + Math.floor(shoppers / 250)}.${(shoppers % 250) + 1}`;
    const client = new FormClient(server.url, { localAddress: address });
    const first = await client.send('/api/v1/cart', { headers: { 'accept-language': locale } });
    assert.equal(first.status, 200, show(first));
    const token = JSON.parse(first.text).csrf_token;
    const call = async (method, path, body, headers = {}) => {
      const res = await client.send(path, {
        method,
        headers: {
          accept: 'application/json', 'accept-language': locale, 'content-type': 'application/json',
          'x-csrf-token': token, origin: server.url, ...headers,
        },
        ...(body === undefined ? {} : { rawBody: JSON.stringify(body) }),
      });
      res.json = () => JSON.parse(res.text);
      return res;
    };
    return {
      client, email, call,
      async add(p, quantity = 1) {
        const res = await call('POST', '/api/v1/cart/items', { product_id: p.id, variant_id: p.variant, quantity });
        assert.equal(res.status, 201, show(res));
        return res.json();
      },
      async cart() {
        const res = await call('GET', '/api/v1/cart');
        assert.equal(res.status, 200, show(res));
        return res.json();
      },
      checkout: (fields = {}) => call('POST', '/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS, ...fields }),
    };
  }

  return { api, sql, product, stock, order, ordersOf, history, shopper };
}

// A problem+json answer: its status, media type and code.
export function assertProblem(res, status, code) {
  assert.equal(res.status, status, show(res));
  assert.match(res.headers['content-type'], /^application\/problem\+json/, show(res));
  const problem = JSON.parse(res.text);
  assert.equal(problem.code, code, show(res));
  return problem;
}
