// What search engines and link previews read: lang, canonical, hreflang, title and description,
// Open Graph, JSON-LD, the sitemaps and robots.txt.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createShop } from '../support/catalog_fixtures.mjs';
import { htmlLang, startTags } from '../support/html.mjs';
import { describe as show, get, startServer } from '../support/server.mjs';
import { findAll, parseXml, textOf } from '../support/xml.mjs';

let server;
let shop;
before(async () => {
  server = await startServer();
  shop = await createShop(server);
}, { timeout: 120_000 });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;

async function page(path) {
  const res = await get(at(path));
  assert.equal(res.status, 200, `${path}\n${show(res)}`);
  return res.text;
}

const links = (html, rel) => startTags(html, 'link').filter((l) => l.attrs.rel === rel).map((l) => l.attrs);
const meta = (html, key) => startTags(html, 'meta').find((m) => m.attrs.property === key || m.attrs.name === key)?.attrs.content;
const metas = (html, key) => startTags(html, 'meta').filter((m) => m.attrs.property === key).map((m) => m.attrs.content);
const title = (html) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

function jsonLd(html) {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.equal(blocks.length, 1, 'one JSON-LD block');
  const data = JSON.parse(blocks[0][1]);
  assert.equal(data['@context'], 'https://schema.org');
  return data['@graph'];
}
const node = (graph, type) => graph.find((n) => n['@type'] === type);

// Every storefront page type in both languages, with its path in the other language.
const PAGES = [
  ['home', '/fr/', '/en/', 'website'],
  ['category', '/fr/categorie/the', '/en/category/tea', 'website'],
  ['all products', '/fr/produits', '/en/products', 'website'],
  ['product', '/fr/produit/theiere-en-fonte', '/en/product/cast-iron-teapot', 'product'],
];

describe('head tags of every storefront page', { timeout: 60_000 }, () => {
  for (const [name, frPath, enPath, ogType] of PAGES) {
    for (const [locale, path, tag, ogLocale, otherOg] of [['fr', frPath, 'fr-CA', 'fr_CA', 'en_CA'], ['en', enPath, 'en-CA', 'en_CA', 'fr_CA']]) {
      test(`${name} (${locale}): lang, canonical, hreflang, Open Graph and JSON-LD`, async () => {
        const html = await page(path);
        assert.equal(htmlLang(html), tag);
        const canonical = links(html, 'canonical');
        assert.equal(canonical.length, 1);
        assert.equal(canonical[0].href, `${server.url}${path}`);
        const alternates = Object.fromEntries(links(html, 'alternate').map((l) => [l.hreflang, l.href]));
        assert.deepEqual(alternates, {
          'fr-CA': `${server.url}${frPath}`, 'en-CA': `${server.url}${enPath}`, 'x-default': `${server.url}${frPath}`,
        });
        assert.ok(title(html)?.length > 0 && meta(html, 'description')?.length > 0, 'title and description');
        assert.equal(meta(html, 'og:type'), ogType);
        assert.equal(meta(html, 'og:url'), `${server.url}${path}`);
        assert.ok(meta(html, 'og:title') && meta(html, 'og:description'));
        assert.equal(meta(html, 'og:locale'), ogLocale);
        assert.deepEqual(metas(html, 'og:locale:alternate'), [otherOg]);
        assert.ok(Array.isArray(jsonLd(html)));
      });
    }
  }
});

describe('canonical URLs', { timeout: 30_000 }, () => {
  test('tracking parameters and page 1 are left out', async () => {
    const html = await page('/fr/categorie/the?utm_source=news&utm_medium=email&gclid=1&fbclid=2&page=1&sort=price');
    assert.equal(links(html, 'canonical')[0].href, `${server.url}/fr/categorie/the`);
    assert.equal(meta(html, 'og:url'), `${server.url}/fr/categorie/the`);
  });

  test('a later page keeps its page number, in every alternate too', async () => {
    const html = await page('/en/category/garden?page=2&utm_campaign=x');
    assert.equal(links(html, 'canonical')[0].href, `${server.url}/en/category/garden?page=2`);
    const fr = links(html, 'alternate').find((l) => l.hreflang === 'fr-CA');
    assert.equal(fr.href, `${server.url}/fr/categorie/jardin?page=2`);
  });

  test('search results keep their query but are not indexed', async () => {
    const html = await page('/fr/produits?q=th%C3%A9&utm_source=x');
    assert.equal(links(html, 'canonical')[0].href, `${server.url}/fr/produits?q=th%C3%A9`);
    assert.equal(meta(html, 'robots'), 'noindex, follow');
    assert.equal(meta(await page('/fr/produits'), 'robots'), undefined, 'the plain listing is indexed');
  });
});

describe('titles and descriptions', { timeout: 30_000 }, () => {
  test('meta title and meta description when set', async () => {
    const html = await page('/fr/produit/tasse-en-gres');
    assert.equal(title(html), 'Tasse en grès artisanale – Comptoir');
    assert.equal(meta(html, 'description'), 'Une tasse en grès tournée à la main, pour le thé de tous les jours.');
  });

  test('else the name and the short description', async () => {
    const html = await page('/en/product/cast-iron-teapot');
    assert.equal(title(html), 'Cast iron teapot – Comptoir');
    assert.equal(meta(html, 'description'), 'A teapot that keeps the heat.');
    assert.equal(meta(html, 'og:title'), 'Cast iron teapot');
    assert.equal(meta(html, 'og:image'), `${server.url}/media/products/teapot/1.jpg`);
  });

  test('category meta title and description', async () => {
    const html = await page('/en/category/kitchen');
    assert.equal(title(html), 'Kitchenware – Comptoir');
    assert.equal(meta(html, 'description'), 'Utensils, teapots and cups chosen with care.');
  });
});

describe('JSON-LD', { timeout: 30_000 }, () => {
  test('a product page has a Product with one Offer per variant and a BreadcrumbList', async () => {
    const graph = jsonLd(await page('/fr/produit/theiere-en-fonte'));
    const product = node(graph, 'Product');
    assert.equal(product.name, 'Théière en fonte');
    assert.equal(product.url, `${server.url}/fr/produit/theiere-en-fonte`);
    assert.equal(product.brand.name, 'Fonderie Laval');
    assert.deepEqual(product.offers.map((o) => [o.sku, o.price, o.priceCurrency, o.availability, o.url]), [
      ['TEA-POT-S', '49.99', 'CAD', 'https://schema.org/InStock', product.url],
      ['TEA-POT-L', '69.99', 'CAD', 'https://schema.org/OutOfStock', product.url],
    ]);
    // The barcode number where the variant has one (Google's product identifiers).
    assert.deepEqual(product.offers.map((o) => o.gtin), ['4006381333931', undefined]);
    const crumbs = node(graph, 'BreadcrumbList').itemListElement;
    assert.deepEqual(crumbs.map((c) => [c.position, c.name, c.item]), [
      [1, 'Accueil', `${server.url}/fr/`],
      [2, 'Cuisine', `${server.url}/fr/categorie/cuisine`],
      [3, 'Thé', `${server.url}/fr/categorie/the`],
      [4, 'Théière en fonte', `${server.url}/fr/produit/theiere-en-fonte`],
    ]);
  });

  test('a single-variant product has one Offer', async () => {
    const product = node(jsonLd(await page('/en/product/stoneware-cup')), 'Product');
    assert.equal(product.offers['@type'], 'Offer');
    assert.equal(product.offers.price, '12.99');
    assert.equal(product.sku, 'CUP-01');
    assert.equal(product.gtin, '036000291452');
    assert.equal(product.offers.gtin, '036000291452');
  });

  test('the home page has Organization and WebSite with a SearchAction', async () => {
    const graph = jsonLd(await page('/en/'));
    assert.equal(node(graph, 'Organization').url, `${server.url}/`);
    const site = node(graph, 'WebSite');
    assert.equal(site.potentialAction['@type'], 'SearchAction');
    assert.equal(site.potentialAction.target.urlTemplate, `${server.url}/en/products?q={search_term_string}`);
    assert.equal(site.potentialAction['query-input'], 'required name=search_term_string');
  });

  test('a category page has its BreadcrumbList', async () => {
    const crumbs = node(jsonLd(await page('/en/category/tea')), 'BreadcrumbList').itemListElement;
    assert.deepEqual(crumbs.map((c) => c.name), ['Home', 'Kitchen', 'Tea']);
  });

  test('a product named </script><script>… cannot break out of the JSON-LD block', async () => {
    const html = await page('/fr/produit/tasse-piege');
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)[1];
    assert.ok(!/[<>]/.test(block), 'no < or > inside the block');
    assert.equal(node(JSON.parse(block)['@graph'], 'Product').name, shop.hostileName);
    // Besides the storefront's own files of /static/, the JSON-LD block is the only script element.
    assert.equal(html.match(/<script\b(?! src="\/static\/)/g).length, 1, 'only the JSON-LD script element');
  });
});

describe('sitemaps', { timeout: 30_000 }, () => {
  async function xml(path) {
    const res = await get(at(path));
    assert.equal(res.status, 200, `${path}\n${show(res)}`);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    return parseXml(res.text);
  }

  test('/sitemap.xml indexes one sitemap per locale', async () => {
    const index = await xml('/sitemap.xml');
    assert.equal(index.name, 'sitemapindex');
    assert.equal(index.attrs.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = findAll(index, 'loc').map(textOf);
    assert.deepEqual(locs, [`${server.url}/sitemap-fr-1.xml`, `${server.url}/sitemap-en-1.xml`]);
    for (const lastmod of findAll(index, 'lastmod').map(textOf)) assert.match(lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  for (const [locale, tag, home, product, draft, old] of [
    ['fr', 'fr-CA', '/fr/', '/fr/produit/theiere-en-fonte', '/fr/produit/bouilloire', '/fr/produit/tasse-gres'],
    ['en', 'en-CA', '/en/', '/en/product/cast-iron-teapot', '/en/product/kettle', null],
  ]) {
    test(`/sitemap-${locale}-1.xml lists the home, the legal pages, active categories and products with alternates`, async () => {
      const urlset = await xml(`/sitemap-${locale}-1.xml`);
      assert.equal(urlset.name, 'urlset');
      assert.equal(urlset.attrs['xmlns:xhtml'], 'http://www.w3.org/1999/xhtml');
      const urls = findAll(urlset, 'url');
      const locs = urls.map((u) => textOf(findAll(u, 'loc')[0]));
      assert.equal(locs[0], `${server.url}${home}`);
      assert.equal(locs.length, 1 + 4 + 4 + 29, 'home, the 4 legal pages, 4 categories, 29 active products');
      assert.ok(!locs.includes(`${server.url}${draft}`), 'drafts are not listed');
      if (old) assert.ok(!locs.includes(`${server.url}${old}`), 'old slugs are not listed');
      assert.ok(locs.includes(`${server.url}${locale === 'fr' ? '/fr/categorie/salon' : '/en/category/living-room'}`));
      const teapot = urls.find((u) => textOf(findAll(u, 'loc')[0]) === `${server.url}${product}`);
      assert.ok(teapot, `${product} is listed`);
      assert.match(textOf(findAll(teapot, 'lastmod')[0]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const alternates = Object.fromEntries(findAll(teapot, 'xhtml:link').map((l) => [l.attrs.hreflang, l.attrs.href]));
      assert.deepEqual(alternates, {
        'fr-CA': `${server.url}/fr/produit/theiere-en-fonte`,
        'en-CA': `${server.url}/en/product/cast-iron-teapot`,
        'x-default': `${server.url}/fr/produit/theiere-en-fonte`,
      });
      assert.equal(alternates[tag], textOf(findAll(teapot, 'loc')[0]));
    });
  }

  test('a sitemap past the last one is a 404', async () => {
    assert.equal((await get(at('/sitemap-fr-2.xml'))).status, 404);
  });
});

test('robots.txt opens the storefront, closes private paths and points at the sitemap', async () => {
  const res = await get(at('/robots.txt'));
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/plain/);
  const lines = res.text.split('\n');
  assert.equal(lines[0], 'User-agent: *');
  for (const path of ['/admin/', '/api/', '/fr/panier', '/en/cart', '/fr/commande', '/en/checkout', '/fr/compte', '/en/account', '/webhooks/']) {
    assert.ok(lines.includes(`Disallow: ${path}`), `Disallow: ${path}`);
  }
  assert.ok(!lines.some((l) => /^Disallow: \/(fr|en)\/?$/.test(l)), 'the storefront stays open');
  assert.ok(lines.includes(`Sitemap: ${server.url}/sitemap.xml`));
});
