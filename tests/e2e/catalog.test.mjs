// The catalog in a real browser (Debian's Chromium through playwright-core): walking home →
// category → product in both languages, the language switcher on a product, the no-JS variant
// form, accessibility (axe-core, WCAG 2.2 AA) and a clean console (no CSP violation: the JSON-LD
// block is data, not script).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, lang, openPage as openPageIn, pathOf, settle } from '../support/browser.mjs';
import { createShop } from '../support/catalog_fixtures.mjs';
import { startServer } from '../support/server.mjs';

let server;
let browser;
const openPage = (locale) => openPageIn(browser, locale);
before(async () => {
  server = await startServer();
  await createShop(server);
  browser = await launchBrowser();
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  await server?.stop();
});

const heading = (page) => page.locator('h1').innerText();

async function follow(page, locator, path) {
  await Promise.all([page.waitForURL((url) => url.pathname === path), locator.click()]);
  await settle(page);
}

// Images above the fold were fetched and decoded (their srcset variants exist).
async function eagerImagesLoaded(page) {
  return page.evaluate(() => [...document.querySelectorAll('img[loading="eager"]')]
    .every((img) => img.complete && img.naturalWidth > 0));
}

describe('walking the shop', { timeout: 90_000 }, () => {
  const walks = [
    ['fr', 'fr-CA', '/fr/', 'Cuisine', '/fr/categorie/cuisine', 'Théière en fonte', '/fr/produit/theiere-en-fonte'],
    ['en', 'en-CA', '/en/', 'Kitchen', '/en/category/kitchen', 'Cast iron teapot', '/en/product/cast-iron-teapot'],
  ];
  for (const [locale, tag, home, category, categoryPath, product, productPath] of walks) {
    test(`home → category → product in ${locale}`, async () => {
      const { page, problems, close } = await openPage(tag);
      try {
        await page.goto(`${server.url}${home}`);
        assert.equal(await lang(page), tag);
        await follow(page, page.locator('.category-card__link', { hasText: category }), categoryPath);
        assert.equal(await heading(page), category);
        assert.equal(await lang(page), tag);
        // The whole card is the link: a click on the picture opens the product.
        const card = page.locator('.product-card', { has: page.locator(`a[href="${productPath}"]`) });
        const box = await card.locator('img').boundingBox();
        await Promise.all([
          page.waitForURL((url) => url.pathname === productPath),
          page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
        ]);
        await settle(page);
        assert.equal(await heading(page), product);
        assert.equal(await lang(page), tag);
        assert.ok(await eagerImagesLoaded(page), 'the main picture loaded');
        assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  test('the language switcher on a product lands on the same product in the other language', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await page.goto(`${server.url}/fr/produit/theiere-en-fonte`);
      await follow(page, page.locator('.locale-switcher a[hreflang="en"]'), '/en/product/cast-iron-teapot');
      assert.equal(await lang(page), 'en-CA');
      assert.equal(await heading(page), 'Cast iron teapot');
      await follow(page, page.locator('.locale-switcher a[hreflang="fr"]'), '/fr/produit/theiere-en-fonte');
      assert.equal(await lang(page), 'fr-CA');
      assert.equal(await heading(page), 'Théière en fonte');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the variant choice works with the keyboard and without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'en-CA', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/en/product/cast-iron-teapot`);
      const small = page.getByLabel(/Small/);
      const large = page.getByLabel(/Large/);
      assert.ok(await small.isChecked(), 'the available variant is preselected');
      assert.ok(await large.isDisabled(), 'the sold-out variant cannot be chosen');
      await small.focus();
      const outline = await small.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'focus is visible');
      assert.equal(await page.locator('form.add-to-cart').getAttribute('action'), '/en/cart');
    } finally {
      await context.close();
    }
  });

  test('search from the header finds a product and highlights the match', async () => {
    const { page, problems, close } = await openPage('fr-CA');
    try {
      await page.goto(`${server.url}/fr/`);
      await page.getByRole('searchbox', { name: 'Rechercher un produit' }).fill('théière');
      await Promise.all([page.waitForURL((url) => url.pathname === '/fr/produits'), page.keyboard.press('Enter')]);
      await settle(page);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'théière');
      assert.ok(await page.locator('a[href="/fr/produit/theiere-en-fonte"]').count() > 0);
      assert.ok(await page.locator('.product-card mark').count() > 0, 'matches are marked');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('the price filter form narrows a category', async () => {
    const { page, problems, close } = await openPage('en-CA');
    try {
      await page.goto(`${server.url}/en/category/garden`);
      await page.getByLabel('Minimum ($)').fill('30');
      await page.getByLabel('Maximum ($)').fill('32');
      await Promise.all([page.waitForURL((url) => url.searchParams.get('min') === '30'), page.getByRole('button', { name: 'Apply' }).click()]);
      await settle(page);
      assert.equal(await page.locator('.product-card').count(), 3);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA)', { timeout: 120_000 }, () => {
  const pages = [
    '/fr/', '/en/',
    '/fr/categorie/the', '/en/category/tea', '/en/category/garden?page=2',
    '/fr/produit/theiere-en-fonte', '/en/product/cast-iron-teapot',
    '/fr/produits?q=th%C3%A9', '/en/products?q=teapto', '/en/products',
    '/fr/produit/inexistant', '/en/product/missing',
  ];
  for (const path of pages) {
    test(`${path} has no axe violations and a clean console`, async () => {
      const { page, problems, close } = await openPage();
      try {
        await page.goto(`${server.url}${path}`);
        await settle(page);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
        assert.deepEqual(report, [], `axe violations on ${path}`);
        assert.equal(await page.locator('h1').count(), 1, 'one h1');
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }
});
