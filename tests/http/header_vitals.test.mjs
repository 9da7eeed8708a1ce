// The storefront's header and field Core Web Vitals, black box: every page names its kind on
// <body data-page> and loads the two storefront scripts; the cart count travels in its own cookie
// (pages stay the same for every visitor), set by each view of the cart and cleared by an order;
// POST /vitals feeds the Prometheus histograms and refuses what is not a report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { FormClient, SESSION_COOKIE, formsOf, setCookies } from '../support/form_client.mjs';
import { metricValue } from '../support/metrics.mjs';
import { describe as show, request, startServer } from '../support/server.mjs';

let server;
const products = {};

// The cart-count cookie a response sets: { value, attributes } or null.
function countCookie(res) {
  for (const line of setCookies(res)) {
    const [pair, ...attrs] = line.split(';').map((part) => part.trim());
    if (!pair.startsWith('comptoir_cart_count=')) continue;
    return { value: pair.slice('comptoir_cart_count='.length), attributes: attrs.map((a) => a.toLowerCase()) };
  }
  return null;
}

const metric = (series) => metricValue(server, series);

const beacon = (body, contentType = 'text/plain;charset=UTF-8') =>
  request(`${server.url}/vitals`, { method: 'POST', headers: { 'content-type': contentType }, body });

before(async () => {
  server = await startServer();
  const api = catalogApi(server, await createToken(server));
  const made = await api.post('/api/v1/products', {
    status: 'active',
    text: { fr: { name: 'Bol à thé' }, en: { name: 'Tea bowl' } },
    variants: [{ sku: `HEADER-${process.pid}`, price_cents: 2_400, stock_on_hand: 50 }],
  });
  products.bowl = { id: made.id, variant: made.variants[0].id, slug: made.text.en.slug, frSlug: made.text.fr.slug };
});
after(async () => {
  await server?.stop();
});

describe('pages name their kind and load the storefront scripts', () => {
  test('home, product, listing and cart, in both languages', async () => {
    for (const [path, kind] of [['/fr/', 'home'], ['/en/', 'home'], [`/en/product/${products.bowl.slug}`, 'product'],
      ['/fr/produits', 'listing'], ['/en/products?q=bowl', 'listing'], ['/en/cart', 'cart'], ['/fr/panier', 'cart']]) {
      const res = await request(`${server.url}${path}`);
      assert.equal(res.status, 200, show(res));
      assert.match(res.text, new RegExp(`<body data-page="${kind}">`), path);
      const scripts = [...res.text.matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
      assert.equal(scripts.length, 2, path);
      for (const src of scripts) {
        assert.match(src, /^\/static\/js\/(vendor\/web-vitals|site)\.[0-9a-f]+\.js$/);
        const asset = await request(`${server.url}${src}`);
        assert.equal(asset.status, 200, src);
        assert.match(asset.headers['content-type'], /javascript/);
      }
      // The badge is in every page, hidden, with its words in the page's language.
      const badge = /<span class="cart-count" data-cart-count data-label-one="([^"]+)" data-label-other="([^"]+)" hidden><\/span>/.exec(res.text);
      assert.ok(badge, path);
      assert.deepEqual(badge.slice(1), path.startsWith('/fr/') ? ['{count} article', '{count} articles'] : ['{count} item', '{count} items']);
    }
  });

  test('a page is the same whatever the cart holds: no count is written into it', async () => {
    const client = new FormClient(server.url);
    const empty = await client.get(`/en/product/${products.bowl.slug}`);
    const form = formsOf(empty.text).find((f) => f.action === '/en/cart');
    await client.send('/en/cart', { method: 'POST', form: { ...form.fields, quantity: '2' } });
    const full = await client.get(`/en/product/${products.bowl.slug}`);
    const strip = (html) => html.replace(/name="_csrf" value="[^"]*"/g, '');
    assert.equal(strip(full.text), strip(empty.text));
    assert.equal(countCookie(full), null, 'a product page sets no count');
  });
});

test('the vendored web-vitals is the package of package.json, unchanged', () => {
  const root = new URL('../../', import.meta.url);
  const wanted = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).devDependencies['web-vitals'];
  const vendored = readFileSync(new URL('static/js/vendor/web-vitals.js', root), 'utf8');
  assert.match(vendored, new RegExp(`^/\\*! web-vitals ${wanted.replace(/\./g, '\\.')} `));
  const dist = readFileSync(new URL('node_modules/web-vitals/dist/web-vitals.iife.js', root), 'utf8')
    .split('\n').filter((line) => !line.includes('sourceMappingURL')).join('\n');
  assert.ok(vendored.endsWith(dist.trimEnd() + '\n') || vendored.endsWith(dist), 'static/js/vendor/web-vitals.js differs from node_modules/web-vitals');
});

describe('the cart count cookie', () => {
  test('set by the cart page after an add, changed, then cleared; not sent again when unchanged', async () => {
    const client = new FormClient(server.url);
    const page = await client.get(`/fr/produit/${products.bowl.frSlug}`);
    assert.equal(page.status, 200, show(page));
    const form = formsOf(page.text).find((f) => f.action === '/fr/panier');
    const added = await client.send('/fr/panier', { method: 'POST', form: { ...form.fields, quantity: '3' } });
    assert.equal(added.status, 303, show(added));
    const cart = await client.get(added.headers.location);
    const cookie = countCookie(cart);
    assert.ok(cookie, 'the cart page sets the count');
    assert.equal(cookie.value, '3');
    // Read by the page's script: not HttpOnly; sent on every page of the shop.
    assert.ok(!cookie.attributes.includes('httponly'));
    assert.ok(cookie.attributes.includes('path=/'));
    assert.ok(cookie.attributes.includes('samesite=lax'));
    assert.ok(cookie.attributes.includes('secure'));
    assert.ok(cookie.attributes.includes('max-age=2592000'));

    // A browser that already holds "3" is not sent it again.
    const again = await request(`${server.url}/fr/panier`, {
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie}; comptoir_cart_count=3` },
    });
    assert.equal(again.status, 200, show(again));
    assert.equal(countCookie(again), null);
    // One that holds a stale count is corrected.
    const stale = await request(`${server.url}/fr/panier`, {
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie}; comptoir_cart_count=9` },
    });
    assert.equal(countCookie(stale).value, '3');

    const csrf = formsOf(cart.text).find((f) => f.fields._csrf).fields._csrf;
    const removed = await client.send(`/fr/panier/articles/${products.bowl.variant}`, { method: 'POST', form: { _csrf: csrf, quantity: '0' } });
    assert.equal(removed.status, 303, show(removed));
    const emptied = await request(`${server.url}${removed.headers.location}`, {
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie}; comptoir_cart_count=3` },
    });
    const cleared = countCookie(emptied);
    assert.equal(cleared.value, '');
    assert.ok(cleared.attributes.includes('max-age=0'));
  });

  test('the cart API sets it with every answer that shows the cart', async () => {
    const client = new FormClient(server.url);
    const cart = await client.send('/api/v1/cart', { headers: { accept: 'application/json' } });
    assert.equal(cart.status, 200, show(cart));
    assert.equal(countCookie(cart), null, 'an empty cart and no cookie: nothing to say');
    const token = JSON.parse(cart.text).csrf_token;
    const add = await client.send('/api/v1/cart/items', {
      method: 'POST',
      rawBody: JSON.stringify({ product_id: products.bowl.id, variant_id: products.bowl.variant, quantity: 2 }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: server.url },
    });
    assert.equal(add.status, 201, show(add));
    assert.equal(countCookie(add).value, '2');
  });
});

describe('POST /vitals', () => {
  test('a report is counted in its kind of page, in seconds', async () => {
    const before = await metric('comptoir_web_vitals_lcp_seconds_count{page="product"}');
    assert.equal(before, 0);
    const res = await beacon(JSON.stringify({ page: 'product', metrics: [{ name: 'LCP', value: 1800 }, { name: 'CLS', value: 0.02 }, { name: 'INP', value: 40 }] }));
    assert.equal(res.status, 204, show(res));
    assert.equal(res.headers['set-cookie'], undefined, 'no cookie, ever');
    assert.equal(await metric('comptoir_web_vitals_lcp_seconds_count{page="product"}'), 1);
    assert.equal(await metric('comptoir_web_vitals_lcp_seconds_bucket{page="product",le="1.5"}'), 0);
    assert.equal(await metric('comptoir_web_vitals_lcp_seconds_bucket{page="product",le="2"}'), 1);
    assert.equal(await metric('comptoir_web_vitals_inp_seconds_sum{page="product"}'), 0.04);
    assert.equal(await metric('comptoir_web_vitals_cls_count{page="product"}'), 1);
    // JSON is accepted too; an unknown kind of page is "other".
    const json = await beacon(JSON.stringify({ page: '/en/product/x', metrics: [{ name: 'CLS', value: 0 }] }), 'application/json');
    assert.equal(json.status, 204, show(json));
    assert.equal(await metric('comptoir_web_vitals_cls_count{page="other"}'), 1);
  });

  test('what is not a report is refused and counted, and changes no histogram', async () => {
    const refused = (await metric('comptoir_web_vitals_refused_total')) ?? 0;
    for (const body of ['nope', '{"page":"home","metrics":[{"name":"LCP","value":-5}]}', '{"page":"home","metrics":[{"name":"TTFB","value":5}]}']) {
      const res = await beacon(body);
      assert.equal(res.status, 400, body);
    }
    assert.equal(await metric('comptoir_web_vitals_refused_total'), refused + 3);
    assert.equal(await metric('comptoir_web_vitals_lcp_seconds_count{page="home"}'), 0);
    // A form post is not a beacon: the WAF refuses its type before the route.
    const form = await beacon('page=home', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415, show(form));
    const get = await request(`${server.url}/vitals`);
    assert.equal(get.status, 405, show(get));
  });
});
