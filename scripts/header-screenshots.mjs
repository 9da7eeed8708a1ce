#!/usr/bin/env node
// Takes the screenshots of docs/storefront.md's header: a throw-away shop (its own PostgreSQL
// database, the test catalog of tests/support/catalog_fixtures.mjs) with two items in the cart, its
// home page in French and English at 390 px (a phone) and 1280 px wide, in Debian's Chromium,
// written to docs/img/header-{fr,en}-{390,1280}.png. The top of the page only: the header and what
// follows it, which is what the phone's first screen shows.
//
//   COMPTOIR_BIN=build/debug/comptoir COMPTOIR_TEST_DATABASE_URL=postgres://… \
//     CHROMIUM_PATH=/usr/bin/chromium scripts/header-screenshots.mjs
//
// Run it again when the header's look changes, and commit the pictures with the change.
import path from 'node:path';
import { createShop } from '../tests/support/catalog_fixtures.mjs';
import { launchBrowser, openPage, settle } from '../tests/support/browser.mjs';
import { REPO_ROOT } from '../tests/support/env.mjs';
import { startServer } from '../tests/support/server.mjs';

const server = await startServer();
const browser = await launchBrowser();
try {
  await createShop(server);
  for (const [locale, home, product] of [['fr', '/fr/', '/fr/produit/theiere-en-fonte'], ['en', '/en/', '/en/product/cast-iron-teapot']]) {
    for (const width of [390, 1280]) {
      const { page, close } = await openPage(browser, `${locale}-CA`);
      await page.setViewportSize({ width, height: width === 1280 ? 600 : 844 });
      // Two teapots in the cart, added as a shopper does, so that the header shows its count.
      await page.goto(`${server.url}${product}`);
      await page.locator('#quantity').fill('2');
      await Promise.all([page.waitForURL(/\/(panier|cart)(\?|$)/), page.locator('form.add-to-cart button[type=submit]').click()]);
      await page.goto(`${server.url}${home}`);
      await settle(page);
      const name = `header-${locale}-${width}.png`;
      await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'img', name), clip: { x: 0, y: 0, width, height: width === 1280 ? 300 : 420 } });
      console.log(`docs/img/${name}  ${home}`);
      await close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
