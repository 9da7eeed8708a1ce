// The header as a shopper sees it, in Debian's chromium: compact on a phone (390 px) and on one
// line on a desktop (1280 px), the cart count filled in by the page's script from its cookie, and
// the visit's Core Web Vitals sent to /vitals when the page is left — in French and English, axe
// clean.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, launchBrowser, openPage, settle } from '../support/browser.mjs';
import { createShop } from '../support/catalog_fixtures.mjs';
import { metricValue } from '../support/metrics.mjs';
import { startServer } from '../support/server.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  await createShop(server);
  browser = await launchBrowser();
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  await server?.stop();
});

const box = (page, selector) => page.locator(selector).first().boundingBox();

const metric = (series) => metricValue(server, series);

describe('the header', { timeout: 90_000 }, () => {
  for (const [tag, home, product, count] of [
    ['fr-CA', '/fr/', '/fr/produit/theiere-en-fonte', '(2 articles)'],
    ['en-CA', '/en/', '/en/product/cast-iron-teapot', '(2 items)'],
  ]) {
    test(`at 390 px it leaves the page's content in view; at 1280 px it is one line (${tag})`, async () => {
      const { page, problems, close } = await openPage(browser, tag);
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${server.url}${home}`);
        await settle(page);
        const header = await box(page, '.site-header');
        // It took 270 px before; shop name, links, language and search now fit in 150.
        assert.ok(header.height <= 150, `header is ${header.height} px tall at 390 px`);
        const name = await box(page, '.site-name');
        const language = await box(page, '.locale-switcher a');
        assert.ok(Math.abs(name.y + name.height / 2 - (language.y + language.height / 2)) < 12, 'language beside the name');
        const search = await box(page, '.site-search input');
        assert.ok(search.width >= 200, `the search field is ${search.width} px wide`);
        // Nothing wider than the screen.
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
        assert.deepEqual(await axeViolations(page), []);

        await page.setViewportSize({ width: 1280, height: 800 });
        await settle(page);
        const wide = await box(page, '.site-header');
        assert.ok(wide.height <= 80, `header is ${wide.height} px tall at 1280 px`);
        const centre = async (selector) => { const b = await box(page, selector); return b.y + b.height / 2; };
        const line = await centre('.site-name');
        for (const selector of ['.site-search input', '.site-nav a', '.locale-switcher a'])
          assert.ok(Math.abs((await centre(selector)) - line) < 12, `${selector} is not on the name's line`);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    test(`the cart count appears once the cart holds items, and is read out (${tag})`, async () => {
      const { page, problems, close } = await openPage(browser, tag);
      try {
        await page.goto(`${server.url}${product}`);
        await settle(page);
        assert.equal(await page.locator('.cart-count').isVisible(), false, 'no count for an empty cart');
        await page.locator('input[name="quantity"]').fill('2');
        await Promise.all([page.waitForNavigation(), page.locator('form.add-to-cart button').click()]);
        await settle(page);
        const badge = page.locator('.cart-count');
        assert.equal(await badge.isVisible(), true);
        assert.equal(await badge.locator('[aria-hidden="true"]').innerText(), '2');
        assert.equal((await badge.locator('.visually-hidden').textContent()).trim(), count);
        // Every page shows it, though every page is the same for every visitor.
        await page.goto(`${server.url}${home}`);
        await settle(page);
        assert.equal(await page.locator('.cart-count [aria-hidden="true"]').innerText(), '2');
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  test('leaving a page sends its Core Web Vitals to /vitals, by kind of page', async () => {
    const before = await metric('comptoir_web_vitals_cls_count{page="product"}');
    const { page, problems, close } = await openPage(browser, 'en-CA');
    try {
      await page.goto(`${server.url}/en/product/cast-iron-teapot`);
      await settle(page);
      await page.locator('input[name="quantity"]').click();  // an interaction, for INP
      const sent = page.waitForRequest((req) => req.url().endsWith('/vitals') && req.method() === 'POST');
      // Hiding the page (another tab, the phone locked) is what the library waits for.
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      });
      const beacon = await sent;
      const report = JSON.parse(beacon.postData());
      assert.equal(report.page, 'product');
      const names = report.metrics.map((m) => m.name).sort();
      assert.ok(names.includes('CLS') && names.includes('LCP'), JSON.stringify(report));
      for (let i = 0; i < 50 && (await metric('comptoir_web_vitals_cls_count{page="product"}')) === before; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await metric('comptoir_web_vitals_cls_count{page="product"}'), before + 1);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
