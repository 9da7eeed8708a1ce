// The storefront pages as a visitor's browser receives them: home, category, all products and
// search, product; translated 404s; 301s for old slugs, trailing slashes and upper case.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createShop } from '../support/catalog_fixtures.mjs';
import { decodeEntities, htmlLang, notFoundTitle, pageText, startTags } from '../support/html.mjs';
import { describe as show, get, request, startServer } from '../support/server.mjs';

let server;
let shop;
before(async () => {
  server = await startServer();
  shop = await createShop(server);
}, { timeout: 120_000 });
after(async () => { await server?.stop(); });

const at = (path) => `${server.url}${path}`;
const TAGS = { fr: 'fr-CA', en: 'en-CA' };
const NBSP = '\u00a0';

async function page(path, expectedStatus = 200) {
  const res = await get(at(path));
  assert.equal(res.status, expectedStatus, `${path}\n${show(res)}`);
  if (expectedStatus === 200) assert.match(res.headers['content-type'] ?? '', /^text\/html; charset=utf-8/i);
  return res.text;
}

const count = (html, pattern) => [...html.matchAll(pattern)].length;
// The page's text with tags removed and ASCII whitespace collapsed; no-break spaces stay.
const textWithNbsp = (html) => decodeEntities(html.replace(/<script\b[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' '))
  .replace(/[ \t\r\n]+/g, ' ');
const hrefs = (html) => startTags(html, 'a').map((a) => a.attrs.href);
// Product cards: the link of each card's heading, in page order.
const cardLinks = (html) => startTags(html, 'a').filter((a) => a.attrs.class === 'product-card__link').map((a) => a.attrs.href);

describe('home pages', { timeout: 30_000 }, () => {
  for (const [locale, other] of [['fr', 'en'], ['en', 'fr']]) {
    test(`/${locale}/ shows the featured categories and products in ${locale}`, async () => {
      const html = await page(`/${locale}/`);
      assert.equal(htmlLang(html), TAGS[locale]);
      assert.equal(count(html, /<h1\b/g), 1, 'one h1');
      const links = hrefs(html);
      assert.ok(links.includes(locale === 'fr' ? '/fr/categorie/cuisine' : '/en/category/kitchen'), `featured category missing: ${links}`);
      assert.ok(cardLinks(html).includes(locale === 'fr' ? '/fr/produit/theiere-en-fonte' : '/en/product/cast-iron-teapot'));
      assert.ok(cardLinks(html).includes(locale === 'fr' ? '/fr/produit/tasse-en-gres' : '/en/product/stoneware-cup'));
      const switcher = startTags(html, 'a').find((a) => a.attrs.hreflang === other);
      assert.equal(switcher?.attrs.href, `/${other}/`);
    });
  }
});

describe('category pages', { timeout: 30_000 }, () => {
  test('breadcrumbs, heading, description and products of the category and its subcategories', async () => {
    const html = await page('/fr/categorie/the');
    assert.equal(htmlLang(html), 'fr-CA');
    assert.match(html, /<h1>Thé<\/h1>/);
    assert.match(pageText(html), /Accueil › Cuisine › Thé|Accueil Cuisine Thé/);
    const crumbs = startTags(html, 'a').filter((a) => ['/fr/', '/fr/categorie/cuisine'].includes(a.attrs.href));
    assert.equal(crumbs.length >= 2, true, 'breadcrumb links to the home and the parent category');
    assert.match(html, /<span aria-current="page">Thé<\/span>/);
    assert.deepEqual(new Set(cardLinks(html)), new Set(['/fr/produit/theiere-en-fonte', '/fr/produit/tasse-en-gres']));
    const parent = await page('/fr/categorie/cuisine');
    assert.ok(hrefs(parent).includes('/fr/categorie/the'), 'the subcategory is linked from its parent');
    assert.ok(cardLinks(parent).includes('/fr/produit/theiere-en-fonte'), 'a parent lists its subcategories’ products');
  });

  test('prices are formatted by ICU for the locale', async () => {
    const fr = textWithNbsp(await page('/fr/categorie/the'));
    assert.ok(fr.includes(`49,99${NBSP}$`), 'fr-CA price "49,99 $" with a no-break space');
    assert.ok(fr.includes(`12,99${NBSP}$`));
    const en = textWithNbsp(await page('/en/category/tea'));
    assert.ok(en.includes('$49.99') && en.includes('$12.99'), 'en-CA price "$49.99"');
  });

  test('the product grid is paginated with ?page=N and aria-current', async () => {
    const first = await page('/en/category/garden');
    assert.equal(cardLinks(first).length, 24);
    assert.match(pageText(first), /26 products/);
    const nav = /<nav class="pagination" aria-label="Pagination">[\s\S]*?<\/nav>/.exec(first)?.[0] ?? '';
    assert.match(nav, /href="\/en\/category\/garden\?page=2" rel="next"/);
    assert.match(nav, /href="\/en\/category\/garden" aria-label="Page 1" aria-current="page">1</);
    const second = await page('/en/category/garden?page=2');
    assert.equal(cardLinks(second).length, 2);
    assert.match(second, /aria-label="Page 2" aria-current="page">2</);
    assert.deepEqual(new Set([...cardLinks(first), ...cardLinks(second)]).size, 26, 'no product on both pages');
    await page('/en/category/garden?page=3', 404);
  });

  test('filters by price range and stock, as a plain GET form', async () => {
    const html = await page('/en/category/garden?min=30&max=32');
    assert.deepEqual(new Set(cardLinks(html)), new Set(['/en/product/flower-pot-20', '/en/product/flower-pot-21', '/en/product/flower-pot-22']));
    const form = startTags(html, 'form').find((f) => f.attrs.class === 'filters');
    assert.equal(form?.attrs.method, 'get');
    assert.equal(form?.attrs.action, '/en/category/garden');
    for (const id of ['filter-min', 'filter-max', 'filter-in-stock']) {
      assert.match(html, new RegExp(`<label for="${id}">`), `input #${id} has a label`);
    }
    const inStock = await page('/en/category/garden?in_stock=1');
    assert.equal(cardLinks(inStock).length, 18, "pots 1..26 with n % 3 != 0 are in stock");
    assert.ok(!pageText(inStock).includes('Out of stock'));
  });

  test('sort links reorder the grid', async () => {
    const html = await page('/en/category/garden?sort=-price');
    assert.equal(cardLinks(html)[0], '/en/product/flower-pot-26');
    assert.match(html, /<a href="\/en\/category\/garden\?sort=-price" aria-current="true">/);
    const cheap = await page('/en/category/garden?sort=price');
    assert.equal(cardLinks(cheap)[0], '/en/product/flower-pot-1');
  });
});

describe('all products and search', { timeout: 30_000 }, () => {
  test('/fr/produits lists every active product', async () => {
    const html = await page('/fr/produits');
    assert.match(html, /<h1>Tous les produits<\/h1>/);
    assert.match(pageText(html), /29 produits/); // draft and archived ones excluded
  });

  test('search is accent-insensitive and highlights matches', async () => {
    const html = await page('/fr/produits?q=theiere');
    assert.ok(cardLinks(html).includes('/fr/produit/theiere-en-fonte'), show({ status: 200, headers: {}, text: html }));
    assert.match(html, /<mark>[^<]*<\/mark>/, 'matches are highlighted');
    assert.match(html, /<input id="listing-q" type="search" name="q" value="theiere">/);
  });

  test('an exact SKU finds its product', async () => {
    const html = await page('/en/products?q=TEA-POT-L');
    assert.deepEqual(cardLinks(html), ['/en/product/cast-iron-teapot']);
  });

  test('a typo gets a "did you mean" suggestion', async () => {
    const html = await page('/en/products?q=teapto');
    const suggestion = /<p class="suggestions">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
    assert.match(suggestion, /href="\/en\/products\?q=[^"]+"/, `no suggestion for "teapto":\n${pageText(html).slice(0, 600)}`);
  });

  test('search text is escaped', async () => {
    const html = await page(`/en/products?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    assert.ok(!html.includes('<script>alert(1)'), 'the query is echoed escaped');
  });
});

describe('product pages', { timeout: 30_000 }, () => {
  test('variant choice, price per variant, compare-at price, stock and description without JavaScript', async () => {
    const html = await page('/fr/produit/theiere-en-fonte');
    assert.equal(count(html, /<h1\b/g), 1);
    assert.match(html, /<h1 id="product-name">Théière en fonte<\/h1>/);
    const form = startTags(html, 'form').find((f) => f.attrs.class === 'add-to-cart');
    assert.equal(form?.attrs.action, '/fr/panier');
    assert.equal(form?.attrs.method, 'post');
    const radios = startTags(html, 'input').filter((i) => i.attrs.type === 'radio' && i.attrs.name === 'variant_id');
    assert.equal(radios.length, 2);
    assert.ok('checked' in radios[0].attrs && !('disabled' in radios[0].attrs), 'the available variant is preselected');
    assert.ok('disabled' in radios[1].attrs, 'the sold-out variant cannot be chosen');
    for (const radio of radios) assert.match(html, new RegExp(`<label for="${radio.attrs.id}">`));
    const text = textWithNbsp(html);
    const option = (id) => textWithNbsp(new RegExp(`<label for="${id}">[\\s\\S]*?</label>`).exec(html)?.[0] ?? '').trim();
    assert.equal(option(radios[0].attrs.id), `Petite Prix actuel${NBSP}: 49,99${NBSP}$ Prix régulier${NBSP}: 59,99${NBSP}$ En stock`);
    assert.equal(option(radios[1].attrs.id), `Grande 69,99${NBSP}$ Épuisé`);
    assert.match(html, /<s class="price__was"><span class="visually-hidden">Prix régulier\u00a0:<\/span> 59,99\u00a0\$<\/s>/);
    assert.ok(text.includes('En stock') && text.includes('Épuisé'), 'stock in words');
    assert.ok(text.includes('Contenance de 1,2 litre.'));
    assert.ok(hrefs(html).includes('/fr/categorie/the'), 'breadcrumbs through the category');
  });

  test('images have explicit size, srcset of WebP variants, sizes and loading hints', async () => {
    const html = await page('/en/product/cast-iron-teapot');
    const images = startTags(html, 'img');
    assert.equal(images.length, 2);
    const [main, second] = images.map((i) => i.attrs);
    assert.equal(main.width, '1000');
    assert.equal(main.height, '800');
    assert.equal(main.alt, 'Black teapot, front view');
    assert.equal(main.loading, 'eager');
    assert.equal(main.srcset, '/media/products/teapot/1-320.webp 320w, /media/products/teapot/1-640.webp 640w, /media/products/teapot/1-960.webp 960w');
    assert.ok(main.sizes);
    assert.equal(second.loading, 'lazy');
    assert.equal(second.alt, 'The teapot lid');
    for (const url of [main.src, ...main.srcset.split(', ').map((s) => s.split(' ')[0])]) {
      assert.equal((await get(at(url))).status, 200, `${url} is served`);
    }
  });

  test('the language switcher points at the same product in the other language', async () => {
    const html = await page('/fr/produit/theiere-en-fonte');
    const switcher = startTags(html, 'a').find((a) => a.attrs.hreflang === 'en');
    assert.equal(switcher?.attrs.href, '/en/product/cast-iron-teapot');
  });

  test('a product name cannot inject markup', async () => {
    const html = await page('/en/product/trap-mug');
    assert.ok(!/<script>alert\(1\)/.test(html), 'no executable script from the name');
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; Mug'));
    assert.ok(html.includes('&lt;b&gt;not HTML&lt;/b&gt;'));
  });
});

describe('missing and unpublished pages are translated 404s', { timeout: 30_000 }, () => {
  const cases = [
    ['/fr/produit/inexistant', 'fr'],
    ['/en/product/missing', 'en'],
    ['/fr/produit/bouilloire', 'fr'], // draft
    ['/en/product/kettle', 'en'],
    ['/fr/produit/ancienne-tasse', 'fr'], // archived
    ['/en/category/missing', 'en'],
    ['/fr/categorie/inexistante', 'fr'],
  ];
  for (const [path, locale] of cases) {
    test(`${path} → 404 in ${locale}`, async () => {
      const html = await page(path, 404);
      assert.equal(htmlLang(html), TAGS[locale]);
      assert.ok(pageText(html).includes(notFoundTitle(locale)));
    });
  }
});

describe('redirects to the canonical URL', { timeout: 30_000 }, () => {
  const cases = [
    ['an old slug', '/fr/produit/tasse-gres', '/fr/produit/tasse-en-gres'],
    ['an old slug keeps the query', '/fr/produit/tasse-gres?utm_source=x', '/fr/produit/tasse-en-gres?utm_source=x'],
    ['an old category slug', '/fr/categorie/salon-ancien?page=1', '/fr/categorie/salon?page=1'],
    ['a trailing slash', '/en/product/cast-iron-teapot/', '/en/product/cast-iron-teapot'],
    ['upper case', '/fr/Produit/Theiere-En-Fonte', '/fr/produit/theiere-en-fonte'],
    ['a listing with a slash', '/fr/produits/?q=the', '/fr/produits?q=the'],
    ['a category in capitals', '/EN/CATEGORY/TEA', '/en/category/tea'],
    ['an upper-case locale home', '/EN/', '/en/'],
  ];
  for (const [name, from, to] of cases) {
    test(`${name}: ${from} → 301 ${to}`, async () => {
      const res = await get(at(from));
      assert.equal(res.status, 301, show(res));
      assert.equal(res.headers.location, to);
    });
  }

  test('the locale homes keep their slash', async () => {
    assert.equal((await get(at('/fr/'))).status, 200);
    assert.equal((await get(at('/en/'))).status, 200);
  });

  test('HEAD is answered like GET', async () => {
    const res = await request(at('/fr/produit/theiere-en-fonte'), { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
    assert.equal((await request(at('/fr/produit/tasse-gres'), { method: 'HEAD' })).status, 301);
  });
});

// Listing grids are cached as rendered HTML per catalog generation: a change must still show at
// once on every listing that holds the product, in both languages and on search results.
describe('catalog changes show on listing pages at once', { timeout: 30_000 }, () => {
  test('a new price shows on category and search pages in both languages', async () => {
    const pot = shop.pots[0]; // "Pot de fleurs no 1", 11,00 $
    const variant = pot.variants[0];
    // Sorted by price, the cheapest pot comes first.
    const frCategory = '/fr/categorie/jardin?sort=price';
    const enCategory = '/en/category/garden?sort=price';
    const search = '/fr/produits?q=fleurs&sort=price';
    for (const path of [frCategory, enCategory, search]) {
      assert.ok(textWithNbsp(await page(path)).includes(path.startsWith('/en') ? '$11.00' : `11,00${NBSP}$`), path);
      await page(path); // served from the grid cache now
    }
    try {
      await shop.api.patch(`/api/v1/products/${pot.id}/variants/${variant.id}`, { price_cents: 1177 });
      const fr = textWithNbsp(await page(frCategory));
      assert.ok(fr.includes(`11,77${NBSP}$`) && !fr.includes(`11,00${NBSP}$`), 'the French category page shows the new price');
      const en = textWithNbsp(await page(enCategory));
      assert.ok(en.includes('$11.77') && !en.includes('$11.00'), 'the English category page shows the new price');
      const found = textWithNbsp(await page(search));
      assert.ok(found.includes(`11,77${NBSP}$`), 'search results show the new price');
    } finally {
      await shop.api.patch(`/api/v1/products/${pot.id}/variants/${variant.id}`, { price_cents: 1100 });
    }
    const restored = textWithNbsp(await page(frCategory));
    assert.ok(restored.includes(`11,00${NBSP}$`) && !restored.includes('11,77'), 'the old price is back');
  });
});
