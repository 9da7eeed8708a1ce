// Bytes that are not clean text (well-formed UTF-8 without NUL) in a URL or a body: 400 before any
// handler or PostgreSQL sees them (they answered 500 once: issue 11, finding 2). The API answers
// problem+json in the Accept-Language's language, pages the error page in the path's language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADDRESS, checkoutShop } from '../support/checkout_fixtures.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { htmlLang, loadCatalog, pageText } from '../support/html.mjs';
import { describe as show, get, rawRequest, startServer } from '../support/server.mjs';

const LANG_TAGS = { fr: 'fr-CA', en: 'en-CA' };
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };
const t = (locale, key) => {
  assert.ok(messages[locale][key], `locales/${locale}.json has no ${key}`);
  return messages[locale][key];
};

let server;
let shop;
before(async () => {
  server = await startServer();
  shop = await checkoutShop(server);
}, { timeout: 60_000 });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;

// The localized HTML error page with status 400.
function assertPage(res, locale) {
  assert.equal(res.status, 400, show(res));
  assert.match(res.headers['content-type'] ?? '', /^text\/html/i, show(res));
  assert.equal(htmlLang(res.text), LANG_TAGS[locale], show(res));
  assert.ok(pageText(res.text).includes(t(locale, 'error.400.title')), show(res));
  assert.equal(res.headers['cache-control'], 'no-store');
}

// problem+json with status 400 in `locale`; `detail` defaults to the generic 400 message.
function assertProblem(res, locale, detail = t(locale, 'error.400.message')) {
  assert.equal(res.status, 400, show(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/i, show(res));
  const problem = JSON.parse(res.text);
  assert.equal(problem.status, 400);
  assert.equal(problem.title, t(locale, 'error.400.title'), show(res));
  assert.equal(problem.detail, detail, show(res));
  assert.equal(typeof problem.request_id, 'string');
  return problem;
}

describe('a URL that does not decode to UTF-8 is refused with 400', { timeout: 60_000 }, () => {
  const pages = [
    ['/fr/produit/%FF', 'fr'],
    ['/fr/produits?q=%FF', 'fr'],
    ['/en/product/%FF', 'en'],
    ['/en/products?q=%FF', 'en'],
    ['/en/products?page=1&q=caf%C3', 'en'],  // truncated sequence
    ['/fr/produit/%C0%AF', 'fr'],            // overlong '/'
    ['/fr/produit/%E0%80%AF', 'fr'],         // overlong '/' in 3 bytes
    ['/en/product/%ED%A0%80', 'en'],         // a UTF-16 surrogate
    ['/fr/produit/a%00b', 'fr'],             // NUL: libpq cannot carry it
    ['/fr/produits?q=a%00', 'fr'],
    ['/fr/produits?%FF=1', 'fr'],            // a name, not only values
    ['/fr/categorie/%FF', 'fr'],
    ['/fr/nulle-part/%FF', 'fr'],            // even where no route matches
  ];
  for (const [path, locale] of pages) {
    test(`${path} → 400, the error page in ${locale}`, async () => {
      assertPage(await get(at(path)), locale);
    });
  }

  const api = [
    ['/api/v1/products?q=%FF', 'fr', {}],
    ['/api/v1/products/by-slug/fr/%FF', 'fr', {}],
    ['/api/v1/products/by-slug/en/%ED%A0%80', 'en', { 'Accept-Language': 'en-CA,en;q=0.9' }],
    ['/api/v1/products?q=%00', 'en', { 'Accept-Language': 'en' }],
    ['/api/v1/products?q=%F0%9F%98', 'fr', { 'Accept-Language': 'fr-CA' }],
  ];
  for (const [path, locale, headers] of api) {
    test(`${path} → 400 problem+json in ${locale}`, async () => {
      const problem = assertProblem(await get(at(path), { headers }), locale);
      assert.equal(problem.instance, path.split('?')[0]);
    });
  }

  test('raw (unescaped) bytes in the request target are refused the same way', async () => {
    const raw = (target) => Buffer.concat([
      Buffer.from('GET '), Buffer.from(target, 'latin1'),
      Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    ]);
    const page = await rawRequest(server.port, raw('/en/products?q=\xff'));
    assert.equal(page.status, 400, show(page));
    assert.match(page.headers['content-type'] ?? '', /^text\/html/i);
    assert.equal(htmlLang(page.body.toString('utf8')), LANG_TAGS.en);
    const problem = await rawRequest(server.port, raw('/api/v1/products/by-slug/fr/\xc0\xaf'));
    assert.equal(problem.status, 400, show(problem));
    assert.match(problem.headers['content-type'] ?? '', /^application\/problem\+json/i);
  });

  test('well-formed text still goes through (accents, emoji, quotes, escapes)', async () => {
    for (const path of ['/fr/produits?q=caf%C3%A9', '/fr/produits?q=O%27Neil', '/en/products?q=%F0%9F%AB%96',
      '/en/products?q=100%25', '/api/v1/products?q=th%C3%A9']) {
      const res = await get(at(path));
      assert.equal(res.status, 200, `${path}\n${show(res)}`);
    }
    assert.equal((await get(at('/fr/produit/th%C3%A9i%C3%A8re-inconnue'))).status, 404);
  });
});

describe('a body that is not clean text is refused with 400', { timeout: 60_000 }, () => {
  for (const [locale, path] of [['fr', '/fr/inscription'], ['en', '/en/register']]) {
    test(`the registration form (${path}) with a NUL in the name → 400 page in ${locale}, no account`, async () => {
      const client = new FormClient(server.url);
      const page = await client.get(path);
      assert.equal(page.status, 200, show(page));
      const form = formsOf(page.text).find((f) => f.fields._csrf);
      assert.ok(form, `${path} has no form with a CSRF token`);
      const email = `nul-${locale}-${process.pid}@example.ca`;
      const body = `_csrf=${encodeURIComponent(form.fields._csrf)}&display_name=Marie%00Tremblay`
        + `&email=${encodeURIComponent(email)}&password=Courge-spaghetti-2026`;
      const res = await client.send(form.action || path, {
        method: 'POST', rawBody: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      });
      assertPage(res, locale);
      assert.equal(shop.sql(`SELECT count(*) FROM users WHERE email = '${email}'`), '0');
    });
  }

  test('the registration form with Latin-1 bytes → 400 page', async () => {
    const client = new FormClient(server.url);
    const form = formsOf((await client.get('/fr/inscription')).text).find((f) => f.fields._csrf);
    const res = await client.send('/fr/inscription', {
      method: 'POST',
      rawBody: `_csrf=${encodeURIComponent(form.fields._csrf)}&display_name=Andr%E9&email=andre-${process.pid}%40example.ca&password=Courge-spaghetti-2026`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    });
    assertPage(res, 'fr');
  });

  for (const locale of ['fr', 'en']) {
    test(`the checkout API with "\\u0000" in the address → 400 problem+json in ${locale}, nothing ordered`, async () => {
      const product = await shop.product({ fr: `Tasse ${locale}`, en: `Mug ${locale}`, price: 1_500, stock: 5 });
      const buyer = await shop.shopper({ locale, name: `nul-${locale}` });
      await buyer.add(product);
      const res = await buyer.checkout({ shipping_address: { ...ADDRESS, full_name: 'Élise\u0000Tremblay' } });
      const problem = assertProblem(res, locale, t(locale, 'checkout.api.malformed'));
      assert.equal(problem.code, 'checkout.malformed_json');
      assert.deepEqual(shop.ordersOf(buyer.email), []);
      assert.equal(shop.stock(product), 5);
    });
  }

  test('the cart API with "\\u0000" in a key or value → 400 problem+json', async () => {
    const buyer = await shop.shopper({ locale: 'en', name: 'nul-cart' });
    for (const body of [{ region: 'CA-QC\u0000' }, { 'region\u0000': 'CA-QC' }]) {
      const problem = assertProblem(await buyer.call('PATCH', '/api/v1/cart', body), 'en', t('en', 'cart.api.malformed'));
      assert.equal(problem.code, 'cart.malformed_json');
    }
  });
});
