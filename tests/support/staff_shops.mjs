// The suites of the staff order API (order_transitions, refunds) share this: two shops, one paid
// through the fake Stripe and one paid offline (no STRIPE_SECRET_KEY), both mailing to an SMTP
// capture, each with one product and a token per order scope made with the CLI as an operator
// would; guests checking out through the cart and checkout JSON API; the staff API called with a
// scope's token. Servers and fakes are stopped by the `after` hooks of their own helpers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { catalogApi, createToken } from './catalog_fixtures.mjs';
import { startFakeStripe } from './fake_stripe.mjs';
import { FormClient } from './form_client.mjs';
import { describe as show, request, runComptoir, startServer } from './server.mjs';

export const ORDER_SCOPES = ['orders:read', 'orders:write', 'orders:refund'];

export const createTokenCli = (target, name, scopes) => runComptoir(['token', 'create', '--name', name, ...scopes.flatMap((s) => ['--scope', s])], {
  env: { COMPTOIR_ENV: 'test', DATABASE_URL: target.database.url },
});
export const tokenOf = (result) => result.stdout.trim().split('\n').pop().trim();

// One value read from `target`'s database (psql -t -A), for what no API shows.
export const sql = (target, query) => execFileSync('psql', [target.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();

// `product`: { fr, en, sku, price, stock }. Resolves to { stripe, shop, manual, products, tokens,
// stop }: products and tokens are Maps by server ({ id, variant } and { scope: token }); stop()
// stops both servers (for the suite's `after` hook).
export async function startStaffShops({ capture, stripeKey, webhookSecret, keys, product }) {
  const stripe = await startFakeStripe({ secretKey: stripeKey, webhookSecret });
  const mail = { SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: keys };
  const shop = await startServer({ env: { ...mail, STRIPE_SECRET_KEY: stripeKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: stripe.url } });
  stripe.webhookUrl = `${shop.url}/webhooks/stripe`;
  const manual = await startServer({ env: mail });
  const stop = async () => {
    await shop.stop();
    await manual.stop();
  };
  const shops = { stripe, shop, manual, products: new Map(), tokens: new Map(), stop };
  for (const target of [shop, manual]) {
    const api = catalogApi(target, await createToken(target));
    const made = await api.post('/api/v1/products', {
      status: 'active', text: { fr: { name: product.fr }, en: { name: product.en } },
      variants: [{ sku: `${product.sku}-${process.pid}`, price_cents: product.price, stock_on_hand: product.stock }],
    });
    shops.products.set(target, { id: made.id, variant: made.variants[0].id });
    const tokens = {};
    for (const scope of ORDER_SCOPES) {
      const created = await createTokenCli(target, `staff-${scope}`, [scope]);
      assert.equal(created.code, 0, created.output);
      tokens[scope] = tokenOf(created);
    }
    shops.tokens.set(target, tokens);
  }
  return shops;
}

// The staff order API of `target` with `token` (none when null), in `lang`; answers carry `json`.
export function staffApi(target, token, lang = 'fr') {
  const headers = { accept: 'application/json', 'accept-language': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const parse = (res) => ({ ...res, json: res.text ? JSON.parse(res.text) : null });
  const post = async (path, body) => parse(await request(`${target.url}${path}`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
  }));
  return {
    order: async (number) => parse(await request(`${target.url}/api/v1/orders/${number}`, { headers })),
    refunds: async (number) => parse(await request(`${target.url}/api/v1/orders/${number}/refunds`, { headers })),
    move: (number, body) => post(`/api/v1/orders/${number}/transitions`, body),
    refund: (number, body) => post(`/api/v1/orders/${number}/refunds`, body),
  };
}

// A guest checks out `quantity` × `product` in `lang` through the cart and checkout JSON API, to
// Québec. Resolves to the order as the checkout answered it, with its email, language, payment
// URL and Stripe session id.
export async function checkoutAsGuest(target, product, { email, address, lang = 'fr', quantity = 2 }) {
  const client = new FormClient(target.url);
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': lang } });
  const csrf = JSON.parse(first.text).csrf_token;
  const call = (path, body) => client.send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: target.url, 'accept-language': lang },
    rawBody: JSON.stringify(body),
  });
  const added = await call('/api/v1/cart/items', { product_id: product.id, variant_id: product.variant, quantity });
  assert.equal(added.status, 201, show(added));
  const res = await call('/api/v1/checkout', { email, region: 'CA-QC', shipping_address: address });
  assert.equal(res.status, 201, show(res));
  const { order, payment_url: paymentUrl } = JSON.parse(res.text);
  return { ...order, email, lang, paymentUrl, session: new URL(paymentUrl).pathname.split('/').pop() };
}
