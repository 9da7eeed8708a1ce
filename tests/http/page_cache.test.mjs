// The page cache (docs/storefront.md, "The page cache"): storefront pages answered again from
// memory, with the same bytes as a server without the cache, precompressed gzip and brotli bodies,
// ETags and 304s, a catalog change showing at once, pages with a session never kept, HEAD, and a
// byte budget kept by evicting.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import { createShop } from '../support/catalog_fixtures.mjs';
import { metricValue } from '../support/metrics.mjs';
import { describe as show, get, request, runComptoir, sleep, startServer } from '../support/server.mjs';

let server; // the default budget
let uncached; // COMPTOIR_PAGE_CACHE_BYTES=0, on the same database and media
let small; // COMPTOIR_PAGE_CACHE_BYTES=60000
let peer; // a second process with its own cache, on the same database
let shop;
before(async () => {
  server = await startServer();
  shop = await createShop(server);
  const sameShop = { database: { url: server.database.url } };
  [uncached, small, peer] = await Promise.all([
    startServer({ ...sameShop, env: { COMPTOIR_PAGE_CACHE_BYTES: '0', MEDIA_DIR: server.env.MEDIA_DIR } }),
    startServer({ env: { COMPTOIR_PAGE_CACHE_BYTES: '60000' } }),
    startServer({ ...sameShop, env: { MEDIA_DIR: server.env.MEDIA_DIR } }),
  ]);
  await Promise.all([readyToCache(server), readyToCache(small), readyToCache(peer)]);
}, { timeout: 180_000 });
after(async () => {
  await peer?.stop();
  await small?.stop();
  await uncached?.stop();
  await server?.stop();
});

// The cache keeps nothing until the catalog's LISTEN connection is up (a change in another process
// could not reach it before): ask the home page until one answer comes from the cache.
async function readyToCache(target) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const res = await get(`${target.url}/fr/`);
    if (res.headers['cache-status'] === 'comptoir; hit') return;
    await sleep(50);
  }
  throw new Error(`${target.url} never answered /fr/ from its page cache`);
}

// The doorkeeper keeps a page at its second miss: ask twice.
async function keep(url) {
  await get(url);
  return get(url);
}

const hits = (target = server) => metricValue(target, 'page_cache_hits_total');
const misses = (target = server) => metricValue(target, 'page_cache_misses_total');
const firstMisses = (target = server) => metricValue(target, 'page_cache_first_misses_total');
// The same page from the server without the cache: only the origin in absolute URLs differs.
const uncachedBody = async (path) => (await get(`${uncached.url}${path}`)).text.replaceAll(uncached.url, server.url);

const PAGES = {
  fr: ['/fr/', '/fr/categorie/the', '/fr/categorie/jardin?page=2', '/fr/produits', '/fr/produits?q=th%C3%A9i%C3%A8re', '/fr/produit/theiere-en-fonte'],
  en: ['/en/', '/en/category/tea', '/en/category/garden?sort=price', '/en/products?q=cup', '/en/product/cast-iron-teapot'],
};

describe('storefront pages from the cache', { timeout: 60_000 }, () => {
  for (const [locale, paths] of Object.entries(PAGES)) {
    test(`${locale}: kept at its second miss, then a hit, with the bytes a server without the cache sends`, async () => {
      for (const path of paths) {
        // The doorkeeper: a page that has not missed before is rendered, not kept (nor compressed).
        const first = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
        assert.equal(first.status, 200, `${path}\n${show(first)}`);
        const kept = path === '/fr/' ? first : await get(`${server.url}${path}`); // readyToCache asked for /fr/
        if (path !== '/fr/') {
          assert.equal(first.headers['cache-status'], 'comptoir; fwd=miss', path);
          assert.equal(first.headers['content-encoding'], undefined, `${path}: not kept, not compressed`);
          assert.equal(first.headers.etag, undefined, `${path}: not kept, no ETag`);
          assert.equal(kept.headers['cache-status'], 'comptoir; fwd=miss; stored', path);
        }
        const hitsBefore = await hits();
        const second = await get(`${server.url}${path}`);
        assert.equal(second.status, 200, path);
        assert.equal(second.headers['cache-status'], 'comptoir; hit', path);
        assert.equal(await hits(), hitsBefore + 1, `${path}: page_cache_hits_total moves`);
        assert.equal(second.text, path === '/fr/' ? zlib.brotliDecompressSync(first.body).toString('utf8') : first.text, path);
        assert.equal(second.text, await uncachedBody(path), `${path}: the cache changes no byte`);
        assert.match(second.headers['content-type'], /^text\/html; charset=utf-8/i);
        const off = await get(`${uncached.url}${path}`);
        assert.equal(off.headers['cache-status'], undefined, 'COMPTOIR_PAGE_CACHE_BYTES=0: no cache at all');
      }
    });
  }

  test('a hit still carries its own request id, the security headers, and is logged', async () => {
    await keep(`${server.url}/en/product/cast-iron-teapot`);
    const res = await get(`${server.url}/en/product/cast-iron-teapot`, { headers: { 'x-request-id': 'page-cache-hit-1' } });
    assert.equal(res.headers['cache-status'], 'comptoir; hit');
    assert.equal(res.headers['x-request-id'], 'page-cache-hit-1');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy'] ?? '', /default-src 'self'/);
    const line = await server.waitForLog((l) => l.json?.request_id === 'page-cache-hit-1' && l.json?.msg === 'request');
    assert.equal(line.json.status, 200);
    assert.equal(line.json.route, '/en/product/{slug}');
  });

  test('a visitor with cookies gets the same cached page, and no cookie is set', async () => {
    await keep(`${server.url}/fr/produit/theiere-en-fonte`);
    const res = await get(`${server.url}/fr/produit/theiere-en-fonte`, {
      headers: { cookie: 'comptoir_cart_count=3; comptoir_session=whatever' },
    });
    assert.equal(res.headers['cache-status'], 'comptoir; hit');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.doesNotMatch(res.text, /data-cart-count[^>]*>\s*3/, 'the count is filled in by site.js, not the page');
  });
});

describe('precompressed bodies, ETag and 304', { timeout: 60_000 }, () => {
  for (const path of ['/fr/categorie/the', '/en/products?q=cup']) {
    test(`${path}: gzip and br decompress to the identity body`, async () => {
      await keep(`${server.url}${path}`);
      const identity = await get(`${server.url}${path}`);
      const br = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      const gzip = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(identity.headers['content-encoding'], undefined);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(zlib.brotliDecompressSync(br.body).toString('utf8'), identity.text);
      assert.equal(zlib.gunzipSync(gzip.body).toString('utf8'), identity.text);
      assert.ok(br.body.length < identity.body.length / 3, `brotli ${br.body.length} of ${identity.body.length} bytes`);
      for (const res of [identity, br, gzip]) assert.match(res.headers.vary ?? '', /Accept-Encoding/);
      const tags = new Set([identity, br, gzip].map((res) => res.headers.etag));
      assert.equal(tags.size, 3, 'each representation has its own ETag');
      assert.equal(Number(br.headers['content-length']), br.body.length);
    });
  }

  test('If-None-Match with the current ETag is a 304 without a body, in both languages', async () => {
    for (const path of ['/fr/produit/theiere-en-fonte', '/en/product/cast-iron-teapot']) {
      await keep(`${server.url}${path}`);
      const first = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
      const etag = first.headers.etag;
      assert.match(etag ?? '', /^"[0-9a-f]{12}-br"$/);
      const again = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
      assert.equal(again.status, 304, show(again));
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.ok(again.headers['x-request-id'], 'a 304 has its request id too');
      const other = await get(`${server.url}${path}`, { headers: { 'if-none-match': '"000000000000"' } });
      assert.equal(other.status, 200);
    }
  });

  test('HEAD answers the same fields without a body', async () => {
    const path = '/en/category/tea';
    await keep(`${server.url}${path}`);
    const got = await get(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
    const head = await request(`${server.url}${path}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    for (const field of ['etag', 'content-encoding', 'content-type', 'content-length', 'vary'])
      assert.equal(head.headers[field], got.headers[field], field);
  });
});

describe('what the cache never keeps', { timeout: 60_000 }, () => {
  test('pages with a session, a form or a cookie go through untouched', async () => {
    for (const path of ['/fr/panier', '/en/cart', '/fr/connexion', '/en/login', '/fr/commande', '/en/checkout']) {
      const before = [await hits(), await misses()];
      for (let i = 0; i < 2; i += 1) {
        const res = await get(`${server.url}${path}`);
        assert.equal(res.headers['cache-status'], undefined, `${path}\n${show(res)}`);
      }
      assert.deepEqual([await hits(), await misses()], before, `${path} never reaches the cache`);
    }
  });

  test('a 404 is not kept', async () => {
    for (const path of ['/fr/produit/pas-ici', '/en/product/not-here']) {
      for (let i = 0; i < 2; i += 1) {
        const res = await get(`${server.url}${path}`);
        assert.equal(res.status, 404);
        assert.notEqual(res.headers['cache-status'], 'comptoir; hit');
      }
    }
  });
});

describe('changes show on the next request', { timeout: 60_000 }, () => {
  test('a catalog change through the API, in French and English', async () => {
    const fr = '/fr/produit/tasse-en-gres';
    const en = '/en/product/stoneware-cup';
    for (const path of [fr, en]) {
      await keep(`${server.url}${path}`);
      assert.equal((await get(`${server.url}${path}`)).headers['cache-status'], 'comptoir; hit');
    }
    await shop.api.patch(`/api/v1/products/${shop.cup.id}/translations/fr`, { name: 'Tasse en grès émaillé' });
    await shop.api.patch(`/api/v1/products/${shop.cup.id}/translations/en`, { name: 'Glazed stoneware cup' });
    const firstMissesBefore = await firstMisses();
    const frPage = await get(`${server.url}${fr}`);
    assert.match(frPage.text, /<h1[^>]*>Tasse en grès émaillé<\/h1>/);
    // Kept at once: the doorkeeper remembers the page from before the change, so it does not wait
    // for a second visit. Stored by this request, unless a drop (the second PATCH's notification,
    // landing while the page renders) overlapped it: the cache never stores what a drop during
    // the rendering may have made stale, and the next request stores it.
    assert.equal(await firstMisses(), firstMissesBefore, 'the doorkeeper let the page in');
    let frStatus = frPage.headers['cache-status'];
    for (let i = 0; i < 20 && frStatus === 'comptoir; fwd=miss'; i += 1) {
      await sleep(50);
      const again = await get(`${server.url}${fr}`);
      assert.match(again.text, /<h1[^>]*>Tasse en grès émaillé<\/h1>/);
      frStatus = again.headers['cache-status'];
    }
    assert.equal(frStatus, 'comptoir; fwd=miss; stored');
    assert.equal(await firstMisses(), firstMissesBefore, 'never a first miss for this page');
    const enPage = await get(`${server.url}${en}`, { headers: { 'accept-encoding': 'br' } });
    assert.match(zlib.brotliDecompressSync(enPage.body).toString('utf8'), /<h1[^>]*>Glazed stoneware cup<\/h1>/);
    // The listings that show it changed too.
    const listing = await get(`${server.url}/en/category/tea`);
    assert.match(listing.text, /Glazed stoneware cup/);
  });
});

describe('another process', { timeout: 60_000 }, () => {
  test('drops its cached pages when the catalog changes through this one', async () => {
    for (const [path, before, after] of [
      ['/fr/produit/theiere-en-fonte', 'Théière en fonte', 'Théière en fonte émaillée'],
      ['/en/product/cast-iron-teapot', 'Cast iron teapot', 'Enamelled cast iron teapot'],
    ]) {
      await keep(`${peer.url}${path}`);
      const cached = await get(`${peer.url}${path}`);
      assert.equal(cached.headers['cache-status'], 'comptoir; hit');
      assert.match(cached.text, new RegExp(`<h1 id="product-name">${before}</h1>`));
      const locale = path.slice(1, 3);
      await shop.api.patch(`/api/v1/products/${shop.teapot.id}/translations/${locale}`, { name: after });
      // The peer hears of it through PostgreSQL's NOTIFY: ask until it shows (or give up).
      let page;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        page = await get(`${peer.url}${path}`);
        if (page.text.includes(after)) break;
        await sleep(50);
      }
      assert.match(page.text, new RegExp(`<h1 id="product-name">${after}</h1>`), `${path} on the other process`);
    }
  });
});

// docs/storefront.md, "What a change drops": a product's change drops the pages that show it, in
// this process at once and in the others through the notification's payload; a sale that leaves
// the product in stock drops nothing.
describe('what a change drops', { timeout: 60_000 }, () => {
  const sql = (text) => execFileSync('psql', [server.database.url, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', text], { encoding: 'utf8' });
  const cacheStatus = async (target, path) => (await get(`${target.url}${path}`)).headers['cache-status'];
  async function cached(target, paths) {
    for (const path of paths) {
      await keep(`${target.url}${path}`);
      assert.equal(await cacheStatus(target, path), 'comptoir; hit', `${target.url}${path}`);
    }
  }
  // Asks until the page matches (another process hears of a change through NOTIFY).
  async function until(target, path, pattern) {
    let page;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      page = await get(`${target.url}${path}`);
      if (pattern.test(page.text)) return page;
      await sleep(50);
    }
    assert.fail(`${target.url}${path} never matched ${pattern}: ${show(page)}`);
  }

  test("a product's edit changes its page and its listing; other products' pages stay hits", async () => {
    const edited = '/fr/produit/pot-de-fleurs-1';
    const listing = '/fr/categorie/jardin?sort=price'; // the cheapest pot first
    const untouched = ['/fr/produit/pot-de-fleurs-2', '/en/product/flower-pot-2'];
    const otherListing = '/fr/categorie/the';
    for (const target of [server, peer]) await cached(target, [edited, listing, ...untouched, otherListing]);
    const droppedBefore = await metricValue(peer, 'page_cache_invalidated_total{by="tags"}');

    await shop.api.patch(`/api/v1/products/${shop.pots[0].id}/translations/fr`, { name: 'Pot de fleurs bleu' });
    // This process, at once: the product and every listing (it does not know the categories).
    assert.match((await get(`${server.url}${edited}`)).text, /<h1 id="product-name">Pot de fleurs bleu<\/h1>/);
    assert.match((await get(`${server.url}${listing}`)).text, /Pot de fleurs bleu/);
    for (const path of untouched) assert.equal(await cacheStatus(server, path), 'comptoir; hit', path);
    // The other process, through the notification: the product and its category, nothing else.
    await until(peer, edited, /<h1 id="product-name">Pot de fleurs bleu<\/h1>/);
    await until(peer, listing, /Pot de fleurs bleu/);
    for (const path of untouched) assert.equal(await cacheStatus(peer, path), 'comptoir; hit', path);
    assert.equal(await cacheStatus(peer, otherListing), 'comptoir; hit', "another category's listing");
    assert.ok(await metricValue(peer, 'page_cache_invalidated_total{by="tags"}') > droppedBefore);
  });

  test('a sale that leaves the product in stock drops nothing; its last unit shows it sold out', async () => {
    const pot = shop.pots[4]; // no 5: two units
    const path = '/fr/produit/pot-de-fleurs-5';
    const sold = /<p class="stock stock--[a-z-]+">Épuisé<\/p>/;
    for (const target of [server, peer]) await cached(target, [path]);
    assert.doesNotMatch((await get(`${peer.url}${path}`)).text, sold);

    sql(`UPDATE variants SET stock_on_hand = 1 WHERE id = ${pot.variants[0].id}`); // one unit sold
    // A change that does notify, made after it: once the peer shows it, the sale had its chance to.
    await shop.api.patch(`/api/v1/products/${shop.pots[5].id}/translations/fr`, { name: 'Pot de fleurs vert' });
    await until(peer, '/fr/produit/pot-de-fleurs-6', /Pot de fleurs vert/);
    assert.equal(await cacheStatus(peer, path), 'comptoir; hit', 'the sale dropped the page');
    assert.equal(await cacheStatus(server, path), 'comptoir; hit', 'the sale dropped the page');

    sql(`UPDATE variants SET stock_on_hand = 0 WHERE id = ${pot.variants[0].id}`); // the last one
    for (const target of [server, peer]) await until(target, path, sold);
  });
});

describe('COMPTOIR_PAGE_CACHE_BYTES', { timeout: 60_000 }, () => {
  test('check-config shows it and refuses what is not a number of bytes', async () => {
    const fine = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_PAGE_CACHE_BYTES: '1048576' } });
    assert.equal(fine.code, 0, fine.output);
    assert.match(fine.output, /COMPTOIR_PAGE_CACHE_BYTES.*1048576/);
    const bad = await runComptoir(['check-config'], { env: { COMPTOIR_ENV: 'test', COMPTOIR_PAGE_CACHE_BYTES: '64MB' } });
    assert.notEqual(bad.code, 0, bad.output);
    assert.match(bad.output, /COMPTOIR_PAGE_CACHE_BYTES/);
  });

  test('a small budget is kept by evicting the least recently used pages', async () => {
    const evictionsBefore = await metricValue(small, 'page_cache_evictions_total');
    for (let n = 0; n < 25; n += 1) {
      const path = `/${n % 2 ? 'en/products' : 'fr/produits'}?q=mot${n}`;
      assert.equal((await get(`${small.url}${path}`)).status, 200);
      assert.equal((await get(`${small.url}${path}`)).headers['cache-status'], 'comptoir; fwd=miss; stored', path);
    }
    const evictions = await metricValue(small, 'page_cache_evictions_total');
    assert.ok(evictions > evictionsBefore, `evictions ${evictionsBefore} → ${evictions}`);
    const bytes = await metricValue(small, 'page_cache_bytes');
    assert.ok(bytes > 0 && bytes <= 60000, `page_cache_bytes ${bytes} within the budget`);
    assert.equal(await metricValue(small, 'page_cache_budget_bytes'), 60000);
    // The most recent page is still there; the first ones are gone.
    assert.equal((await get(`${small.url}/fr/produits?q=mot24`)).headers['cache-status'], 'comptoir; hit');
    assert.equal((await get(`${small.url}/fr/produits?q=mot0`)).headers['cache-status'], 'comptoir; fwd=miss; stored');
  });
});
