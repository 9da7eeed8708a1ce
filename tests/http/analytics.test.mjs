// Audience measurement, black box (docs/analytics.md): the real binary with ANALYTICS pointed at
// the local fakes of GA4 and Plausible (tests/support/fake_analytics.mjs), the fake Stripe and a
// real SMTP capture. What the pages carry per configuration (the Content-Security-Policy, the
// hidden banner, the footer link), check-config's word on a bad value, the preferences page (a
// plain form, CSRF-checked), and the server's purchase and refund events: exactly once per order
// through the outbox, retried on a 5xx, and never for an order placed without consent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { catalogApi, createToken } from '../support/catalog_fixtures.mjs';
import { startFakeAnalytics } from '../support/fake_analytics.mjs';
import { startFakeStripe } from '../support/fake_stripe.mjs';
import { FormClient, setCookies } from '../support/form_client.mjs';
import { describe as show, request, runComptoir, sleep, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';

const STRIPE_KEY = 'sk_test_analytics_suite_7Qm';
const WEBHOOK = 'whsec_analytics_suite_4Lp';
const KEYS = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
const ADDRESS = { full_name: 'Élise Tremblay', line1: '4321 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 1K4' };
const GRANTED = 'comptoir_consent=analytics:granted.v1';
const DENIED = 'comptoir_consent=analytics:denied.v1';

const capture = await startSmtpCapture();
const ga4 = await startFakeAnalytics({ kind: 'ga4', measurementId: 'G-COMPTOIR1', apiSecret: 'mp-secret-Xy7' });
const plausible = await startFakeAnalytics({ kind: 'plausible', domain: 'boutique.test' });
let stripe;
let stripePlausible;
let plain; // no ANALYTICS
let shop; // GA4
let shopPlausible;

const env = (fake, analytics) => ({
  STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK, STRIPE_API_BASE: fake.url,
  SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: KEYS, ...analytics,
});

async function product(server, sku, price) {
  const api = catalogApi(server, await createToken(server));
  const made = await api.post('/api/v1/products', {
    status: 'active', text: { fr: { name: 'Tasse en grès', slug: `tasse-${sku.toLowerCase()}` }, en: { name: 'Stoneware cup', slug: `cup-${sku.toLowerCase()}` } },
    variants: [{ sku, price_cents: price, stock_on_hand: 500 }],
  });
  return { id: made.id, variant: made.variants[0].id, sku, price, slug: { fr: `tasse-${sku.toLowerCase()}`, en: `cup-${sku.toLowerCase()}` } };
}

before(async () => {
  stripe = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK });
  stripePlausible = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK });
  plain = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  shop = await startServer({ env: env(stripe, { ANALYTICS: ga4.setting, GA4_API_SECRET: ga4.apiSecret }) });
  stripe.webhookUrl = `${shop.url}/webhooks/stripe`;
  shopPlausible = await startServer({ env: env(stripePlausible, { ANALYTICS: plausible.setting }) });
  stripePlausible.webhookUrl = `${shopPlausible.url}/webhooks/stripe`;
  shop.cup = await product(shop, `AN-CUP-${process.pid}`, 1_250);
  shopPlausible.cup = await product(shopPlausible, `AN-PL-${process.pid}`, 2_000);
  plain.cup = await product(plain, `AN-PLAIN-${process.pid}`, 1_000);
}, { timeout: 120_000 });
after(async () => {
  await shop?.stop();
  await shopPlausible?.stop();
  await plain?.stop();
});

const sql = (server, query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const directive = (csp, name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

async function eventually(what, probe, timeout = 15_000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await sleep(100);
  }
}

let shoppers = 0;
// A shopper with these cookies fills a cart through the JSON API and checks out.
async function placeOrder(server, { cookies = '', lang = 'fr', quantity = 2 } = {}) {
  const email = `analytics-${(shoppers += 1)}-${process.pid}@example.ca`;
  const client = new FormClient(server.url);
  client.otherCookies = cookies;
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': lang } });
  assert.equal(first.status, 200, show(first));
  const token = JSON.parse(first.text).csrf_token;
  const call = (method, path, body) => client.send(path, {
    method, headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: server.url, 'accept-language': lang },
    rawBody: JSON.stringify(body),
  });
  const added = await call('POST', '/api/v1/cart/items', { product_id: server.cup.id, variant_id: server.cup.variant, quantity });
  assert.equal(added.status, 201, show(added));
  const res = await call('POST', '/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS });
  assert.equal(res.status, 201, show(res));
  const { order, payment_url: paymentUrl } = JSON.parse(res.text);
  return { ...order, email, session: new URL(paymentUrl).pathname.split('/').pop() };
}

async function pay(fake, order) {
  await fake.pay(order.session);
  assert.equal(fake.deliveries.at(-1).status, 200, fake.deliveries.at(-1).body);
  await capture.waitFor(order.email, (m) => /confirm/i.test(m.subject));
}

const outbox = (server, number) => sql(server, `SELECT coalesce(string_agg(e.kind || ':' || (e.sent_at IS NOT NULL), ' ' ORDER BY e.id), '')
  FROM analytics_events e JOIN orders o ON o.id = e.order_id WHERE o.number = '${number}'`);
const ga4Events = (number, name) => ga4.serverEvents.filter((e) => e.params.transaction_id === number && (!name || e.name === name));
const plausibleEvents = (number, name) => plausible.serverEvents.filter((e) => e.props.order === number && (!name || e.name === name));
const totalsOf = (server, number) => sql(server, `SELECT total || '|' || tax || '|' || shipping FROM orders WHERE number = '${number}'`).split('|').map(Number);
const major = (cents) => (cents / 100).toFixed(2);

describe('pages per configuration', { timeout: 60_000 }, () => {
  test('unset: the policy allows nothing more, no script, no banner, no footer link', async () => {
    for (const path of ['/fr/', '/en/', `/fr/produit/${plain.cup.slug.fr}`]) {
      const res = await request(`${plain.url}${path}`);
      assert.equal(res.status, 200, show(res));
      const csp = res.headers['content-security-policy'];
      assert.equal(directive(csp, 'script-src'), "script-src 'self'");
      assert.equal(directive(csp, 'connect-src'), "connect-src 'self'");
      assert.doesNotMatch(res.text, /consent\.[0-9a-f]+\.js|data-consent-banner|site-footer__consent|#audience-measurement/);
    }
  });

  test('GA4: only its host is added to script-src and connect-src, on every page and the checkout', async () => {
    for (const path of ['/fr/', '/en/products', `/en/product/${shop.cup.slug.en}`, '/fr/temoins']) {
      const res = await request(`${shop.url}${path}`);
      const csp = res.headers['content-security-policy'];
      assert.equal(directive(csp, 'script-src'), `script-src 'self' ${ga4.url}`, path);
      assert.equal(directive(csp, 'connect-src'), `connect-src 'self' ${ga4.url}`, path);
      assert.equal(directive(csp, 'img-src'), "img-src 'self' data:", path);
      assert.equal(directive(csp, 'default-src'), "default-src 'self'", path);
    }
    const client = new FormClient(shop.url);
    await client.send('/api/v1/cart');
    const token = JSON.parse((await client.send('/api/v1/cart')).text).csrf_token;
    await client.send('/api/v1/cart/items', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: shop.url },
      rawBody: JSON.stringify({ product_id: shop.cup.id, variant_id: shop.cup.variant, quantity: 3 }),
    });
    const checkout = await client.send('/fr/commande');
    assert.equal(checkout.status, 200, show(checkout));
    const csp = checkout.headers['content-security-policy'];
    assert.equal(directive(csp, 'connect-src'), `connect-src 'self' ${ga4.url}`);
    assert.match(directive(csp, 'form-action'), new RegExp(`form-action 'self' https://checkout.stripe.com ${stripe.url}`));
    // begin_checkout's data: the counted lines in exact major units.
    const data = /<div hidden data-analytics-checkout data-currency="CAD" data-value="([0-9.]+)" data-items="([^"]+)"><\/div>/.exec(checkout.text);
    assert.ok(data, checkout.text);
    const items = JSON.parse(data[2].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    assert.deepEqual(items, [{ item_id: shop.cup.sku, item_name: 'Tasse en grès', price: 12.5, quantity: 3 }]);
  });

  test('Plausible: its host only', async () => {
    const res = await request(`${shopPlausible.url}/en/`);
    const csp = res.headers['content-security-policy'];
    assert.equal(directive(csp, 'script-src'), `script-src 'self' ${plausible.url}`);
    assert.equal(directive(csp, 'connect-src'), `connect-src 'self' ${plausible.url}`);
  });

  for (const [lang, link, label] of [['fr', '/fr/temoins', 'Préférences de témoins'], ['en', '/en/cookies', 'Cookie preferences']]) {
    test(`${lang}: every page is the same for everyone: the banner is in it, hidden, with Accept and Refuse alike`, async () => {
      const path = lang === 'fr' ? `/fr/produit/${shop.cup.slug.fr}` : `/en/product/${shop.cup.slug.en}`;
      const stranger = await request(`${shop.url}${path}`);
      const refused = await request(`${shop.url}${path}`, { headers: { cookie: DENIED } });
      const accepted = await request(`${shop.url}${path}`, { headers: { cookie: `${GRANTED}; _ga=GA1.1.5.6` } });
      assert.equal(refused.text, stranger.text, 'the page does not depend on the choice');
      assert.equal(accepted.text, stranger.text, 'the page does not depend on the choice');
      for (const res of [stranger]) {
        assert.equal(res.status, 200, show(res));
        assert.match(res.text, new RegExp(`<script src="/static/js/consent\\.[0-9a-f]{12}\\.js" defer data-analytics="ga4" data-site="G-COMPTOIR1" data-service-script="${ga4.url}/gtag/js\\?id=G-COMPTOIR1"></script>`));
        assert.match(res.text, /<section class="consent-banner" id="consent-banner" aria-labelledby="consent-banner-title" data-consent-banner hidden>/);
        const buttons = [...res.text.matchAll(/<button class="([^"]+)" type="button" data-consent-choice="(granted|denied)">/g)];
        assert.deepEqual(buttons.map((b) => b[2]), ['granted', 'denied']);
        assert.equal(buttons[0][1], buttons[1][1], 'Accept and Refuse share one style');
        assert.ok(res.text.includes(`<a class="site-footer__consent" href="${link}#audience-measurement">${label}</a>`), res.text);
        assert.doesNotMatch(res.text, /<script>/, 'no inline script');
      }
    });
  }

  test('the product page and listings carry the items for the script, in exact major units', async () => {
    const page = await request(`${shop.url}/fr/produit/${shop.cup.slug.fr}`);
    assert.match(page.text, new RegExp(`<form class="add-to-cart"[^>]* data-analytics-item data-item-id="${shop.cup.sku}" data-item-name="Tasse en grès" data-item-price="12.50" data-currency="CAD">`));
    const listing = await request(`${shop.url}/en/products`);
    assert.match(listing.text, new RegExp(`data-analytics-card data-item-id="product-${shop.cup.id}" data-item-name="Stoneware cup" data-item-price="12.50" data-currency="CAD"`));
  });
});

describe('comptoir check-config', { timeout: 60_000 }, () => {
  for (const [value, says] of [['ga4:UA-1234-5', /measurement id/], ['matomo:shop.example', /not a known service/], ['plausible:shop.example@http://127.0.0.1:9', /https:\/\/ in production/]]) {
    test(`ANALYTICS=${value} is refused with what is wrong`, async () => {
      const production = value.includes('127.0.0.1');
      const result = await runComptoir(['check-config'], {
        env: { COMPTOIR_ENV: production ? 'production' : 'test', ANALYTICS: value, ...(production ? { BASE_URL: 'https://shop.example', COMPTOIR_SECRET_KEYS: KEYS, DATABASE_URL: 'postgres://u@127.0.0.1:9/x' } : {}) },
      });
      assert.notEqual(result.code, 0, result.output);
      const line = result.output.split('\n').find((l) => l.includes('ANALYTICS'));
      assert.ok(line, result.output);
      assert.match(result.output, says);
    });
  }

  test('a GA4 without GA4_API_SECRET is said, not fatal; the secret is never printed', async () => {
    const without = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', ANALYTICS: 'ga4:G-AB12CD34' } });
    assert.equal(without.code, 0, without.output);
    assert.match(without.output, /GA4_API_SECRET[^\n]*purchases and refunds are not sent/);
    const withSecret = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', ANALYTICS: 'ga4:G-AB12CD34', GA4_API_SECRET: 'mp-Secret-Value-42' } });
    assert.equal(withSecret.code, 0, withSecret.output);
    assert.ok(!withSecret.output.includes('mp-Secret-Value-42'), withSecret.output);
  });
});

describe('the preferences page', { timeout: 60_000 }, () => {
  for (const [lang, path, grant, saved] of [['fr', '/fr/temoins', 'J\'accepte la mesure d\'audience', 'Votre choix est enregistré.'], ['en', '/en/cookies', 'I accept audience measurement', 'Your choice is saved.']]) {
    test(`${lang}: a plain form sets the cookie (six months, Lax, readable by the script) and goes back`, async () => {
      const client = new FormClient(shop.url);
      const page = await client.get(path, { headers: { referer: `${shop.url}/${lang}/` } });
      assert.equal(page.status, 200, show(page));
      assert.ok(page.text.includes(grant.replace(/'/g, '&#39;')), page.text);
      assert.match(page.text, /<input type="hidden" name="return" value="\/(fr|en)\/">/);
      const res = await client.submit(path, { analytics: 'denied', return: `/${lang}/` }, { headers: { referer: `${shop.url}/${lang}/` } });
      assert.equal(res.status, 303, show(res));
      assert.equal(res.headers.location, `/${lang}/`);
      const cookie = setCookies(res).find((c) => c.startsWith('comptoir_consent='));
      assert.ok(cookie, show(res));
      assert.match(cookie, /^comptoir_consent=analytics:denied\.v1; /);
      assert.match(cookie, /Max-Age=15811200/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /HttpOnly/);

      const again = await client.submit(path, { analytics: 'granted', return: '' });
      assert.equal(again.status, 303, show(again));
      assert.equal(again.headers.location, `${path}?notice=saved`);
      assert.match(setCookies(again).find((c) => c.startsWith('comptoir_consent=')), /^comptoir_consent=analytics:granted\.v1;/);
      const shown = await client.get(again.headers.location, { headers: { cookie: GRANTED } });
      assert.ok(shown.text.includes(saved), shown.text);
    });
  }

  test('another site cannot set the choice, nor send the visitor elsewhere', async () => {
    const client = new FormClient(shop.url);
    await client.get('/en/cookies');
    const forged = await client.send('/en/cookies', { method: 'POST', form: { analytics: 'granted', _csrf: 'forged' } });
    assert.equal(forged.status, 403, show(forged));
    assert.ok(!setCookies(forged).some((c) => c.startsWith('comptoir_consent=')));
    const away = await client.submit('/en/cookies', { analytics: 'granted', return: 'https://evil.example/' });
    assert.equal(away.status, 303);
    assert.equal(away.headers.location, '/en/cookies?notice=saved');
    const bad = await client.submit('/en/cookies', { analytics: 'maybe' });
    assert.equal(bad.status, 422, show(bad));
    assert.match(bad.text, /Choose whether to accept or refuse audience measurement/);
  });

  test('without ANALYTICS the cookie policy says nothing is measured and offers no choice', async () => {
    for (const [path, said] of [['/fr/temoins', /La boutique ne mesure pas son audience/], ['/en/cookies', /The shop does not measure its audience/]]) {
      const res = await request(`${plain.url}${path}`);
      assert.equal(res.status, 200, show(res));
      assert.match(res.text, said);
      assert.doesNotMatch(res.text, /name="analytics"|comptoir_consent|_ga/);
      assert.ok(!setCookies(res).length, 'reading the policy sets no cookie');
    }
  });

  for (const [lang, path, policy, ga] of [['fr', '/fr/temoins', 'Politique relative aux témoins', /Déposés par Google Analytics/], ['en', '/en/cookies', 'Cookie policy', /Set by Google Analytics/]]) {
    test(`${lang}: the choice is made on the cookie policy, which names the cookies of the service in use`, async () => {
      const res = await request(`${shop.url}${path}`);
      assert.equal(res.status, 200, show(res));
      assert.ok(res.text.includes(policy), 'the legal page');
      assert.match(res.text, /<section class="consent-preferences" id="audience-measurement"/);
      assert.ok(res.text.indexOf('id="audience-measurement"') > res.text.indexOf('class="legal__version"'), 'after the policy');
      assert.match(res.text, /<code>comptoir_consent<\/code>/);
      assert.match(res.text, ga);
      const plausiblePolicy = await request(`${shopPlausible.url}${path}`);
      assert.match(plausiblePolicy.text, /<code>comptoir_consent<\/code>/);
      assert.doesNotMatch(plausiblePolicy.text, /<code>_ga<\/code>/, 'Plausible sets no cookie');
      assert.match(plausiblePolicy.text, /name="analytics"/);
    });
  }
});

describe('purchases and refunds sent by the server (GA4 Measurement Protocol)', { timeout: 120_000 }, () => {
  test('a consenting visitor: one purchase with the order, its money in major units and the _ga client id; a refund once', async () => {
    const order = await placeOrder(shop, { cookies: `${GRANTED}; _ga=GA1.1.987654321.1700000000`, quantity: 2 });
    assert.equal(sql(shop, `SELECT analytics_consent || '|' || analytics_client_id FROM orders WHERE number = '${order.number}'`), 'true|987654321.1700000000');
    assert.equal(outbox(shop, order.number), '', 'nothing before the payment');
    await pay(stripe, order);
    await eventually('the purchase', () => ga4Events(order.number, 'purchase').length === 1);
    await eventually('the row marked sent', () => outbox(shop, order.number) === 'purchase:true');
    const [total, taxes, shipping] = totalsOf(shop, order.number);
    const [purchase] = ga4Events(order.number, 'purchase');
    assert.equal(purchase.client_id, '987654321.1700000000');
    assert.deepEqual(purchase.params, {
      currency: 'CAD', transaction_id: order.number, value: total / 100, tax: taxes / 100, shipping: shipping / 100,
      items: [{ item_id: shop.cup.sku, item_name: 'Tasse en grès', price: 12.5, quantity: 2 }],
    });
    assert.ok(purchase.raw.includes(`"value":${major(total)},`), purchase.raw);
    assert.equal(ga4.problems.length, 0, JSON.stringify(ga4.problems));

    // The same payment event again: nothing more.
    await stripe.deliver(stripe.events.findLast((e) => e.type === 'checkout.session.completed'));
    await stripe.refund(order.session, 500);
    await eventually('the refund', () => ga4Events(order.number, 'refund').length === 1);
    assert.deepEqual(ga4Events(order.number, 'refund')[0].params, { currency: 'CAD', transaction_id: order.number, value: 5 });
    await stripe.deliver(stripe.events.findLast((e) => e.type === 'charge.refunded'));
    await eventually('both rows sent', () => outbox(shop, order.number) === 'purchase:true refund:true');
    assert.equal(ga4Events(order.number).length, 2, 'one purchase and one refund, whatever the redeliveries');
  });

  test('a visitor who refused, or never chose: no row, no event, not even for the refund', async () => {
    for (const cookies of [`${DENIED}; _ga=GA1.1.1.2`, '']) {
      const order = await placeOrder(shop, { cookies });
      assert.equal(sql(shop, `SELECT analytics_consent || '|' || coalesce(analytics_client_id, '-') FROM orders WHERE number = '${order.number}'`), 'false|-');
      await pay(stripe, order);
      await stripe.refund(order.session);
      await eventually('the order refunded', () => sql(shop, `SELECT status FROM orders WHERE number = '${order.number}'`) === 'refunded');
      assert.equal(outbox(shop, order.number), '');
    }
    // A consenting order paid after them is sent, so the job has run past the refused ones.
    const later = await placeOrder(shop, { cookies: GRANTED });
    await pay(stripe, later);
    await eventually('the later purchase', () => ga4Events(later.number, 'purchase').length === 1);
    assert.equal(ga4.serverEvents.filter((e) => !e.params.transaction_id).length, 0);
    assert.match(ga4Events(later.number)[0].client_id, /^\d+\.\d+$/, 'a fresh client id when the visitor had no _ga cookie');
  });

  test('a 5xx is tried again later, and the purchase still arrives once', async () => {
    const order = await placeOrder(shop, { cookies: GRANTED });
    ga4.failNext({ status: 503, times: 2, path: '/mp/collect' });
    const before = ga4.requests.filter((r) => r.path === '/mp/collect').length;
    await pay(stripe, order);
    await eventually('the purchase after two failures', () => ga4Events(order.number, 'purchase').length === 1, 30_000);
    assert.equal(ga4.requests.filter((r) => r.path === '/mp/collect').length - before >= 3, true);
    assert.equal(sql(shop, `SELECT e.attempts || '|' || (e.sent_at IS NOT NULL) || '|' || coalesce(e.last_error, '-') FROM analytics_events e JOIN orders o ON o.id = e.order_id WHERE o.number = '${order.number}'`), '3|true|-');
    assert.match(await (await request(`${shop.url}/metrics`)).text, /analytics_events_failed_total\{kind="purchase",outcome="retry"\} [1-9]/);
    await sleep(1500);
    assert.equal(ga4Events(order.number).length, 1);
  });
});

describe('purchases sent by the server (Plausible Events API)', { timeout: 120_000 }, () => {
  test('counted unless refused: a Purchase with its revenue, and a Refund without', async () => {
    const order = await placeOrder(shopPlausible, { quantity: 1 });
    await pay(stripePlausible, order);
    await eventually('the Purchase', () => plausibleEvents(order.number, 'Purchase').length === 1);
    const [total] = totalsOf(shopPlausible, order.number);
    const [purchase] = plausibleEvents(order.number, 'Purchase');
    assert.deepEqual(purchase.revenue, { currency: 'CAD', amount: total / 100 });
    assert.ok(purchase.raw.includes(`"amount":${major(total)}}`), purchase.raw);
    assert.equal(purchase.url, `${shopPlausible.url}/fr/commande`);
    assert.deepEqual(purchase.props, { order: order.number, items: '1' });
    assert.match(purchase.userAgent, /^Comptoir\//);
    await stripePlausible.refund(order.session, 700);
    await eventually('the Refund', () => plausibleEvents(order.number, 'Refund').length === 1);
    assert.deepEqual(plausibleEvents(order.number, 'Refund')[0].props, { order: order.number, amount: '7.00', currency: 'CAD' });
    assert.equal(plausibleEvents(order.number, 'Refund')[0].revenue, undefined);
    assert.equal(plausible.problems.length, 0, JSON.stringify(plausible.problems));

    const refused = await placeOrder(shopPlausible, { cookies: DENIED });
    await pay(stripePlausible, refused);
    const after = await placeOrder(shopPlausible, {});
    await pay(stripePlausible, after);
    await eventually('the next Purchase', () => plausibleEvents(after.number, 'Purchase').length === 1);
    assert.equal(plausibleEvents(refused.number).length, 0, 'an opted-out visitor is never reported');
  });
});
