// The catalog JSON API, black box: tokens from `comptoir token`, then HTTP only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { describe as show, request, runComptoir, sleep, startServer } from '../support/server.mjs';

async function token(server, ...scopes) {
  const args = ['token', 'create', '--name', `test-${scopes.join('-') || 'none'}`];
  for (const scope of scopes) args.push('--scope', scope);
  const result = await runComptoir(args, { env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url } });
  assert.equal(result.code, 0, result.output);
  return result.stdout.trim();
}

function client(server) {
  return async (method, target, { token: bearer, body, headers = {}, raw } = {}) => {
    const res = await request(`${server.url}${target}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    res.json = () => JSON.parse(res.text);
    return res;
  };
}

const product = (n, extra = {}) => ({
  status: 'active',
  text: { fr: { name: `Tasse numéro ${n}` }, en: { name: `Cup number ${n}` } },
  variants: [{ sku: `CUP-${n}`, price_cents: 1000 + n, stock_on_hand: 2 }],
  ...extra,
});

function fields(res) {
  return (res.json().errors ?? []).map((error) => error.field);
}

describe('catalog API', { timeout: 120_000 }, () => {
  let server;
  let api;
  let writer;
  let reader;
  let kitchen;

  before(async () => {
    server = await startServer();
    api = client(server);
    writer = await token(server, 'catalog:write');
    reader = await token(server, 'catalog:read');
    const res = await api('POST', '/api/v1/categories', {
      token: writer, body: { text: { fr: { name: 'Cuisine' }, en: { name: 'Kitchen' } } },
    });
    assert.equal(res.status, 201, show(res));
    kitchen = res.json();
  });
  after(async () => { await server?.stop(); });

  describe('authentication', () => {
    test('a write without a token is 401 with a Bearer challenge and problem+json', async () => {
      const res = await api('POST', '/api/v1/products', { body: product(1) });
      assert.equal(res.status, 401, show(res));
      assert.match(res.headers['www-authenticate'] ?? '', /^Bearer realm="comptoir"$/);
      assert.match(res.headers['content-type'], /^application\/problem\+json/);
      assert.equal(res.json().status, 401);
    });

    test('a malformed or unknown token is 401 invalid_token', async () => {
      for (const bad of ['nope', `${writer.slice(0, -1)}${writer.endsWith('0') ? '1' : '0'}`]) {
        const res = await api('POST', '/api/v1/products', { token: bad, body: product(1) });
        assert.equal(res.status, 401, show(res));
        assert.match(res.headers['www-authenticate'], /error="invalid_token"/);
      }
    });

    test('a token without catalog:write is 403 naming the scope', async () => {
      const res = await api('POST', '/api/v1/products', { token: reader, body: product(1) });
      assert.equal(res.status, 403, show(res));
      assert.match(res.headers['www-authenticate'], /error="insufficient_scope", scope="catalog:write"/);
      assert.equal(res.json().required_scope, 'catalog:write');
    });

    test('a revoked token stops working at once', async () => {
      const doomed = await token(server, 'catalog:write');
      const list = await runComptoir(['token', 'list'], { env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url } });
      assert.equal(list.code, 0, list.output);
      const prefix = doomed.split('_')[1];
      const line = list.stdout.split('\n').find((l) => l.includes(prefix));
      assert.ok(line, `token list does not show prefix ${prefix}:\n${list.stdout}`);
      assert.ok(!list.stdout.includes(doomed.split('_')[2]), 'token list must never print a secret');
      const id = line.trim().split(/\s+/)[0];
      const revoked = await runComptoir(['token', 'revoke', id], { env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url } });
      assert.equal(revoked.code, 0, revoked.output);
      const res = await api('POST', '/api/v1/products', { token: doomed, body: product(1) });
      assert.equal(res.status, 401, show(res));
    });

    test('reads are public', async () => {
      const res = await api('GET', '/api/v1/products');
      assert.equal(res.status, 200, show(res));
    });
  });

  describe('validation', () => {
    test('invalid fields are a 422 problem with the field list, translated', async () => {
      const body = { text: { fr: { name: '' } }, variants: [{ sku: 'bad sku', price_cents: -1, compare_at_cents: -5 }] };
      const fr = await api('POST', '/api/v1/products?locale=fr', { token: writer, body });
      assert.equal(fr.status, 422, show(fr));
      assert.match(fr.headers['content-type'], /^application\/problem\+json/);
      for (const field of ['text.fr.name', 'text.en', 'variants[0].sku', 'variants[0].price_cents']) {
        assert.ok(fields(fr).includes(field), `${field} missing from ${fr.text}`);
      }
      const en = await api('POST', '/api/v1/products?locale=en', { token: writer, body });
      const message = (res) => res.json().errors.find((e) => e.field === 'variants[0].price_cents').message;
      assert.notEqual(message(fr), message(en), 'messages follow the locale');
      assert.match(message(en), /negative/i);
    });

    test('an unknown field is reported rather than ignored', async () => {
      const res = await api('POST', '/api/v1/products', { token: writer, body: { ...product(2), pirce: 3 } });
      assert.equal(res.status, 422, show(res));
      assert.deepEqual(fields(res), ['pirce']);
    });

    test('malformed JSON is 400, another content type 415', async () => {
      const malformed = await api('POST', '/api/v1/products', { token: writer, raw: '{"status": ' });
      assert.equal(malformed.status, 400, show(malformed));
      assert.match(malformed.headers['content-type'], /^application\/problem\+json/);
      const form = await api('POST', '/api/v1/products', {
        token: writer, headers: { 'content-type': 'application/x-www-form-urlencoded' }, raw: 'status=active',
      });
      assert.equal(form.status, 415, show(form));
    });

    test('page_size is bounded to 100', async () => {
      assert.equal((await api('GET', '/api/v1/products?page_size=100')).status, 200);
      const res = await api('GET', '/api/v1/products?page_size=101');
      assert.equal(res.status, 422, show(res));
      assert.deepEqual(fields(res), ['page_size']);
      assert.equal((await api('GET', '/api/v1/products?page=0')).status, 422);
      assert.equal((await api('GET', '/api/v1/products?sort=cheapest')).status, 422);
    });
  });

  describe('products', () => {
    test('create, read in both languages, 404 for unknown ids', async () => {
      const res = await api('POST', '/api/v1/products', {
        token: writer,
        body: product(10, { category_ids: [kitchen.id], text: { fr: { name: 'Théière en fonte' }, en: { name: 'Cast iron teapot' } } }),
      });
      assert.equal(res.status, 201, show(res));
      const created = res.json();
      assert.equal(res.headers.location, `/api/v1/products/${created.id}`);
      assert.equal(created.text.fr.slug, 'theiere-en-fonte');
      assert.equal(created.links.en, '/en/product/cast-iron-teapot');

      const fr = (await api('GET', `/api/v1/products/${created.id}?locale=fr`)).json();
      const en = (await api('GET', `/api/v1/products/${created.id}?locale=en`)).json();
      assert.deepEqual(fr.price.amount_cents, 1010);
      assert.equal(fr.price.currency, 'CAD');
      assert.equal(fr.price.formatted, '10,10\u00a0$');
      assert.equal(en.price.formatted, '$10.10');

      assert.equal((await api('GET', '/api/v1/products/987654')).status, 404);
      assert.equal((await api('GET', '/api/v1/products/abc')).status, 404);
      const bySlug = await api('GET', '/api/v1/products/by-slug/fr/theiere-en-fonte');
      assert.equal(bySlug.status, 200, show(bySlug));
      assert.equal(bySlug.json().id, created.id);
    });

    test('a duplicate SKU is 409 whatever its case', async () => {
      assert.equal((await api('POST', '/api/v1/products', { token: writer, body: product(20) })).status, 201);
      const res = await api('POST', '/api/v1/products', {
        token: writer, body: product(21, { variants: [{ sku: 'cup-20', price_cents: 5 }] }),
      });
      assert.equal(res.status, 409, show(res));
      assert.deepEqual(fields(res), ['variants[0].sku']);
    });

    test('a GTIN is checked, kept as entered, and unique as a trade item', async () => {
      const bad = await api('POST', '/api/v1/products', {
        token: writer, body: product(80, { variants: [{ sku: 'CUP-80', gtin: '036000291453', price_cents: 5 }] }),
        headers: { 'accept-language': 'fr' },
      });
      assert.equal(bad.status, 422, show(bad));
      assert.deepEqual(bad.json().errors.map((e) => [e.field, e.code]), [['variants[0].gtin', 'gtin_format']]);
      assert.match(bad.json().errors[0].message, /chiffre de contrôle/);
      const created = await api('POST', '/api/v1/products', {
        token: writer, body: product(81, { variants: [{ sku: 'CUP-81', gtin: '036000291452', price_cents: 5 }] }),
      });
      assert.equal(created.status, 201, show(created));
      const variant = created.json().variants[0];
      assert.equal(variant.gtin, '036000291452');
      // The same UPC-A as an EAN-13 (a leading zero) is the same item: taken.
      const twin = await api('POST', '/api/v1/products', {
        token: writer, body: product(82, { variants: [{ sku: 'CUP-82', gtin: '0036000291452', price_cents: 5 }] }),
      });
      assert.equal(twin.status, 409, show(twin));
      assert.deepEqual(fields(twin), ['variants[0].gtin']);
      // "" removes it; a product without one says "".
      const cleared = await api('PATCH', `/api/v1/products/${created.json().id}/variants/${variant.id}`, {
        token: writer, body: { gtin: '' },
      });
      assert.equal(cleared.status, 200, show(cleared));
      assert.equal(cleared.json().variants[0].gtin, '');
    });

    test('a duplicate slug is 409; an old slug answers 301', async () => {
      const first = (await api('POST', '/api/v1/products', { token: writer, body: product(30) })).json();
      const second = (await api('POST', '/api/v1/products', { token: writer, body: product(31) })).json();
      const taken = await api('PATCH', `/api/v1/products/${second.id}/translations/fr`, {
        token: writer, body: { slug: first.text.fr.slug },
      });
      assert.equal(taken.status, 409, show(taken));
      const moved = await api('PATCH', `/api/v1/products/${second.id}/translations/fr`, {
        token: writer, body: { slug: 'tasse-renommee' },
      });
      assert.equal(moved.status, 200, show(moved));
      const old = await api('GET', `/api/v1/products/by-slug/fr/${second.text.fr.slug}`);
      assert.equal(old.status, 301, show(old));
      assert.equal(old.headers.location, '/api/v1/products/by-slug/fr/tasse-renommee');
    });

    test('ETag and If-None-Match give 304 until the product changes', async () => {
      const created = (await api('POST', '/api/v1/products', { token: writer, body: product(40) })).json();
      const first = await api('GET', `/api/v1/products/${created.id}?locale=fr`);
      const etag = first.headers.etag;
      assert.match(etag, /^W\/"\d+-fr"$/);
      const again = await api('GET', `/api/v1/products/${created.id}?locale=fr`, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, show(again));
      assert.equal(again.body.length, 0);
      const other = await api('GET', `/api/v1/products/${created.id}?locale=en`, { headers: { 'if-none-match': etag } });
      assert.equal(other.status, 200, 'the English representation has its own ETag');

      await api('PATCH', `/api/v1/products/${created.id}`, { token: writer, body: { brand: 'Atelier' } });
      const changed = await api('GET', `/api/v1/products/${created.id}?locale=fr`, { headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200, show(changed));
      assert.equal(changed.json().brand, 'Atelier');

      const list = await api('GET', '/api/v1/products');
      assert.ok(list.headers.etag);
      const listAgain = await api('GET', '/api/v1/products', { headers: { 'if-none-match': list.headers.etag } });
      assert.equal(listAgain.status, 304);
    });

    test('If-Match with a stale ETag is 412 and changes nothing', async () => {
      const created = (await api('POST', '/api/v1/products', { token: writer, body: product(50) })).json();
      const read = await api('GET', `/api/v1/products/${created.id}`);
      const etag = read.headers.etag;
      const first = await api('PATCH', `/api/v1/products/${created.id}`, {
        token: writer, headers: { 'if-match': etag }, body: { brand: 'First' },
      });
      assert.equal(first.status, 200, show(first));
      assert.notEqual(first.headers.etag, etag);
      const stale = await api('PATCH', `/api/v1/products/${created.id}`, {
        token: writer, headers: { 'if-match': etag }, body: { brand: 'Second' },
      });
      assert.equal(stale.status, 412, show(stale));
      assert.equal((await api('GET', `/api/v1/products/${created.id}`)).json().brand, 'First');
      const staleDelete = await api('DELETE', `/api/v1/products/${created.id}`, { token: writer, headers: { 'if-match': etag } });
      assert.equal(staleDelete.status, 412, show(staleDelete));
      const fresh = await api('DELETE', `/api/v1/products/${created.id}`, { token: writer, headers: { 'if-match': first.headers.etag } });
      assert.equal(fresh.status, 204, show(fresh));
      assert.equal((await api('GET', `/api/v1/products/${created.id}`)).status, 404);
    });

    test('variants and images have their own endpoints', async () => {
      const created = (await api('POST', '/api/v1/products', { token: writer, body: product(60) })).json();
      const variant = await api('POST', `/api/v1/products/${created.id}/variants`, {
        token: writer, body: { sku: 'CUP-60-L', price_cents: 900, compare_at_cents: 1200 },
      });
      assert.equal(variant.status, 201, show(variant));
      assert.match(variant.headers.location, new RegExp(`^/api/v1/products/${created.id}/variants/\\d+$`));
      assert.equal(variant.json().price.amount_cents, 900, 'the product is listed at its cheapest variant');
      const variantId = Number(variant.headers.location.split('/').pop());
      const badPrice = await api('PATCH', `/api/v1/products/${created.id}/variants/${variantId}`, {
        token: writer, body: { price_cents: 1500 },
      });
      assert.equal(badPrice.status, 422, show(badPrice));
      assert.deepEqual(fields(badPrice), ['compare_at_cents']);
      const image = await api('POST', `/api/v1/products/${created.id}/images`, {
        token: writer, body: { path: 'products/60/1.jpg', width: 800, height: 600, alt: { fr: 'Une tasse', en: 'A cup' } },
      });
      assert.equal(image.status, 201, show(image));
      assert.equal(image.json().images[0].alt.en, 'A cup');
      const escape = await api('POST', `/api/v1/products/${created.id}/images`, {
        token: writer, body: { path: '../../etc/passwd', width: 1, height: 1 },
      });
      assert.equal(escape.status, 422, show(escape));
      const first = created.variants[0].id;
      assert.equal((await api('DELETE', `/api/v1/products/${created.id}/variants/${first}`, { token: writer })).status, 200);
      const last = await api('DELETE', `/api/v1/products/${created.id}/variants/${variantId}`, { token: writer });
      assert.equal(last.status, 409, show(last));
      assert.equal((await api('DELETE', `/api/v1/products/${created.id}/variants/999999`, { token: writer })).status, 404);
    });

    test('drafts need a staff token, and so does the status filter', async () => {
      const draft = (await api('POST', '/api/v1/products', { token: writer, body: product(70, { status: 'draft' }) })).json();
      assert.equal((await api('GET', `/api/v1/products/${draft.id}`)).status, 404);
      assert.equal((await api('GET', `/api/v1/products/${draft.id}`, { token: reader })).status, 200);
      assert.equal((await api('GET', '/api/v1/products?status=draft')).status, 401);
      const drafts = await api('GET', '/api/v1/products?status=draft', { token: reader });
      assert.equal(drafts.status, 200, show(drafts));
      assert.ok(drafts.json().items.some((item) => item.id === draft.id));
      assert.ok(!(await api('GET', '/api/v1/products?page_size=100')).json().items.some((item) => item.id === draft.id));
    });
  });

  describe('listing', () => {
    test('pages carry the total', async () => {
      const res = await api('GET', `/api/v1/products?category=${kitchen.id}&page_size=1`);
      assert.equal(res.status, 200, show(res));
      const body = res.json();
      assert.equal(body.total, 1);
      assert.equal(body.total_pages, 1);
      const all = (await api('GET', '/api/v1/products?page_size=3')).json();
      assert.ok(all.total > 3);
      assert.equal(all.items.length, 3);
      assert.equal(all.total_pages, Math.ceil(all.total / 3));
      const last = (await api('GET', `/api/v1/products?page_size=3&page=${all.total_pages}`)).json();
      assert.equal(last.items.length, all.total - 3 * (all.total_pages - 1));
    });

    test('search finds accented names without accents, highlights, and suggests on a typo', async () => {
      const found = (await api('GET', '/api/v1/products?q=theiere&locale=fr')).json();
      assert.equal(found.items[0]?.name, 'Théière en fonte', JSON.stringify(found));
      assert.match(found.items[0].highlight, /<mark>Théière<\/mark>/);
      const typo = (await api('GET', '/api/v1/products?q=theire&locale=fr')).json();
      assert.ok(typo.suggestions.includes('théière'), JSON.stringify(typo));
      const sku = (await api('GET', '/api/v1/products?q=cup-20&locale=en')).json();
      assert.equal(sku.items[0]?.name, 'Cup number 20');
    });
  });

  describe('categories', () => {
    test('the tree nests children; a category with products is deleted only with reassign_to', async () => {
      const child = (await api('POST', '/api/v1/categories', {
        token: writer, body: { parent_id: kitchen.id, text: { fr: { name: 'Thé' }, en: { name: 'Tea' } } },
      })).json();
      const tree = (await api('GET', '/api/v1/categories')).json();
      const node = tree.items.find((c) => c.id === kitchen.id);
      assert.ok(node.children.some((c) => c.id === child.id), JSON.stringify(tree));
      const loop = await api('PATCH', `/api/v1/categories/${kitchen.id}`, { token: writer, body: { parent_id: child.id } });
      assert.equal(loop.status, 422, show(loop));

      const refused = await api('DELETE', `/api/v1/categories/${kitchen.id}`, { token: writer });
      assert.equal(refused.status, 409, show(refused));
      const other = (await api('POST', '/api/v1/categories', {
        token: writer, body: { text: { fr: { name: 'Maison' }, en: { name: 'Home' } } },
      })).json();
      const moved = await api('DELETE', `/api/v1/categories/${kitchen.id}?reassign_to=${other.id}`, { token: writer });
      assert.equal(moved.status, 204, show(moved));
      assert.equal((await api('GET', `/api/v1/categories/${kitchen.id}`)).status, 404);
      const listed = (await api('GET', `/api/v1/products?category=${other.id}&locale=en`)).json();
      assert.ok(listed.items.some((p) => p.name === 'Cast iron teapot'), JSON.stringify(listed));
    });

    test('a translation cannot be removed', async () => {
      const res = await api('DELETE', '/api/v1/products/1/translations/en', { token: writer });
      assert.equal(res.status, 409, show(res));
    });
  });

  describe('documentation', () => {
    const served = [
      ['get', '/api/v1/categories'], ['post', '/api/v1/categories'],
      ['get', '/api/v1/categories/{id}'], ['patch', '/api/v1/categories/{id}'], ['delete', '/api/v1/categories/{id}'],
      ['post', '/api/v1/categories/{id}/translations/{lang}'], ['patch', '/api/v1/categories/{id}/translations/{lang}'],
      ['get', '/api/v1/products'], ['post', '/api/v1/products'],
      ['get', '/api/v1/products/by-slug/{lang}/{slug}'],
      ['get', '/api/v1/products/{id}'], ['patch', '/api/v1/products/{id}'], ['delete', '/api/v1/products/{id}'],
      ['post', '/api/v1/products/{id}/variants'],
      ['patch', '/api/v1/products/{id}/variants/{variant_id}'], ['delete', '/api/v1/products/{id}/variants/{variant_id}'],
      ['post', '/api/v1/products/{id}/translations/{lang}'], ['patch', '/api/v1/products/{id}/translations/{lang}'],
      ['post', '/api/v1/products/{id}/images'],
      ['patch', '/api/v1/products/{id}/images/{image_id}'], ['delete', '/api/v1/products/{id}/images/{image_id}'],
    ];

    test('/api/openapi.json is OpenAPI 3.1 and describes every endpoint served', async () => {
      const res = await api('GET', '/api/openapi.json');
      assert.equal(res.status, 200, show(res));
      assert.match(res.headers['content-type'], /^application\/json/);
      const spec = res.json();
      assert.match(spec.openapi, /^3\.1\.\d+$/);
      for (const [method, path] of served) {
        assert.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path} is not documented`);
      }
      // Every $ref resolves.
      const refs = [...res.text.matchAll(/"\$ref": ?"#\/([^"]+)"/g)].map((m) => m[1]);
      for (const ref of refs) {
        const target = ref.split('/').reduce((node, key) => node?.[key], spec);
        assert.ok(target, `unresolved $ref #/${ref}`);
      }
    });

    test('every documented endpoint is served (no 404/405 from the router)', async () => {
      const spec = (await api('GET', '/api/openapi.json')).json();
      for (const [path, item] of Object.entries(spec.paths)) {
        for (const method of ['get', 'post', 'patch', 'delete']) {
          if (!item[method]) continue;
          const target = path.replace('{lang}', 'fr').replace('{slug}', 'nope').replace(/\{[a-z_]+\}/g, '1');
          const res = await api(method.toUpperCase(), target, { token: writer, headers: { 'content-type': 'application/json' }, raw: method === 'get' ? undefined : '{}' });
          assert.notEqual(res.status, 405, `${method} ${target}: ${show(res)}`);
          if (res.status === 404) assert.ok(res.json().code?.endsWith('not_found'), `${method} ${target} is not routed: ${show(res)}`);
        }
      }
    });

    test('/api/docs is an HTML page listing the endpoints', async () => {
      const res = await api('GET', '/api/docs');
      assert.equal(res.status, 200, show(res));
      assert.match(res.headers['content-type'], /^text\/html/);
      for (const [, path] of served) assert.ok(res.text.includes(path), `${path} missing from /api/docs`);
      // No inline script (CSP): the storefront's own files of /static/ and JSON-LD only.
      assert.ok(!/<script(?![^>]*type="application\/ld\+json")(?! src="\/static\/)/i.test(res.text), 'no script (CSP)');
    });
  });
});

describe('the audit log of API writes', { timeout: 60_000 }, () => {
  let server;
  let api;
  let writer;
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-F', '|', '-c', query], { encoding: 'utf8' }).trim();
  before(async () => {
    server = await startServer();
    api = client(server);
    writer = await token(server, 'catalog:write');
  });
  after(async () => { await server?.stop(); });

  test('each write is recorded under its token, with the address, the request id and what changed', async () => {
    const tokenId = sql(`SELECT id FROM api_tokens WHERE name = 'test-catalog:write'`);
    const created = await api('POST', '/api/v1/products', { token: writer, body: product(700) });
    assert.equal(created.status, 201, show(created));
    const id = created.json().id;
    const patched = await api('PATCH', `/api/v1/products/${id}`, { token: writer, body: { brand: 'Atelier' } });
    assert.equal(patched.status, 200, show(patched));
    const variant = await api('POST', `/api/v1/products/${id}/variants`, { token: writer, body: { sku: 'CUP-701', price_cents: 1200 } });
    assert.equal(variant.status, 201, show(variant));
    const refused = await api('PATCH', `/api/v1/products/${id}`, { token: writer, body: { status: 'sold' } });
    assert.equal(refused.status, 422, show(refused));
    const deleted = await api('DELETE', `/api/v1/products/${id}`, { token: writer });
    assert.equal(deleted.status, 204, show(deleted));
    const category = await api('POST', '/api/v1/categories', { token: writer, body: { text: { fr: { name: 'Jardin' }, en: { name: 'Garden' } } } });
    assert.equal(category.status, 201, show(category));

    const rows = sql(`SELECT action, actor_kind, actor_id, host(ip), request_id, details->'changes' FROM audit_log
      WHERE target_kind = 'product' AND target_id = '${id}' ORDER BY id`).split('\n').map((line) => line.split('|'));
    assert.deepEqual(rows.map((r) => r[0]), ['product.created', 'product.updated', 'product.updated', 'product.deleted'],
      'one entry per write that happened, none for the refused one');
    for (const [, kind, actor, ip, requestId] of rows) {
      assert.equal(kind, 'api_token');
      assert.equal(actor, tokenId);
      assert.equal(ip, '127.0.0.1');
      assert.match(requestId, /^[0-9a-f]{16,}$/);
    }
    assert.equal(rows[1][4], patched.headers['x-request-id']);
    assert.deepEqual(JSON.parse(rows[1][5]), { brand: { before: '', after: 'Atelier' } });
    assert.ok(Object.keys(JSON.parse(rows[2][5])).some((field) => /^variants\.\d+\.sku$/.test(field)), rows[2][5]);
    assert.equal(sql(`SELECT actor_kind || ' ' || actor_id FROM audit_log WHERE action = 'category.created'
      AND target_id = '${category.json().id}'`), `api_token ${tokenId}`);
  });
});

describe('two processes on one database', { timeout: 60_000 }, () => {
  let first;
  let second;
  before(async () => {
    first = await startServer();
    second = await startServer({ database: { url: first.database.url }, migrate: false });
  });
  after(async () => {
    await second?.stop();
    await first?.stop();
  });

  test('a change through one process shows in the other within a second', async () => {
    const writer = await token(first, 'catalog:write');
    const apiFirst = client(first);
    const apiSecond = client(second);
    const created = (await apiFirst('POST', '/api/v1/products', { token: writer, body: product(1) })).json();
    assert.equal((await apiSecond('GET', `/api/v1/products/${created.id}`)).json().brand, '');
    await apiFirst('PATCH', `/api/v1/products/${created.id}`, { token: writer, body: { brand: 'Partout' } });
    const deadline = performance.now() + 1_000;
    let brand;
    do {
      brand = (await apiSecond('GET', `/api/v1/products/${created.id}`)).json().brand;
      if (brand === 'Partout') break;
      await sleep(20);
    } while (performance.now() < deadline);
    assert.equal(brand, 'Partout');
  });
});
